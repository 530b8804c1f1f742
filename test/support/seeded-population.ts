import { derivedId, keyPersonStream, newcomerStream, RegisterKeyPerson, RegisterNewcomer } from '@sleutel/domain';
import { CommandContext, CommandRunner } from '@sleutel/eventsourcing';
import { keyPersonAggregate, newcomerAggregate } from '@sleutel/platform';
import { generateKeyPerson, generateNewcomer } from '@sleutel/seed';

/**
 * The seed's reproducible people, registered straight through the command
 * runner (no HTTP), idempotently: registering an index twice appends once.
 * Capacities are capped so that places run out and matching has races.
 */
export interface SeededPopulation {
  registerNewcomer(index: number): Promise<void>;
  /** With capacity at most `maxCapacity`. */
  registerKeyPerson(index: number): Promise<void>;
  /** The context of a command `step` of this test, with a command id derived from it. */
  context(step: string): CommandContext;
}

export function seededPopulation(runner: CommandRunner, options: { seed: string; actor: string; role?: string; maxCapacity: number }): SeededPopulation {
  const { seed, actor, maxCapacity } = options;
  const context = (step: string): CommandContext => ({
    actor: { id: actor, role: options.role ?? 'admin' },
    source: 'cli',
    correlationId: derivedId(`${actor}|${seed}`),
    causationId: actor,
    commandId: derivedId(`${actor}|${step}`),
  });
  return {
    context,
    async registerNewcomer(index) {
      const { id, profile } = generateNewcomer(seed, index);
      await runner.run(newcomerAggregate, newcomerStream(id), (state, at): RegisterNewcomer[] =>
        state.status === 'unregistered' ? [{ type: 'RegisterNewcomer', data: { newcomerId: id, at, profile } }] : [],
      context(`register|${id}`));
    },
    async registerKeyPerson(index) {
      const { id, profile } = generateKeyPerson(seed, index);
      const capacity = Math.min(profile.capacity, maxCapacity);
      await runner.run(keyPersonAggregate, keyPersonStream(id), (state, at): RegisterKeyPerson[] =>
        state.status === 'unregistered' ? [{ type: 'RegisterKeyPerson', data: { keyPersonId: id, at, profile: { ...profile, capacity } } }] : [],
      context(`register|${id}`));
    },
  };
}
