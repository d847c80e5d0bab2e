import { MemoryStore } from '../../src/store/memory-store.ts';
import { describeStoreContract } from './store-contract.ts';

describeStoreContract('MemoryStore', {
  kind: 'memory',
  persistent: false,
  open: () => Promise.resolve(new MemoryStore()),
});
