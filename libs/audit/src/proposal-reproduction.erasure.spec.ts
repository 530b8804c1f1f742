import {
  derivedId, eventSchemaVersions, eventUpcasters, KeyPersonCommand, KeyPersonProfileInput, keyPersonStream, MatchCommand, matchStream, NewcomerCommand,
  NewcomerProfileInput, newcomerStream, RegisterKeyPerson, RegisterNewcomer,
} from '@sleutel/domain';
import { EventStore, InMemoryEventStore, JsonObject } from '@sleutel/event-store';
import { CommandContext, CommandRunner, EventCodec, upcastingCodec } from '@sleutel/eventsourcing';
import { toCandidate, toMatchingNewcomer } from '@sleutel/matcher';
import { DEFAULT_POLICY, explain, MatchingKeyPerson, rank, Ranking } from '@sleutel/matching';
import { keyPersonAggregate, matchAggregate, newcomerAggregate, platformEventCodec } from '@sleutel/platform';
import { InMemoryKeyStore, MasterKey } from '@sleutel/privacy';
import { generateKeyPerson, generateNewcomer } from '@sleutel/seed';
import { explainProposal } from './proposal-reproduction';
import { portOnly } from './testing/port-only-store';

const SEED = 'reproduction-erasure-spec';
const KEY_PERSONS = 40;
const REGISTERED_AT = '2026-02-01T00:00:00.000Z';
const SCORED_AT = '2026-02-11T06:00:00.000Z';
const PROPOSED_AT = '2026-02-11T06:01:00.000Z';

const context = (commandId: string): CommandContext => ({ actor: { id: 'matcher', role: 'system' }, source: 'worker', correlationId: 'spec', causationId: 'spec', commandId });

/** A proposal scored against every key person, for the one in second place, and what erasing people afterwards does to auditing it. */
interface World {
  readonly store: InMemoryEventStore;
  readonly codec: EventCodec;
  readonly newcomerId: string;
  readonly ranking: Ranking;
  readonly chosen: string;
  readonly matchId: string;
  /** Another proposal of the same scoring, its stored explanation changed by `alter`. */
  propose(matchId: string, alter?: (explanation: JsonObject) => JsonObject): Promise<void>;
  eraseKeyPerson(id: string): Promise<void>;
  eraseNewcomer(): Promise<void>;
}

/**
 * As the matcher records it: the log position is that of the pool it ranked
 * (the key persons), which precedes the newcomer's registration; the
 * newcomer's revision and the instant are recorded inside the explanation.
 * With `keys`, events are sealed as the platform seals them and an erasure
 * destroys the key; without, every event stays readable, as in a process
 * whose cache still holds a key another process destroyed.
 */
