import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for Slack's Web API on 127.0.0.1, speaking its wire format:
 * requests are form-encoded (objects such as blocks and views JSON-encoded
 * inside fields, as @slack/web-api sends them), the token comes as a Bearer
 * header, answers are JSON `{ ok: true, ... }` or `{ ok: false, error }`, and
 * a rate limit is HTTP 429 with Retry-After. It also accepts posts to
 * response_urls (JSON bodies), which Slack hosts on hooks.slack.com.
 *
 * Nothing here reaches the internet; every call is recorded for assertions.
 */
export interface ApiCall {
  method: string;
  params: Record<string, unknown>;
  token: string | undefined;
  contentType: string | undefined;
}

export interface ResponseUrlPost {
  id: string;
  body: Record<string, unknown>;
}

export interface FakeAnswer {
  status?: number;
  headers?: Record<string, string>;
  body: unknown;
}

export interface FakeUser {
  id: string;
  name: string;
  realName: string;
  displayName: string;
}

type Recorded = { kind: 'api'; call: ApiCall } | { kind: 'response'; post: ResponseUrlPost };

export class FakeSlackApi {
  readonly calls: ApiCall[] = [];
  readonly responses: ResponseUrlPost[] = [];
  readonly users = new Map<string, FakeUser>();
  /** Channels the bot is not in; chat.postMessage there answers not_in_channel. */
  readonly notInChannel = new Set<string>();
  /** Of those, the public ones conversations.join may enter. */
  readonly joinable = new Set<string>();
  validToken = 'xoxb-fake-valid-token';
  readonly #server: Server;
  readonly #once = new Map<string, FakeAnswer[]>();
  readonly #waiters: { match: (r: Recorded) => boolean; resolve: () => void }[] = [];
  readonly #holds = new Map<string, number>();
  readonly #held: (() => void)[] = [];
  #sequence = 0;

  private constructor(server: Server) {
    this.#server = server;
  }

  static async start(): Promise<FakeSlackApi> {
    const server = createServer();
    const fake = new FakeSlackApi(server);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      fake.handle(req, res).catch((error: unknown) => {
        res.writeHead(500);
        res.end(String(error));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** What SLACK_API_URL is set to: it must end in /api/. */
  get apiUrl(): string {
    return `${this.origin}/api/`;
  }

  responseUrl(id: string): string {
    return `${this.origin}/response/${id}`;
  }

  /** The next call to `method` gets this answer instead of the usual one. */
  answerOnce(method: string, answer: FakeAnswer): void {
    const queue = this.#once.get(method) ?? [];
    queue.push(answer);
    this.#once.set(method, queue);
  }

  /**
   * Calls to `method` after the first `answered` are recorded (they have
   * reached Slack) but not answered until `release()`: a request in flight,
   * for stopping its sender mid-send.
   */
  holdAfter(method: string, answered: number): void {
    this.#holds.set(method, answered);
  }

  /** Answers the held calls and holds no more. */
  release(): void {
    this.#holds.clear();
    for (const answer of this.#held.splice(0)) answer();
  }

  callsTo(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  responsesTo(id: string): Record<string, unknown>[] {
    return this.responses.filter((r) => r.id === id).map((r) => r.body);
  }

  /** Resolves once `count` calls to `method` have arrived (listeners that work after their ack). */
  waitForCalls(method: string, count = 1): Promise<ApiCall[]> {
    return this.#waitFor(() => this.callsTo(method).length >= count).then(() => this.callsTo(method));
  }

  waitForResponses(id: string, count = 1): Promise<Record<string, unknown>[]> {
    return this.#waitFor(() => this.responsesTo(id).length >= count).then(() => this.responsesTo(id));
  }

  close(): Promise<void> {
    this.release();
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }

  #waitFor(done: () => boolean): Promise<void> {
    if (done()) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ match: done, resolve }));
  }

  #record(recorded: Recorded): void {
    if (recorded.kind === 'api') this.calls.push(recorded.call);
    else this.responses.push(recorded.post);
    for (const waiter of [...this.#waiters]) {
      if (waiter.match(recorded)) {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', this.origin);
    const responseMatch = /^\/response\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'POST' && responseMatch) {
      this.#record({ kind: 'response', post: { id: responseMatch[1]!, body: JSON.parse(raw) as Record<string, unknown> } });
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
      return;
    }
    const apiMatch = /^\/api\/([a-zA-Z.]+)$/.exec(url.pathname);
    if (req.method !== 'POST' || !apiMatch) {
      res.writeHead(404);
      res.end();
      return;
    }
    const contentType = req.headers['content-type'];
    const params = decodeForm(raw);
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const call: ApiCall = { method: apiMatch[1]!, params, token: bearer ?? (params.token as string | undefined), contentType };
    this.#record({ kind: 'api', call });
    const answered = this.#holds.get(call.method);
    if (answered !== undefined && this.callsTo(call.method).length > answered) await new Promise<void>((resolve) => this.#held.push(resolve));
    const answer = this.#once.get(call.method)?.shift() ?? this.#answer(call);
    res.writeHead(answer.status ?? 200, { 'content-type': 'application/json; charset=utf-8', ...answer.headers });
    res.end(JSON.stringify(answer.body));
  }

  #answer(call: ApiCall): FakeAnswer {
    if (call.token !== this.validToken) return { body: { ok: false, error: 'invalid_auth' } };
    const p = call.params;
    switch (call.method) {
      case 'auth.test':
        return { body: { ok: true, url: 'https://fake.slack.test/', team: 'Fake PSW', user: 'psw_bot', team_id: 'T0FAKE', user_id: 'UBOT', bot_id: 'BBOT' } };
      case 'chat.postMessage': {
        const channel = String(p.channel);
        if (this.notInChannel.has(channel)) return { body: { ok: false, error: 'not_in_channel' } };
        return { body: { ok: true, channel, ts: `1700000000.${String(++this.#sequence).padStart(6, '0')}`, message: { text: p.text } } };
      }
      case 'conversations.join': {
        const channel = String(p.channel);
        if (!this.joinable.has(channel)) return { body: { ok: false, error: 'method_not_supported_for_channel_type' } };
        this.notInChannel.delete(channel);
        return { body: { ok: true, channel: { id: channel } } };
      }
      case 'views.open':
      case 'views.publish':
      case 'views.update':
        return { body: { ok: true, view: { id: `V${String(++this.#sequence).padStart(6, '0')}`, ...(p.view as object) } } };
      case 'users.info': {
        const user = this.users.get(String(p.user));
        if (!user) return { body: { ok: false, error: 'user_not_found' } };
        return { body: { ok: true, user: { id: user.id, name: user.name, real_name: user.realName, profile: { display_name: user.displayName, real_name: user.realName } } } };
      }
      default:
        return { body: { ok: false, error: 'unknown_method' } };
    }
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Form fields, with the JSON-encoded ones (blocks, view) decoded as the real API does. */
function decodeForm(raw: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    out[key] = /^[[{]/.test(value) ? tryJson(value) : value;
  }
  return out;
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
