import {
  derivedId, eventSchemaVersions, eventUpcasters, KeyPersonCommand, keyPersonStream, MatchCommand, matchStream, newcomerStream, RegisterKeyPerson,
  RegisterNewcomer,
} from '@sleutel/domain';
import { InMemoryEventStore, JsonObject } from '@sleutel/event-store';
import { CommandContext, CommandRunner, upcastingCodec } from '@sleutel/eventsourcing';
import { toCandidate, toMatchingNewcomer } from '@sleutel/matcher';
import { DEFAULT_POLICY, explain, MatchingKeyPerson, rank, Ranking } from '@sleutel/matching';
import { keyPersonAggregate, matchAggregate, newcomerAggregate } from '@sleutel/platform';
import { generateKeyPerson, generateNewcomer } from '@sleutel/seed';
import { explainProposal } from './proposal-reproduction';

const SEED = 'reproduction-spec';
const KEY_PERSONS = 40;
const REGISTERED_AT = '2026-02-01T00:00:00.000Z';
/** 10.25 days after registration: a waiting component of 10.25 days gives this instant back. */
const SCORED_AT = '2026-02-11T06:00:00.000Z';
const PROPOSED_AT = '2026-02-11T06:01:00.000Z';

const codec = upcastingCodec(eventSchemaVersions, eventUpcasters);
const context = (commandId: string): CommandContext => ({ actor: { id: 'matcher', role: 'system' }, source: 'worker', correlationId: 'spec', causationId: 'spec', commandId });

/**
 * The reproduction from events written by the real deciders: scored at a
 * known instant against every key person, the proposal made for the key
 * person in second place (as after a race for the best one was lost).
 */
