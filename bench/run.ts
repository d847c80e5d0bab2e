import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * `npm run bench [-- <name filter>]`: runs every bench/*.bench.ts in its own
 * process (so one benchmark's heap does not skew the next) and lets each
 * print its figures.
 */
const dir = import.meta.dirname;
const filter = process.argv[2];
const files = readdirSync(dir).filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter))).sort();
let failed = 0;
for (const file of files) {
  process.stdout.write(`\n### ${file}\n`);
  const result = spawnSync(process.execPath, ['--expose-gc', path.join(dir, file)], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exitCode = failed > 0 ? 1 : 0;
