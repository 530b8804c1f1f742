import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '@sleutel/event-store';
import { ApiProcess } from '../support/api-process';
import { eventually } from '../support/eventually';
import { faultInstallation } from '../support/fault-installation';
import { newcomerBody } from '../support/bodies';
import { SqliteLocker } from '../support/sqlite-locker';

/**
 * The embedded key store (DATA_DIR/keys.sqlite) locked by another process (a
 * backup, an operator's sqlite3 shell). A registration makes its newcomer's
 * data key before it appends anything, so it gives up after the key store's
 * bounded retries having changed nothing: like the locked event store
 * (sqlite-locked.int-spec.ts) that is a 503 with Retry-After, safe to retry.
 * It was a 500 INTERNAL without Retry-After: `KeyStoreUnavailableError` had
 * no answer of its own. An erasure appends its event first and destroys the
 * key after: refused there, its 503 said "nothing was changed" too.
 */
describe('fault: the SQLite key store locked by another process', () => {
  const { dataDir, env, token } = faultInstallation('keys-locked');
  const intake = token('intake');
  let api: ApiProcess | null = null;
  let locker: SqliteLocker | null = null;
  let store: SqliteEventStore | null = null;

  afterAll(async () => {
    await locker?.kill();
    await api?.kill();
    await store?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 503 with Retry-After, appends nothing, and registers once the lock is gone', async () => {
    const server = (api = await ApiProcess.start('api', env));
    const log = (store = SqliteEventStore.open(join(dataDir, 'events.sqlite')));
    const register = () => server.request('POST', '/api/v1/newcomers', { token: intake, body: newcomerBody(), headers: { 'Idempotency-Key': 'keys-locked-1' } });

    const lockedBy = (locker = await SqliteLocker.lock(join(dataDir, 'keys.sqlite')));
    const before = (await log.readAll()).map((event) => event.id);
    const refused = await register();
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await refused.json()).toMatchObject({ status: 503, code: 'KEY_STORE.UNAVAILABLE', detail: expect.stringContaining('nothing was changed') });
    expect((await log.readAll()).map((event) => event.id)).toEqual(before);
    await lockedBy.release();

    const registered = await register();
    expect(registered.status).toBe(201);
    const { id } = (await registered.json()) as { id: string };
    expect((await log.readAll()).filter((event) => event.type === 'NewcomerRegistered' && event.streamId === `newcomer-${id}`)).toHaveLength(1);
  }, 120_000);

  // An erasure appends its event before it destroys the key: refused there, it has changed something, and says so.
  it('answers an erasure whose key it cannot destroy 503 saying the erasure is recorded, reads the person as erased, and destroys the key when asked again', async () => {
    const server = (api ??= await ApiProcess.start('api', env));
    const log = (store ??= SqliteEventStore.open(join(dataDir, 'events.sqlite')));
    const admin = token('admin');
    const registered = await server.request('POST', '/api/v1/newcomers', { token: intake, body: newcomerBody() });
    expect(registered.status).toBe(201);
    const { id } = (await registered.json()) as { id: string };
    const erase = () => server.request('POST', '/api/v1/erasures', { token: admin, body: { subjectType: 'newcomer', subjectId: id, basis: 'data-subject-request' } });
    const keyOf = () => {
      const keys = new Database(join(dataDir, 'keys.sqlite'), { readonly: true });
      try {
        return {
          held: keys.prepare("SELECT count(*) FROM data_keys WHERE subject_type = 'newcomer' AND subject_id = ?").pluck().get(id),
          tombstones: keys.prepare("SELECT count(*) FROM erased_subjects WHERE subject_type = 'newcomer' AND subject_id = ?").pluck().get(id),
        };
      } finally {
        keys.close();
      }
    };

    const lockedBy = (locker = await SqliteLocker.lock(join(dataDir, 'keys.sqlite')));
    const refused = await erase();
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const problem = (await refused.json()) as { code: string; detail: string };
    expect(problem).toMatchObject({ status: 503, code: 'KEY_STORE.UNAVAILABLE', detail: expect.stringContaining('The erasure is recorded') });
    // Before: "nothing was changed", with the erasure event in the log.
    expect(problem.detail).not.toContain('nothing was changed');
    expect((await log.readStream(`newcomer-${id}`)).map((event) => event.type)).toContain('NewcomerErased');
    expect(keyOf()).toEqual({ held: 1, tombstones: 0 });
    // The read side follows the log on its own: the 503 skipped the wait for it that a 200 makes.
    await eventually(async () => (await server.request('GET', `/api/v1/newcomers/${id}`, { token: intake })).status === 410, { what: 'the newcomer to read as erased' });
    await lockedBy.release();

    const erased = await erase();
    expect(erased.status).toBe(200);
    expect(keyOf()).toEqual({ held: 0, tombstones: 1 });
    expect((await log.readStream(`newcomer-${id}`)).filter((event) => event.type === 'NewcomerErased')).toHaveLength(1);
  }, 120_000);
});
