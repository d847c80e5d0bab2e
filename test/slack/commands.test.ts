import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addAction } from '../../src/app/actions.ts';
import { loadShippedFrameworks } from '../../src/framework-files.ts';
import { ACTION } from '../../src/slack/interaction-ids.ts';
import { SLACK_LIMITS } from '../../src/slack/render-blocks.ts';
import { buttonPress, CHAIR, CHANNEL, MEMBER, START, startHarness, VIEWER, withResponseUrl, type Harness } from './harness.ts';

type Block = { type: string; text?: { text: string }; fields?: { text: string }[]; elements?: { action_id?: string; value?: string; text?: unknown }[] };

function blocksOf(body: Record<string, unknown> | undefined): Block[] {
  return (body?.blocks ?? []) as Block[];
}

function textOf(body: Record<string, unknown> | undefined): string {
  return blocksOf(body).map((b) => [b.text?.text ?? '', ...(b.fields ?? []).map((f) => f.text), ...(b.elements ?? []).map((e) => (typeof e.text === 'string' ? e.text : ''))].join('\n')).join('\n');
}

/** Checks a message against the Block Kit limits Slack enforces by refusing the message. */
function expectWithinLimits(body: Record<string, unknown> | undefined): void {
  const blocks = blocksOf(body);
  expect(blocks.length).toBeGreaterThan(0);
  expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
  for (const b of blocks) {
    if (b.type === 'section' && b.text) expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    if (b.type === 'header' && b.text) expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
    for (const f of b.fields ?? []) expect(f.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fieldText);
    expect((b.fields ?? []).length).toBeLessThanOrEqual(SLACK_LIMITS.fieldsPerSection);
  }
  expect(JSON.stringify(blocks).length).toBeLessThanOrEqual(SLACK_LIMITS.messageChars);
}

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

