import { ErrorCode } from '@slack/web-api';

/**
 * Slack's own reason for a failed Web API call: the `error` field of an
 * `{ ok: false }` answer (not_in_channel, user_not_found, invalid_auth...),
 * or a short code of ours when no answer came back.
 */
export function slackErrorCode(error: unknown): string {
  const e = error as { code?: unknown; data?: { error?: unknown }; statusCode?: unknown };
  switch (e?.code) {
    case ErrorCode.PlatformError: return typeof e.data?.error === 'string' ? e.data.error : 'platform_error';
    case ErrorCode.RateLimitedError: return 'ratelimited';
    case ErrorCode.HTTPError: return `http_${String(e.statusCode)}`;
    case ErrorCode.RequestError: return 'request_failed';
    default: return 'unexpected_error';
  }
}
