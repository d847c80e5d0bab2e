import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { JsonFileStore } from '../../src/store/json-file-store.ts';
import { describeStoreContract } from './store-contract.ts';

let dir: string;
let file = '';
let files = 0;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'psw-json-store-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describeStoreContract('JsonFileStore', {
  kind: 'json-file',
  persistent: true,
  open: ({ fresh }) => {
    if (fresh) file = path.join(dir, `psw-${++files}.json`);
    return JsonFileStore.open(file);
  },
});
