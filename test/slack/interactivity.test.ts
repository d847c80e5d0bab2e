import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTION } from '../../src/slack/interaction-ids.ts';
import { buttonPress, CHAIR, MEMBER, startHarness, VIEWER, withResponseUrl, type Harness } from './harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
  await h.slash('network link South West');
  await h.slash(`network role <@${VIEWER}> viewer`);
  await h.slash('action add Audit s42 practice <@UMEMBER1> due:"Spring 2028" priority:CSW2122.1');
});
afterEach(async () => {
  await h.close();
});

async function press(args: Parameters<typeof buttonPress>[0]): Promise<Record<string, unknown>[]> {
  const response = await h.interact(withResponseUrl(buttonPress(args), h.fake));
  expect(response.status).toBe(200);
  expect(response.text).toBe('');
  return h.fake.waitForResponses(args.responseId);
}

const textOf = (message: Record<string, unknown> | undefined): string => JSON.stringify(message?.blocks ?? []);

async function current(): Promise<{ id: string; v: string }> {
  const action = (await h.actions())[0]!;
  return { id: action.id, v: action.updatedAt };
}

describe('Mark done', () => {
  it('marks the action done as the person who pressed it and announces the completion in the channel', async () => {
    const [answer] = await press({ actionId: ACTION.done, value: JSON.stringify(await current()), user: MEMBER, responseId: 'done-1' });
    expect(answer!.response_type).toBe('in_channel');
    expect(answer!.replace_original).toBe(false);
    expect(textOf(answer)).toContain('*SW-1* marked done by <@UMEMBER1>: Audit s42 practice');
    const saved = (await h.actions())[0]!;
    expect(saved.status).toBe('done');
    expect(saved.history.at(-1)?.by).toBe(MEMBER);
  });

  it('refuses a viewer, saying why, and changes nothing', async () => {
    const [answer] = await press({ actionId: ACTION.done, value: JSON.stringify(await current()), user: VIEWER, responseId: 'done-viewer' });
    expect(answer!.response_type).toBe('ephemeral');
    expect(textOf(answer)).toMatch(/Only SW-1's owner .* or a co-chair can change it/);
    expect((await h.actions())[0]!.status).toBe('open');
  });

  it('acts on the action as it is now when it changed after the message was posted, and says so', async () => {
    const shown = await current();
    h.now.current = new Date(h.now.current.getTime() + 60_000);
    await h.slash('action update SW-1 status:blocked note:"Waiting on data"');
    const [answer] = await press({ actionId: ACTION.done, value: JSON.stringify(shown), responseId: 'done-stale' });
    expect(textOf(answer)).toContain('SW-1 had changed since this message was posted, so I acted on it as it is now.');
    expect((await h.actions())[0]!.status).toBe('done');
    expect(h.logs.withCode('stale-button')).toHaveLength(1);
  });

  it('says plainly when the action is already done (a second press)', async () => {
    const shown = await current();
    h.now.current = new Date(h.now.current.getTime() + 1_000);
    await press({ actionId: ACTION.done, value: JSON.stringify(shown), responseId: 'done-a' });
    const [second] = await press({ actionId: ACTION.done, value: JSON.stringify(shown), responseId: 'done-b' });
    expect(textOf(second)).toMatch(/had changed since.*already has those values, so nothing was changed/s);
    expect(textOf(second)).not.toContain('Usage');
    expect((await h.actions())[0]!.history).toHaveLength(2);
  });

  it('reports an action that no longer exists', async () => {
    const [answer] = await press({ actionId: ACTION.done, value: JSON.stringify({ id: 'SW-99', v: 'x' }), responseId: 'done-missing' });
    expect(textOf(answer)).toContain('There is no action SW-99 any more, so nothing was changed.');
  });

  it('tells the person when something fails on our side (the store), and logs it', async () => {
    const value = JSON.stringify(await current());
    const working = h.store.transaction.bind(h.store);
    h.store.transaction = () => Promise.reject(new Error('disk full'));
    const [answer] = await press({ actionId: ACTION.done, value, responseId: 'done-broken' });
    h.store.transaction = working;
    expect(textOf(answer)).toContain('Something went wrong on our side, and nothing was changed.');
    expect(h.logs.lines.some((l) => l.msg === 'button press failed' && l.level === 50)).toBe(true);
    expect((await h.actions())[0]!.status).toBe('open');
  });

  it('refuses a button whose value is damaged, with a message and a log line', async () => {
    const [answer] = await press({ actionId: ACTION.done, value: '{"id":', responseId: 'done-damaged' });
    expect(textOf(answer)).toMatch(/reached me damaged, so nothing was changed/);
    expect(h.logs.withCode('malformed-payload')).toHaveLength(1);
    expect((await h.actions())[0]!.status).toBe('open');
  });
});

describe('Snooze', () => {
  it('holds reminders for a week, telling only the person who chose it', async () => {
    const [answer] = await press({ actionId: ACTION.snooze, selected: JSON.stringify({ ...(await current()), l: 'week' }), user: MEMBER, responseId: 'snooze-1' });
    expect(answer!.response_type).toBe('ephemeral');
    expect(textOf(answer)).toContain('Reminders about *SW-1* are snoozed until 3 Jun 2027.');
    expect((await h.actions())[0]!.snoozedUntil).toBe('2027-06-03');
  });

  it('explains that there is no next meeting to snooze until when none is scheduled', async () => {
    const [answer] = await press({ actionId: ACTION.snooze, selected: JSON.stringify({ ...(await current()), l: 'next-meeting' }), responseId: 'snooze-2' });
    expect(textOf(answer)).toMatch(/No meeting schedule is set/);
    expect((await h.actions())[0]!.snoozedUntil).toBeNull();
  });
});

describe('Update', () => {
  it('opens a form filled with the action as it is now', async () => {
    const response = await h.interact(withResponseUrl(buttonPress({ actionId: ACTION.update, value: JSON.stringify(await current()), responseId: 'update-1' }), h.fake));
    expect(response.status).toBe(200);
    const [open] = await h.fake.waitForCalls('views.open');
    const view = open!.params.view as { callback_id: string; private_metadata: string; blocks: { block_id?: string; element?: { initial_option?: { value: string }; initial_value?: string } }[] };
    expect(view.callback_id).toBe('psw_update_action');
    expect(JSON.parse(view.private_metadata)).toMatchObject({ id: 'SW-1', c: 'CSOUTHWEST' });
    const byId = new Map(view.blocks.map((b) => [b.block_id, b.element]));
    expect(byId.get('status')?.initial_option?.value).toBe('open');
    expect(byId.get('rag')?.initial_option?.value).toBe('auto');
    expect(byId.get('timescale')?.initial_value).toBe('Spring 2028');
    expect(String(open!.params.trigger_id)).toMatch(/^click-/);
  });
});

describe('controls the bot does not know', () => {
  it('acknowledges an unknown action ID, answers plainly and changes nothing', async () => {
    const [answer] = await press({ actionId: 'psw_launch_rockets', value: '{}', responseId: 'unknown-1' });
    expect(textOf(answer)).toMatch(/That button is not one I recognise/);
    expect(h.logs.withCode('unknown-action')).toHaveLength(1);
    expect((await h.actions())[0]!.status).toBe('open');
  });
});

describe('retries from Slack never act twice', () => {
  it('adds one action when the same slash command is delivered twice (X-Slack-Retry-Num)', async () => {
    const line = 'action add Publish the regional action plan <@UCHAIR1> due:"Autumn 2027" priority:CSW2122.4';
    const first = await h.slash(line, { trigger: 'retried-add' });
    const retry = await h.slash(line, { trigger: 'retried-add', retryNum: 1 });
    expect(first.json?.response_type).toBe('in_channel');
    expect(retry.json?.response_type).toBe('ephemeral');
    expect(JSON.stringify(retry.json)).toContain('already reached me and was dealt with');
    expect((await h.actions()).filter((a) => a.title === 'Publish the regional action plan')).toHaveLength(1);
    expect(h.logs.withCode('duplicate-request')).toHaveLength(1);
  });

  it('posts a changeless announcement (a posted agenda) once when the command is delivered twice', async () => {
    const first = await h.slash('agenda post', { trigger: 'retried-agenda' });
    const retry = await h.slash('agenda post', { trigger: 'retried-agenda', retryNum: 1 });
    expect(first.json?.response_type).toBe('in_channel');
    expect(retry.json?.response_type).toBe('ephemeral');
  });

  it('still runs a command that only reads when it arrives again', async () => {
    const first = await h.slash('action list', { trigger: 'retried-list' });
    const retry = await h.slash('action list', { trigger: 'retried-list', retryNum: 1 });
    expect(retry.json?.blocks).toEqual(first.json?.blocks);
  });
});

describe('who the bot answers', () => {
  it('names the owner in the update form without a look-up (mentions render in mrkdwn)', async () => {
    await h.interact(withResponseUrl(buttonPress({ actionId: ACTION.update, value: JSON.stringify(await current()), user: CHAIR, responseId: 'update-2' }), h.fake));
    const [open] = await h.fake.waitForCalls('views.open');
    expect(JSON.stringify(open!.params.view)).toContain('Owner <@UMEMBER1>');
  });
});
