import { randomUUID } from 'node:crypto';
import { ANY, InMemoryEventStore } from '@sleutel/event-store';
import { DataSubject } from './data-subject';
import { destroyKeysOfErased } from './erased-keys';
import { InMemoryKeyStore } from './in-memory/in-memory-key-store.adapter';
import { MasterKey } from './master-key';

const newcomer = (): DataSubject => ({ type: 'newcomer', id: randomUUID() });

async function appendErasure(store: InMemoryEventStore, subject: DataSubject): Promise<void> {
  const [type, idField] = subject.type === 'newcomer' ? ['NewcomerErased', 'newcomerId'] : ['KeyPersonErased', 'keyPersonId'];
  await store.append(`${subject.type}-${subject.id}`, [{
    id: randomUUID(), type, schemaVersion: 1, data: { [idField]: subject.id, erasedAt: '2026-11-30T09:00:00.000Z', basis: 'data-subject-request' },
    metadata: { actor: { id: 'admin', role: 'admin' }, command: 'Erase', correlationId: 'c', causationId: 'c', occurredAt: '2026-11-30T09:00:00.000Z', source: 'api' },
  }], ANY);
}

describe('destroyKeysOfErased', () => {
  it('destroys the keys the log says were erased and the store still holds, and reports those alone', async () => {
    const store = new InMemoryEventStore();
    const keys = new InMemoryKeyStore(MasterKey.generate());
    const [restored, erasedProperly, neverKeyed, living] = [newcomer(), newcomer(), newcomer(), newcomer()];
    const keyPerson: DataSubject = { type: 'key-person', id: randomUUID() };
    for (const subject of [restored, erasedProperly, living, keyPerson]) await keys.getOrCreate(subject);
    await keys.destroy(erasedProperly);
    for (const subject of [restored, erasedProperly, neverKeyed, keyPerson]) await appendErasure(store, subject);

    expect(await destroyKeysOfErased(store, keys)).toEqual([restored, keyPerson]);
    for (const subject of [restored, erasedProperly, keyPerson]) expect(await keys.get(subject)).toMatchObject({ status: 'destroyed' });
    // A subject that never had a key gets none; one never erased keeps theirs.
    expect(await keys.get(neverKeyed)).toBeNull();
    expect(await keys.get(living)).toMatchObject({ status: 'active' });
    // Nothing left to do the second time.
    expect(await destroyKeysOfErased(store, keys)).toEqual([]);
  });

  it('reads every erasure of a long log, page after page', async () => {
    const store = new InMemoryEventStore();
    const keys = new InMemoryKeyStore(MasterKey.generate());
    const subjects = Array.from({ length: 1_201 }, newcomer);
    for (const subject of subjects) {
      await keys.getOrCreate(subject);
      await appendErasure(store, subject);
    }
    expect(await destroyKeysOfErased(store, keys)).toHaveLength(subjects.length);
  });
});