describe('/psw in Slack: the same commands as the shell', () => {
  it('links a channel, making the first person co-chair, and announces it in the channel', async () => {
    const link = await h.slash('network link South West');
    expect(link.status).toBe(200);
    expect(link.json?.response_type).toBe('in_channel');
    expect(textOf(link.json)).toMatch(/now linked to the \*South West\* PSW network/);
    const network = await h.store.transaction((tx) => tx.network('SW'));
    expect(network?.roles[CHAIR]).toBe('co-chair');
  });

  it('announces a new action in the channel, with Mark done, Snooze and Update controls for it', async () => {
    await h.slash('network link South West');
    const add = await h.slash('action add Audit s42 safeguarding practice <@UMEMBER1|member> due:"Spring 2028" priority:CSW2122.1');
    expect(add.json?.response_type).toBe('in_channel');
    expect(textOf(add.json)).toContain('New action *SW-1*: Audit s42 safeguarding practice');
    const actions = blocksOf(add.json).find((b) => b.type === 'actions');
    expect(actions?.elements?.map((e) => e.action_id)).toEqual([ACTION.done, ACTION.snooze, ACTION.update]);
    const saved = (await h.actions())[0]!;
    expect(saved.owner).toBe(MEMBER);
    expect(JSON.parse(actions!.elements![0]!.value!)).toEqual({ id: 'SW-1', v: saved.updatedAt });
  });

  it('shows lists to the person who asked only (ephemeral)', async () => {
    await h.slash('network link South West');
    await h.slash('action add Audit practice <@UMEMBER1> due:"Spring 2028" priority:CSW2122.1');
    const list = await h.slash('action list', { user: MEMBER });
    expect(list.json?.response_type).toBe('ephemeral');
    expect(textOf(list.json)).toMatch(/\*SW-1\* Audit practice\nOwner: <@UMEMBER1> · Timescale: Spring 2028 · Due: 31 May 2028 · Status: Open · RAG: :large_green_circle: Green/);
    expectWithinLimits(list.json);
  });

  it('refuses a viewer who tries to add an action, saying why, and saves nothing', async () => {
    await h.slash('network link South West');
    await h.slash(`network role <@${VIEWER}> viewer`);
    const add = await h.slash('action add Audit practice <@UVIEWER1> due:"Spring 2028" priority:CSW2122.1', { user: VIEWER });
    expect(add.json?.response_type).toBe('ephemeral');
    expect(textOf(add.json)).toMatch(/You are a viewer of the South West network, so you cannot add actions/);
    expect(await h.actions()).toHaveLength(0);
  });

  it('lets co-chairs add and remove co-chairs, but never the last one', async () => {
    await h.slash('network link South West');
    expect(textOf((await h.slash(`network role <@${MEMBER}> co-chair`)).json)).toMatch(/is now a co-chair/);
    expect(textOf((await h.slash(`network role <@${CHAIR}> member`, { user: MEMBER })).json)).toMatch(/is now a member/);
    expect(textOf((await h.slash(`network role <@${MEMBER}> member`, { user: MEMBER })).json)).toMatch(/only co-chair/);
    expect(textOf((await h.slash(`network role <@${MEMBER}> viewer`, { user: CHAIR })).json)).toMatch(/You are a member .* cannot do that/);
  });

  it('explains an unknown command and a bad one with its usage', async () => {
    expect(textOf((await h.slash('frobnicate')).json)).toMatch(/There is no command "frobnicate"/);
    await h.slash('network link South West');
    const bad = await h.slash('action add Audit practice');
    expect(textOf(bad.json)).toMatch(/owner is missing/);
    expect(JSON.stringify(bad.json)).toContain('Usage: `/psw action add');
  });

  it('does not read files on the server when asked to import a framework from Slack', async () => {
    await h.slash('network link South West');
    const response = await h.slash('framework import /etc/passwd');
    expect(textOf(response.json)).toMatch(/not available here/);
  });

  it('escapes Slack control sequences that people type, so a title cannot ping the whole channel', async () => {
    await h.slash('network link South West');
    const add = await h.slash('action add Tell &lt;!channel&gt; about the audit <@UMEMBER1> due:"Spring 2028" priority:CSW2122.1');
    expect(textOf(add.json)).toContain('Tell &lt;!channel&gt; about the audit');
    expect(textOf(add.json)).not.toContain('<!channel>');
    expect((await h.actions())[0]!.title).toBe('Tell <!channel> about the audit');
  });

  it('names people in headers, where Slack would show a raw <@ID>, from users.info', async () => {
    await h.slash('network link South West');
    await h.slash('action add Audit practice <@UMEMBER1> due:"Spring 2028" priority:CSW2122.1');
    const list = await h.slash(`action list <@${MEMBER}>`);
    const header = blocksOf(list.json).find((b) => b.type === 'header');
    expect(header?.text?.text).toBe('South West: Live actions owned by @Member Person (1)');
    await h.slash(`action list <@${MEMBER}>`);
    expect(h.fake.callsTo('users.info')).toHaveLength(1);
  });
});

