import { createInterface } from 'node:readline';
import { pino } from 'pino';
import { scheduledJobs } from '../../../jobs/index.ts';
import { loadConfig } from '../../../src/config.ts';
import { createMessenger } from '../../../src/messaging/create-messenger.ts';
import { createRuntime } from '../../../src/runtime.ts';
import { startJobs } from '../../../src/scheduling/start.ts';

/**
 * One replica running the scheduled jobs on a shared PostgreSQL database,
 * sending through Slack (a fake Slack Web API), with the scheduler's clock
 * fixed at `now` (this script's own argument; the bot has no such setting).
 *
 * Commands (JSON lines on stdin): {"do":"stop"}. Events (JSON lines on
 * stdout): ready; leader and not-leader when it becomes or stops being the
 * scheduler leader, leadership-lost as soon as its connection breaks; run-starting and run-finished {sent} for each job run;
 * claimed-elsewhere for each message another run claimed and did not confirm;
 * stopped {led, runs}, how often it led and started a run, once stopped and closed.
 * Events come from the bot's own structured log lines, which go to stderr too.
 */
const [url, name, now, slackApiUrl, token, frameworksDir] = process.argv.slice(2);
if (!url || !name || !now || !slackApiUrl || !token || !frameworksDir) throw new Error('usage: scheduler.ts <database url> <replica name> <now> <Slack API URL> <bot token> <frameworks dir>');

const emit = (event: string, data: Record<string, unknown> = {}): void => {
  process.stdout.write(`${JSON.stringify({ event, replica: name, ...data })}\n`);
};

const EVENTS: Record<string, string> = {
  'lost leadership': 'leadership-lost',
  'became the scheduler leader: this replica runs the jobs': 'leader',
  'no longer the scheduler leader (leadership lost): jobs stopped between two messages; waiting to lead again': 'not-leader',
  'no longer the scheduler leader: stopped and released the leadership': 'not-leader',
  'job run starting': 'run-starting',
  'job run finished': 'run-finished',
  'message claimed by another run that has not confirmed it (still sending, or stopped mid-send): not sent again': 'claimed-elsewhere',
};
const counts = { led: 0, runs: 0 };
const log = pino({ level: 'info', base: { replica: name } }, {
  write(line: string): void {
    process.stderr.write(line);
    const entry = JSON.parse(line) as { msg?: string; job?: string; sent?: number };
    const event = EVENTS[entry.msg ?? ''];
    if (!event) return;
    if (event === 'leader') counts.led++;
    if (event === 'run-starting') counts.runs++;
    emit(event, { job: entry.job, sent: entry.sent });
  },
});

try {
  const config = loadConfig({
    DATABASE_URL: url, REPLICA_NAME: name, FRAMEWORKS_DIR: frameworksDir, MESSAGE_PACING_MS: '0',
    SLACK_BOT_TOKEN: token, SLACK_SIGNING_SECRET: 'test-signing-secret', SLACK_API_URL: slackApiUrl,
  });
  const runtime = await createRuntime(config, log);
  const jobs = await startJobs(runtime, createMessenger(runtime, process.stderr), scheduledJobs(config), { clock: () => new Date(now) });
  emit('ready');
  for await (const line of createInterface({ input: process.stdin })) {
    const command = JSON.parse(line) as { do: 'stop' };
    if (command.do === 'stop') {
      await jobs.stop();
      await runtime.store.close();
      emit('stopped', counts);
      break;
    }
  }
} catch (error) {
  emit('failed', { error: error instanceof Error ? error.stack : String(error) });
}
