import { beforeEach, describe, expect, it } from 'vitest';
import { Harness } from '../harness.ts';

describe('permissions', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.create();
    await h.run('/psw network link South West');
    await h.run('/psw action add Audit s42 practice @UOWNER due:"Autumn 2027" priority:CSW2122.1');
  });

  it('makes the first person to link a network its co-chair, and refuses others linking more channels', async () => {
    expect(await h.run('/psw network')).toMatch(/Co-chairs\s+@UCHAIR/);
    const refused = await h.run('/psw network link South West', { user: 'UMEMBER', channel: 'COTHER' });
    expect(refused).toMatch(/^Sorry: You are a member of the South West network, so you cannot do that: only co-chairs link channels/);
    expect(await h.run('/psw network link South West', { channel: 'COTHER' })).toContain('linked to the South West');
  });

  it('refuses to link one channel to two networks', async () => {
    expect(await h.run('/psw network link London')).toMatch(/already linked to the South West network/);
  });

  it('lets only co-chairs change the workplan, frameworks, meetings and roles', async () => {
    for (const line of [
      '/psw workplan add CSW2122.4 Publish the plan',
      '/psw framework adopt LGA',
      '/psw meeting set fortnightly Thursday 10:00',
      '/psw agenda post',
      '/psw network role @UOTHER viewer',
      '/psw decision Adopt the plan',
    ]) {
      expect(await h.run(line, { user: 'UMEMBER' }), line).toMatch(/^Sorry: You are a member .* only co-chairs/);
    }
  });

  it("lets the owner or a co-chair update an action, and no one else", async () => {
    expect(await h.run('/psw action update SW-1 status:blocked', { user: 'UOWNER' })).toContain('open → blocked');
    expect(await h.run('/psw action update SW-1 status:in-progress', { user: 'UCHAIR' })).toContain('blocked → in-progress');
    const refused = await h.run('/psw action done SW-1', { user: 'USOMEONE' });
    expect(refused).toContain("Only SW-1's owner (@UOWNER) or a co-chair can change it.");
    expect(await h.run('/psw action show SW-1')).toContain('In progress');
  });

  it('lets viewers read but not add', async () => {
    await h.run('/psw network role @UVIEW viewer');
    expect(await h.run('/psw action list', { user: 'UVIEW' })).toContain('SW-1');
    expect(await h.run('/psw action add Something @UVIEW due:Ongoing priority:CSW2122.1', { user: 'UVIEW' }))
      .toMatch(/^Sorry: You are a viewer of the South West network, so you cannot add actions or agenda items/);
    expect(await h.run('/psw agenda add An item', { user: 'UVIEW' })).toMatch(/viewer/);
  });

  it('lets co-chairs add and remove co-chairs but never leaves a network without one', async () => {
    expect(await h.run('/psw network role @UCHAIR member')).toContain('the only co-chair');
    expect(await h.run('/psw network role <@UTWO|two> co-chair')).toContain('@UTWO is now a co-chair');
    expect(await h.run('/psw network role @UCHAIR member', { user: 'UTWO' })).toContain('@UCHAIR is now a member');
    expect(await h.run('/psw workplan add CSW2122.4 Plan', { user: 'UCHAIR' })).toMatch(/You are a member/);
  });

  it('refuses everything but linking in a channel that is not linked', async () => {
    expect(await h.run('/psw action list', { channel: 'CNOWHERE' })).toContain('This channel is not linked to a PSW network yet');
  });
});
