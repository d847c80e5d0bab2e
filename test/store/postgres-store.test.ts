import { describe } from 'vitest';
import { silentLogger } from '../../src/logger.ts';
import { PostgresStore } from '../../src/store/postgres-store.ts';
import { emptyStoreTables, useTestDatabase } from '../support/postgres.ts';
import { describeStoreContract } from './store-contract.ts';

describe('PostgresStore', () => {
  const db = useTestDatabase();

  describeStoreContract('PostgresStore', {
    kind: 'postgres',
    persistent: true,
    open: async ({ fresh }) => {
      const store = await PostgresStore.open({ url: db.url, replica: 'test', log: silentLogger() });
      if (fresh) await emptyStoreTables(db.url);
      return store;
    },
  });
});
