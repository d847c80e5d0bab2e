import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, type CustomRoute } from '@slack/bolt';
import type { RetryOptions } from '@slack/web-api';
import type { CommandDefinition } from '../../commands/types.ts';
import type { SlackSettings } from '../config.ts';
import type { FrameworkCatalogue } from '../domain/frameworks.ts';
import { ConfigError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../store/store.ts';
import { boltLogger } from './bolt-logger.ts';
import { realDeadline, type Deadline, type SlackDeps } from './deps.ts';
import { registerListeners } from './listeners/index.ts';
import { slackErrorCode } from './slack-errors.ts';
import { SlackMessenger } from './slack-messenger.ts';
import { UserDirectory } from './user-directory.ts';

/**
 * Web API calls are retried three times, backing off from one second to
 * ten (about fifteen seconds in all), and each call gives up after ten
 * seconds. The client's default (ten retries over half an hour) would make
 * a wrong SLACK_API_URL look like a hang. A 429 is waited out for its
 * Retry-After, which counts as one of the retries.
 */
export const PRODUCTION_RETRIES: RetryOptions = { retries: 3, factor: 2, minTimeout: 1_000, maxTimeout: 10_000, randomize: true };
const API_TIMEOUT_MS = 10_000;
/** Leaves a second of Slack's three for the network on the way back. */
const ACK_BUDGET_MS = 2_000;

export interface SlackAppOptions {
  settings: SlackSettings;
  store: Store;
  shippedFrameworks: FrameworkCatalogue;
  timeZone: string;
  log: Logger;
  commands: readonly CommandDefinition[];
  clock: () => Date;
  retryConfig?: RetryOptions;
  ackBudgetMs?: number;
  deadline?: (ms: number) => Deadline;
  userNameTtlMs?: number;
  commandExtras?: SlackDeps['commandExtras'];
}

export interface SlackFrontEnd {
  mode: 'http' | 'socket';
  /** The port serving /slack/events (HTTP mode) and /healthz. */
  port: number;
  app: App;
  /** For jobs: the same client, names and rendering as the listeners use. */
  messenger: SlackMessenger;
  stop(): Promise<void>;
}

/** Slack's answers to auth.test that mean the bot token itself is wrong. */
const BAD_TOKEN = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired', 'not_allowed_token_type']);

/**
 * Builds the Bolt app from the settings and starts it: over HTTP on PORT
 * (commands, interactivity and events all on POST /slack/events), or over
 * Socket Mode when SLACK_APP_TOKEN is set. Either way GET /healthz answers
 * with the store's state. The token is checked with Slack (auth.test)
 * before anything listens, so a wrong one stops start-up with a message
 * naming the setting.
 */
export async function startSlack(options: SlackAppOptions): Promise<SlackFrontEnd> {
  const { settings, log } = options;
  const mode = settings.appToken === undefined ? 'http' : 'socket';
  const app = new App({
    token: settings.botToken,
    signingSecret: settings.signingSecret,
    ...(settings.appToken !== undefined && { appToken: settings.appToken, socketMode: true }),
    port: settings.port,
    customRoutes: [healthRoute(options.store, mode, log)],
    deferInitialization: true,
    convoStore: false,
    logger: boltLogger(log),
    clientOptions: {
      slackApiUrl: settings.apiUrl,
      retryConfig: options.retryConfig ?? PRODUCTION_RETRIES,
      timeout: API_TIMEOUT_MS,
    },
  });
  const users = new UserDirectory(app.client, options.clock, log, options.userNameTtlMs);
  const messenger = new SlackMessenger(app.client, users, log);
  const deps: SlackDeps = {
    store: options.store,
    shippedFrameworks: options.shippedFrameworks,
    timeZone: options.timeZone,
    log,
    clock: options.clock,
    commands: options.commands,
    users,
    messenger,
    ackBudgetMs: options.ackBudgetMs ?? ACK_BUDGET_MS,
    deadline: options.deadline ?? realDeadline,
    ...(options.commandExtras && { commandExtras: options.commandExtras }),
  };
  registerListeners(app, deps);
  app.error(async (error) => {
    log.error({ frontEnd: 'slack', code: error.code, err: { name: error.name, message: error.message } }, 'a Slack listener failed');
    return Promise.reject(error);
  });

  await checkToken(app, settings);
  const started = await listen(app, settings);
  const port = mode === 'http' ? ((started as Server).address() as AddressInfo).port : settings.port;
  return { mode, port, app, messenger, stop: () => app.stop() as Promise<void> };
}

/** Starts listening; in Socket Mode that means asking Slack for a socket with the app-level token. */
async function listen(app: App, settings: SlackSettings): Promise<unknown> {
  try {
    return await app.start(settings.port);
  } catch (error) {
    if (settings.appToken === undefined) throw error;
    // The health port may already be open; close it so the process can exit.
    await (app.stop() as Promise<void>).catch(() => undefined);
    const code = slackErrorCode(error);
    throw new ConfigError(BAD_TOKEN.has(code)
      ? `Slack refused SLACK_APP_TOKEN (${code}). Create an app-level token with the connections:write scope under "Basic Information" > "App-Level Tokens" (it starts xapp-), or unset SLACK_APP_TOKEN to receive requests over HTTP.`
      : `Could not open a Socket Mode connection with SLACK_APP_TOKEN (${code}). Check that Socket Mode is enabled for the app, or unset SLACK_APP_TOKEN to receive requests over HTTP.`);
  }
}

async function checkToken(app: App, settings: SlackSettings): Promise<void> {
  try {
    await app.init();
  } catch (error) {
    const code = slackErrorCode(error);
    if (BAD_TOKEN.has(code)) {
      throw new ConfigError(`Slack refused SLACK_BOT_TOKEN (${code}). Copy the Bot User OAuth Token (it starts xoxb-) from your Slack app's "OAuth & Permissions" page, after installing the app to your workspace.`);
    }
    if (code === 'request_failed' || code.startsWith('http_')) {
      throw new ConfigError(`Could not reach the Slack Web API at SLACK_API_URL=${settings.apiUrl} to check SLACK_BOT_TOKEN (${code}). Check the network, or unset SLACK_API_URL to use Slack's own address.`);
    }
    throw new ConfigError(`Slack did not accept SLACK_BOT_TOKEN when checking it (${code}). See "Connect to Slack" in the README.`);
  }
}

/** GET /healthz: 200 with the store's state while it is healthy, 503 when it is not. */
function healthRoute(store: Store, mode: 'http' | 'socket', log: Logger): CustomRoute {
  return {
    path: '/healthz',
    method: ['GET'],
    handler: (_req: IncomingMessage, res: ServerResponse) => {
      store.health().then(
        (health) => {
          res.writeHead(health.ok ? 200 : 503, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ ok: health.ok, frontEnd: 'slack', mode, store: health }));
        },
        (error: unknown) => {
          log.error({ err: error }, 'health check failed');
          res.writeHead(503, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ ok: false, frontEnd: 'slack', mode }));
        },
      );
    },
  };
}
