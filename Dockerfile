# syntax=docker/dockerfile:1
#
# PSW Network Bot, one replica:
#   docker build -t psw-bot .
#   docker run -e DATABASE_URL=postgres://... -e REPLICA_NAME=psw-bot-1 psw-bot
# See "Deploying two replicas with Postgres" in README.md.
#
# The runtime. On developer machines and in CI the `node` npm devDependency
# supplies Node 24 to every npm script. This image does not install it (it
# would add a second Node binary and, with it, every other devDependency):
# the base image's own Node is the runtime, pinned to the exact version
# package-lock.json pins for that devDependency. test/deploy/dockerfile.test.ts
# fails if the two drift apart. Node 24 runs the TypeScript sources as they
# are (type stripping), so there is no build step and no TypeScript in the image.
ARG NODE_VERSION=24.21.0

FROM node:${NODE_VERSION}-bookworm-slim AS dependencies
WORKDIR /app
COPY package.json package-lock.json ./
# Production dependencies only, exactly as the lockfile pins them. None of
# them needs an install script, so none is run.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

FROM node:${NODE_VERSION}-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=dependencies /app/node_modules ./node_modules
COPY package.json ./
COPY src ./src
COPY commands ./commands
COPY jobs ./jobs
COPY data/frameworks ./data/frameworks
# Only the JSON data file (used when DATABASE_URL is not set) is written at
# run time; everything else stays owned by root and read-only to the bot.
RUN mkdir -p /app/data && chown node:node /app/data
VOLUME ["/app/data"]
# The unprivileged user the official Node images provide (uid 1000).
USER node
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["node", "src/cli/healthcheck.ts"]
# Node runs as PID 1, not under `npm start`: npm does not pass SIGTERM on,
# and the bot needs it to finish in-flight work and let go of its database
# locks before the platform kills it. (PID 1 gets only the signals it
# handles; the bot handles SIGTERM and SIGINT, and starts no child processes
# that would need reaping.)
STOPSIGNAL SIGTERM
CMD ["node", "src/main.ts"]
