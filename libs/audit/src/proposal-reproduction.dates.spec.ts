import { derivedId, eventSchemaVersions, eventUpcasters, keyPersonStream, MatchCommand, matchStream, newcomerStream, RegisterKeyPerson, RegisterNewcomer } from '@sleutel/domain';
import { InMemoryEventStore, JsonObject } from '@sleutel/event-store';
import { CommandContext, CommandRunner, upcastingCodec } from '@sleutel/eventsourcing';
import { toCandidate, toMatchingNewcomer } from '@sleutel/matcher';
import {
  DEFAULT_POLICY, explain, MatchingKeyPerson, MatchingNewcomer, rank, Ranking, SCORING_POLICY_STREAM, ScoringPolicy, ScoringPolicyCommand,
  withBestAttainableAsRecorded,
} from '@sleutel/matching';
import { keyPersonAggregate, matchAggregate, newcomerAggregate, scoringPolicyAggregate } from '@sleutel/platform';
import { generateKeyPerson, generateNewcomer } from '@sleutel/seed';
import { explainProposal } from './proposal-reproduction';

const SEED = 'reproduction-dates-spec';
const KEY_PERSONS = 40;
const REGISTERED_AT = '2026-02-01T00:00:00.000Z';
/** A Wednesday; the newcomer is available until the Friday, so only three weekdays count. */
const SCORED_AT = '2026-02-11T06:00:00.000Z';
const UNTIL = '2026-02-13';
/** Credit grows with every hour of the week, so the best attainable shows how many of the newcomer's hours count. */
const POLICY: ScoringPolicy = { ...DEFAULT_POLICY, version: 2, parameters: { ...DEFAULT_POLICY.parameters, availability: { fullCreditHours: 7 * 24 } } };
const EVERY_DAY = (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).map((day) => ({ day, start: '08:00', end: '22:00' }));

const codec = upcastingCodec(eventSchemaVersions, eventUpcasters);
const context = (commandId: string): CommandContext => ({ actor: { id: 'matcher', role: 'system' }, source: 'worker', correlationId: 'spec', causationId: 'spec', commandId });

/**
 * The best attainable score counts only the weekdays a newcomer's own date
 * range leaves (since 2026-11-30); explanations recorded before counted every
 * weekly slot and lack `bestAttainableWithinDates`. Both must reproduce.
 */
describe('explainProposal, for a newcomer with less than a week of availability left', () => {
  let store: InMemoryEventStore;
  let runner: CommandRunner;
  let newcomer: MatchingNewcomer;
  let newcomerRevision: number;
  let ranking: Ranking;
  let scoredPosition: number;

  beforeAll(async () => {
    store = new InMemoryEventStore();
    runner = new CommandRunner(store, codec, () => new Date(REGISTERED_AT));
    await runner.run(scoringPolicyAggregate, SCORING_POLICY_STREAM, (_, at): ScoringPolicyCommand[] => [
      { type: 'ChangeScoringPolicy', data: { at, policy: POLICY, reason: null } },
    ], context('policy'));
    const keyPersons: MatchingKeyPerson[] = [];
    for (let index = 0; index < KEY_PERSONS; index++) {
      const { id, profile } = generateKeyPerson(SEED, index);
      await runner.run(keyPersonAggregate, keyPersonStream(id), (_, at): RegisterKeyPerson[] => [{ type: 'RegisterKeyPerson', data: { keyPersonId: id, at, profile } }], context(id));
      keyPersons.push(toCandidate(id, (await runner.load(keyPersonAggregate, keyPersonStream(id))).state)!);
    }
    for (let index = 0; ranking === undefined || ranking.ranking.length === 0; index++) {
      const generated = generateNewcomer(SEED, index);
      const profile = { ...generated.profile, availability: { slots: EVERY_DAY, until: UNTIL } };
      await runner.run(newcomerAggregate, newcomerStream(generated.id), (_, at): RegisterNewcomer[] => [
        { type: 'RegisterNewcomer', data: { newcomerId: generated.id, at, profile } },
      ], context(generated.id));
      const loaded = await runner.load(newcomerAggregate, newcomerStream(generated.id));
      newcomer = toMatchingNewcomer(generated.id, loaded.state)!;
      newcomerRevision = loaded.revision;
      const found = rank(newcomer, keyPersons, POLICY, SCORED_AT);
      if (found.ranking.length > 0) ranking = found;
    }
    scoredPosition = (await store.headPosition())!;
  });

  async function propose(label: string, explanation: JsonObject) {
    const matchId = derivedId(`${SEED}|${label}`);
    const chosen = ranking.ranking[0];
    await runner.run(matchAggregate, matchStream(matchId), (_, at): MatchCommand[] => [{
      type: 'ProposeMatch',
      data: {
        matchId, at, newcomerId: newcomer.id, keyPersonId: chosen.keyPersonId, score: chosen.score, policyVersion: POLICY.version,
        logPosition: scoredPosition, expiresAt: '2026-02-18T00:00:00.000Z', explanation: { ...explanation, scoredAt: SCORED_AT, newcomerRevision },
      },
    }], context(`propose|${matchId}`));
    return (await explainProposal(store, codec, matchId))!.reproduction;
  }

  it('reproduces a proposal explained now, whose best attainable counts Wednesday to Friday only', async () => {
    const explanation = explain(ranking)!;
    expect(explanation.bestAttainableWithinDates).toBe(true);

    const reproduction = await propose('within-dates', explanation as unknown as JsonObject);

    expect(reproduction).toMatchObject({ equal: true, ranking: { equal: true, differences: [], bestAttainable: explanation.bestAttainable } });
  });

  it('reproduces a proposal explained before, whose best attainable counted every weekly slot', async () => {
    const { bestAttainableWithinDates, ...before } = explain(withBestAttainableAsRecorded(ranking, {}, newcomer, POLICY, SCORED_AT))!;
    expect(bestAttainableWithinDates).toBe(true);
    // What the matcher computed then: all seven days' hours, not Wednesday to Friday's.
    expect(before.bestAttainable).toBeGreaterThan(ranking.bestAttainable);

    const reproduction = await propose('ignoring-dates', before as unknown as JsonObject);

    expect(reproduction).toMatchObject({ equal: true, ranking: { equal: true, differences: [], bestAttainable: before.bestAttainable, shareOfBest: before.shareOfBest } });
  });
});
