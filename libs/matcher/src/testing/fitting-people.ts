/**
 * Test fixtures: a Tigrinya-speaking newcomer free on Tuesday evenings and a
 * key person who fits her, so that any number of each pair up feasibly; and
 * the command context the specs write with.
 */
import { randomUUID } from 'node:crypto';
import { KeyPersonCommand, keyPersonStream, MatchCommand, matchStream, NewcomerCommand, newcomerStream } from '@sleutel/domain';
import { CommandContext, CommandRunner } from '@sleutel/eventsourcing';
import { keyPersonAggregate, matchAggregate, newcomerAggregate } from '@sleutel/platform';
import { amalInput } from '../../../domain/src/newcomer/newcomer.fixtures';
import { yonasInput } from '../../../domain/src/key-person/key-person.fixtures';

export const fittingNewcomerProfile = {
  ...amalInput,
  languages: [{ code: 'tir', level: 'native' as const }],
  origin: { country: 'ER' },
  availability: { slots: [{ day: 'tue' as const, start: '18:00', end: '21:00' }] },
  preferences: { keyPersonGender: 'any' as const, genderRequired: false, sameOrigin: 'no-preference' as const, remoteOk: false },
};

/** Yonas with one place. */
export const fittingKeyPersonProfile = { ...yonasInput, capacity: 1 };

export const testContext = (): CommandContext => ({
  actor: { id: 'test', role: 'coordinator' }, source: 'cli', correlationId: 'c', causationId: 'c', commandId: randomUUID(),
});

/**
 * A fitting pair proposed in the three steps the proposer takes (reserve the
 * key person's place, reserve the newcomer, propose), the key person with one
 * place; `position` is where the proposal lies in the log.
 */
export async function proposeFittingPair(runner: CommandRunner): Promise<{ newcomerId: string; keyPersonId: string; matchId: string; position: number }> {
  const [newcomerId, keyPersonId, matchId] = [randomUUID(), randomUUID(), randomUUID()];
  await runner.run(keyPersonAggregate, keyPersonStream(keyPersonId), (_, at): KeyPersonCommand[] => [
    { type: 'RegisterKeyPerson', data: { keyPersonId, at, profile: fittingKeyPersonProfile } },
    { type: 'ReserveKeyPersonCapacity', data: { keyPersonId, at, matchId, newcomerId } },
  ], testContext());
  await runner.run(newcomerAggregate, newcomerStream(newcomerId), (_, at): NewcomerCommand[] => [
    { type: 'RegisterNewcomer', data: { newcomerId, at, profile: fittingNewcomerProfile } },
    { type: 'ReserveNewcomerForMatch', data: { newcomerId, at, matchId, keyPersonId } },
  ], testContext());
  const { position } = await runner.run(matchAggregate, matchStream(matchId), (_, at): MatchCommand[] => [
    { type: 'ProposeMatch', data: { matchId, at, newcomerId, keyPersonId, score: 0.8, policyVersion: 1, logPosition: 1, expiresAt: '2099-01-01T00:00:00.000Z', explanation: {} } },
  ], testContext());
  return { newcomerId, keyPersonId, matchId, position: position! };
}
