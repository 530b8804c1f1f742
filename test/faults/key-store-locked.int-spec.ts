import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '@sleutel/event-store';
import { ApiProcess } from '../support/api-process';
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
 * no answer of its own.
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
});
