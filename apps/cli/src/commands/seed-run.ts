/**
 * Registers a seeded population through the command runner, exactly as the
 * API would: `RegisterKeyPerson` and `RegisterNewcomer` on their streams.
 * Idempotent twice over: a subject that is already registered gets no
 * command (so a second run appends nothing and reports it as present), and
 * the command id derives from the subject id, so even two runs racing on one
 * store produce the same event ids, which the store appends once.
 */
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { keyPersonStream, newcomerStream, RegisterKeyPerson, RegisterNewcomer } from '@sleutel/domain';
import { CommandContext, CommandRunner, derivedId } from '@sleutel/eventsourcing';
import { keyPersonAggregate, newcomerAggregate, PlatformModule } from '@sleutel/platform';
import { generateKeyPerson, generateNewcomer } from '@sleutel/seed';
import { forEachBounded } from './seed-pool';
import { SeedProgress } from './seed-progress';

export interface SeedOptions {
  readonly newcomers: number;
  readonly keyPersons: number;
  readonly seed: string;
  readonly concurrency: number;
}

export interface SeedSummary {
  readonly registered: number;
  readonly alreadyPresent: number;
  readonly events: number;
  readonly seconds: number;
}

@Module({ imports: [PlatformModule] })
class SeedModule {}

interface Task {
  readonly kind: 'key-person' | 'newcomer';
  readonly index: number;
}

/** Key persons first: the matcher reacts to each newcomer and should find candidates waiting. */
function* tasks({ keyPersons, newcomers }: SeedOptions): Generator<Task> {
  for (let index = 0; index < keyPersons; index++) yield { kind: 'key-person', index };
  for (let index = 0; index < newcomers; index++) yield { kind: 'newcomer', index };
}

export async function runSeed(options: SeedOptions, progress: SeedProgress): Promise<SeedSummary> {
  const started = process.hrtime.bigint();
  // abortOnError false: a bad configuration is rethrown for the CLI to print, instead of a silent exit.
  const app = await NestFactory.createApplicationContext(SeedModule, { logger: false, abortOnError: false });
  let registered = 0;
  let alreadyPresent = 0;
  let events = 0;
  try {
    const runner = app.get(CommandRunner);
    const register = registration(runner, options);
    await forEachBounded(tasks(options), options.concurrency, async (task) => {
      const appended = await register(task);
      events += appended;
      if (appended > 0) registered++;
      else alreadyPresent++;
      progress.advance(appended > 0);
    });
  } finally {
    progress.stop();
    // Closing runs the platform's shutdown hooks: the read side stops and SQLite is closed cleanly.
    await app.close();
  }
  return { registered, alreadyPresent, events, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

/** Registers one subject and answers how many events that appended (0: it was already there). */
function registration(runner: CommandRunner, { seed, newcomers, keyPersons }: SeedOptions): (task: Task) => Promise<number> {
  // One correlation id for everything this invocation sets off, the same for a rerun with the same arguments.
  const correlationId = derivedId(`cli:seed|${seed}|${keyPersons}|${newcomers}`);
  const context = (subjectId: string): CommandContext => ({
    actor: { id: 'cli:seed', role: 'admin' },
    source: 'cli',
    correlationId,
    causationId: 'cli:seed',
    commandId: derivedId(`cli:seed|register|${subjectId}`),
  });

  return async ({ kind, index }) => {
    if (kind === 'key-person') {
      const { id, profile } = generateKeyPerson(seed, index);
      const outcome = await runner.run(
        keyPersonAggregate,
        keyPersonStream(id),
        (state, at): RegisterKeyPerson[] =>
          state.status === 'unregistered' ? [{ type: 'RegisterKeyPerson', data: { keyPersonId: id, at, profile } }] : [],
        context(id),
      );
      return outcome.appended;
    }
    const { id, profile } = generateNewcomer(seed, index);
    const outcome = await runner.run(
      newcomerAggregate,
      newcomerStream(id),
      (state, at): RegisterNewcomer[] =>
        state.status === 'unregistered' ? [{ type: 'RegisterNewcomer', data: { newcomerId: id, at, profile } }] : [],
      context(id),
    );
    return outcome.appended;
  };
}
