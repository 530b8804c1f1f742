import { describeKeyStoreContract } from '../contract/key-store.contract';
import { InMemoryKeyStore } from './in-memory-key-store.adapter';

describeKeyStoreContract('InMemoryKeyStore', async () => {
  const values = new Map<string, string>();
  return {
    open: async (masterKey) => new InMemoryKeyStore(masterKey, values),
    persistedBytes: async () => Buffer.from(JSON.stringify([...values])),
    dispose: async () => values.clear(),
  };
});
