import { describe, expect, it } from 'vitest';
import { Harness } from '../harness.ts';

/** The session from the core issue, line by line, checking the facts each reply must show. */
describe('the core session in the local shell', () => {
  it('works as written', async () => {
    const h = await Harness.create({ now: new Date('2026-11-29T14:00:00Z') });

    const link = await h.run('/psw network link South West');
    expect(link).toMatch(/linked to the South West PSW network/);
    expect(link).toMatch(/you are its co-chair/i);

    const priorities = await h.run('/psw priorities');
    expect(priorities).toContain('CSW2122: Chief Social Worker for Adults: priorities for 2021/22');
    expect(priorities).toContain('CSW2122.1 Transitional safeguarding');
    expect(priorities).toContain('PSW2123.1.3 Safeguarding');
    expect(priorities).not.toContain('LGA.1');

    const added = await h.run('/psw action add Audit s42 safeguarding practice @U0AAA due:"Spring 2027" priority:CSW2122.1');
    expect(added).toContain('SW-1');
    expect(added).toContain('@U0AAA');
    expect(added).toContain('Spring 2027');
    expect(added).toContain('31 May 2027');

    expect(await h.run('/psw action add Review casefile audit findings @U0BBB due:Ongoing priority:PSW2123.2.4')).toContain('SW-2');

    const listed = await h.run('/psw action list');
    for (const fact of ['SW-1', 'SW-2', '@U0AAA', '@U0BBB', 'Spring 2027', 'Ongoing', '31 May 2027', 'Open', 'Green']) {
      expect(listed).toContain(fact);
    }
    expect(listed).toMatch(/ID\s+Action\s+Owner\s+Timescale\s+Due\s+Status\s+RAG/);

    expect(await h.run('/psw action update SW-1 status:in-progress note:"Head of Safeguarding consulted"')).toContain('open → in-progress');
    expect(await h.run('/psw action done SW-2')).toContain('SW-2 marked done');

    const shown = await h.run('/psw action show SW-1');
    for (const fact of ['In progress', 'Spring 2027', '31 May 2027', 'CSW2122.1', '@U0AAA', 'History', 'created', 'Head of Safeguarding consulted']) {
      expect(shown).toContain(fact);
    }

    expect(await h.run('/psw workplan add CSW2122.4 Publish the regional PSW action plan')).toContain('SW-W1');
    const workplan = await h.run('/psw workplan');
    expect(workplan).toMatch(/CSW2122\.4 Principal social workers leading the way\n\s+- SW-W1 Publish the regional PSW action plan/);

    const coverage = await h.run('/psw coverage');
    expect(coverage).toMatch(/CSW2122\.1 Transitional safeguarding[^\n]*: Covered \(actions SW-1\)/);
    expect(coverage).toMatch(/CSW2122\.4 [^\n]*Workplan only, no live action/);
    expect(coverage).toMatch(/Priorities with no live action \(23\): CSW2122\.2, /);
    expect(coverage).toContain('PSW2123.2.4');

    expect(await h.run('/psw meeting set fortnightly Thursday 10:00')).toContain('Next meeting: Thursday 3 December 2026 at 10:00');
    expect(await h.run('/psw agenda add Feedback from national PSW Chairs meeting')).toContain('item 1');

    const agenda = await h.run('/psw agenda');
    expect(agenda).toContain('Next meeting: Thursday 3 December 2026 at 10:00');
    expect(agenda).toContain('Welcome, introductions and apologies');
    expect(agenda).toContain('1. Feedback from national PSW Chairs meeting');
    expect(agenda).toMatch(/Actions due by the meeting or overdue \(0, 0 overdue\)/);
  });

  it('puts actions due before the meeting and overdue ones on the agenda', async () => {
    const h = await Harness.create({ now: new Date('2027-05-27T09:00:00+01:00') });
    await h.run('/psw network link SW');
    await h.run('/psw meeting set fortnightly Thursday 10:00 from:2027-06-03');
    await h.run('/psw action add Overdue thing @U0AAA due:"April 2027" priority:CSW2122.1');
    await h.run('/psw action add Due before meeting @U0AAA due:"end of month" priority:CSW2122.2');
    await h.run('/psw action add Due after meeting @U0AAA due:"Autumn 2027" priority:CSW2122.3');
    await h.run('/psw action add Keep going @U0BBB due:Ongoing priority:CSW2122.4');
    const agenda = await h.run('/psw agenda');
    expect(agenda).toContain('Next meeting: Thursday 3 June 2027 at 10:00');
    expect(agenda).toMatch(/Actions due by the meeting or overdue \(2, 1 overdue\)\n\s+- SW-1 Overdue thing \(@U0AAA, due 30 Apr 2027, Open, Red\)\n\s+- SW-2 Due before meeting/);
    expect(agenda).not.toContain('SW-3');
    expect(agenda).toMatch(/Ongoing actions, reviewed every meeting \(1\)\n\s+- SW-4 Keep going/);
  });
});
