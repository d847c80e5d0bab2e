import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Harness } from '../harness.ts';

const NEXT_YEAR = `schema: psw-framework/1
code: CSW2728
title: "Chief Social Worker for Adults: priorities for 2027/28"
owner: Chief Social Worker for Adults (DHSC)
published: 2027-04-01
period: { start: 2027-04-01, end: 2028-03-31 }
source: CSW annual report 2026 to 2027
priorities:
  - code: CSW2728.1
    title: Assurance of adult social care
`;

describe('framework import, adopt and drop', () => {
  it('imports next year\'s priorities from a file with no code change', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'psw-fw-'));
    const file = path.join(dir, 'CSW2728.yaml');
    await writeFile(file, NEXT_YEAR);
    const h = await Harness.create();
    await h.run('/psw network link South West');
    expect(await h.run(`/psw framework import ${file}`)).toContain('Imported CSW2728');
    expect(await h.run('/psw action add Assurance self-assessment @U0AAA due:"Q3 2027" priority:CSW2728.1')).toContain('framework adopt CSW2728');
    expect(await h.run('/psw framework adopt CSW2728')).toContain('now answers to CSW2728');
    expect(await h.run('/psw action add Assurance self-assessment @U0AAA due:"Q3 2027" priority:CSW2728.1')).toContain('30 Sep 2027');
    expect(await h.run('/psw coverage')).toMatch(/CSW2728\.1 Assurance of adult social care: Covered/);
    expect(await h.run(`/psw framework import ${file}`)).toContain('A framework coded CSW2728 already exists');
    expect(await h.run('/psw framework drop CSW2728')).toContain('no longer answers to CSW2728');
    expect(await h.run('/psw coverage')).not.toContain('CSW2728');
  });

  it('reports a broken file with its line and imports nothing', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'psw-fw-'));
    const file = path.join(dir, 'bad.yaml');
    await writeFile(file, NEXT_YEAR.replace('code: CSW2728.1', 'code: CSW2728.one'));
    const h = await Harness.create();
    await h.run('/psw network link South West');
    expect(await h.run(`/psw framework import ${file}`)).toMatch(/line 9, priorities\.0\.code: must be capital letters/);
    expect(await h.run('/psw priorities all')).not.toContain('CSW2728');
    expect(await h.run(`/psw framework import ${path.join(dir, 'missing.yaml')}`)).toContain('there is no such file');
  });
});
