import { keyPersonStream, newcomerStream, RegisterKeyPerson, RegisterNewcomer } from '@sleutel/domain';
import { CommandContext, CommandRunner, EventCodec } from '@sleutel/eventsourcing';
import { EVENT_CODEC, keyPersonAggregate, newcomerAggregate } from '@sleutel/platform';
import { generateKeyPerson, generateNewcomer } from '@sleutel/seed';
import { eventually } from './support/eventually';
import { invariantViolations, waitForQuiet } from './support/matcher-quiet';
import { readOpenedLog } from './support/opened-log';
import { startTestApp, TestApp } from './support/test-app';

const KEY_PERSONS = 80;
const NEWCOMERS = 60;
const SEED = 'audit-e2e';

/**
 * SPEC §4 invariant 7 and §6 on a real run: a seeded population matched by
 * the in-process matcher; every proposal's score computed again from the log
 * equals the stored one, a replay rebuilds projections equal to the live
 * ones, and the chain of every stream holds.
 */
describe('audit of a matched population', () => {
  let t: TestApp;
  let auditor: string;

  beforeAll(async () => {
    t = await startTestApp({ matcher: true });
    auditor = t.token('auditor');
    const runner = t.app.get(CommandRunner);
    const context = (id: string): CommandContext => ({
      actor: { id: 'cli:seed', role: 'admin' }, source: 'cli', correlationId: `seed|${SEED}`, causationId: 'cli:seed', commandId: `seed|${id}`,
    });
    for (let index = 0; index < KEY_PERSONS; index++) {
      const { id, profile } = generateKeyPerson(SEED, index);
      await runner.run(keyPersonAggregate, keyPersonStream(id), (_, at): RegisterKeyPerson[] => [{ type: 'RegisterKeyPerson', data: { keyPersonId: id, at, profile } }], context(id));
    }
    for (let index = 0; index < NEWCOMERS; index++) {
      const { id, profile } = generateNewcomer(SEED, index);
      await runner.run(newcomerAggregate, newcomerStream(id), (_, at): RegisterNewcomer[] => [{ type: 'RegisterNewcomer', data: { newcomerId: id, at, profile } }], context(id));
    }
    // Matching is done when the log has stopped growing and every newcomer has a proposal or a recorded reason why none,
    // with no reservation waiting for its proposal: a newcomer whose reservation was let go (a place lost to another
    // worker) is asked for again, so "every newcomer answered" alone can come a few events early.
    const quiet = await waitForQuiet(t.store, null, { quietForMs: 2_000, timeoutMs: 60_000, stuckAfterMs: 20_000, readLog: () => readOpenedLog(t.store, t.dataDir) });
    expect({ quiet: quiet.quiet, reason: quiet.reason }).toEqual({ quiet: true, reason: 'quiet' });
    expect(invariantViolations(quiet.audit)).toBe('');
  }, 120_000);
  afterAll(() => t.close());

  const get = (path: string) => t.http.get(path).set('Authorization', `Bearer ${auditor}`);

  it('reproduces the stored score and ranking of every proposal from the log', async () => {
    // Opened as the platform opens them: the explanation is sealed under the newcomer's key.
    const codec = t.app.get<EventCodec>(EVENT_CODEC);
    const proposals = await Promise.all((await t.store.readAll({ filter: { eventTypes: ['MatchProposed'] } })).map((event) => codec.decode(event)));
    expect(proposals.length).toBeGreaterThanOrEqual(10);
    for (const proposal of proposals) {
      const { body } = await get(`/api/v1/audit/matches/${proposal.data.matchId}/explanation`).expect(200);
      expect({ match: body.matchId, stored: body.score, reproduced: body.reproduction.score, equal: body.reproduction.equal, reason: body.reproduction.reason })
        .toEqual({ match: proposal.data.matchId, stored: proposal.data.score, reproduced: proposal.data.score, equal: true, reason: undefined });
      expect(body.explanation).toEqual(proposal.data.explanation);
      expect(body.reproduction.components.map((c: { contribution: number }) => c.contribution))
        .toEqual((proposal.data.explanation as { components: { contribution: number }[] }).components.map((c) => c.contribution));
      // The ranking too: every key person as of the recorded position, ranked again, gives back the stored alternatives and counts.
      const stored = proposal.data.explanation as { considered: number; excluded: object; alternatives: object[]; shareOfBest: number; bestAttainable: number };
      const { ranking } = body.reproduction;
      expect({ match: body.matchId, equal: ranking.equal, differences: ranking.differences }).toEqual({ match: proposal.data.matchId, equal: true, differences: [] });
      expect(ranking).toMatchObject({
        considered: stored.considered, excluded: stored.excluded, alternatives: stored.alternatives, shareOfBest: stored.shareOfBest, bestAttainable: stored.bestAttainable,
      });
      expect(ranking.place).toBeGreaterThanOrEqual(1);
      expect(ranking.place).toBeLessThanOrEqual(ranking.feasible);
    }
  });

  it('shows a matched newcomer\'s trail with the match and the key person\'s reservation, in log order', async () => {
    const [proposal] = await t.store.readAll({ filter: { eventTypes: ['MatchProposed'] }, limit: 1 });
    const { body } = await get(`/api/v1/audit/trails/newcomers/${proposal.data.newcomerId}`).expect(200);
    const types = body.events.map((event: { type: string }) => event.type);
    expect(types).toEqual(expect.arrayContaining(['NewcomerRegistered', 'NewcomerMatchReserved', 'KeyPersonCapacityReserved', 'MatchProposed']));
    expect(types.indexOf('NewcomerMatchReserved')).toBeLessThan(types.indexOf('KeyPersonCapacityReserved'));
    expect(types.indexOf('KeyPersonCapacityReserved')).toBeLessThan(types.indexOf('MatchProposed'));
    const positions = body.events.map((event: { position: number }) => event.position);
    expect(positions).toEqual([...positions].sort((a: number, b: number) => a - b));
    const matchTrail = await get(`/api/v1/audit/trails/matches/${proposal.data.matchId}`).expect(200);
    type Entry = { type: string; relation: string; id: string; streamId: string; metadata: { causationId: string } };
    const entries = matchTrail.body.events as Entry[];
    expect(entries.filter((event) => event.relation !== 'cause').map((event) => event.type)).toEqual(['NewcomerMatchReserved', 'KeyPersonCapacityReserved', 'MatchProposed']);
    // And what asked for the match when a party's event did (the registration, say; not a retry after another key person's release).
    for (const cause of entries.filter((event) => event.relation === 'cause')) {
      expect(cause.streamId).toMatch(/^(newcomer|key-person)-/);
      expect(entries.some((event) => event.metadata.causationId === cause.id)).toBe(true);
    }
  });

  it('replays every projection and gets the live digests', async () => {
    const started = await t.http.post('/api/v1/audit/replays').set('Authorization', `Bearer ${auditor}`).expect(202);
    const done = await eventually(async () => {
      const body = (await get(`/api/v1/audit/replays/${started.body.id}`).expect(200)).body;
      return body.status === 'running' ? undefined : body;
    }, { timeoutMs: 30_000, what: 'the replay' });
    expect({ status: done.status, error: done.error }).toEqual({ status: 'done', error: null });
    for (const projection of done.projections) expect(projection).toMatchObject({ equal: true, liveDigest: projection.rebuiltDigest });
    expect(done.projections.find((p: { name: string }) => p.name === 'match-board').liveRows).toBeGreaterThanOrEqual(10);
    expect(done.projections.find((p: { name: string }) => p.name === 'directory').liveRows).toBe(KEY_PERSONS + NEWCOMERS);
  });

  it('verifies every stream intact', async () => {
    const { body } = await get('/api/v1/audit/verify').expect(200);
    expect(body).toMatchObject({ intact: true, events: await t.logLength(), broken: [] });
    expect(body.streams).toBeGreaterThan(KEY_PERSONS + NEWCOMERS);
  });

  // Last: it erases a key person, which the tests above must not see.
  it('after a key person is erased, every proposal scored while they were in the pool says so, and nothing else differs', async () => {
    const codec = t.app.get<EventCodec>(EVENT_CODEC);
    const proposals = await Promise.all((await t.store.readAll({ filter: { eventTypes: ['MatchProposed'] } })).map((event) => codec.decode(event)));
    type Stored = { alternatives: { keyPersonId: string }[] };
    // The key person listed most often as an alternative among those proposed to by none: erasing them withdraws nothing.
    const proposedTo = new Set(proposals.map((proposal) => proposal.data.keyPersonId as string));
    const listed = new Map<string, number>();
    for (const proposal of proposals) {
      for (const { keyPersonId } of (proposal.data.explanation as Stored).alternatives) {
        if (!proposedTo.has(keyPersonId)) listed.set(keyPersonId, (listed.get(keyPersonId) ?? 0) + 1);
      }
    }
    const [erased] = [...listed].sort((a, b) => b[1] - a[1])[0];
    await t.http.post('/api/v1/erasures').set('Authorization', `Bearer ${t.token('admin')}`).send({ subjectType: 'key-person', subjectId: erased }).expect(200);
    const stream = await t.store.readStream(keyPersonStream(erased));
    const [registered, erasure] = [stream[0].position, stream.find((event) => event.type === 'KeyPersonErased')!.position];

    for (const proposal of proposals) {
      const { body } = await get(`/api/v1/audit/matches/${proposal.data.matchId}/explanation`).expect(200);
      const position = proposal.data.logPosition as number;
      const erasedSince = position >= registered && position < erasure ? 1 : 0;
      const wasAlternative = (proposal.data.explanation as Stored).alternatives.some((alternative) => alternative.keyPersonId === erased);
      const { ranking } = body.reproduction;
      // The score holds for every one; equal (score and ranking) only where no erasure changed the ranking.
      expect({ match: body.matchId, scoreEqual: body.reproduction.scoreEqual, equal: body.reproduction.equal, erasedSince: ranking.erasedSince, unexplained: ranking.unexplained })
        .toEqual({ match: proposal.data.matchId, scoreEqual: true, equal: erasedSince === 0, erasedSince, unexplained: [] });
      // One fewer considered, and, where they had been an alternative, the alternatives: each difference with its reason.
      expect({ match: body.matchId, considered: ranking.differences.includes('considered'), alternatives: ranking.differences.includes('alternatives'), reason: typeof ranking.reason })
        .toEqual({ match: proposal.data.matchId, considered: erasedSince === 1, alternatives: erasedSince === 1 && wasAlternative, reason: erasedSince === 1 ? 'string' : 'undefined' });
    }
    expect(proposals.filter((proposal) => (proposal.data.explanation as Stored).alternatives.some((alternative) => alternative.keyPersonId === erased)).length).toBeGreaterThan(0);
  });
});
