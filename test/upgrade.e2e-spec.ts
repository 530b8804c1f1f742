import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { TokenService } from '@sleutel/auth';
import { ApiProcess } from './support/api-process';
import { eventually } from './support/eventually';
import { cliSync, CliResult } from './support/server-command';

/**
 * An installation of an older release, upgraded: today's API (`npm start`)
 * on a copy of a DATA_DIR that build 13a2f39 (2026-11-29) wrote through its
 * own API, with that build's token secret and master key. What the older
 * release answered is in the fixture (`reads.json.gz`); everything it
 * answered must be answered the same now, but for the changes the README, docs/api.md and
 * docs/security.md describe, and the old streams must take new writes.
 * `test/fixtures/upgrade-13a2f39/README.md` says how the fixture was written
 * and how to write another (`scripts/upgrade-history.js`).
 */
const FIXTURE = join(__dirname, 'fixtures', 'upgrade-13a2f39');

interface Pair { newcomerId: string; keyPersonId: string; matchId: string }
interface Story {
  commit: string;
  pairs: Record<string, Pair>;
  idempotentRegistration: { key: string; body: Record<string, unknown>; newcomerId: string };
  cohortRun: { id: string; newcomerIds: string[]; keyPersonIds: string[]; matchIds: string[] };
  verify: { head: { position: number; anchor: string } };
}
/** An answer as the script recorded it: status, ETag and body. */
interface Answer { status: number; etag: string | null; body: any }
interface Reads {
  lists: Record<'newcomers' | 'keyPersons' | 'matches' | 'cohortRuns', string[]>;
  newcomers: Record<string, Answer>;
  keyPersons: Record<string, Answer>;
  matches: Record<string, Answer>;
  explanations: Record<string, Answer>;
  trails: Record<string, { status: number; eventIds: string[] | null }>;
  asOf: Record<string, Answer>;
  asOfPosition: number;
  cohortRuns: Record<string, Answer>;
  policy: Answer;
  logEventIds: string[];
}

const story = JSON.parse(readFileSync(join(FIXTURE, 'story.json'), 'utf8')) as Story;
const before = JSON.parse(gunzipSync(readFileSync(join(FIXTURE, 'reads.json.gz'))).toString('utf8')) as Reads;
const { pairs } = story;
const erasedNewcomers = new Set([pairs['newcomer-erased'].newcomerId, story.cohortRun.newcomerIds[0]]);
const erasedKeyPersons = new Set([pairs['key-person-erased'].keyPersonId]);
const PAUSED = 'The key person was paused';
const OPEN_AWAITING = ['proposed', 'approved'];
const pausedKeyPersons = new Set([pairs['paused-proposed'].keyPersonId, pairs['paused-accepted'].keyPersonId]);

/**
 * How a match that awaited an answer may have been closed since the start: expired once past its deadline (the
 * fixture's 90-day deadlines pass, after which every such match expires), withdrawn when its key person was paused
 * under the older rules. Either may come first once both apply.
 */
function sweptClosings(match: { keyPersonId: string; expiresAt: string; closedAt: string }): object[] {
  return [
    ...(Date.parse(match.expiresAt) <= Date.parse(match.closedAt) ? [{ status: 'expired' }] : []),
    ...(pausedKeyPersons.has(match.keyPersonId) ? [{ status: 'withdrawn', reason: PAUSED }] : []),
  ];
}

/** A fresh DATA_DIR holding the fixture's files: the SQLite files with the mode the older release's umask gave them. */
function unpack(): string {
  const dataDir = mkdtempSync(join(tmpdir(), 'sleutel-upgrade-'));
  for (const name of readdirSync(join(FIXTURE, 'data'))) {
    const bytes = readFileSync(join(FIXTURE, 'data', name));
    if (name.endsWith('.gz')) writeFileSync(join(dataDir, name.slice(0, -'.gz'.length)), gunzipSync(bytes), { mode: 0o644 });
    else writeFileSync(join(dataDir, name), bytes, { mode: 0o600 });
  }
  return dataDir;
}

