import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTION } from '../../src/slack/interaction-ids.ts';
import { buttonPress, CHAIR, CHANNEL, MEMBER, startHarness, submission, VIEWER, withResponseUrl, type Harness } from './harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
  await h.slash('network link South West');
});
afterEach(async () => {
  await h.close();
});

type ViewBlock = { block_id?: string; type: string; element?: Record<string, unknown> };

/** Values as Slack reports them for the Add action form. */
function addValues(fields: { title?: string; owner?: string; timescale?: string; priorities?: string[]; resources?: string; comments?: string }): Record<string, Record<string, Record<string, unknown>>> {
  return {
    title: { title: { type: 'plain_text_input', value: fields.title ?? null } },
    owner: { owner: { type: 'users_select', selected_user: fields.owner ?? null } },
    timescale: { timescale: { type: 'plain_text_input', value: fields.timescale ?? null } },
    priorities: { priorities: { type: 'multi_static_select', selected_options: (fields.priorities ?? []).map((value) => ({ text: { type: 'plain_text', text: value }, value })) } },
    resources: { resources: { type: 'plain_text_input', value: fields.resources ?? null } },
    comments: { comments: { type: 'plain_text_input', value: fields.comments ?? null } },
  };
}

const addForm = (viewId: string, values: ReturnType<typeof addValues>, user = CHAIR): Record<string, unknown> =>
  submission({ callbackId: 'psw_add_action', viewId, metadata: JSON.stringify({ c: CHANNEL }), values, user });

describe('/psw action add with nothing after it', () => {
  it('opens the Add action form, with the adopted frameworks as grouped priorities and the person as owner', async () => {
    const response = await h.slash('action add', { trigger: 'open-add' });
    expect(response.status).toBe(200);
    expect(response.text).toBe('');
    const [open] = await h.fake.waitForCalls('views.open');
    expect(open!.params.trigger_id).toBe('open-add');
    const view = open!.params.view as { callback_id: string; blocks: ViewBlock[] };
    expect(view.callback_id).toBe('psw_add_action');
    const ids = view.blocks.filter((b) => b.type === 'input').map((b) => b.block_id);
    expect(ids).toEqual(['title', 'owner', 'timescale', 'priorities', 'resources', 'comments']);
    const priorities = view.blocks.find((b) => b.block_id === 'priorities')!.element as { option_groups: { label: { text: string }; options: { value: string }[] }[] };
    expect(priorities.option_groups.map((g) => g.label.text)).toEqual([expect.stringMatching(/^CSW2122: /), expect.stringMatching(/^PSW2123: /)]);
    expect(priorities.option_groups.flatMap((g) => g.options.map((o) => o.value))).toContain('PSW2123.1.3');
    expect((view.blocks.find((b) => b.block_id === 'owner')!.element as { initial_user: string }).initial_user).toBe(CHAIR);
  });

  it('tells a viewer why they cannot add, instead of opening a form that could not be saved', async () => {
    await h.slash(`network role <@${VIEWER}> viewer`);
    const response = await h.slash('action add', { user: VIEWER });
    expect(JSON.stringify(response.json)).toMatch(/You are a viewer of the South West network/);
    expect(h.fake.callsTo('views.open')).toHaveLength(0);
  });
});

