import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { derivedId } from '@sleutel/domain';
import { RecordedEvent, SqliteEventStore } from '@sleutel/event-store';
import { ApiProcess } from '../support/api-process';
import { faultInstallation } from '../support/fault-installation';
import { keyPersonBody, newcomerBody } from '../support/bodies';
import { invariantViolations, waitForQuiet } from '../support/matcher-quiet';
import { readOpenedLog } from '../support/opened-log';

/**
 * Issue 7, fault 3: the API dies between accepting a request and answering it.
 *
 * `npm start` (embedded default: SQLite, in-process matcher) runs with the
 * test-only failpoint `SLEUTEL_FAILPOINT=exit-after-register-append`
 * (apps/api/src/common/failpoint.ts): the first registration to be appended
 * kills the process with SIGKILL before its answer is written. Several
 * registrations are in flight at that moment, so some may be in the log and
 * some not; no client gets an answer. After a restart every client retries
 * with its Idempotency-Key and must get the answer the first request would
 * have had (the id derived from the key, revision 0), with exactly one
 * registration per key in the log, whatever the crash cut off.
 */
const IN_FLIGHT = 6;
const SUBJECT = 'fault-intake';

describe('fault: the API killed after the append, before the answer', () => {
  const { dataDir, env, token } = faultInstallation('crash', { EXPIRY_SWEEP_INTERVAL_MS: '2000' });
  const intake = token('intake', SUBJECT);
  const coordinator = token('coordinator');
  const apis: ApiProcess[] = [];
  let store: SqliteEventStore | null = null;

  afterAll(async () => {
    for (const api of apis) await api.kill();
    await store?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers every retry with the first result and registers each newcomer once', async () => {
    const startedAt = Date.now();
    const requests = Array.from({ length: IN_FLIGHT }, (_, index) => ({
      key: `crash-form-${index}`,
      body: newcomerBody({ birthYear: 1980 + index, displayName: `Newcomer ${index}` }),
    }));
    const register = (api: ApiProcess, request: { key: string; body: unknown }): Promise<Response> =>
      api.request('POST', '/api/v1/newcomers', { token: intake, body: request.body, headers: { 'Idempotency-Key': request.key } });

    // 1. The armed server: every request is in flight when the first append kills it.
    const armed = await ApiProcess.start('armed', { ...env, SLEUTEL_FAILPOINT: 'exit-after-register-append' });
    apis.push(armed);
    const first = await Promise.allSettled(requests.map((request) => register(armed, request)));
    const exit = await armed.exited;
    expect(exit.signal).toBe('SIGKILL');
    expect(armed.output.join('\n')).toContain('failpoint exit-after-register-append');
    // Nobody was answered: every client saw its connection cut.
    expect(first.map((outcome) => outcome.status)).toEqual(requests.map(() => 'rejected'));

    const log = (store = SqliteEventStore.open(join(dataDir, 'events.sqlite')));
    const acceptedBeforeCrash = registrations(await log.readAll());
    // The crash came after an append: at least one request was accepted and never answered.
    expect(acceptedBeforeCrash.length).toBeGreaterThanOrEqual(1);

    // 2. Restarted without the failpoint: every client retries with its key and the same body, twice.
    const restarted = await ApiProcess.start('restarted', env);
    apis.push(restarted);
    const expectedId = (key: string): string => derivedId(`newcomer|${SUBJECT}|${key}`);
    for (let round = 0; round < 2; round++) {
      const answers = await Promise.all(requests.map(async (request) => {
        const response = await register(restarted, request);
        return { status: response.status, location: response.headers.get('location'), body: await response.json() };
      }));
      expect(answers).toEqual(requests.map((request) => ({
        status: 201,
        location: `/api/v1/newcomers/${expectedId(request.key)}`,
        body: { id: expectedId(request.key), revision: 0 },
      })));
    }
    // The same key with another body is refused, not a second registration.
    const reused = await register(restarted, { key: requests[0].key, body: newcomerBody({ birthYear: 1955 }) });
    expect(reused.status).toBe(422);

    // 3. Nothing doubled, nothing lost: one registration per key, those from before the crash untouched.
    const registered = registrations(await log.readAll());
    expect(registered.map((event) => event.streamId).sort()).toEqual(requests.map((request) => `newcomer-${expectedId(request.key)}`).sort());
    for (const before of acceptedBeforeCrash) {
      expect(registered.find((event) => event.id === before.id)).toMatchObject({ position: before.position, streamId: before.streamId });
    }
    for (const request of requests) {
      const read = await restarted.request('GET', `/api/v1/newcomers/${expectedId(request.key)}`, { token: intake });
      expect(read.status).toBe(200);
      expect(await read.json()).toMatchObject({ birthYear: (request.body as { birthYear: number }).birthYear, status: 'active' });
    }

    // 4. Matching goes on over them (a key person who fits some), and SPEC §4 holds on the whole log.
    const keyPerson = await restarted.request('POST', '/api/v1/key-persons', {
      token: coordinator,
      body: keyPersonBody({ gender: 'female', languages: [{ code: 'apc', level: 'native' }], availability: { slots: [{ day: 'mon', start: '09:00', end: '12:00' }] }, capacity: 3 }),
    });
    expect(keyPerson.status).toBe(201);
    const quiet = await waitForQuiet(log, null, { quietForMs: 3_000, timeoutMs: 40_000, stuckAfterMs: 15_000, readLog: () => readOpenedLog(log, dataDir) });
    console.log([
      `API crash after append: ${acceptedBeforeCrash.length} of ${IN_FLIGHT} registrations in flight were appended before the SIGKILL;`,
      `  after the restart all ${IN_FLIGHT} retries answered 201 with the first result (twice), ${registered.length} registrations in the log;`,
      `  ${quiet.audit.proposals} proposals, ${quiet.audit.deferralEvents} deferrals; ${((Date.now() - startedAt) / 1000).toFixed(1)} s`,
    ].join('\n'));
    expect(quiet.quiet ? 'quiet' : quiet.reason).toBe('quiet');
    expect(invariantViolations(quiet.audit)).toBe('');
    expect(quiet.audit.newcomers.size).toBe(IN_FLIGHT);
  }, 120_000);
});

function registrations(log: readonly RecordedEvent[]): RecordedEvent[] {
  return log.filter((event) => event.type === 'NewcomerRegistered');
}
