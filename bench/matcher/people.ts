/**
 * Registering the synthetic population (@sleutel/seed) through the command
 * runner, as the API and the seed command do: one `RegisterKeyPerson` or
 * `RegisterNewcomer` per stream, an API-like context, one append each.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { keyPersonStream, newcomerStream, RegisterKeyPerson, RegisterNewcomer } from '@sleutel/domain';
import { CommandContext, CommandRunner } from '@sleutel/eventsourcing';
import { keyPersonAggregate, newcomerAggregate } from '@sleutel/platform';
import { generateKeyPerson, generateNewcomer } from '@sleutel/seed';

export const SEED = 'bench-matcher';

/** As an HTTP request of a coordinator would set it (commandContextFrom without Idempotency-Key). */
function apiContext(): CommandContext {
  const requestId = randomUUID();
  return {
    actor: { id: 'bench-coordinator', role: 'coordinator' },
    source: 'api',
    correlationId: requestId,
    causationId: `request:${requestId}`,
    commandId: requestId,
  };
}

export async function registerKeyPersons(runner: CommandRunner, count: number, concurrency = 16): Promise<void> {
  await inParallel(Array.from({ length: count }, (_, index) => index), concurrency, async (index) => {
    const { id, profile } = generateKeyPerson(SEED, index);
    await runner.run(
      keyPersonAggregate,
      keyPersonStream(id),
      (_, at): RegisterKeyPerson[] => [{ type: 'RegisterKeyPerson', data: { keyPersonId: id, at, profile } }],
      apiContext(),
    );
  });
}

export interface Registered {
  readonly newcomerId: string;
  /** performance.now() when the append returned. */
  readonly at: number;
  /** Epoch ms (fractional) when the append returned, to compare with BullMQ's and the log's timestamps. */
  readonly epochMs: number;
  readonly position: number;
}

export async function registerNewcomer(runner: CommandRunner, index: number): Promise<Registered> {
  const { id, profile } = generateNewcomer(SEED, index);
  const outcome = await runner.run(
    newcomerAggregate,
    newcomerStream(id),
    (_, at): RegisterNewcomer[] => [{ type: 'RegisterNewcomer', data: { newcomerId: id, at, profile } }],
    apiContext(),
  );
  const at = performance.now();
  return { newcomerId: id, at, epochMs: performance.timeOrigin + at, position: outcome.position ?? -1 };
}

/** At most `limit` registrations in flight, like `npm run cli -- seed --concurrency`. */
export async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.max(1, limit) }, lane));
}

export const newcomerIdAt = (index: number): string => generateNewcomer(SEED, index).id;