async function scoredWorld(keys: InMemoryKeyStore | null): Promise<World> {
  const store = new InMemoryEventStore();
  const codec = keys === null ? upcastingCodec(eventSchemaVersions, eventUpcasters) : platformEventCodec(keys);
  const clock = { now: new Date(REGISTERED_AT) };
  const runner = new CommandRunner(store, codec, () => clock.now);
  // One newcomer, and a quarter of the key persons moved next door to them, speaking their languages and free when they are:
  // ten feasible, so an erased alternative leaves others to move up; the rest mostly out of reach, so excluded.
  const generated = generateNewcomer(SEED, 0);
  const newcomerId = generated.id;
  const profile: NewcomerProfileInput = { ...generated.profile, preferences: { keyPersonGender: 'any', genderRequired: false, sameOrigin: 'no-preference', remoteOk: false }, doNotMatch: [] };
  const keyPersons: MatchingKeyPerson[] = [];
  for (let index = 0; index < KEY_PERSONS; index++) {
    const { id, profile: far } = generateKeyPerson(SEED, index);
    const near: KeyPersonProfileInput = {
      ...far, municipality: profile.municipality, postcodeArea: profile.postcodeArea, remoteOnly: false, travelRadiusKm: 25,
      languages: profile.languages.map((skill) => ({ ...skill, level: 'native' })), availability: profile.availability,
    };
    await runner.run(keyPersonAggregate, keyPersonStream(id), (_, at): RegisterKeyPerson[] => [{ type: 'RegisterKeyPerson', data: { keyPersonId: id, at, profile: index % 4 === 0 ? near : far } }], context(id));
    keyPersons.push(toCandidate(id, (await runner.load(keyPersonAggregate, keyPersonStream(id))).state)!);
  }
  const poolPosition = (await store.headPosition())!;
  await runner.run(newcomerAggregate, newcomerStream(newcomerId), (_, at): RegisterNewcomer[] => [{ type: 'RegisterNewcomer', data: { newcomerId, at, profile } }], context(newcomerId));
  const loaded = await runner.load(newcomerAggregate, newcomerStream(newcomerId));
  const newcomerRevision = loaded.revision;
  const ranking = rank(toMatchingNewcomer(newcomerId, loaded.state)!, keyPersons, DEFAULT_POLICY, SCORED_AT);
  // The setup's own claim, so that a change to the generator shows here rather than as a puzzling failure below.
  expect({ feasible: ranking.ranking.length >= 5, excluded: ranking.ranking.length < KEY_PERSONS }).toEqual({ feasible: true, excluded: true });
  const chosen = ranking.ranking[1];
  clock.now = new Date(PROPOSED_AT);
  const explanation = { ...(explain(ranking, chosen.keyPersonId) as unknown as JsonObject), scoredAt: SCORED_AT, newcomerRevision };
  const propose = async (matchId: string, alter = (stored: JsonObject) => stored): Promise<void> => {
    await runner.run(matchAggregate, matchStream(matchId), (_, at): MatchCommand[] => [{
      type: 'ProposeMatch',
      data: {
        matchId, at, newcomerId, keyPersonId: chosen.keyPersonId, score: chosen.score, policyVersion: DEFAULT_POLICY.version, logPosition: poolPosition,
        expiresAt: '2026-02-18T00:00:00.000Z', explanation: alter(explanation),
      },
    }], context(`propose|${matchId}`));
  };
  const matchId = derivedId(`${SEED}|proposal`);
  await propose(matchId);
  return {
    store, codec, newcomerId, ranking, chosen: chosen.keyPersonId, matchId, propose,
    async eraseKeyPerson(id) {
      await runner.run(keyPersonAggregate, keyPersonStream(id), (_, at): KeyPersonCommand[] => [{ type: 'EraseKeyPerson', data: { keyPersonId: id, at, basis: 'data-subject-request' } }], context(`erase|${id}`));
      await keys?.destroy({ type: 'key-person', id });
    },
    async eraseNewcomer() {
      await runner.run(newcomerAggregate, newcomerStream(newcomerId), (_, at): NewcomerCommand[] => [{ type: 'EraseNewcomer', data: { newcomerId, at, basis: 'data-subject-request' } }], context(`erase|${newcomerId}`));
      await keys?.destroy({ type: 'newcomer', id: newcomerId });
    },
  };
}

const sealedWorld = () => scoredWorld(new InMemoryKeyStore(MasterKey.generate()));
/** A key person the ranking counted as excluded. */
const excludedIn = (world: World): string => {
  const ranked = new Set(world.ranking.ranking.map((candidate) => candidate.keyPersonId));
  return Array.from({ length: KEY_PERSONS }, (_, index) => generateKeyPerson(SEED, index).id).find((id) => !ranked.has(id))!;
};