describe('explainProposal', () => {
  let store: InMemoryEventStore;
  let now: Date;
  let runner: CommandRunner;
  let newcomerId: string;
  let newcomerRevision: number;
  let ranking: Ranking;
  let chosen: string;
  let scoredPosition: number;

  beforeAll(async () => {
    store = new InMemoryEventStore();
    now = new Date(REGISTERED_AT);
    runner = new CommandRunner(store, codec, () => now);
    for (let index = 0; index < KEY_PERSONS; index++) {
      const { id, profile } = generateKeyPerson(SEED, index);
      await runner.run(keyPersonAggregate, keyPersonStream(id), (_, at): RegisterKeyPerson[] => [{ type: 'RegisterKeyPerson', data: { keyPersonId: id, at, profile } }], context(id));
    }
    const keyPersons: MatchingKeyPerson[] = [];
    for (let index = 0; index < KEY_PERSONS; index++) {
      const { id } = generateKeyPerson(SEED, index);
      keyPersons.push(toCandidate(id, (await runner.load(keyPersonAggregate, keyPersonStream(id))).state)!);
    }
    // The first generated newcomer with a few key persons within reach (most live too far from 40 random ones).
    let found: Ranking | undefined;
    for (let index = 0; found === undefined || found.ranking.length < 4; index++) {
      const newcomer = generateNewcomer(SEED, index);
      newcomerId = newcomer.id;
      await runner.run(newcomerAggregate, newcomerStream(newcomerId), (_, at): RegisterNewcomer[] => [{ type: 'RegisterNewcomer', data: { newcomerId, at, profile: newcomer.profile } }], context(newcomerId));
      const loaded = await runner.load(newcomerAggregate, newcomerStream(newcomerId));
      newcomerRevision = loaded.revision;
      found = rank(toMatchingNewcomer(newcomerId, loaded.state)!, keyPersons, DEFAULT_POLICY, SCORED_AT);
    }
    ranking = found;
    chosen = ranking.ranking[1].keyPersonId;
    scoredPosition = (await store.headPosition())!;
    now = new Date(PROPOSED_AT);
  });

  async function propose(matchId: string, logPosition: number, explanation: JsonObject): Promise<void> {
    const score = ranking.ranking.find((candidate) => candidate.keyPersonId === chosen)!.score;
    await runner.run(matchAggregate, matchStream(matchId), (_, at): MatchCommand[] => [{
      type: 'ProposeMatch',
      data: { matchId, at, newcomerId, keyPersonId: chosen, score, policyVersion: DEFAULT_POLICY.version, logPosition, expiresAt: '2026-02-18T00:00:00.000Z', explanation },
    }], context(`propose|${matchId}`));
  }

  const explained = (): JsonObject => explain(ranking, chosen) as unknown as JsonObject;

  it('gives back the score and the whole ranking of a proposal scored with its own place already held (a resumed proposal)', async () => {
    const matchId = derivedId(`${SEED}|resumed`);
    // The place is reserved before the position the scoring records: the matcher discounted it, so must the reproduction.
    await runner.run(keyPersonAggregate, keyPersonStream(chosen), (_, at): KeyPersonCommand[] => [
      { type: 'ReserveKeyPersonCapacity', data: { keyPersonId: chosen, at, matchId, newcomerId } },
    ], context(`reserve|${matchId}`));
    await propose(matchId, (await store.headPosition())!, { ...explained(), scoredAt: SCORED_AT, newcomerRevision });

    const { reproduction } = (await explainProposal(store, codec, matchId))!;

    expect(reproduction).toMatchObject({ equal: true, scoreEqual: true, scoredAt: SCORED_AT, scoredAtSource: 'recorded', newcomerRevision });
    expect(reproduction.reason).toBeUndefined();
    expect(reproduction.ranking).toEqual({
      equal: true, differences: [], erasedSince: 0, unexplained: [], place: 2, feasible: ranking.ranking.length,
      considered: KEY_PERSONS, excluded: ranking.excluded, bestAttainable: ranking.bestAttainable,
      shareOfBest: explain(ranking, chosen)!.shareOfBest, alternatives: explain(ranking, chosen)!.alternatives,
    });
  });

  it('names the stored fields a recomputed ranking does not give back, and is not equal (SPEC §4 inv. 7: the same score and ranking) though the score is', async () => {
    const matchId = derivedId(`${SEED}|altered`);
    const stored = explain(ranking, chosen)!;
    const [first, ...others] = stored.alternatives;
    await propose(matchId, scoredPosition, {
      ...explained(), scoredAt: SCORED_AT, newcomerRevision, considered: stored.considered + 1,
      alternatives: [{ ...first, score: first.score + 1e-12 }, ...others] as unknown as JsonObject[],
    });

    const { reproduction } = (await explainProposal(store, codec, matchId))!;

    expect({ equal: reproduction.equal, scoreEqual: reproduction.scoreEqual }).toEqual({ equal: false, scoreEqual: true });
    expect(reproduction.reason).toBe(`the score is equal; the ranking differs: ${reproduction.ranking?.reason}`);
    expect(reproduction.ranking).toMatchObject({ equal: false, differences: ['considered', 'alternatives'], erasedSince: 0, unexplained: ['considered', 'alternatives'], place: 2 });
    expect(reproduction.ranking?.reason).toMatch(/^considered and alternatives differ from the stored explanation, and no key person known at the recorded position was erased since: nothing accounts for it$/);
  });

  it('finds the scoring instant of an older proposal from its waiting component when none was recorded', async () => {
    const matchId = derivedId(`${SEED}|older-waiting`);
    const stored = explained();
    const waiting = (stored.components as { name: string; raw: { days: number } }[]).find((component) => component.name === 'waiting');
    expect(waiting?.raw.days).toBe(10.25);
    await propose(matchId, scoredPosition, stored);

    const { reproduction } = (await explainProposal(store, codec, matchId))!;

    expect(reproduction).toMatchObject({ equal: true, scoredAt: SCORED_AT, scoredAtSource: 'waiting-component', ranking: { equal: true, place: 2 } });
  });

  it('falls back to the proposal\'s own time when neither the instant nor a waiting component was recorded', async () => {
    const matchId = derivedId(`${SEED}|older-bare`);
    const stored = explained();
    await propose(matchId, scoredPosition, { ...stored, components: (stored.components as { name: string }[]).filter((component) => component.name !== 'waiting') as unknown as JsonObject[] });

    const { reproduction } = (await explainProposal(store, codec, matchId))!;

    // Later than the scoring, so the waiting component (and with it the score) may come out differently: the source says so.
    expect(reproduction).toMatchObject({ scoredAt: PROPOSED_AT, scoredAtSource: 'proposed-at', newcomerRevision });
    expect(reproduction.score).not.toBeNull();
  });

  it('is null for a match that was never proposed', async () => {
    expect(await explainProposal(store, codec, derivedId(`${SEED}|never`))).toBeNull();
  });
});
