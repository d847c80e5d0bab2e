import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { performance } from 'node:perf_hooks';
import { App } from '@slack/bolt';
import { runCommand } from '../commands/dispatch.ts';
import { COMMANDS } from '../commands/index.ts';
import { addAction } from '../src/app/actions.ts';
import { linkChannel } from '../src/app/networks.ts';
import { loadShippedFrameworks } from '../src/framework-files.ts';
import { silentLogger } from '../src/logger.ts';
import { boltLogger } from '../src/slack/bolt-logger.ts';
import { renderReply } from '../src/slack/render-blocks.ts';
import { startSlack } from '../src/slack/create-app.ts';
import { MemoryStore } from '../src/store/memory-store.ts';
import { FakeSlackApi } from '../test/slack/fake-slack-api.ts';

/**
 * `node bench/slack.bench.ts`: the time from a signed `/psw action list`
 * request to the HTTP response, with 1,000 actions in the store, against a
 * bare Bolt app that only acknowledges, measured in the same run on the same
 * machine. Requests alternate between the two apps so drift affects both.
 */
const ACTIONS = 1_000;
const WARM_UP = 50;
const REQUESTS = 400;
const SECRET = 'bench-signing-secret';
const CHANNEL = 'CBENCH';
const USER = 'UBENCH1';
const NOW = new Date('2027-05-27T09:00:00+01:00');
const TIME_ZONE = 'Europe/London';

const fake = await FakeSlackApi.start();
const frameworks = await loadShippedFrameworks('data/frameworks');
const store = new MemoryStore();
const op = { shippedFrameworks: frameworks, now: NOW, timeZone: TIME_ZONE, userId: USER, channelId: CHANNEL };
await store.transaction((tx) => linkChannel({ ...op, tx }, 'South West'));
const phrases = ['Autumn 2027', 'Spring 2028', 'Ongoing', '30/09/2027', 'May-July 2027', 'Q3 2028', '2027/28', 'Summer 2026'];
for (let i = 0; i < ACTIONS; i++) {
  await store.transaction((tx) => addAction({ ...op, tx }, {
    title: `Action ${i + 1}: review casefile audit findings with the quality assurance team`,
    owner: `U${String(i % 25).padStart(4, '0')}`, timescalePhrase: phrases[i % phrases.length]!, priorities: ['CSW2122.1'],
  }));
}

const ours = await startSlack({
  settings: { botToken: fake.validToken, signingSecret: SECRET, appToken: undefined, apiUrl: fake.apiUrl, port: 0 },
  store, shippedFrameworks: frameworks, timeZone: TIME_ZONE, log: silentLogger(), commands: COMMANDS, clock: () => NOW,
});

const bare = new App({
  token: fake.validToken, signingSecret: SECRET, port: 0, deferInitialization: true, convoStore: false,
  logger: boltLogger(silentLogger()), clientOptions: { slackApiUrl: fake.apiUrl },
});
bare.command('/psw', async ({ ack }) => {
  await ack();
});
await bare.init();
const bareServer = (await bare.start(0)) as Server;

const targets = {
  bare: `http://127.0.0.1:${(bareServer.address() as AddressInfo).port}/slack/events`,
  ours: `http://127.0.0.1:${ours.port}/slack/events`,
};

let trigger = 0;
async function timedRequest(url: string): Promise<{ ms: number; bytes: number }> {
  const body = new URLSearchParams({
    command: '/psw', text: 'action list', user_id: USER, channel_id: CHANNEL, team_id: 'T0FAKE',
    trigger_id: `bench-${++trigger}`, response_url: fake.responseUrl(`bench-${trigger}`),
  }).toString();
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature },
    body,
  });
  const text = await response.text();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return { ms, bytes: Buffer.byteLength(text) };
}

for (let i = 0; i < WARM_UP; i++) {
  await timedRequest(targets.bare);
  await timedRequest(targets.ours);
}
const samples = { bare: [] as number[], ours: [] as number[] };
let bytes = 0;
for (let i = 0; i < REQUESTS; i++) {
  samples.bare.push((await timedRequest(targets.bare)).ms);
  const result = await timedRequest(targets.ours);
  samples.ours.push(result.ms);
  bytes = result.bytes;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Where the bot's extra time goes: the same command and rendering, called directly, without HTTP. */
const phases = { command: [] as number[], render: [] as number[] };
const ctx = { store, shippedFrameworks: frameworks, now: NOW, timeZone: TIME_ZONE, userId: USER, channelId: CHANNEL, log: silentLogger() };
for (let i = 0; i < REQUESTS; i++) {
  let started = performance.now();
  const result = await runCommand('/psw action list', ctx, COMMANDS);
  phases.command.push(performance.now() - started);
  started = performance.now();
  renderReply(result);
  phases.render.push(performance.now() - started);
}

const fmt = (ms: number): string => `${ms.toFixed(2)} ms`;
const ratio = percentile(samples.ours, 50) / percentile(samples.bare, 50);
const out = [
  `Signed /psw action list over HTTP, ${ACTIONS.toLocaleString('en-GB')} actions in a memory store, ${REQUESTS} sequential requests each (after ${WARM_UP} warm-up), alternating:`,
  `  bare Bolt app (ack only):  p50 ${fmt(percentile(samples.bare, 50))}  p95 ${fmt(percentile(samples.bare, 95))}`,
  `  PSW bot:                   p50 ${fmt(percentile(samples.ours, 50))}  p95 ${fmt(percentile(samples.ours, 95))}  (reply ${bytes.toLocaleString('en-GB')} bytes: page 1 of the list)`,
  `  ratio of p50s: ${ratio.toFixed(2)}x (target 1.5x or less)`,
  `Where the difference goes (the same work called directly, p50): the command (list, sort, format ${ACTIONS.toLocaleString('en-GB')} rows) ${fmt(percentile(phases.command, 50))}, Block Kit rendering of all of them into pages ${fmt(percentile(phases.render, 50))}`,
];
process.stdout.write(`${out.join('\n')}\n`);

await ours.stop();
await bare.stop();
await fake.close();
