import { beforeEach, describe, expect, it } from 'vitest';
import { Harness } from '../harness.ts';

describe('malformed and mistaken commands', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.create();
    await h.run('/psw network link South West');
  });

  it.each([
    ['/psw frobnicate', /There is no command "frobnicate"/],
    ['/psw action fly SW-1', /There is no command "action fly"/],
    ['/psw', /Say what to do/],
  ])('names an unknown command: %s', async (line, expected) => {
    expect(await h.run(line)).toMatch(expected);
  });

  it.each([
    ['/psw action add @U0AAA due:"Autumn 2027" priority:CSW2122.1', 'The action title is missing'],
    ['/psw action add Audit @U0AAA priority:CSW2122.1', 'The timescale is missing'],
    ['/psw action add Audit due:"Autumn 2027" priority:CSW2122.1', 'The owner is missing'],
    ['/psw action add Audit @U0AAA due:"Autumn 2027"', 'The priority is missing'],
    ['/psw action add Audit @U0AAA @U0BBB due:"Autumn 2027" priority:CSW2122.1', 'Name one owner only'],
    ['/psw action update', 'The action ID is missing'],
    ['/psw action update SW-1', 'Say what to change'],
    ['/psw action update SW-1 status:finished', '"finished" is not a status'],
    ['/psw action update SW-1 rag:red', 'Setting RAG needs a reason'],
    ['/psw network link', 'The region is missing'],
    ['/psw meeting set monthly Thursday 10:00', 'Start with how often'],
    ['/psw meeting set fortnightly Thursday 25:00', '"25:00" is not a time'],
    ['/psw meeting set fortnightly Caturday 10:00', '"Caturday" is not a day of the week'],
  ])('says what is missing or wrong, with usage: %s', async (line, message) => {
    const out = await h.run(line);
    expect(out).toContain(message);
    expect(out).toMatch(/\nUsage: \/psw /);
  });

  it('names an unknown action ID, and accepts IDs in any letter case', async () => {
    await h.run('/psw action add Audit @U0AAA due:"Autumn 2027" priority:CSW2122.1');
    expect(await h.run('/psw action show SW-99')).toMatch(/There is no action SW-99\.\nUsage: \/psw action show <ID>/);
    expect(await h.run('/psw action show banana')).toContain('"banana" is not an action ID. IDs look like SW-12.');
    expect(await h.run('/psw action show sw-1')).toContain('SW-1: Audit');
    expect(await h.run('/psw action show LDN-1')).toContain('Actions of the South West network start SW-');
  });

  it('names an unknown priority code, a theme, or one from a framework not adopted', async () => {
    expect(await h.run('/psw action add Audit @U0AAA due:"Autumn 2027" priority:CSW2122.9')).toContain('There is no priority CSW2122.9');
    expect(await h.run('/psw action add Audit @U0AAA due:"Autumn 2027" priority:PSW2123.1')).toContain('PSW2123.1 is a theme (Practice)');
    expect(await h.run('/psw action add Audit @U0AAA due:"Autumn 2027" priority:LGA.4')).toContain('framework adopt LGA');
    expect(await h.run('/psw action list')).toContain('None');
  });

  it('refuses an impossible or unknown timescale, lists the accepted forms and saves nothing', async () => {
    const out = await h.run('/psw action add Audit @U0AAA due:"31/06/2027" priority:CSW2122.1');
    expect(out).toContain('June 2027 has 30 days');
    expect(out).toContain('"Autumn 2027"');
    expect(out).toContain('"Ongoing"');
    expect(await h.run('/psw action add Audit @U0AAA due:soon priority:CSW2122.1')).toMatch(/soon/);
    expect(await h.run('/psw action list')).toContain('None');
  });

  it('keeps Unicode, quotes and punctuation in titles and notes exactly', async () => {
    const title = 'Review “Making Safeguarding Personal” – Ōtautahi pilot: 50% done? (don\'t forget) 🚀 <b>&amp;</b>';
    await h.run(`/psw action add ${title} @U0AAA due:"Autumn 2027" priority:CSW2122.1`);
    const note = 'Agreed with ADASS — “phase 2” starts 1/9; costs £4,000 & rising';
    await h.run(`/psw action update SW-1 note:“${note}”`.replace(/“Agreed/, '"Agreed').replace(/rising”/, 'rising"'));
    const shown = await h.run('/psw action show SW-1');
    expect(shown).toContain(`SW-1: ${title.replace('<b>&amp;</b>', '<b>&</b>')}`);
    expect(shown).toContain(`"${note}"`);
  });

  it('decodes Slack-escaped text and accepts every owner form', async () => {
    await h.run('/psw action add Q&amp;A with &lt;ADASS&gt; <@U0AAA|alice> due:"Autumn 2027" priority:CSW2122.1');
    await h.run('/psw action add Second <@U0BBB> due:"Autumn 2027" priority:CSW2122.1');
    const list = await h.run('/psw action list');
    expect(list).toContain('Q&A with <ADASS>');
    expect(list).toContain('@U0AAA');
    expect(list).toContain('@U0BBB');
  });

  it('does not treat a colon in a title as an option it does not know', async () => {
    await h.run('/psw action add Note: LPS briefing for ADASS @U0AAA due:"Autumn 2027" priority:CSW2122.1');
    expect(await h.run('/psw action show SW-1')).toContain('SW-1: Note: LPS briefing for ADASS');
  });

  it('refuses an update that changes nothing', async () => {
    await h.run('/psw action add Audit @U0AAA due:"Autumn 2027" priority:CSW2122.1');
    expect(await h.run('/psw action update SW-1 status:open')).toContain('already has those values');
  });
});

describe('long lists', () => {
  it('pages action lists 50 at a time, overdue first', async () => {
    const h = await Harness.create({ now: new Date('2027-05-27T09:00:00+01:00') });
    await h.run('/psw network link South West');
    for (let i = 1; i <= 120; i++) await h.run(`/psw action add Task ${i} @U0AAA due:"${i === 120 ? 'April 2027' : 'Autumn 2027'}" priority:CSW2122.1`);
    const first = await h.run('/psw action list');
    expect(first).toMatch(/Live actions \(120\)/);
    expect(first.split('\n').filter((l) => /^SW-\d+ /.test(l))).toHaveLength(50);
    expect(first.split('\n').find((l) => l.startsWith('SW-'))).toMatch(/^SW-120 /);
    expect(first).toContain('Showing 1-50 of 120. /psw action list page:2 shows the next 50.');
    const last = await h.run('/psw action list page:3');
    expect(last.split('\n').filter((l) => /^SW-\d+ /.test(l))).toHaveLength(20);
    expect(last).toContain('Showing 101-120 of 120.');
    expect(await h.run('/psw action list page:4')).toContain('There are only 3 pages of 120 actions.');
    expect(await h.run('/psw action list page:zero')).toContain('The page must be a whole number');
  });
});
