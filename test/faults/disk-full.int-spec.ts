import Database from 'better-sqlite3';
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '@sleutel/event-store';
import { ApiProcess } from '../support/api-process';
import { faultInstallation } from '../support/fault-installation';
import { newcomerBody } from '../support/bodies';
import { limitFileSize } from '../support/file-size-limit';
import { invariantViolations } from '../support/matcher-quiet';
import { littleStateToChange } from '../support/store-fault-start';

/**
 * Issue 7: a disk that takes no more writes. The real API process (embedded
 * default, in-process matcher) is held to files no larger than they are
 * (RLIMIT_FSIZE through `prlimit`): SQLite's next write past a file's end
 * fails with EFBIG (SQLITE_IOERR_WRITE), as a full disk fails it with ENOSPC
 * (SQLITE_FULL). Both answered 500 INTERNAL without Retry-After; they are now
 * 503 with Retry-After, naming the disk, and nothing is half-written.
 *
 * A registration makes its newcomer's data key before it appends anything,
 * so where the key store cannot grow it is refused there: no key, no event.
 * Where the key store still has room and the log has none, the key is made
 * and the append refused: an unused key, which the retry with the same
 * Idempotency-Key (the same newcomer id) uses. A two-section PATCH (two events
 * in one append) is refused whole. Reads go on, and readiness says which
 * store refuses writes. The limit lifted, the same process takes writes
 * again; restarted, the refused requests succeed once each, and SPEC §4
 * holds over the log.
 */
