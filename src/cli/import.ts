import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { openStore } from '../runtime.ts';
import { decodeStateDocument, describeContents } from '../store/state-document.ts';
import { EXIT, runCli, say, storeLabel } from './run-cli.ts';

const USAGE = 'Usage: npm run import -- <file.json> [--replace]';

/**
 * `npm run import -- file.json [--replace]`: loads a document written by
 * `npm run export` (or a JSON data file) into the configured store. The
 * file is validated first, exactly as the bot validates its data file, and
 * older schema versions are upgraded. A store that already holds anything
 * is left alone unless --replace says to remove what it holds; the import
 * is one transaction either way.
 */
runCli(async (config, log) => {
  let file: string | undefined;
  let replace = false;
  try {
    const args = parseArgs({ allowPositionals: true, options: { replace: { type: 'boolean' } } });
    if (args.positionals.length !== 1) throw new Error('Name one file to import.');
    file = args.positionals[0];
    replace = args.values.replace ?? false;
  } catch (error) {
    say(`${(error as Error).message}\n${USAGE}`);
    return EXIT.usage;
  }
  let raw: string;
  try {
    raw = await readFile(file!, 'utf8');
  } catch (error) {
    say(`Cannot read ${file}: ${(error as Error).message}`);
    return EXIT.dataError;
  }
  const { doc, fromVersion } = decodeStateDocument(file!, raw);
  const store = await openStore(config, log);
  try {
    await store.importState(doc, { replace });
    say(`Imported ${describeContents(doc)} from ${file}${fromVersion < doc.schemaVersion ? ` (upgraded from schema ${fromVersion})` : ''} into ${storeLabel(config)}${replace ? ', replacing what it held' : ''}.`);
    return EXIT.ok;
  } finally {
    await store.close();
  }
});
