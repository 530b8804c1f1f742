import { randomUUID } from 'node:crypto';
import { ANY, InMemoryEventStore } from '@sleutel/event-store';
import { DataSubject } from './data-subject';
import { destroyKeysOfErased, tombstonesWithoutErasure } from './erased-keys';
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
  it('destroys the keys the log says were erased and the store still holds, and reports those alone; tombstones those it never held', async () => {
    const store = new InMemoryEventStore();
    const keys = new InMemoryKeyStore(MasterKey.generate());
    const [restored, erasedProperly, neverKeyed, living] = [newcomer(), newcomer(), newcomer(), newcomer()];
    const keyPerson: DataSubject = { type: 'key-person', id: randomUUID() };
    for (const subject of [restored, erasedProperly, living, keyPerson]) await keys.getOrCreate(subject);
    await keys.destroy(erasedProperly);
    for (const subject of [restored, erasedProperly, neverKeyed, keyPerson]) await appendErasure(store, subject);

    expect(await destroyKeysOfErased(store, keys)).toEqual([restored, keyPerson]);
    for (const subject of [restored, erasedProperly, keyPerson]) expect(await keys.get(subject)).toMatchObject({ status: 'destroyed' });
    // A subject erased of whom the store knows nothing (restored from before their registration) gets a tombstone,
    // so their sealed events read as erased and no key is ever made for them; one never erased keeps theirs.
    expect(await keys.get(neverKeyed)).toMatchObject({ status: 'destroyed' });
    await expect(keys.getOrCreate(neverKeyed)).resolves.toMatchObject({ status: 'destroyed' });
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

  it('reads only the erasures after the position the key store was checked through, so a restored store is checked from its own day', async () => {
    const store = new InMemoryEventStore();
    const values = new Map<string, string>();
    const masterKey = MasterKey.generate();
    const keys = new InMemoryKeyStore(masterKey, values);
    const [early, late] = [newcomer(), newcomer()];
    await keys.getOrCreate(early);
    await keys.getOrCreate(late);
    await appendErasure(store, early);
    await keys.destroy(early);
    expect(await destroyKeysOfErased(store, keys)).toEqual([]);
    const checkedThen = await keys.erasuresCheckedThrough();
    expect(checkedThen).toBe(await store.headPosition());
    // The backup: the store as it is now, the late newcomer's key included.
    const backup = new Map(values);

    await appendErasure(store, late);
    await keys.destroy(late);
    expect(await destroyKeysOfErased(store, keys)).toEqual([]);
    expect(await keys.erasuresCheckedThrough()).toBe(await store.headPosition());

    // Restored: its position is the backup's, so the late erasure is checked again and its key destroyed.
    const restored = new InMemoryKeyStore(masterKey, backup);
    expect(await restored.erasuresCheckedThrough()).toBe(checkedThen);
    expect(await destroyKeysOfErased(store, restored)).toEqual([late]);
    expect(await restored.get(late)).toMatchObject({ status: 'destroyed' });
    expect(await restored.get(early)).toMatchObject({ status: 'destroyed' });
  });
});

describe('tombstonesWithoutErasure', () => {
  it('names each tombstone whose subject has no erasure event in the log, and passes over those erased there', async () => {
    const store = new InMemoryEventStore();
    const keys = new InMemoryKeyStore(MasterKey.generate(), new Map(), () => new Date('2026-12-01T08:00:00.000Z'));
    const [erased, erasedBeforeRestore, forged, living] = [newcomer(), newcomer(), newcomer(), newcomer()];
    const forgedKeyPerson: DataSubject = { type: 'key-person', id: randomUUID() };
    for (const subject of [erased, forged, living, forgedKeyPerson]) await keys.getOrCreate(subject);
    // As the erasure command does: the event, then the key.
    await appendErasure(store, erased);
    await keys.destroy(erased);
    // Erased in the log, unknown to a key store restored from before their registration: the start-up pass tombstones them.
    await appendErasure(store, erasedBeforeRestore);
    await destroyKeysOfErased(store, keys);
    expect(await tombstonesWithoutErasure(store, keys)).toEqual({ tombstones: 2, withoutErasure: 0, subjects: [] });

    // Keys destroyed behind the application's back: no erasure in the log. An erasure of a key person of the
    // same id does not explain a newcomer's tombstone.
    await keys.destroy(forged);
    await keys.destroy(forgedKeyPerson);
    await appendErasure(store, { type: 'key-person', id: forged.id });
    await keys.destroy({ type: 'key-person', id: forged.id });

    const found = await tombstonesWithoutErasure(store, keys);
    expect(found).toMatchObject({ tombstones: 5, withoutErasure: 2 });
    expect([...found.subjects].sort((a, b) => a.subjectType.localeCompare(b.subjectType))).toEqual([
      { subjectType: 'key-person', subjectId: forgedKeyPerson.id, destroyedAt: '2026-12-01T08:00:00.000Z' },
      { subjectType: 'newcomer', subjectId: forged.id, destroyedAt: '2026-12-01T08:00:00.000Z' },
    ]);
    expect(await keys.get(living)).toMatchObject({ status: 'active' });
  });

  it('reads the key store page after page, counts every tombstone without an erasure and names the first hundred', async () => {
    const store = new InMemoryEventStore();
    const keys = new InMemoryKeyStore(MasterKey.generate());
    for (let i = 0; i < 250; i += 1) await keys.destroy(newcomer());
    for (let i = 0; i < 30; i += 1) {
      const subject = newcomer();
      await appendErasure(store, subject);
      await keys.destroy(subject);
    }
    const found = await tombstonesWithoutErasure(store, keys);
    expect(found).toMatchObject({ tombstones: 280, withoutErasure: 250 });
    expect(found.subjects).toHaveLength(100);
  });
});
