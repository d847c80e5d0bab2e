import { createHmac } from 'node:crypto';

/**
 * Requests into the app as Slack sends them: a body (form-encoded for
 * commands and interactivity, JSON for events) signed with HMAC-SHA256 over
 * `v0:<timestamp>:<body>` under the signing secret, the hex digest sent as
 * X-Slack-Signature `v0=<digest>` beside X-Slack-Request-Timestamp.
 */
export function slackSignature(secret: string, timestamp: number | string, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export const FORM = 'application/x-www-form-urlencoded';
export const JSON_TYPE = 'application/json';

export interface SendOptions {
  secret: string;
  contentType?: string;
  /** Unix seconds; now by default. */
  timestamp?: number;
  /** Overrides the computed signature (forgeries); null sends none. */
  signature?: string | null;
  retryNum?: number;
}

export interface AppResponse {
  status: number;
  text: string;
  json: Record<string, unknown> | undefined;
}

export async function sendToApp(url: string, body: string, options: SendOptions): Promise<AppResponse> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = options.signature === undefined ? slackSignature(options.secret, timestamp, body) : options.signature;
  const headers: Record<string, string> = {
    'content-type': options.contentType ?? FORM,
    'x-slack-request-timestamp': String(timestamp),
    ...(signature !== null && { 'x-slack-signature': signature }),
    ...(options.retryNum !== undefined && { 'x-slack-retry-num': String(options.retryNum), 'x-slack-retry-reason': 'http_timeout' }),
  };
  const response = await fetch(url, { method: 'POST', headers, body });
  const text = await response.text();
  let json: Record<string, unknown> | undefined;
  try {
    json = text === '' ? undefined : JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json };
}

export function commandBody(fields: { text: string; userId: string; channelId: string; triggerId: string; responseUrl: string }): string {
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: 'T0FAKE',
    team_domain: 'fake-psw',
    channel_id: fields.channelId,
    channel_name: 'psw-south-west',
    user_id: fields.userId,
    user_name: 'someone',
    command: '/psw',
    text: fields.text,
    api_app_id: 'A0FAKE',
    is_enterprise_install: 'false',
    response_url: fields.responseUrl,
    trigger_id: fields.triggerId,
  }).toString();
}

export function interactionBody(payload: unknown): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
