import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { DataFileError, UserError } from './errors.ts';
import { frameworkFileSchema, FrameworkCatalogue, type Framework } from './domain/frameworks.ts';
import { parseFrameworkText } from './framework-file.ts';

/**
 * Loads the shipped frameworks (data/frameworks/*.json|yaml). A broken file
 * there is a deployment fault, so start-up stops and names it.
 */
export async function loadShippedFrameworks(dir: string): Promise<FrameworkCatalogue> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => /\.(json|ya?ml)$/i.test(n)).sort();
  } catch (error) {
    throw new DataFileError(dir, `cannot be read (${(error as Error).message}). Set FRAMEWORKS_DIR to the folder of framework files.`);
  }
  const frameworks: Framework[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    try {
      frameworks.push(parseFrameworkText(name, await readFile(file, 'utf8'), frameworkFileSchema));
    } catch (error) {
      if (error instanceof UserError) throw new DataFileError(file, error.message);
      throw error;
    }
  }
  if (frameworks.length === 0) throw new DataFileError(dir, 'holds no framework files (*.json or *.yaml).');
  return new FrameworkCatalogue(frameworks);
}
