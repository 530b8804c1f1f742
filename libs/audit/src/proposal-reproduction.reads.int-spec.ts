import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  derivedId, KeyPersonCommand, KeyPersonProfileInput, keyPersonStream, MatchCommand, matchStream, NewcomerProfileInput, newcomerStream, RegisterKeyPerson,
  RegisterNewcomer,
} from '@sleutel/domain';
import { JsonObject, SqliteEventStore } from '@sleutel/event-store';
import { CommandContext, CommandRunner } from '@sleutel/eventsourcing';
import { toCandidate, toMatchingNewcomer } from '@sleutel/matcher';
import { DEFAULT_POLICY, explain, MatchingKeyPerson, rank } from '@sleutel/matching';
import { keyPersonAggregate, matchAggregate, newcomerAggregate, platformEventCodec } from '@sleutel/platform';
import { InMemoryKeyStore, MasterKey } from '@sleutel/privacy';
import { generateKeyPerson, generateNewcomer } from '@sleutel/seed';
import { explainProposal } from './proposal-reproduction';
import { portOnly } from './testing/port-only-store';

const SEED = 'reproduction-reads-spec';
const KEY_PERSONS = 30;
const NEWCOMERS = 6;
const context = (commandId: string): CommandContext => ({ actor: { id: 'matcher', role: 'system' }, source: 'worker', correlationId: 'spec', causationId: 'spec', commandId });

/** Which of the store's reads a caller used, and how many events each gave. */
function counted(store: SqliteEventStore): { store: SqliteEventStore; reads: Map<string, number> } {
  const reads = new Map<string, number>();
  const count = (name: string, events: readonly unknown[]) => reads.set(name, (reads.get(name) ?? 0) + events.length);
  const view = Object.create(store) as SqliteEventStore;
  view.readAll = async (options) => { const events = await store.readAll(options); count('readAll', events); return events; };
  view.readStream = async (streamId, options) => { const events = await store.readStream(streamId, options); count('readStream', events); return events; };
  view.readStreamsByPrefix = async (prefix, options) => { const events = await store.readStreamsByPrefix(prefix, options); count('readStreamsByPrefix', events); return events; };
  return { store: view, reads };
}

/**
 * A proposal's reproduction ranks the newcomer again against every key
 * person as of the recorded position. On SQLite it reads the key persons'
 * streams through the `(stream_id, revision)` index (their erasures after
 * the position too) instead of going through the whole log twice; on a
 * store without that index it reads the log filtered by stream prefix.
 * Both give the same answer, on a log with newcomers' and matches' events
 * between the key persons', places reserved and given back, and key persons
 * erased before, between and after the proposals.
 */
