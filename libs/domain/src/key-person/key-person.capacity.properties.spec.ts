/**
 * Properties of capacity reservations over any sequence of reserving,
 * releasing, changing the capacity, pausing and resuming: the load never
 * exceeds the capacity (SPEC §4, invariant 1), a paused key person never
 * gains a place (invariant 4), a released (or barred) match never holds a place again,
 * and the decider says yes exactly when a simple model does.
 */
import fc from 'fast-check';
import { fold } from '../decider';
import { DomainError } from '../domain-error';
import { KeyPersonCommand } from './key-person.commands';
import { keyPersonDecider } from './key-person.decider';
import { KeyPersonEvent } from './key-person.events';
import { KEY_PERSON_ID, MATCH_IDS, NEWCOMER_ID, registered, yonasProfile } from './key-person.fixtures';

const ids = { keyPersonId: KEY_PERSON_ID, at: '2026-12-05T10:00:00.000Z' };
const matchId = fc.constantFrom(...MATCH_IDS, 'c0ffee00-0000-4000-8000-000000000001', 'c0ffee00-0000-4000-8000-000000000002');

const reserve = (id: string): KeyPersonCommand => ({ type: 'ReserveKeyPersonCapacity', data: { ...ids, matchId: id, newcomerId: NEWCOMER_ID } });
const release = (id: string): KeyPersonCommand => ({ type: 'ReleaseKeyPersonCapacity', data: { ...ids, matchId: id } });
const changeCapacity = (capacity: number): KeyPersonCommand => ({ type: 'ChangeKeyPersonCapacity', data: { ...ids, capacity } });

const command: fc.Arbitrary<KeyPersonCommand> = fc.oneof(
  { weight: 4, arbitrary: matchId.map(reserve) },
  { weight: 2, arbitrary: matchId.map(release) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 6 }).map(changeCapacity) },
  { weight: 1, arbitrary: fc.constant<KeyPersonCommand>({ type: 'PauseKeyPerson', data: { ...ids, reason: null } }) },
  { weight: 1, arbitrary: fc.constant<KeyPersonCommand>({ type: 'ResumeKeyPerson', data: ids }) },
);

interface Model {
  readonly paused: boolean;
  readonly capacity: number;
  readonly held: readonly string[];
  readonly released: readonly string[];
}

/** What the model expects: the error code, or the model after the command (unchanged for a no-op). */
function expected(model: Model, command: KeyPersonCommand): string | Model {
  switch (command.type) {
    case 'ReserveKeyPersonCapacity': {
      const { matchId: id } = command.data;
      if (model.paused) return 'KEY_PERSON.PAUSED';
      if (model.held.includes(id)) return model;
      if (model.released.includes(id)) return 'KEY_PERSON.MATCH_RELEASED';
      if (model.held.length >= model.capacity) return 'KEY_PERSON.NO_CAPACITY';
      return { ...model, held: [...model.held, id] };
    }
    case 'ReleaseKeyPersonCapacity': {
      const { matchId: id } = command.data;
      if (model.held.includes(id)) return { ...model, held: model.held.filter((h) => h !== id), released: [...model.released, id] };
      // Let go before it took a place: barred, so it never takes one.
      return model.released.includes(id) ? model : { ...model, released: [...model.released, id] };
    }
    case 'ChangeKeyPersonCapacity':
      return command.data.capacity < model.held.length ? 'KEY_PERSON.CAPACITY_BELOW_LOAD' : { ...model, capacity: command.data.capacity };
    case 'PauseKeyPerson':
      return { ...model, paused: true };
    case 'ResumeKeyPerson':
      return { ...model, paused: false };
    default:
      throw new Error(`not generated: ${command.type}`);
  }
}

function decide(events: readonly KeyPersonEvent[], command: KeyPersonCommand): readonly KeyPersonEvent[] | string {
  try {
    return keyPersonDecider.decide(command, fold(keyPersonDecider, events));
  } catch (error: unknown) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

describe('key person capacity properties', () => {
  it('never lets the load exceed the capacity, and agrees with the model on every command', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.array(command, { maxLength: 40, size: 'max' }), (capacity, commands) => {
        const events: KeyPersonEvent[] = [{ ...registered, data: { ...registered.data, profile: { ...yonasProfile, capacity } } }];
        let model: Model = { paused: false, capacity, held: [], released: [] };
        for (const next of commands) {
          const outcome = decide(events, next);
          const predicted = expected(model, next);
          if (typeof predicted === 'string') {
            expect(outcome).toBe(predicted);
            continue;
          }
          if (typeof outcome === 'string') throw new Error(`${next.type} refused with ${outcome}, the model allows it`);
          expect(JSON.parse(JSON.stringify(outcome))).toStrictEqual(outcome);
          events.push(...outcome);
          model = predicted;
          const state = fold(keyPersonDecider, events);
          expect(state.reservations.map((r) => r.matchId)).toEqual(model.held);
          expect(state.reservations.length).toBeLessThanOrEqual(state.profile?.capacity ?? 0);
        }
      }),
    );
  });

  it('adds no place while paused, whatever is tried', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 30, size: 'max' }), (commands) => {
        const events: KeyPersonEvent[] = [registered];
        for (const next of commands) {
          const state = fold(keyPersonDecider, events);
          const outcome = decide(events, next);
          if (typeof outcome === 'string') continue;
          if (state.status === 'paused') expect(outcome.some((e) => e.type === 'KeyPersonCapacityReserved')).toBe(false);
          events.push(...outcome);
        }
      }),
    );
  });
});