function cli(dataDir: string, args: string[]): CliResult {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
  for (const foreign of ['EVENTSTORE_CONNECTION_STRING', 'REDIS_URL', 'AUTH_JWT_SECRET', 'PRIVACY_MASTER_KEY', 'KEY_STORE', 'KEY_STORE_FILE', 'SQLITE_EVENT_STORE_FILE']) delete env[foreign];
  return cliSync(args, { env });
}

describe('upgrade: today\'s release on a DATA_DIR an older release wrote (build 13a2f39)', () => {
  const dataDir = unpack();
  const tokens = new TokenService({ secret: readFileSync(join(dataDir, 'auth-jwt-secret'), 'utf8').trim(), clockSkewSeconds: 30, maxTokenTtlSeconds: 86_400 });
  // The subject the fixture's requests were made as: an Idempotency-Key's id derives from it.
  const token = (): string => tokens.issue({ subject: 'upgrade-history', roles: ['intake', 'coordinator', 'auditor', 'admin'], ttlSeconds: 3_600 });
  const env = { DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_PER_IP_PER_MINUTE: '0', EXPIRY_SWEEP_INTERVAL_MS: '1000' };
  let api: ApiProcess;
  let replayBeforeStart: ReturnType<typeof cli>;

  const call = async (method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer> => {
    const response = await api.request(method, `/api/v1${path}`, { token: token(), body, headers });
    const text = await response.text();
    return { status: response.status, etag: response.headers.get('etag'), body: text === '' ? null : JSON.parse(text) };
  };
  const all = async (path: string): Promise<any[]> => {
    const items: any[] = [];
    for (let cursor: string | null = null; ;) {
      const page: Answer = await call('GET', `${path}${path.includes('?') ? '&' : '?'}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.status).toBe(200);
      items.push(...page.body.items);
      cursor = page.body.nextCursor;
      if (!cursor) return items;
    }
  };
  const match = async (id: string): Promise<any> => (await call('GET', `/matches/${id}`)).body;
  /** No job waiting, running or due soon, and every subscriber at the log's head: the matcher has done what the start gave it. */
  const matcherIdle = async (): Promise<boolean> => {
    const metrics = await (await api.request('GET', '/metrics', { token: token() })).text();
    const jobs = ['waiting', 'active', 'delayed'].reduce((sum, state) => sum + Number(new RegExp(`^sleutel_queue_jobs\\{state="${state}"\\} (\\d+)$`, 'm').exec(metrics)?.[1] ?? NaN), 0);
    const lag = [...metrics.matchAll(/^sleutel_subscription_lag_events\{[^}]*\} (\d+)$/gm)].reduce((sum, [, value]) => sum + Number(value), 0);
    return jobs === 0 && lag === 0;
  };

  beforeAll(async () => {
    // An auditor who replays before the first start meets the older release's read models.
    replayBeforeStart = cli(dataDir, ['audit', 'replay']);
    api = await ApiProcess.start('upgraded', env, { timeoutMs: 120_000 });
  }, 200_000);

  afterAll(async () => {
    await api?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('audit replay before the first start leaves the older read models alone and says to start this release first', () => {
    expect({ status: replayBeforeStart.status, stdout: replayBeforeStart.stdout }).toEqual({ status: 1, stdout: '' });
    expect(replayBeforeStart.stderr).toContain('holds read models of version 5; this release reads version 9, so it leaves them alone: an older release wrote them: '
      + 'after an upgrade, start this release\'s API or matcher worker on this DATA_DIR first, which rebuilds them');
  });

  it('drops the older read models (version 5) and rebuilds them from the log as version 9, saying so once', () => {
    const readModels = new Database(join(dataDir, 'read-models.sqlite'), { readonly: true, fileMustExist: true });
    try {
      expect(readModels.pragma('user_version', { simple: true })).toBe(9);
    } finally {
      readModels.close();
    }
    const said = api.output.filter((line) => line.includes('read models of version 5'));
    expect(said).toHaveLength(1);
    expect(said[0]).toContain('rebuilding them from the log');
  });

  it('keeps the log as it was: every event in its place, the older release\'s anchor matching, intact', async () => {
    const verified = await call('GET', `/audit/verify?anchor=${encodeURIComponent(story.verify.head.anchor)}`);
    expect(verified.body).toMatchObject({ intact: true, anchor: { position: story.verify.head.position, matches: true } });
    const log = await call('GET', `/audit/events?after=0&limit=1000`);
    expect(log.body.items.slice(0, before.logEventIds.length).map((event: { id: string }) => event.id)).toEqual(before.logEventIds);
  });

  it('answers every newcomer and key person as the older release did, the erased with 410', async () => {
    for (const [kind, recorded] of [['newcomers', before.newcomers], ['key-persons', before.keyPersons]] as const) {
      for (const [id, old] of Object.entries(recorded)) {
        const now = await call('GET', `/${kind}/${id}`);
        expect({ id, status: now.status }).toEqual({ id, status: old.status });
        if (old.status !== 200) continue;
        expect(now.etag).toBe(old.etag);
        expect(now.body).toMatchObject(old.body);
      }
    }
    for (const id of erasedNewcomers) expect((await call('GET', `/newcomers/${id}`)).status).toBe(410);
    for (const id of erasedKeyPersons) expect((await call('GET', `/key-persons/${id}`)).status).toBe(410);
  });

  it('lists everyone and every match and run it listed, and none of the erased', async () => {
    const newcomers = (await all('/newcomers')).map((item) => item.id);
    const keyPersons = (await all('/key-persons')).map((item) => item.id);
    const matches = (await all('/matches')).map((item) => item.id);
    const runs = (await all('/cohort-runs')).map((item) => item.id);
    expect(newcomers).toEqual(expect.arrayContaining(before.lists.newcomers));
    expect(keyPersons).toEqual(expect.arrayContaining(before.lists.keyPersons));
    expect(matches).toEqual(expect.arrayContaining(before.lists.matches));
    expect(runs).toEqual(before.lists.cohortRuns);
    for (const id of [...erasedNewcomers, ...erasedKeyPersons]) expect([...newcomers, ...keyPersons]).not.toContain(id);
  });

  it('answers every match as the older release did, with what changed by design', async () => {
    for (const [id, old] of Object.entries(before.matches)) {
      const now = await call('GET', `/matches/${id}`);
      expect({ id, status: now.status }).toEqual({ id, status: old.status });
      const expected = { ...old.body };
      // The run a proposal came from, in clear since 2026-12-01: older proposals name it from their sealed explanation.
      const fromRun = story.cohortRun.matchIds.includes(id) && !erasedNewcomers.has(old.body.newcomerId);
      expect({ id, cohortRunId: now.body.cohortRunId }).toEqual({ id, cohortRunId: fromRun ? story.cohortRun.id : null });
      // Either person erased: the explanation (sealed under the newcomer's key alone by this build) reads as erased, and
      // so does a closing reason once the newcomer is (docs/security.md).
      if (erasedNewcomers.has(old.body.newcomerId) || erasedKeyPersons.has(old.body.keyPersonId)) {
        delete expected.explanation;
        expect(now.body.explanation).toEqual({ erased: true });
      }
      if (erasedNewcomers.has(old.body.newcomerId) && old.body.closing !== null) {
        expected.closing = { ...old.body.closing, reason: { erased: true } };
      }
      // The expiry sweep closes what awaits an answer past its deadline, and withdraws what awaits a paused key person.
      if (OPEN_AWAITING.includes(old.body.status) && now.body.status !== old.body.status) {
        expect({ id, closing: now.body.closing, allowed: sweptClosings(now.body) }).toEqual({ id, closing: now.body.closing, allowed: expect.arrayContaining([now.body.closing]) });
        for (const field of ['status', 'closing', 'closedAt', 'revision']) delete expected[field];
      } else {
        expect(now.etag).toBe(old.etag);
      }
      expect(now.body).toMatchObject(expected);
    }
  });

  it('explains every proposal as before and reproduces its score; a ranking differs only by key persons erased since', async () => {
    for (const [id, old] of Object.entries(before.explanations)) {
      const now = await call('GET', `/audit/matches/${id}/explanation`);
      expect({ id, status: now.status }).toEqual({ id, status: old.status });
      const { newcomerId, keyPersonId } = before.matches[id].body;
      if (erasedNewcomers.has(newcomerId) || erasedKeyPersons.has(keyPersonId)) {
        expect(now.body).toMatchObject({ erased: true, explanation: { erased: true } });
        continue;
      }
      const { reproduction, ...explanation } = old.body;
      expect(now.body).toMatchObject(explanation);
      if (now.body.reproduction.ranking.erasedSince > 0) {
        const { equal: _equal, ranking: _ranking, ...score } = reproduction;
        expect(now.body.reproduction).toMatchObject({ ...score, equal: false, scoreEqual: true, reason: expect.stringContaining('erased since') });
      } else {
        expect(now.body.reproduction).toMatchObject(reproduction);
      }
    }
  });

  it('keeps every audit trail\'s events in order, and states as of a moment in the middle as they were', async () => {
    for (const [path, old] of Object.entries(before.trails)) {
      const now = await call('GET', `/audit/trails/${path}`);
      expect({ path, status: now.status }).toEqual({ path, status: old.status });
      if (old.eventIds === null) continue;
      const ids: string[] = now.body.events.map((event: { id: string }) => event.id);
      expect(ids.filter((eventId) => old.eventIds!.includes(eventId))).toEqual(old.eventIds);
    }
    for (const [path, old] of Object.entries(before.asOf)) {
      // The older release had no state of a match as of a moment (400: no such kind).
      if (path.startsWith('matches/')) continue;
      const now = await call('GET', `/audit/${path}?asOf=${before.asOfPosition}`);
      expect({ path, status: now.status }).toEqual({ path, status: old.status });
      if (old.status === 200) expect(now.body).toMatchObject(old.body);
    }
  });

  it('shows the cohort run, its fairness report and the policy as before', async () => {
    for (const [id, old] of Object.entries(before.cohortRuns)) {
      const now = await call('GET', `/cohort-runs/${id}`);
      expect(now.status).toBe(old.status);
      expect(now.body).toMatchObject(old.body);
      // Recorded whole before 2026-11-30: the report as the run had it, on the optimiser's pairs.
      expect(now.body.fairness).toMatchObject({ basis: 'planned', erasedNewcomers: null });
    }
    const policy = await call('GET', '/policy');
    expect(policy.body).toEqual(before.policy.body);
    expect(policy.etag).toBe(before.policy.etag);
  });

  it('withdraws what a key person paused under the older rules still held, expires what is overdue, and leaves acceptances given under the older rules', async () => {
    const expiredLater = await eventually(async () => {
      const now = await match(pairs['expires-later'].matchId);
      return now.status === 'expired' && now;
    }, { timeoutMs: 20_000, what: 'the proposal left to expire' });
    expect(expiredLater.closing).toEqual({ status: 'expired' });
    const paused = await eventually(async () => {
      const now = await match(pairs['paused-proposed'].matchId);
      return !OPEN_AWAITING.includes(now.status) && now;
    }, { timeoutMs: 20_000, what: 'the paused key person\'s proposal to be closed' });
    expect(sweptClosings(paused)).toContainEqual(paused.closing);
    await eventually(matcherIdle, { timeoutMs: 60_000, intervalMs: 250, what: 'the matcher to be idle' });
    // Accepted after the key person's pause, which the older rules allowed (MatchAccepted v1): never undone.
    expect((await match(pairs['paused-accepted'].matchId)).status).toBe('accepted');
    expect((await match(pairs.accepted.matchId)).status).toBe('accepted');
  });

  it('takes edits with the ETags the older release gave, and refuses a stale one', async () => {
    const newcomer = pairs.edited.newcomerId;
    const edited = await call('PATCH', `/newcomers/${newcomer}`, { notes: 'Edited after the upgrade.' }, { 'If-Match': before.newcomers[newcomer].etag! });
    expect(edited.status).toBe(200);
    expect(edited.body.notes).toBe('Edited after the upgrade.');
    const keyPerson = pairs.edited.keyPersonId;
    const hours = await call('PATCH', `/key-persons/${keyPerson}`, { maxHoursPerMonth: 37.5 }, { 'If-Match': before.keyPersons[keyPerson].etag! });
    expect(hours.status).toBe(200);
    const stale = await call('PATCH', `/newcomers/${pairs.proposed.newcomerId}`, { notes: 'Too late.' }, { 'If-Match': '"99"' });
    expect(stale.status).toBe(412);
  });

  it('carries the older release\'s matches on: approve and accept while their deadline lasts, end an accepted one', async () => {
    const proposed = await match(pairs.proposed.matchId);
    if (Date.parse(proposed.expiresAt) > Date.now() + 60_000) {
      const approved = await call('POST', `/matches/${proposed.id}/approve`, undefined, { 'If-Match': before.matches[proposed.id].etag! });
      expect(approved.body.status).toBe('approved');
      expect((await call('POST', `/matches/${proposed.id}/accept`)).body.status).toBe('accepted');
    } else {
      // The fixture's 90-day deadline has passed: the sweep closed it at the start, as it would any other.
      expect(proposed.status).toBe('expired');
    }
    const halfAccepted = await match(pairs['half-accepted'].matchId);
    if (halfAccepted.status === 'approved') {
      const accepted = await call('POST', `/matches/${halfAccepted.id}/accept`, { party: 'key-person' });
      expect(accepted.body).toMatchObject({ status: 'accepted', acceptedBy: ['newcomer', 'key-person'] });
    } else {
      expect(halfAccepted.status).toBe('expired');
    }
    const ended = await call('POST', `/matches/${pairs.accepted.matchId}/end`, { outcome: 'completed', reason: 'Goals reached after the upgrade.' });
    expect(ended.body).toMatchObject({ status: 'ended' });
  });

  it('answers a retried request of the older release with its first answer', async () => {
    const { key, body, newcomerId } = story.idempotentRegistration;
    const again = await call('POST', '/newcomers', body, { 'Idempotency-Key': key });
    expect(again).toMatchObject({ status: 201, body: { id: newcomerId } });
    expect((await call('POST', '/newcomers', { ...body, notes: 'Another body.' }, { 'Idempotency-Key': key })).status).toBe(422);
    const run = await call('POST', '/cohort-runs', { waitingBonusPerDay: 0.01, loadCost: 0.05 }, { 'Idempotency-Key': 'upgrade-history-run' });
    expect(run).toMatchObject({ status: 202, body: { id: story.cohortRun.id } });
  });

  it('goes on matching: a new newcomer is proposed to an older key person with a place free, and the proposal reproduces', async () => {
    const { body } = story.idempotentRegistration;
    const registered = await call('POST', '/newcomers', { ...body, displayName: 'Registered after the upgrade' });
    expect(registered.status).toBe(201);
    const proposal = await eventually(async () => (await call('GET', `/matches?newcomerId=${registered.body.id}`)).body.items[0], { timeoutMs: 20_000, what: 'a proposal' });
    expect(proposal).toMatchObject({ status: 'proposed', keyPersonId: pairs.edited.keyPersonId });
    expect((await call('GET', `/audit/matches/${proposal.id}/explanation`)).body.reproduction).toMatchObject({ equal: true });
    // Resumed, the key person paused under the older rules is proposed again to the newcomer that pause freed.
    expect((await call('POST', `/key-persons/${pairs['paused-proposed'].keyPersonId}/resume`)).status).toBe(200);
    if ((await match(pairs['paused-proposed'].matchId)).closing.reason === PAUSED) {
      const again = await eventually(async () => (await call('GET', `/matches?newcomerId=${pairs['paused-proposed'].newcomerId}&status=proposed`)).body.items[0], { timeoutMs: 20_000, what: 'a new proposal' });
      expect(again.keyPersonId).toBe(pairs['paused-proposed'].keyPersonId);
    }
  });

  it('erases a person the older release registered, and changes the policy its proposals named', async () => {
    const { newcomerId } = pairs.declined;
    const erased = await call('POST', '/erasures', { subjectType: 'newcomer', subjectId: newcomerId, basis: 'data-subject-request' });
    expect(erased).toMatchObject({ status: 200, body: { status: 'erased' } });
    expect((await call('GET', `/newcomers/${newcomerId}`)).status).toBe(410);
    // What the older release sealed is unreadable now: the declined match's explanation and the reason written.
    expect(await match(pairs.declined.matchId)).toMatchObject({ status: 'declined', explanation: { erased: true }, closing: { status: 'declined', reason: { erased: true } } });
    // Erased by the older release: asked again, the erasure answers the basis it recorded.
    const repeated = await call('POST', '/erasures', { subjectType: 'key-person', subjectId: pairs['key-person-erased'].keyPersonId, basis: 'other' });
    expect(repeated).toMatchObject({ status: 200, body: { basis: 'retention-ended' } });
    const { policy, version } = (await call('GET', '/policy')).body;
    const changed = await call('PUT', '/policy', { ...policy, weights: { ...policy.weights, gender: 10 }, reason: 'After the upgrade' });
    expect(changed.body.version).toBe(version + 1);
  });

  it('runs a cohort run and an audit replay that agrees, with no tombstone lacking its erasure', async () => {
    const started = await call('POST', '/cohort-runs', { waitingBonusPerDay: 0.01, loadCost: 0.05 });
    expect(started.status).toBe(202);
    const run = await eventually(async () => {
      const now = (await call('GET', `/cohort-runs/${started.body.id}`)).body;
      return now.status !== 'running' && now;
    }, { timeoutMs: 60_000, intervalMs: 250, what: 'the cohort run' });
    expect(run.status).toBe('done');
    await eventually(matcherIdle, { timeoutMs: 60_000, intervalMs: 250, what: 'the matcher to be idle' });
    const replay = await call('POST', '/audit/replays');
    expect(replay.status).toBe(202);
    const done = await eventually(async () => {
      const now = (await call('GET', `/audit/replays/${replay.body.id}`)).body;
      return now.status !== 'running' && now;
    }, { timeoutMs: 60_000, intervalMs: 250, what: 'the replay' });
    expect(done.status).toBe('done');
    expect(done.projections.map((projection: { name: string; equal: boolean }) => [projection.name, projection.equal])).toEqual([
      ['directory', true], ['match-board', true], ['cohort-runs', true],
    ]);
    expect(done.tombstones).toMatchObject({ tombstones: 4, withoutErasure: 0 });
    expect((await api.request('GET', '/health/ready')).status).toBe(200);
  }, 150_000);

  it('stops, passes audit verify and audit replay, and starts again on the read models it built', async () => {
    const edited = await call('GET', `/newcomers/${pairs.edited.newcomerId}`);
    await api.kill('SIGTERM');
    expect((await api.exited).code).toBe(0);
    const verify = cli(dataDir, ['audit', 'verify', '--anchor', story.verify.head.anchor]);
    expect(verify.status).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ intact: true, anchor: { matches: true } });
    const replay = cli(dataDir, ['audit', 'replay']);
    expect(replay.status).toBe(0);
    expect(replay.stdout).toContain('0 without an erasure in the log');
    api = await ApiProcess.start('restarted', env, { timeoutMs: 120_000 });
    expect(api.output.filter((line) => line.includes('read models of version'))).toEqual([]);
    const again = await call('GET', `/newcomers/${pairs.edited.newcomerId}`);
    expect({ etag: again.etag, body: again.body }).toEqual({ etag: edited.etag, body: edited.body });
  }, 150_000);
});
