import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory-store.ts';
import { commandLine } from '../support/commands.ts';

async function linkedNetwork() {
  const store = new MemoryStore();
  const psw = commandLine(store);
  await psw('/psw network link South West');
  return { store, psw };
}

describe('/psw reminders and /psw reminders set', () => {
  it('shows the defaults until co-chairs choose their own', async () => {
    const { psw } = await linkedNetwork();
    const shown = await psw('/psw reminders');
    expect(shown).toContain('working days at 09:00 UK time (default)');
    expect(shown).toContain('3 working days before the due date, on the day and while overdue (default)');
    expect(shown).toContain('overdue by more than 5 working days (default)');
  });

  it("shows the deployment's defaults when the front end passes them", async () => {
    const store = new MemoryStore();
    const psw = commandLine(store, { reminderDefaults: { daysBefore: 2, escalateAfter: 10, time: { hour: 8, minute: 15 } } });
    await psw('/psw network link South West');
    const shown = await psw('/psw reminders');
    expect(shown).toContain('08:15');
    expect(shown).toContain('2 working days before');
    expect(shown).toContain('more than 10 working days');
  });

  it('lets a co-chair set any of the three, keeps the rest, and stores them on the network', async () => {
    const { store, psw } = await linkedNetwork();
    const set = await psw('/psw reminders set days-before:2 escalate-after:10 time:2:30pm');
    expect(set).toContain('working days at 14:30 UK time (set by the co-chairs)');
    expect(set).toContain('2 working days before the due date');
    expect(set).toContain('(posted to the channel)');
    await psw('/psw reminders set time:08:00');
    const network = await store.transaction((tx) => tx.network('SW'));
    expect(network?.reminders).toEqual({ daysBefore: 2, escalateAfter: 10, time: { hour: 8, minute: 0 } });
    expect(await psw('/psw reminders')).toContain('more than 10 working days (set by the co-chairs)');
  });

  it('goes back to the defaults', async () => {
    const { store, psw } = await linkedNetwork();
    await psw('/psw reminders set days-before:0');
    expect(await psw('/psw reminders set defaults')).toContain('(default)');
    expect((await store.transaction((tx) => tx.network('SW')))?.reminders).toBeUndefined();
    expect(await psw('/psw reminders set defaults')).toContain('already uses the default reminder settings');
  });

  it.each([
    ['/psw reminders set', 'Say what to set'],
    ['/psw reminders set days-before:many', 'Days-before: needs a whole number of working days from 0 to 20, not "many"'],
    ['/psw reminders set escalate-after:61', 'Escalate-after: needs a whole number of working days from 0 to 60, not "61"'],
    ['/psw reminders set time:25:00', 'Time: needs a time of day written like 09:00 or 2:30pm, not "25:00"'],
    ['/psw reminders set time:13pm', 'not "13pm"'],
    ['/psw reminders set soon', 'Unexpected "soon"'],
    ['/psw reminders set defaults time:09:00', 'Give either defaults or settings, not both'],
    ['/psw reminders now', 'Did you mean reminders set ...?'],
  ])('refuses %j, saying why, and changes nothing', async (line, message) => {
    const { store, psw } = await linkedNetwork();
    const answer = await psw(line);
    expect(answer).toContain(message);
    expect(answer).toContain('Usage: /psw reminders');
    expect((await store.transaction((tx) => tx.network('SW')))?.reminders).toBeUndefined();
  });

  it('refuses members: only co-chairs change reminder settings', async () => {
    const { psw } = await linkedNetwork();
    const answer = await psw('/psw reminders set days-before:1', { userId: 'UMEMBER' });
    expect(answer).toContain('only co-chairs');
    expect(await psw('/psw reminders', { userId: 'UMEMBER' })).toContain('(default)');
  });

  it('is listed in help, generated from the definitions', async () => {
    const { psw } = await linkedNetwork();
    expect(await psw('/psw help')).toContain('/psw reminders set');
    expect(await psw('/psw help reminders set')).toContain('days-before:');
  });
});
