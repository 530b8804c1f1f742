import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { StreamsDouble } from '../libs/event-store/src/eventstoredb/testing/streams-double/streams-double.server';
import { keyPersonBody, newcomerBody } from './support/bodies';
import { eventually } from './support/eventually';
import { busyJobs } from './support/matcher-quiet';
import { MatcherWorkerProcess } from './support/matcher-worker-process';
import { bearer } from './support/people';
import { deleteRedisKeys, TEST_REDIS_URL } from './support/replicas';
import { startTestApp, TestApp } from './support/test-app';

const ROOT = resolve(__dirname, '..');

/**
 * The product as `docker-compose.yml` runs it, on EventStoreDB: the API with
 * BullMQ and the data keys on Redis, and the matcher as a worker process of
 * its own. EventStoreDB here is the Streams TEST DOUBLE (an in-memory log
 * served over real gRPC with the client's own service definitions,
 * `libs/event-store/src/eventstoredb/testing/streams-double/`), NOT a
 * server: it shows the app's use of the client and the wire, not the real
 * server's behaviour. One journey, from registration to a restart, with the
 * audit's answers checked against each other on the way.
 */
describe('a journey through the compose configuration on EventStoreDB (the Streams TEST DOUBLE, not a server)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sleutel-esdb-journey-'));
  const queue = `test-${randomUUID()}`;
  const prefix = `test-esdb-journey-${randomUUID()}:`;
  const metricsToken = randomBytes(24).toString('hex');
  let double: StreamsDouble;
  let env: Record<string, string>;
  let api: TestApp;
  let worker: MatcherWorkerProcess | undefined;

  beforeAll(async () => {
    double = await StreamsDouble.start();
    env = {
      EVENTSTORE_CONNECTION_STRING: double.connectionString, REDIS_URL: TEST_REDIS_URL, MATCHER_QUEUE: queue,
      KEY_STORE: 'redis', KEY_STORE_PREFIX: `${prefix}data-key:`, PRIVACY_MASTER_KEY: randomBytes(32).toString('base64'),
      REPLAY_REDIS_PREFIX: `${prefix}replays:`, RATE_LIMIT_REDIS_PREFIX: `${prefix}rate-limit:`, METRICS_TOKEN: metricsToken,
    };
    api = await startTestApp({ dataDir: join(dir, 'api'), env });
    worker = new MatcherWorkerProcess('matcher', { ...env, DATA_DIR: join(dir, 'matcher') });
    await worker.ready(60_000);
  }, 90_000);

  afterAll(async () => {
    await worker?.kill('SIGTERM');
    await api?.stop();
    await double?.stop();
    await deleteRedisKeys(prefix);
    await deleteRedisKeys(`bull:${queue}:`);
    rmSync(dir, { recursive: true, force: true });
  });

  const as = (role: Parameters<TestApp['token']>[0]) => bearer(api.token(role));
  /** No job of the worker's to do, and the log unchanged for a second. */
  const untilQuiet = async (): Promise<void> => {
    const connection = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    const inspector = new Queue(queue, { connection });
    try {
      let head = await api.store.headPosition();
      let since = Date.now();
      await eventually(async () => {
        const now = await api.store.headPosition();
        if (now !== head || (await busyJobs(inspector)) !== '') [head, since] = [now, Date.now()];
        return Date.now() - since >= 1000;
      }, { what: 'the worker to be done', timeoutMs: 20_000 });
    } finally {
      await inspector.close();
      await connection.quit();
    }
  };

  it('registers, matches through the worker, approves, accepts, explains, erases, verifies, replays and survives a restart', async () => {
    const evenings = { slots: [{ day: 'tue', start: '18:00', end: '21:00' }] };
    const tigrinya = { languages: [{ code: 'tir', level: 'native' }], availability: evenings };
    const keyPerson = (await api.http.post('/api/v1/key-persons').set(as('coordinator')).send(keyPersonBody({ ...tigrinya, capacity: 1 })).expect(201)).body.id as string;
    const newcomer = (await api.http.post('/api/v1/newcomers').set(as('intake')).send(newcomerBody({
      ...tigrinya, preferences: { keyPersonGender: 'any', genderRequired: false, sameOrigin: 'no-preference', remoteOk: false },
    })).expect(201)).body.id as string;

    // An edit with If-Match, and one that read an older revision.
    const edited = await api.http.patch(`/api/v1/newcomers/${newcomer}`).set(as('intake')).set('If-Match', '"0"').send({ notes: 'Evenings only.' }).expect(200);
    expect({ etag: edited.headers.etag, notes: edited.body.notes }).toEqual({ etag: '"1"', notes: 'Evenings only.' });
    const stale = await api.http.patch(`/api/v1/newcomers/${newcomer}`).set(as('intake')).set('If-Match', '"0"').send({ notes: 'Mornings.' }).expect(412);
    expect(stale.body).toMatchObject({ code: 'CONCURRENCY.STALE_REVISION', errors: [{ field: 'If-Match' }] });

    // Proposed by the worker process, then approved and accepted by both.
    const matchId = await eventually(async () => ((await api.http.get(`/api/v1/matches?newcomerId=${newcomer}`).set(as('coordinator')).expect(200)).body.items as { id: string; keyPersonId: string }[])
      .find((match) => match.keyPersonId === keyPerson)?.id, { what: 'the worker\'s proposal', timeoutMs: 20_000 });
    await api.http.post(`/api/v1/matches/${matchId}/approve`).set(as('coordinator')).send({}).expect(200);
    expect((await api.http.post(`/api/v1/matches/${matchId}/accept`).set(as('coordinator')).expect(200)).body.status).toBe('accepted');

    const auditor = as('auditor');
    const explained = (await api.http.get(`/api/v1/audit/matches/${matchId}/explanation`).set(auditor).expect(200)).body;
    expect({ equal: explained.reproduction.equal, ranking: explained.reproduction.ranking.equal, score: explained.reproduction.score }).toEqual({ equal: true, ranking: true, score: explained.score });
    const before = (await api.http.get('/api/v1/audit/verify').set(auditor).expect(200)).body;
    // Byte offsets: holes are not looked for on EventStoreDB (README, Running against EventStoreDB and Redis).
    expect(before).toMatchObject({ intact: true, broken: [], gapsChecked: false, head: { position: await api.store.headPosition() } });

    // Erasure: the data unreadable, the match closed by the worker, the history before it unchanged.
    await api.http.post('/api/v1/erasures').set(as('admin')).send({ subjectType: 'newcomer', subjectId: newcomer }).expect(200);
    await api.http.get(`/api/v1/newcomers/${newcomer}`).set(as('intake')).expect(410);
    const closed = await eventually(async () => {
      const match = (await api.http.get(`/api/v1/matches/${matchId}`).set(as('coordinator')).expect(200)).body;
      return match.status === 'withdrawn' && match;
    }, { what: 'the erased newcomer\'s match to be withdrawn', timeoutMs: 20_000 });
    expect(closed.explanation).toEqual({ erased: true });
    expect((await api.http.get(`/api/v1/audit/matches/${matchId}/explanation`).set(auditor).expect(200)).body.reproduction)
      .toMatchObject({ equal: false, reason: "the newcomer's personal data was erased" });
    const after = (await api.http.get(`/api/v1/audit/verify?anchor=${before.head.anchor}`).set(auditor).expect(200)).body;
    expect(after).toMatchObject({ intact: true, anchor: { matches: true } });

    // The replay: the projections rebuilt from the log equal the live ones, and no tombstone lacks its erasure. Started
    // when the log's newest event is none the read models read (they hear of it on EventStoreDB only from a checkpoint).
    await untilQuiet();
    const { etag } = (await api.http.get(`/api/v1/key-persons/${keyPerson}`).set(as('coordinator')).expect(200)).headers;
    await api.http.patch(`/api/v1/key-persons/${keyPerson}`).set(as('coordinator')).set('If-Match', etag).send({ expertise: ['health', 'housing'] }).expect(200);
    const started = (await api.http.post('/api/v1/audit/replays').set(auditor).send({}).expect(202)).body.id as string;
    const replay = await eventually(async () => {
      const body = (await api.http.get(`/api/v1/audit/replays/${started}`).set(auditor).expect(200)).body;
      return body.status !== 'running' && body;
    }, { what: 'the replay', timeoutMs: 20_000 });
    expect({ status: replay.status, error: replay.error, equal: replay.projections.map((p: { equal: boolean }) => p.equal), tombstones: replay.tombstones })
      .toEqual({ status: 'done', error: null, equal: [true, true, true], tombstones: expect.objectContaining({ tombstones: 1, withoutErasure: 0 }) });

    // The CLI, a process of its own on the same log and key store, agrees with the API.
    const cli = await auditCli({ ...env, DATA_DIR: join(dir, 'cli') }, 'verify', '--anchor', before.head.anchor);
    expect({ status: cli.status, stderr: cli.stderr }).toEqual({ status: 0, stderr: expect.any(String) });
    const fromCli = JSON.parse(cli.stdout.trim().split('\n').at(-1)!);
    expect(fromCli).toMatchObject({ intact: true, broken: [], gapsChecked: false, anchor: { matches: true } });
    // The worker may have appended since: the API finds the CLI's digest at the CLI's head.
    expect((await api.http.get(`/api/v1/audit/verify?anchor=${fromCli.head.anchor}`).set(auditor).expect(200)).body).toMatchObject({ intact: true, anchor: { matches: true } });

    // A restart of the API on the same log: its read models resume, everything reads as before.
    const head = after.head as { anchor: string };
    await api.stop();
    api = await startTestApp({ dataDir: join(dir, 'api'), env });
    const ready = (await api.http.get('/health/ready').expect(200)).body.details;
    expect(ready).toMatchObject({ eventStore: { status: 'up' }, redis: { status: 'up' }, keyStore: { status: 'up', kind: 'redis' }, projections: { status: 'up', eventsBehind: 0 } });
    await api.http.get(`/api/v1/newcomers/${newcomer}`).set(as('intake')).expect(410);
    expect((await api.http.get(`/api/v1/key-persons/${keyPerson}`).set(as('coordinator')).expect(200)).body.id).toBe(keyPerson);
    expect((await api.http.get(`/api/v1/matches/${matchId}`).set(as('coordinator')).expect(200)).body.status).toBe('withdrawn');
    expect((await api.http.get(`/api/v1/audit/verify?anchor=${head.anchor}`).set(as('auditor')).expect(200)).body).toMatchObject({ intact: true, anchor: { matches: true } });
    const metrics = (await api.http.get('/metrics').set(bearer(metricsToken)).expect(200)).text;
    expect(metrics).toMatch(/^sleutel_subscription_lag_events\{subscriber="projections"\} 0$/m);
    expect(metrics).toMatch(/^sleutel_key_store_tombstones_without_erasure 0$/m);

    // The worker goes on with the restarted API: the key person's place, freed by the erasure, goes to the next newcomer.
    const next = (await api.http.post('/api/v1/newcomers').set(as('intake')).send(newcomerBody({
      ...tigrinya, preferences: { keyPersonGender: 'any', genderRequired: false, sameOrigin: 'no-preference', remoteOk: false },
    })).expect(201)).body.id as string;
    await eventually(async () => ((await api.http.get(`/api/v1/matches?newcomerId=${next}`).set(as('coordinator')).expect(200)).body.items as { keyPersonId: string }[])
      .some((match) => match.keyPersonId === keyPerson), { what: 'a proposal for the next newcomer', timeoutMs: 20_000 });
    expect(worker!.problems).toEqual([]);
  }, 120_000);
});

/**
 * `npm run cli -- audit …` without npm in between, asynchronously: the
 * double serves from this process, so a synchronous spawn would hold it.
 */
async function auditCli(env: Record<string, string>, ...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(EVENTSTORE_|REDIS_URL$|KEY_STORE|PRIVACY_|DATA_DIR$)/.test(name)));
  const child = spawn(process.execPath, ['-r', 'tsconfig-paths/register', 'dist/apps/cli/src/main.js', 'audit', ...args], {
    cwd: ROOT, env: { ...inherited, TS_NODE_BASEURL: './dist', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const status = await new Promise<number | null>((done) => child.once('close', done));
  return { status, stdout, stderr };
}
