import cron from 'node-cron';
import type { Logger } from '../logger.ts';

export interface Heartbeat {
  stop(): Promise<void>;
}

/**
 * The only use of node-cron: a beat at the start of every minute, in UTC.
 *
 * Why UTC and not the bot's zone: node-cron in Europe/London skips times in
 * the spring-forward hour (a 01:30 job does not run on the last Sunday of
 * March) and a per-minute task there falls silent for the whole repeated hour
 * in October. UTC has neither, so the beat never stops; which local-time
 * slots are due is decided by the Scheduler from the store's records (see
 * src/domain/cron.ts for what happens at clock changes).
 */
export function startHeartbeat(onBeat: (now: Date) => Promise<unknown>, log: Logger): Heartbeat {
  const cronLog = log.child({ component: 'node-cron' });
  const task = cron.schedule('* * * * *', async () => {
    try {
      await onBeat(new Date());
    } catch (error) {
      log.error({ err: error }, 'scheduler tick failed; the next beat tries again');
    }
  }, {
    timezone: 'Etc/UTC',
    name: 'psw-scheduler-heartbeat',
    noOverlap: true,
    suppressMissedWarning: true,
    logger: {
      info: (message) => cronLog.debug(message),
      warn: (message) => cronLog.warn(message),
      error: (message, err) => cronLog.error({ err: err ?? message }, typeof message === 'string' ? message : 'node-cron error'),
      debug: (message) => cronLog.debug({ detail: String(message) }, 'node-cron debug'),
    },
  });
  return {
    async stop() {
      await task.destroy();
    },
  };
}
