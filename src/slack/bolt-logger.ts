import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../logger.ts';

/**
 * Bolt and the Web API client log through this, so their lines join ours as
 * structured JSON with `source: "bolt"`. Their debug output is dropped: it
 * carries request and response bodies, i.e. message text and people's names.
 * Known warnings get a stable `code`, and the two that would quote a
 * request body lose that quotation.
 */
const KNOWN: { prefix: string; code: string; keepDetail: boolean }[] = [
  { prefix: 'Malformed request body', code: 'malformed-payload', keepDetail: false },
  { prefix: 'Failed to parse the request body', code: 'malformed-payload', keepDetail: false },
  { prefix: 'Failed to parse and verify the request data', code: 'bad-signature', keepDetail: true },
  { prefix: 'Request body exceeded the maximum allowed size', code: 'payload-too-large', keepDetail: true },
  { prefix: 'An incoming event was not acknowledged within', code: 'not-acknowledged', keepDetail: true },
];

export function boltLogger(log: Logger): BoltLogger {
  const child = log.child({ source: 'bolt' });
  const write = (level: 'info' | 'warn' | 'error', args: unknown[]): void => {
    const [first, ...rest] = args;
    if (first instanceof Error) {
      child[level]({ err: first }, first.message);
      return;
    }
    const message = typeof first === 'string' ? first : String(first);
    const known = KNOWN.find((k) => message.startsWith(k.prefix));
    const errors = rest.filter((r): r is Error => r instanceof Error);
    const fields = { ...(known && { code: known.code }), ...(errors[0] && { err: errors[0] }) };
    child[level](fields, known && !known.keepDetail ? known.prefix : message);
  };
  return {
    debug: () => undefined,
    info: (...args: unknown[]) => write('info', args),
    warn: (...args: unknown[]) => write('warn', args),
    error: (...args: unknown[]) => write('error', args),
    // The root logger's level (LOG_LEVEL) decides; Bolt's own setting is ignored.
    setLevel: () => undefined,
    getLevel: () => LogLevel.INFO,
    setName: () => undefined,
  };
}
