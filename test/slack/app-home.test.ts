import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTION } from '../../src/slack/interaction-ids.ts';
import { buttonPress, CHANNEL, MEMBER, startHarness, type Harness } from './harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
  await h.slash('network link South West');
  await h.slash('meeting set fortnightly Thursday 10:00');
  await h.slash('action add Later action <@UMEMBER1> due:"Autumn 2027" priority:CSW2122.1');
  await h.slash('action add Overdue action <@UMEMBER1> due:"30/06/2027" priority:CSW2122.1');
  await h.slash('action add Someone else\'s action <@UCHAIR1> due:"Autumn 2027" priority:CSW2122.1');
  h.now.current = new Date('2027-07-15T09:00:00+01:00');
});
afterEach(async () => {
  await h.close();
});

const homeOpened = (eventId: string, user = MEMBER): Record<string, unknown> => ({
  token: 'deprecated', team_id: 'T0FAKE', api_app_id: 'A0FAKE', type: 'event_callback', event_id: eventId, event_time: 1_784_000_000,
  event: { type: 'app_home_opened', user, channel: 'DHOME', tab: 'home', event_ts: '1784000000.000100' },
});

type HomeBlock = { type: string; text?: { text: string }; elements?: { action_id?: string; value?: string }[] };

describe('the App Home tab', () => {
  it("publishes the person's open actions across networks, overdue first with RAG, and the next meeting", async () => {
    const response = await h.event(homeOpened('Ev1'));
    expect(response.status).toBe(200);
    const [publish] = await h.fake.waitForCalls('views.publish');
    expect(publish!.params.user_id).toBe(MEMBER);
    const view = publish!.params.view as { type: string; blocks: HomeBlock[] };
    expect(view.type).toBe('home');
    const sections = view.blocks.filter((b) => b.type === 'section').map((b) => b.text!.text);
    expect(sections[0]).toMatch(/^:red_circle: \*SW-2\* Overdue action\nSouth West · 30\/06\/2027 · due 30 Jun 2027 \(\*overdue\*\) · Open · RAG Red/);
    expect(sections[1]).toMatch(/^:large_green_circle: \*SW-1\* Later action/);
    expect(sections.join('\n')).not.toContain("Someone else's action");
    expect(sections.at(-1)).toBe('*South West*: Thursday 22 July 2027 at 10:00');
    const buttons = view.blocks.filter((b) => b.type === 'actions').map((b) => b.elements!.map((e) => e.action_id));
    expect(buttons).toEqual([[ACTION.done, ACTION.snooze, ACTION.update], [ACTION.done, ACTION.snooze, ACTION.update]]);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
  });

  it('publishes once when Slack delivers the same event again (X-Slack-Retry-Num)', async () => {
    await h.event(homeOpened('Ev2'));
    await h.fake.waitForCalls('views.publish');
    const retry = await h.event(homeOpened('Ev2'), { retryNum: 1 });
    expect(retry.status).toBe(200);
    await h.event(homeOpened('Ev3'));
    await h.fake.waitForCalls('views.publish', 2);
    expect(h.fake.callsTo('views.publish')).toHaveLength(2);
    expect(h.logs.withCode('duplicate-request')).toHaveLength(1);
  });

  it('marks an action done from the Home tab: announced in the network channel, and the tab refreshed with the outcome', async () => {
    const overdue = (await h.actions()).find((a) => a.id === 'SW-2')!;
    const press = buttonPress({ actionId: ACTION.done, value: JSON.stringify({ id: overdue.id, v: overdue.updatedAt }), user: MEMBER, responseId: 'unused', home: true });
    expect((await h.interact(press)).status).toBe(200);
    const [post] = await h.fake.waitForCalls('chat.postMessage');
    expect(post!.params.channel).toBe(CHANNEL);
    expect(JSON.stringify(post!.params.blocks)).toContain('*SW-2* marked done by <@UMEMBER1>');
    const [publish] = await h.fake.waitForCalls('views.publish');
    const blocks = (publish!.params.view as { blocks: HomeBlock[] }).blocks;
    expect(JSON.stringify(blocks[1])).toContain('*SW-2* marked done by <@UMEMBER1>');
    const listed = blocks.filter((b) => b.type === 'section').map((b) => b.text!.text);
    expect(listed.some((t) => t.includes('*SW-2*'))).toBe(false);
    expect(listed.some((t) => t.includes('*SW-1*'))).toBe(true);
    expect((await h.actions()).find((a) => a.id === 'SW-2')!.status).toBe('done');
  });
});
