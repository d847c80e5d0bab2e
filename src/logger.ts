import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * The one root logger. It writes JSON to stderr so that stdout stays free for
 * replies (the local shell's output can be piped). Callers derive child
 * loggers with context (network, actionId, job); user IDs and tokens never go
 * into message strings.
 */
export function createLogger(level: string, base: Record<string, unknown> = {}): Logger {
  return pino(
    {
      level,
      base: { pid: process.pid, ...base },
      redact: { paths: ['token', '*.token', 'headers.authorization', '*.signingSecret', 'privateKey', '*.privateKey', '*.*.privateKey'], censor: '[redacted]' },
    },
    pino.destination(2),
  );
}

export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
