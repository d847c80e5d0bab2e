import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.ts';
import { Harness } from '../harness.ts';

describe('help, generated from the command definitions', () => {
  it('lists every command with its usage and summary', async () => {
    const h = await Harness.create();
    const help = await h.run('/psw help');
    for (const c of COMMANDS) expect(help).toContain(`/psw ${c.usage}: ${c.summary}`);
  });

  it('explains each command with its details and examples', async () => {
    const h = await Harness.create();
    for (const c of COMMANDS) {
      const help = await h.run(`/psw help ${c.name}`);
      expect(help).toContain(`== /psw ${c.usage} ==`);
      for (const e of c.examples) expect(help).toContain(`/psw ${e}`);
    }
  });

  it('says when there is no such command', async () => {
    const h = await Harness.create();
    expect(await h.run('/psw help fly away')).toContain('There is no command "fly away"');
  });

  it('gives every command a usage that starts with its own name and examples that resolve to it', () => {
    const names = new Set<string>();
    for (const c of COMMANDS) {
      expect(names.has(c.name), c.name).toBe(false);
      names.add(c.name);
      expect(c.usage.startsWith(c.name), c.name).toBe(true);
      expect(c.examples.length, c.name).toBeGreaterThan(0);
    }
  });

  it('runs every example without an unexpected failure', async () => {
    const h = await Harness.create();
    await h.run('/psw network link South West');
    await h.run('/psw action add Audit @U0AAA due:"Autumn 2027" priority:CSW2122.1');
    for (const c of COMMANDS) {
      for (const e of c.examples) {
        expect(await h.run(`/psw ${e}`), e).not.toContain('Something went wrong');
      }
    }
  });
});