describe('fault: a disk that takes no more writes', () => {
  const { dataDir, env, token } = faultInstallation('disk-full');
  const intake = token('intake');
  const coordinator = token('coordinator');
  let api: ApiProcess | null = null;
  let store: SqliteEventStore | null = null;

  afterAll(async () => {
    await api?.kill();
    await store?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const sizeOf = (name: string): number => statSync(join(dataDir, name)).size;
  /** Data keys in keys.sqlite, counted through a connection of the test's own (no limit on this process). */
  const keysHeld = (): number => {
    const keys = new Database(join(dataDir, 'keys.sqlite'), { readonly: true });
    try {
      return keys.prepare('SELECT count(*) FROM data_keys').pluck().get() as number;
    } finally {
      keys.close();
    }
  };

  it('answers 503 with Retry-After naming the disk, writes nothing half, and after a restart with room the same requests succeed once each', async () => {
    const startedAt = Date.now();
    const server = (api = await ApiProcess.start('api', env));
    const log = (store = SqliteEventStore.open(join(dataDir, 'events.sqlite')));

    // 1. A little state to change: a key person and a newcomer, matched or deferred.
    const { quietly, existingId, etag } = await littleStateToChange(server, log, dataDir, { coordinator, intake });

    const register = (on: ApiProcess, key: string, birthYear: number) => on.request('POST', '/api/v1/newcomers', {
      token: intake, body: newcomerBody({ birthYear }), headers: { 'Idempotency-Key': key },
    });
    const change = (on: ApiProcess) => on.request('PATCH', `/api/v1/newcomers/${existingId}`, {
      token: intake, body: { birthYear: 1991, needs: [{ topic: 'work', priority: 1 }] }, headers: { 'If-Match': etag },
    });
    const expectRefused = async (refused: Response, code: string, names: RegExp) => {
      expect(refused.status).toBe(503);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const problem = (await refused.json()) as { code: string; detail: string };
      expect(problem).toMatchObject({ status: 503, code, detail: expect.stringContaining('nothing was changed') });
      expect(problem.detail).toMatch(names);
    };
    const eventIds = async () => (await log.readAll()).map((event) => event.id);
    /** The refused-write series of /metrics, per store: the counter, and since when (Unix seconds; 0 while writes go through). */
    const refusedInMetrics = async (on: ApiProcess) => {
      const text = await (await on.request('GET', '/metrics', { token: token('admin') })).text();
      const sample = (name: string, store: string) => Number(new RegExp(`^${name}\\{store="${store}"\\} (\\S+)$`, 'm').exec(text)?.[1]);
      return Object.fromEntries(['event-log', 'key-store'].map((store) => [store, {
        total: sample('sleutel_writes_refused_total', store), since: sample('sleutel_writes_refused_since_timestamp_seconds', store),
      }]));
    };
    const sinceOf = (writesRefused: string | undefined) => Date.parse(/^since (\S+):/.exec(writesRefused ?? '')![1]) / 1000;

    // 2. No file may grow past the key store's WAL as it is now (empty, if the test's own key store connection
    // truncated it on close): the key store is the first write of a registration, and refuses it.
    const sizes = { keys: sizeOf('keys.sqlite-wal'), events: sizeOf('events.sqlite-wal') };
    expect(await refusedInMetrics(server)).toEqual({ 'event-log': { total: 0, since: 0 }, 'key-store': { total: 0, since: 0 } });
    const before = await eventIds();
    const keysBefore = keysHeld();
    limitFileSize(server.pid, sizes.keys);
    await expectRefused(await register(server, 'disk-full-1', 1977), 'KEY_STORE.UNAVAILABLE', /key store could not be written to its disk/);
    // No key made, and the log as it was.
    expect(keysHeld()).toBe(keysBefore);
    expect(await eventIds()).toEqual(before);
    // A change of a registered newcomer needs no new key: the log refuses it, both its events.
    await expectRefused(await change(server), 'EVENT_STORE.UNAVAILABLE', /event log could not be written to its disk/);
    expect(await eventIds()).toEqual(before);
    // Reads go on.
    expect((await server.request('GET', `/api/v1/newcomers/${existingId}`, { token: intake })).status).toBe(200);
    // Readiness stays up (reads answer) and says which stores refuse writes, and why.
    const ready = await server.request('GET', '/health/ready');
    expect(ready.status).toBe(200);
    const readiness = (await ready.json()) as { details: Record<string, { status: string; writesRefused?: string }> };
    expect(readiness.details.keyStore).toMatchObject({ status: 'up', writesRefused: expect.stringMatching(/^since .*: a write to the disk failed \(SQLITE_IOERR_WRITE\)/) });
    expect(readiness.details.eventStore).toMatchObject({ status: 'up', writesRefused: expect.stringMatching(/^since .*: a write to the disk failed \(SQLITE_IOERR_WRITE\)/) });
    // And /metrics counts them, per store, with the time readiness gives.
    expect(await refusedInMetrics(server)).toEqual({
      'event-log': { total: 1, since: sinceOf(readiness.details.eventStore.writesRefused) },
      'key-store': { total: 1, since: sinceOf(readiness.details.keyStore.writesRefused) },
    });

    // 3. The key store with room, the log without (its WAL is larger: each append writes more pages than a key).
    expect(sizes.events - sizes.keys).toBeGreaterThan(16_384);
    limitFileSize(server.pid, sizes.events);
    await expectRefused(await register(server, 'disk-full-2', 1978), 'EVENT_STORE.UNAVAILABLE', /event log could not be written to its disk/);
    expect(await eventIds()).toEqual(before);
    // The key was made before the append: unused until the retry with the same Idempotency-Key.
    expect(keysHeld()).toBe(keysBefore + 1);
    const limitedOutput = server.output.join('\n');

    // 4. Space back: the same process takes writes again, and readiness no longer names the refusal.
    limitFileSize(server.pid, 'unlimited');
    expect((await server.request('POST', '/api/v1/newcomers', { token: intake, body: newcomerBody({ birthYear: 1979 }) })).status).toBe(201);
    const readyAfter = (await (await server.request('GET', '/health/ready')).json()) as { details: Record<string, { writesRefused?: string }> };
    expect([readyAfter.details.keyStore.writesRefused, readyAfter.details.eventStore.writesRefused]).toEqual([undefined, undefined]);
    // Counted still (the registration of step 3 refused by the log too); refused since no longer.
    expect(await refusedInMetrics(server)).toEqual({ 'event-log': { total: 2, since: 0 }, 'key-store': { total: 1, since: 0 } });

    // 5. Restarted, the refused requests are sent again.
    await server.kill('SIGTERM');
    const stopped = await server.exited;
    expect(stopped.code).toBe(0);
    const restarted = (api = await ApiProcess.start('api', env));
    const first = await register(restarted, 'disk-full-1', 1977);
    const second = await register(restarted, 'disk-full-2', 1978);
    expect([first.status, second.status]).toEqual([201, 201]);
    const ids = [((await first.json()) as { id: string }).id, ((await second.json()) as { id: string }).id];
    // Asked again: the first answers, nothing appended.
    for (const [index, key] of ['disk-full-1', 'disk-full-2'].entries()) {
      const replay = await register(restarted, key, 1977 + index);
      expect(replay.status).toBe(201);
      expect(await replay.json()).toMatchObject({ id: ids[index] });
    }
    // The second registration used the key made for it before: one key more for the two of them (and one for step 4's).
    expect(keysHeld()).toBe(keysBefore + 3);
    const changed = await change(restarted);
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ birthYear: 1991, needs: [{ topic: 'work', priority: 1 }] });
    const after = await log.readAll();
    for (const id of ids) expect(after.filter((event) => event.type === 'NewcomerRegistered' && event.streamId === `newcomer-${id}`)).toHaveLength(1);
    expect(after.filter((event) => event.streamId === `newcomer-${existingId}` && /^Newcomer(PersonalDetails|Needs)Changed$/.test(event.type)).map((event) => event.type))
      .toEqual(['NewcomerPersonalDetailsChanged', 'NewcomerNeedsChanged']);

    // 6. SPEC §4 on the whole log once the matcher has caught up.
    const quiet = await quietly();
    console.log([
      `Files held to their size (keys WAL ${sizes.keys} B, then the log's WAL ${sizes.events} B): registration and change answered 503, the log unchanged;`,
      `  readiness meanwhile: key store ${readiness.details.keyStore.writesRefused}; event store ${readiness.details.eventStore.writesRefused}`,
      `  the limit lifted, the same process registered again; stopped with SIGTERM: exit ${stopped.code ?? stopped.signal}`,
      `  restarted without the limit, each request succeeded once; ${quiet.audit.events} events, ${quiet.audit.proposals} proposals; ${((Date.now() - startedAt) / 1000).toFixed(1)} s`,
    ].join('\n'));
    expect(quiet.quiet ? 'quiet' : quiet.reason).toBe('quiet');
    expect(invariantViolations(quiet.audit)).toBe('');
    expect(quiet.audit.newcomers.size).toBe(4);
    expect(limitedOutput).toMatch(/SQLITE_IOERR_WRITE/);
  }, 180_000);
});
