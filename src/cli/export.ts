import { rename, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { openStore } from '../runtime.ts';
import { describeContents } from '../store/state-document.ts';
import { EXIT, runCli, say, storeLabel } from './run-cli.ts';

/**
 * `npm run export -- --out file.json`: writes everything the configured
 * store holds (PostgreSQL when DATABASE_URL is set, otherwise the JSON data
 * file) as one state document: networks, actions with their whole history,
 * workplans, imported frameworks and records. Without --out it goes to
 * stdout. The same data gives the same bytes from either store.
 */
runCli(async (config, log) => {
  let out: string | undefined;
  try {
    out = parseArgs({ options: { out: { type: 'string', short: 'o' } } }).values.out;
  } catch (error) {
    say(`${(error as Error).message}\nUsage: npm run export -- --out <file.json>`);
    return EXIT.usage;
  }
  const store = await openStore(config, log, { migrate: false });
  try {
    const doc = await store.exportState();
    const text = `${JSON.stringify(doc, null, 1)}\n`;
    if (out) {
      // Written beside and renamed, so an interrupted export never leaves half a file under the name.
      const partial = `${out}.partial-${process.pid}`;
      await writeFile(partial, text, { mode: 0o600 });
      await rename(partial, out);
      say(`Exported ${describeContents(doc)} from ${storeLabel(config)} to ${out}.`);
    } else {
      process.stdout.write(text);
    }
    return EXIT.ok;
  } finally {
    await store.close();
  }
});
