import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * No Docker engine runs where these tests run, so the image cannot be built
 * here. These checks keep the Dockerfile honest about what it relies on.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
const instructions = dockerfile.split('\n').filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
const finalStage = instructions.slice(instructions.findLastIndex((l) => l.startsWith('FROM ')));

describe('Dockerfile', () => {
  it('runs the Node version package-lock.json pins for the `node` runtime devDependency', () => {
    const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> };
    const pinned = lock.packages['node_modules/node']?.version;
    expect(pinned).toMatch(/^24\./);
    expect(dockerfile).toContain(`ARG NODE_VERSION=${pinned}\n`);
    expect(instructions.filter((l) => l.startsWith('FROM ')).every((l) => l.startsWith('FROM node:${NODE_VERSION}-'))).toBe(true);
  });

  it('installs production dependencies only, from the lockfile', () => {
    expect(dockerfile).toMatch(/RUN npm ci --omit=dev /);
  });

  it('runs as an unprivileged user, with a health check, starting node directly so SIGTERM reaches the bot', () => {
    expect(finalStage).toContain('USER node');
    expect(finalStage.find((l) => l.startsWith('HEALTHCHECK '))).toContain('CMD ["node", "src/cli/healthcheck.ts"]');
    expect(finalStage.at(-1)).toBe('CMD ["node", "src/main.ts"]');
  });

  it('copies files that exist, and everything the entry points import', () => {
    const sources = finalStage.filter((l) => l.startsWith('COPY ') && !l.includes('--from')).map((l) => l.split(/\s+/)[1]!);
    for (const source of sources) expect(existsSync(path.join(ROOT, source)), source).toBe(true);
    for (const script of ['src/main.ts', 'src/cli/healthcheck.ts', 'src/cli/migrate.ts']) expect(existsSync(path.join(ROOT, script))).toBe(true);
    // Top-level folders imported by src/ must be copied.
    expect(sources).toEqual(expect.arrayContaining(['src', 'commands', 'jobs', 'data/frameworks']));
  });
});