describe('the Add action form', () => {
  it('shows an invalid timescale against the timescale field and saves nothing', async () => {
    const response = await h.interact(addForm('VADD1', addValues({ title: 'Audit practice', owner: MEMBER, timescale: 'sometime soonish', priorities: ['CSW2122.1'] })));
    expect(response.status).toBe(200);
    expect(response.json?.response_action).toBe('errors');
    const errors = response.json?.errors as Record<string, string>;
    expect(Object.keys(errors)).toEqual(['timescale']);
    expect(errors.timescale).toMatch(/Autumn 2027/);
    expect(await h.actions()).toHaveLength(0);
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('shows every problem at once, each under its own field', async () => {
    const response = await h.interact(addForm('VADD2', addValues({ title: '   ', owner: MEMBER, timescale: '' })));
    expect(Object.keys(response.json?.errors as object).sort()).toEqual(['priorities', 'timescale', 'title']);
    expect(await h.actions()).toHaveLength(0);
  });

  it('saves a valid form with the same use case as the command, and announces it in the channel', async () => {
    const response = await h.interact(addForm('VADD3', addValues({ title: 'Audit practice', owner: MEMBER, timescale: 'May-July 2028', priorities: ['CSW2122.1', 'PSW2123.1.3'], resources: 'QA team time' })));
    expect(response.status).toBe(200);
    expect(response.text).toBe('');
    const [saved] = await h.actions();
    expect(saved).toMatchObject({ id: 'SW-1', title: 'Audit practice', owner: MEMBER, priorities: ['CSW2122.1', 'PSW2123.1.3'], resources: 'QA team time', createdBy: CHAIR });
    expect(saved!.timescale).toEqual({ phrase: 'May-July 2028', due: '2028-07-31', ongoing: false });
    const [post] = await h.fake.waitForCalls('chat.postMessage');
    expect(post!.params.channel).toBe(CHANNEL);
    expect(JSON.stringify(post!.params.blocks)).toContain('New action *SW-1*: Audit practice');
  });

  it('adds one action when the same submission arrives twice', async () => {
    const form = addForm('VADD4', addValues({ title: 'Audit practice', owner: MEMBER, timescale: 'Ongoing', priorities: ['CSW2122.1'] }));
    await h.interact(form);
    const again = await h.interact(form, { retryNum: 1 });
    expect(again.status).toBe(200);
    expect(await h.actions()).toHaveLength(1);
    await h.fake.waitForCalls('chat.postMessage');
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('refuses a viewer against the form, saving nothing', async () => {
    await h.slash(`network role <@${VIEWER}> viewer`);
    const response = await h.interact(addForm('VADD5', addValues({ title: 'Audit practice', owner: VIEWER, timescale: 'Ongoing', priorities: ['CSW2122.1'] }), VIEWER));
    expect((response.json?.errors as Record<string, string>).title).toMatch(/You are a viewer/);
    expect(await h.actions()).toHaveLength(0);
  });

  it('tells the person in a direct message when the channel cannot be posted in (a private channel it is not in)', async () => {
    h.fake.notInChannel.add(CHANNEL);
    await h.interact(addForm('VADD6', addValues({ title: 'Audit practice', owner: MEMBER, timescale: 'Ongoing', priorities: ['CSW2122.1'] })));
    const posts = await h.fake.waitForCalls('chat.postMessage', 2);
    expect(posts[1]!.params.channel).toBe(CHAIR);
    expect(JSON.stringify(posts[1]!.params.blocks)).toContain('/invite @PSW Network Bot');
    expect(await h.actions()).toHaveLength(1);
  });

  it('answers a damaged form (no metadata) with an error on the form and saves nothing', async () => {
    const damaged = submission({ callbackId: 'psw_add_action', viewId: 'VADD7', metadata: 'not json', values: addValues({ title: 'x' }) });
    const response = await h.interact(damaged);
    expect(response.json?.response_action).toBe('errors');
    expect(h.logs.withCode('malformed-payload')).toHaveLength(1);
    expect(await h.actions()).toHaveLength(0);
  });
});

describe('the Update form', () => {
  beforeEach(async () => {
    await h.slash('action add Audit practice <@UMEMBER1> due:"Spring 2028" priority:CSW2122.1');
  });

  async function openForm(user = CHAIR): Promise<{ view: { private_metadata: string; blocks: ViewBlock[] } }> {
    const action = (await h.actions())[0]!;
    await h.interact(withResponseUrl(buttonPress({ actionId: ACTION.update, value: JSON.stringify({ id: action.id, v: action.updatedAt }), user, responseId: 'u' }), h.fake));
    const [open] = await h.fake.waitForCalls('views.open');
    return { view: open!.params.view as { private_metadata: string; blocks: ViewBlock[] } };
  }

  function updateValues(fields: { status: string; rag: string; reason?: string; timescale: string; note?: string }): Record<string, Record<string, Record<string, unknown>>> {
    return {
      status: { status: { type: 'static_select', selected_option: { value: fields.status } } },
      rag: { rag: { type: 'static_select', selected_option: { value: fields.rag } } },
      rag_reason: { rag_reason: { type: 'plain_text_input', value: fields.reason ?? null } },
      timescale: { timescale: { type: 'plain_text_input', value: fields.timescale } },
      note: { note: { type: 'plain_text_input', value: fields.note ?? null } },
    };
  }

  it('asks for a reason, against the reason field, when a RAG rating is set', async () => {
    const { view } = await openForm();
    const response = await h.interact(submission({ callbackId: 'psw_update_action', viewId: 'VUP1', metadata: view.private_metadata, blocks: view.blocks, values: updateValues({ status: 'open', rag: 'amber', timescale: 'Spring 2028' }) }));
    expect(response.json?.response_action).toBe('errors');
    expect(Object.keys(response.json?.errors as object)).toEqual(['rag_reason']);
    expect((await h.actions())[0]!.ragOverride).toBeNull();
  });

  it('saves the fields changed, shows what changed, and announces a completion', async () => {
    const { view } = await openForm();
    h.now.current = new Date(h.now.current.getTime() + 60_000);
    const response = await h.interact(submission({
      callbackId: 'psw_update_action', viewId: 'VUP2', metadata: view.private_metadata, blocks: view.blocks,
      values: updateValues({ status: 'done', rag: 'green', reason: 'Signed off by ADASS', timescale: 'Spring 2028', note: 'Report shared' }),
    }));
    expect(response.json?.response_action).toBe('update');
    expect(JSON.stringify(response.json?.view)).toContain('Updated *SW-1*: Audit practice');
    const saved = (await h.actions())[0]!;
    expect(saved.status).toBe('done');
    expect(saved.ragOverride).toMatchObject({ rag: 'green', reason: 'Signed off by ADASS', by: CHAIR });
    expect(saved.history.at(-1)?.note).toBe('Report shared');
    const [post] = await h.fake.waitForCalls('chat.postMessage');
    expect(JSON.stringify(post!.params.blocks)).toContain('*SW-1* marked done by <@UCHAIR1>');
  });

  it("keeps someone else's change made while the form was open, saving only the fields this person changed", async () => {
    const { view } = await openForm();
    h.now.current = new Date(h.now.current.getTime() + 60_000);
    await h.slash('action update SW-1 status:blocked note:"Waiting on data"', { user: MEMBER });
    h.now.current = new Date(h.now.current.getTime() + 60_000);
    const response = await h.interact(submission({
      callbackId: 'psw_update_action', viewId: 'VUP3', metadata: view.private_metadata, blocks: view.blocks,
      values: updateValues({ status: 'open', rag: 'auto', timescale: 'Autumn 2028' }),
    }));
    expect(JSON.stringify(response.json?.view)).toContain('had changed while this form was open');
    const saved = (await h.actions())[0]!;
    expect(saved.status).toBe('blocked');
    expect(saved.timescale.phrase).toBe('Autumn 2028');
  });

  it('refuses a member who neither owns the action nor co-chairs, against the form', async () => {
    await h.slash('action add Second action <@UCHAIR1> due:"Spring 2028" priority:CSW2122.1');
    const second = (await h.actions()).find((a) => a.id === 'SW-2')!;
    const metadata = JSON.stringify({ c: CHANNEL, id: 'SW-2', v: second.updatedAt });
    const response = await h.interact(submission({ callbackId: 'psw_update_action', viewId: 'VUP4', metadata, user: MEMBER, values: updateValues({ status: 'done', rag: 'auto', timescale: 'Spring 2028' }) }));
    expect((response.json?.errors as Record<string, string>).status).toMatch(/Only SW-2's owner/);
    expect((await h.actions()).find((a) => a.id === 'SW-2')!.status).toBe('open');
  });

  it('says so when nothing would change and there is no note', async () => {
    const { view } = await openForm();
    const response = await h.interact(submission({ callbackId: 'psw_update_action', viewId: 'VUP5', metadata: view.private_metadata, blocks: view.blocks, values: updateValues({ status: 'open', rag: 'auto', timescale: 'Spring 2028' }) }));
    expect((response.json?.errors as Record<string, string>).note).toMatch(/Nothing would change/);
  });
});