describe('long lists are paged, never refused by Slack', () => {
  async function seed(count: number): Promise<void> {
    await h.slash('network link South West');
    const frameworks = await loadShippedFrameworks('data/frameworks');
    await h.store.transaction(async (tx) => {
      for (let i = 1; i <= count; i++) {
        await addAction({ tx, shippedFrameworks: frameworks, now: START, timeZone: 'Europe/London', userId: CHAIR, channelId: CHANNEL }, {
          title: `Action number ${i}: review casefile audit findings with the quality assurance team and report back`,
          owner: i % 2 === 0 ? MEMBER : CHAIR, timescalePhrase: i % 3 === 0 ? 'Ongoing' : `28/${(i % 12) + 1}/2028`, priorities: ['CSW2122.1'],
        });
      }
    });
  }

  it('sends the first 50 of 300 actions within Block Kit limits, with page controls, every one of them on some page and the next 50 named', async () => {
    await seed(300);
    const first = await h.slash('action list', { trigger: 'list-1' });
    expectWithinLimits(first.json);
    const pageLabel = blocksOf(first.json).flatMap((b) => b.elements ?? []).map((e) => e.text).find((t) => typeof t === 'string' && t.startsWith('Page '));
    const total = Number(/Page 1 of (\d+)/.exec(String(pageLabel))?.[1]);
    expect(total).toBeGreaterThan(1);

    const seen = new Set<string>();
    const collect = (body: Record<string, unknown> | undefined): void => {
      for (const m of textOf(body).matchAll(/\*(SW-\d+)\*/g)) seen.add(m[1]!);
    };
    collect(first.json);
    let current = first.json;
    for (let page = 2; page <= total; page++) {
      const next = blocksOf(current).flatMap((b) => b.elements ?? []).find((e) => e.action_id === ACTION.nextPage);
      expect(next, `a Next button on page ${page - 1}`).toBeDefined();
      const press = withResponseUrl(buttonPress({ actionId: ACTION.nextPage, value: next!.value!, responseId: `page-${page}` }), h.fake);
      expect((await h.interact(press)).status).toBe(200);
      const [reply] = await h.fake.waitForResponses(`page-${page}`);
      expect(reply!.replace_original).toBe(true);
      expectWithinLimits(reply);
      collect(reply);
      current = reply;
    }
    expect(blocksOf(current).flatMap((b) => b.elements ?? []).some((e) => e.action_id === ACTION.nextPage)).toBe(false);
    // The command itself lists 50 actions a time (commands/action-list.ts); Slack's pages split those into messages.
    expect(seen.size).toBe(50);
    expect(textOf(current)).toContain('page:2');
    const second = await h.slash('action list page:2', { trigger: 'list-2' });
    expectWithinLimits(second.json);
    const secondIds = [...textOf(second.json).matchAll(/\*(SW-\d+)\*/g)].map((m) => m[1]!);
    expect(secondIds.length).toBeGreaterThan(0);
    expect(secondIds.filter((id) => seen.has(id))).toEqual([]);
  });

  it('posts a long announcement to the channel as several messages, each within limits', async () => {
    await seed(120);
    await h.slash('meeting set fortnightly Thursday 10:00');
    h.now.current = new Date('2029-06-01T09:00:00+01:00');
    const post = await h.slash('agenda post', { trigger: 'agenda-1' });
    expect(post.json?.response_type).toBe('in_channel');
    expectWithinLimits(post.json);
    const parts = Number(/\(part 1 of (\d+)\)/.exec(String(post.json?.text))?.[1]);
    expect(parts).toBeGreaterThan(1);
    const rest = await h.fake.waitForResponses('agenda-1', parts - 1);
    expect(rest).toHaveLength(parts - 1);
    for (const message of rest) {
      expect(message.response_type).toBe('in_channel');
      expectWithinLimits(message);
    }
    const ids = new Set([post.json, ...rest].flatMap((m) => [...textOf(m).matchAll(/SW-(\d+) /g)].map((x) => x[1])));
    expect(ids.size).toBe(120);
  });
});

describe('work slower than the acknowledgement budget', () => {
  it('is acknowledged at once and answered through response_url', async () => {
    await h.close();
    h = await startHarness({ deadline: () => ({ reached: Promise.resolve(), cancel: () => undefined }) });
    const link = await h.slash('network link South West', { trigger: 'slow-1' });
    expect(link.status).toBe(200);
    expect(link.text).toBe('');
    const [answer] = await h.fake.waitForResponses('slow-1');
    expect(answer!.response_type).toBe('in_channel');
    expect(textOf(answer)).toMatch(/now linked to the \*South West\*/);
    expect(h.logs.lines.some((l) => /slower than the acknowledgement budget/.test(String(l.msg)))).toBe(true);
  });
});