describe.each([
  ['through the index of streams', (store: EventStore) => store],
  ['through the log, on a store without that index', portOnly],
])('explainProposal after erasures, reading the key persons %s', (_, view) => {
  it("says the key person's erasure stopped the reproduction when the proposal's own key person was erased, and shows nothing else as reproduced", async () => {
    const world = await sealedWorld();
    await world.eraseKeyPerson(world.chosen);

    const explained = (await explainProposal(view(world.store), world.codec, world.matchId))!;

    expect(explained).toMatchObject({ matchId: world.matchId, keyPersonId: world.chosen, explanation: { erased: true } });
    expect(explained.reproduction).toEqual({
      score: null, equal: false, scoreEqual: false, reason: "the key person's personal data was erased", policyVersion: DEFAULT_POLICY.version,
      logPosition: explained.logPosition, scoredAt: PROPOSED_AT, scoredAtSource: 'proposed-at', newcomerRevision: null, keyPersonRevision: null,
    });
  });

  it('counts a key person erased since who had been excluded, and puts the smaller counts down to them', async () => {
    const world = await sealedWorld();
    const stored = explain(world.ranking, world.chosen)!;
    await world.eraseKeyPerson(excludedIn(world));

    const { reproduction } = (await explainProposal(view(world.store), world.codec, world.matchId))!;

    // The score holds; the ranking cannot be shown the same, only accounted for: not equal, and saying why.
    expect(reproduction).toMatchObject({ equal: false, scoreEqual: true, score: expect.any(Number) });
    expect(reproduction.reason).toMatch(/^the score is equal; the ranking differs: 1 key person known at the recorded position was erased since/);
    expect(reproduction.ranking).toMatchObject({
      equal: false, differences: ['considered', 'excluded'], erasedSince: 1, unexplained: [],
      place: 2, considered: KEY_PERSONS - 1, bestAttainable: stored.bestAttainable, shareOfBest: stored.shareOfBest, alternatives: stored.alternatives,
    });
    expect(reproduction.ranking?.reason).toMatch(/^1 key person known at the recorded position was erased since/);
  });

  it('leaves out an erased alternative and shows the next in line, with the erasure to account for it', async () => {
    const world = await sealedWorld();
    const [best, , ...rest] = world.ranking.ranking;
    await world.eraseKeyPerson(best.keyPersonId);

    const { reproduction } = (await explainProposal(view(world.store), world.codec, world.matchId))!;

    expect({ equal: reproduction.equal, scoreEqual: reproduction.scoreEqual }).toEqual({ equal: false, scoreEqual: true });
    expect(reproduction.ranking).toMatchObject({
      equal: false, differences: ['considered', 'alternatives'], erasedSince: 1, unexplained: [], place: 1,
      alternatives: rest.slice(0, 3).map((candidate) => ({ keyPersonId: candidate.keyPersonId, score: candidate.score, gap: world.ranking.ranking[1].score - candidate.score })),
    });
  });

  it('still names a stored figure that the erasures cannot account for', async () => {
    const world = await sealedWorld();
    const altered = derivedId(`${SEED}|altered`);
    await world.propose(altered, (stored) => {
      const [first, ...others] = stored.alternatives as { score: number }[];
      return { ...stored, alternatives: [{ ...first, score: first.score + 1e-12 }, ...others] } as unknown as JsonObject;
    });
    await world.eraseKeyPerson(excludedIn(world));

    const { reproduction } = (await explainProposal(view(world.store), world.codec, altered))!;

    expect(reproduction.ranking).toMatchObject({ equal: false, differences: ['considered', 'excluded', 'alternatives'], erasedSince: 1, unexplained: ['alternatives'] });
    expect(reproduction.ranking?.reason).toMatch(/; leaving them out accounts for considered and excluded, not for alternatives$/);
  });

  it('reads erasures from the log, so a key that still opens their events (cached in another process) changes nothing', async () => {
    const world = await scoredWorld(null);
    const [best] = world.ranking.ranking;
    await world.eraseKeyPerson(best.keyPersonId);
    expect((await explainProposal(view(world.store), world.codec, world.matchId))!.reproduction.ranking).toMatchObject({ erasedSince: 1, unexplained: [], place: 1 });

    await world.eraseKeyPerson(world.chosen);
    const ownErased = (await explainProposal(view(world.store), world.codec, world.matchId))!;
    expect(ownErased).toMatchObject({ explanation: { erased: true }, reproduction: { score: null, equal: false, reason: "the key person's personal data was erased" } });
    expect(ownErased.reproduction.ranking).toBeUndefined();

    await world.eraseNewcomer();
    const newcomerErased = (await explainProposal(view(world.store), world.codec, world.matchId))!;
    expect(newcomerErased).toMatchObject({ reproduction: { score: null, reason: "the newcomer's personal data was erased" } });
    expect(newcomerErased.explanation).toEqual({ erased: true });
  });
});
