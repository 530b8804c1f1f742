import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '@sleutel/event-store';
import { ApiProcess } from '../support/api-process';
import { faultInstallation } from '../support/fault-installation';
import { newcomerBody } from '../support/bodies';
import { invariantViolations } from '../support/matcher-quiet';
import { littleStateToChange } from '../support/store-fault-start';
import { SqliteLocker } from '../support/sqlite-locker';

/**
 * Issue 7, fault 4: the SQLite event store locked by another process.
 *
 * `npm start` (embedded default, in-process matcher) serves while a separate
 * process holds `BEGIN EXCLUSIVE` on its events.sqlite. A registration and a
 * two-section PATCH (two events in one atomic append) then retry a bounded
 * number of times and answer 503 with `Retry-After`, as problem+json naming
 * the store; the log is exactly as it was (not one event of the two); reads
 * keep answering meanwhile (WAL). Once the lock is
 * released, the same requests succeed, once each.
 */
describe('fault: the SQLite store locked by another process', () => {
  const { dataDir, env, token } = faultInstallation('locked', { EXPIRY_SWEEP_INTERVAL_MS: '2000' });
  const intake = token('intake');
  const coordinator = token('coordinator');
  let api: ApiProcess | null = null;
  let locker: SqliteLocker | null = null;
  let store: SqliteEventStore | null = null;

  afterAll(async () => {
    await locker?.kill();
    await api?.kill();
    await store?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 503 with Retry-After after bounded retries, writes nothing, and succeeds once the lock is gone', async () => {
    const startedAt = Date.now();
    const server = (api = await ApiProcess.start('api', env));
    const log = (store = SqliteEventStore.open(join(dataDir, 'events.sqlite')));

    // 1. A little state to change: a key person and a newcomer, matched or deferred.
    const { quietly, existingId, etag } = await littleStateToChange(server, log, dataDir, { coordinator, intake });

    // 2. Locked: writes give up with a clear 503, reads go on, the log does not move.
    const lockedBy = (locker = await SqliteLocker.lock(join(dataDir, 'events.sqlite')));
    const before = (await log.readAll()).map((event) => event.id);
    const register = () => server.request('POST', '/api/v1/newcomers', {
      token: intake, body: newcomerBody({ birthYear: 1977 }), headers: { 'Idempotency-Key': 'locked-form-1' },
    });
    const change = () => server.request('PATCH', `/api/v1/newcomers/${existingId}`, {
      token: intake, body: { birthYear: 1991, needs: [{ topic: 'work', priority: 1 }] }, headers: { 'If-Match': etag },
    });
    const refusedAt = Date.now();
    const refusedRegistration = await register();
    const registrationSeconds = (Date.now() - refusedAt) / 1000;
    const refusedChange = await change();
    for (const refused of [refusedRegistration, refusedChange]) {
      expect(refused.status).toBe(503);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await refused.json()).toMatchObject({ status: 503, code: 'EVENT_STORE.UNAVAILABLE', detail: expect.stringContaining('nothing was changed') });
    }
    expect((await server.request('GET', `/api/v1/newcomers/${existingId}`, { token: intake })).status).toBe(200);
    expect((await log.readAll()).map((event) => event.id)).toEqual(before);
    await lockedBy.release();

    // 3. Released: the same requests succeed, each once.
    const registered = await register();
    expect(registered.status).toBe(201);
    const { id: newId } = (await registered.json()) as { id: string };
    expect((await register()).status).toBe(201);
    const changed = await change();
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ birthYear: 1991, needs: [{ topic: 'work', priority: 1 }] });
    const after = await log.readAll();
    expect(after.filter((event) => event.type === 'NewcomerRegistered' && event.streamId === `newcomer-${newId}`)).toHaveLength(1);
    expect(after.filter((event) => event.streamId === `newcomer-${existingId}` && /^Newcomer(PersonalDetails|Needs)Changed$/.test(event.type)).map((event) => event.type))
      .toEqual(['NewcomerPersonalDetailsChanged', 'NewcomerNeedsChanged']);

    // 4. SPEC §4 on the whole log once the matcher has caught up.
    const quiet = await quietly();
    console.log([
      `SQLite locked by pid ${lockedBy.pid}: a registration answered 503 after ${registrationSeconds.toFixed(1)} s of bounded retries, the log unchanged;`,
      `  after the release both requests succeeded once; ${quiet.audit.events} events, ${quiet.audit.proposals} proposals; ${((Date.now() - startedAt) / 1000).toFixed(1)} s`,
    ].join('\n'));
    expect(quiet.quiet ? 'quiet' : quiet.reason).toBe('quiet');
    expect(invariantViolations(quiet.audit)).toBe('');
    expect(quiet.audit.newcomers.size).toBe(2);
  }, 120_000);
});