describe('explainProposal on a SQLite log', () => {
  let directory: string;
  let store: SqliteEventStore;
  let runner: CommandRunner;
  let keys: InMemoryKeyStore;
  const proposals: string[] = [];

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'sleutel-reproduction-reads-'));
    store = SqliteEventStore.open(join(directory, 'events.sqlite'));
    keys = new InMemoryKeyStore(MasterKey.generate());
    runner = new CommandRunner(store, platformEventCodec(keys));
    const erase = async (id: string) => {
      await runner.run(keyPersonAggregate, keyPersonStream(id), (_, at): KeyPersonCommand[] => [{ type: 'EraseKeyPerson', data: { keyPersonId: id, at, basis: 'data-subject-request' } }], context(`erase|${id}`));
      await keys.destroy({ type: 'key-person', id });
    };
    const keyPersonIds: string[] = [];
    const chosenIds = new Set<string>();
    // Of the first five key persons, whom every proposal's pool holds: one not yet proposed (0, 2 and 4 live next door to the first newcomer).
    const notChosenOf = (indexes: number[]) => indexes.map((index) => keyPersonIds[index]).find((id) => !chosenIds.has(id))!;
    let erasedBefore = '';
    const register = async (index: number, near: NewcomerProfileInput | null) => {
      const { id, profile } = generateKeyPerson(SEED, index);
      const nearby: KeyPersonProfileInput = near === null ? profile : {
        ...profile, municipality: near.municipality, postcodeArea: near.postcodeArea, remoteOnly: false, travelRadiusKm: 25,
        languages: near.languages.map((skill) => ({ ...skill, level: 'native' })), availability: near.availability,
      };
      await runner.run(keyPersonAggregate, keyPersonStream(id), (_, at): RegisterKeyPerson[] => [{ type: 'RegisterKeyPerson', data: { keyPersonId: id, at, profile: nearby } }], context(id));
      keyPersonIds.push(id);
    };
    for (let index = 0; index < NEWCOMERS; index++) {
      const generated = generateNewcomer(SEED, index);
      const profile: NewcomerProfileInput = { ...generated.profile, preferences: { keyPersonGender: 'any', genderRequired: false, sameOrigin: 'no-preference', remoteOk: false }, doNotMatch: [] };
      // Key persons arrive between the proposals, half of them next door to this newcomer, so each ranking has several feasible.
      for (let next = keyPersonIds.length; next < ((index + 1) * KEY_PERSONS) / NEWCOMERS; next++) await register(next, next % 2 === 0 ? profile : null);
      // One erased before this proposal (its pool no longer has them).
      if (index === 3) {
        erasedBefore = notChosenOf([1, 3]);
        await erase(erasedBefore);
      }
      const newcomerId = generated.id;
      await runner.run(newcomerAggregate, newcomerStream(newcomerId), (_, at): RegisterNewcomer[] => [{ type: 'RegisterNewcomer', data: { newcomerId, at, profile } }], context(newcomerId));
      const loaded = await runner.load(newcomerAggregate, newcomerStream(newcomerId));
      const poolPosition = (await store.headPosition())!;
      const pool: MatchingKeyPerson[] = [];
      for (const id of keyPersonIds) {
        const candidate = toCandidate(id, (await runner.load(keyPersonAggregate, keyPersonStream(id))).state);
        if (candidate !== null) pool.push(candidate);
      }
      const scoredAt = new Date().toISOString();
      const ranking = rank(toMatchingNewcomer(newcomerId, loaded.state)!, pool, DEFAULT_POLICY, scoredAt);
      expect(ranking.ranking.length).toBeGreaterThanOrEqual(2);
      const chosen = ranking.ranking[0];
      chosenIds.add(chosen.keyPersonId);
      const matchId = derivedId(`${SEED}|proposal|${index}`);
      await runner.run(keyPersonAggregate, keyPersonStream(chosen.keyPersonId), (_, at): KeyPersonCommand[] => [
        { type: 'ReserveKeyPersonCapacity', data: { keyPersonId: chosen.keyPersonId, at, matchId, newcomerId } },
      ], context(`reserve|${matchId}`));
      await runner.run(matchAggregate, matchStream(matchId), (_, at): MatchCommand[] => [{
        type: 'ProposeMatch',
        data: {
          matchId, at, newcomerId, keyPersonId: chosen.keyPersonId, score: chosen.score, policyVersion: DEFAULT_POLICY.version, logPosition: poolPosition,
          expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
          explanation: { ...(explain(ranking, chosen.keyPersonId) as unknown as JsonObject), scoredAt, newcomerRevision: loaded.revision },
        },
      }], context(`propose|${matchId}`));
      // Every other place given back at once, so the key persons' streams hold reservations and releases.
      if (index % 2 === 1) {
        await runner.run(keyPersonAggregate, keyPersonStream(chosen.keyPersonId), (_, at): KeyPersonCommand[] => [
          { type: 'ReleaseKeyPersonCapacity', data: { keyPersonId: chosen.keyPersonId, at, matchId } },
        ], context(`release|${matchId}`));
      }
      proposals.push(matchId);
    }
    // Erased since every proposal: one next door to the first newcomer, and one far from everyone.
    await erase(notChosenOf([0, 2, 4]));
    await erase([1, 3].map((index) => keyPersonIds[index]).find((id) => id !== erasedBefore && !chosenIds.has(id))!);
  }, 120_000);

  afterAll(async () => {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('gives every proposal the same explanation and reproduction through the index of streams as through the log, with the erasures since accounted for', async () => {
    const codec = platformEventCodec(keys);
    for (const matchId of proposals) {
      const viaIndex = await explainProposal(store, codec, matchId);
      const viaLog = await explainProposal(portOnly(store), codec, matchId);
      expect(viaIndex).toEqual(viaLog);
      expect(viaIndex?.reproduction).toMatchObject({ scoreEqual: true, ranking: { unexplained: [], erasedSince: expect.any(Number) } });
    }
    const answers = await Promise.all(proposals.map(async (matchId) => (await explainProposal(store, codec, matchId))!.reproduction.ranking!.erasedSince));
    // Erased before the fourth proposal: counted by the three before it; the two erased after all of them, by every one.
    expect(answers).toEqual([3, 3, 3, 2, 2, 2]);
  });

  it('reads the key persons through the index of streams, never the whole log', async () => {
    const codec = platformEventCodec(keys);
    const { store: view, reads } = counted(store);
    await explainProposal(view, codec, proposals[2]);
    expect(reads.get('readAll') ?? 0).toBe(0);
    expect(reads.get('readStreamsByPrefix')).toBeGreaterThan(0);
  });
});
