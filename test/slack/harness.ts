import { Writable } from 'node:stream';
import { pino } from 'pino';
import { COMMANDS } from '../../commands/index.ts';
import type { Action } from '../../src/domain/actions.ts';
import { loadShippedFrameworks } from '../../src/framework-files.ts';
import type { Logger } from '../../src/logger.ts';
import { startSlack, type SlackFrontEnd } from '../../src/slack/create-app.ts';
import type { Deadline } from '../../src/slack/deps.ts';
import { MemoryStore } from '../../src/store/memory-store.ts';
import { FakeSlackApi } from './fake-slack-api.ts';
import { commandBody, interactionBody, JSON_TYPE, sendToApp, type AppResponse, type SendOptions } from './signed-requests.ts';

export const SECRET = 'test-signing-secret-0123456789abcdef';
export const CHANNEL = 'CSOUTHWEST';
export const CHAIR = 'UCHAIR1';
export const MEMBER = 'UMEMBER1';
export const VIEWER = 'UVIEWER1';
/** Thursday 27 May 2027, mid-morning in London. */
export const START = new Date('2027-05-27T09:00:00+01:00');

/** Log lines as written, for asserting on structure and on what is never logged. */
export class LogCapture {
  readonly lines: Record<string, unknown>[] = [];
  readonly raw: string[] = [];
  readonly logger: Logger;

  constructor() {
    const sink = new Writable({
      write: (chunk: Buffer, _enc, done) => {
        const text = chunk.toString('utf8');
        this.raw.push(text);
        for (const line of text.split('\n').filter(Boolean)) this.lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    this.logger = pino({ level: 'info' }, sink);
  }

  withCode(code: string): Record<string, unknown>[] {
    return this.lines.filter((l) => l.code === code);
  }
}

/** A deadline that never comes: commands here finish long before Slack's 3 seconds. */
const never = (): Deadline => ({ reached: new Promise<void>(() => undefined), cancel: () => undefined });

export interface Harness {
  fake: FakeSlackApi;
  store: MemoryStore;
  slack: SlackFrontEnd;
  logs: LogCapture;
  url: string;
  now: { current: Date };
  slash(text: string, who?: { user?: string; channel?: string; trigger?: string; retryNum?: number }): Promise<AppResponse>;
  interact(payload: unknown, options?: Partial<SendOptions>): Promise<AppResponse>;
  event(envelope: unknown, options?: Partial<SendOptions>): Promise<AppResponse>;
  actions(): Promise<Action[]>;
  close(): Promise<void>;
}

let triggers = 0;

export async function startHarness(options: { deadline?: (ms: number) => Deadline } = {}): Promise<Harness> {
  const fake = await FakeSlackApi.start();
  for (const [id, displayName] of [[CHAIR, 'Chair Person'], [MEMBER, 'Member Person'], [VIEWER, 'Viewer Person']] as const) {
    fake.users.set(id, { id, name: displayName.toLowerCase().replace(' ', '.'), realName: displayName, displayName });
  }
  const store = new MemoryStore();
  const logs = new LogCapture();
  const now = { current: START };
  const slack = await startSlack({
    settings: { botToken: fake.validToken, signingSecret: SECRET, appToken: undefined, apiUrl: fake.apiUrl, port: 0 },
    store,
    shippedFrameworks: await loadShippedFrameworks('data/frameworks'),
    timeZone: 'Europe/London',
    log: logs.logger,
    commands: COMMANDS,
    clock: () => now.current,
    retryConfig: { retries: 2, minTimeout: 0, maxTimeout: 0 },
    deadline: options.deadline ?? never,
  });
  const url = `http://127.0.0.1:${slack.port}/slack/events`;
  return {
    fake, store, slack, logs, url, now,
    slash: (text, who = {}) => {
      const trigger = who.trigger ?? `trigger-${++triggers}`;
      return sendToApp(url, commandBody({ text, userId: who.user ?? CHAIR, channelId: who.channel ?? CHANNEL, triggerId: trigger, responseUrl: fake.responseUrl(trigger) }), {
        secret: SECRET, ...(who.retryNum !== undefined && { retryNum: who.retryNum }),
      });
    },
    interact: (payload, opts = {}) => sendToApp(url, interactionBody(payload), { secret: SECRET, ...opts }),
    event: (envelope, opts = {}) => sendToApp(url, JSON.stringify(envelope), { secret: SECRET, contentType: JSON_TYPE, ...opts }),
    actions: () => store.transaction((tx) => tx.actionsOfNetwork('SW')),
    close: async () => {
      await slack.stop();
      await fake.close();
    },
  };
}

/** A block_actions payload as Slack sends it when a button in a channel message is pressed. */
export function buttonPress(args: { actionId: string; value?: string; selected?: string; user?: string; channel?: string; responseId: string; home?: boolean }): Record<string, unknown> {
  const action = args.selected !== undefined
    ? { type: 'static_select', action_id: args.actionId, block_id: 'b1', selected_option: { text: { type: 'plain_text', text: 'x' }, value: args.selected }, action_ts: '1700000000.1' }
    : { type: 'button', action_id: args.actionId, block_id: 'b1', text: { type: 'plain_text', text: 'x' }, value: args.value, action_ts: '1700000000.1' };
  return {
    type: 'block_actions',
    user: { id: args.user ?? CHAIR, username: 'someone', team_id: 'T0FAKE' },
    api_app_id: 'A0FAKE',
    token: 'deprecated',
    trigger_id: `click-${++triggers}`,
    team: { id: 'T0FAKE', domain: 'fake-psw' },
    ...(args.home
      ? { container: { type: 'view', view_id: 'VHOME' }, view: { id: 'VHOME', type: 'home', blocks: [] } }
      : {
        container: { type: 'message', message_ts: '1700000000.000100', channel_id: args.channel ?? CHANNEL, is_ephemeral: false },
        channel: { id: args.channel ?? CHANNEL, name: 'psw-south-west' },
        message: { type: 'message', ts: '1700000000.000100', text: 'x' },
        response_url: `RESPONSE:${args.responseId}`,
      }),
    actions: [action],
  };
}

/** Swaps the RESPONSE:<id> placeholder for the fake's response_url. */
export function withResponseUrl(payload: Record<string, unknown>, fake: FakeSlackApi): Record<string, unknown> {
  const placeholder = payload.response_url;
  return typeof placeholder === 'string' && placeholder.startsWith('RESPONSE:') ? { ...payload, response_url: fake.responseUrl(placeholder.slice('RESPONSE:'.length)) } : payload;
}

/** A view_submission payload for a modal this app built, with the values someone entered. */
export function submission(args: { callbackId: string; viewId: string; metadata: string; values: Record<string, Record<string, Record<string, unknown>>>; blocks?: unknown[]; user?: string }): Record<string, unknown> {
  return {
    type: 'view_submission',
    team: { id: 'T0FAKE', domain: 'fake-psw' },
    user: { id: args.user ?? CHAIR, name: 'someone', team_id: 'T0FAKE' },
    api_app_id: 'A0FAKE',
    token: 'deprecated',
    trigger_id: `submit-${++triggers}`,
    view: {
      id: args.viewId, team_id: 'T0FAKE', type: 'modal', callback_id: args.callbackId, private_metadata: args.metadata,
      blocks: args.blocks ?? [], state: { values: args.values }, hash: 'h1', title: { type: 'plain_text', text: 'x' },
    },
    response_urls: [],
  };
}
