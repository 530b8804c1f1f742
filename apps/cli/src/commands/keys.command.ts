/**
 * `keys lost [--record]`: the way out of a key store restored from a backup
 * older than the log, when no newer one exists. Every process refuses to
 * start on such a store (`KeyStoreOlderThanLogError`): the people registered
 * after the backup have no data key, so their personal data cannot be read
 * by anyone, ever. `keys lost` lists them (exit 1 when there are any, so a
 * script can tell); `--record` makes the log say what happened: for each, a
 * tombstone in the key store (so no process ever makes them a new key), then
 * their erasure through the usual command, with the basis `data-key-lost`,
 * whose reactions withdraw their open proposals and matches as any erasure's
 * do. The processes then start. Run it with them stopped.
 */
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Command } from 'commander';
import { EraseKeyPerson, EraseNewcomer, KEY_PERSON_CATEGORY, keyPersonStream, newcomerStream } from '@sleutel/domain';
import { CommandContext, CommandRunner, derivedId } from '@sleutel/eventsourcing';
import { createEventStore, keyPersonAggregate, newcomerAggregate, openKeyStore, platformEventCodec, PlatformModule } from '@sleutel/platform';
import { describeSubject, PersonWithoutKey, peopleWithoutKey } from '@sleutel/privacy';
import { configWithLog } from './config-with-log';

@Module({ imports: [PlatformModule] })
class KeysModule {}

export function keysCommand(): Command {
  return new Command('keys')
    .description("the key store's data keys against the log")
    .addCommand(new Command('lost')
      .description('list the people registered in the log whose data key the key store does not hold (exit 1 when there are any); --record erases each, basis data-key-lost')
      .option('--record', 'destroy (tombstone) their keys and record their erasure, so the processes start; their data is lost either way', false)
      .action(async (options: { record: boolean }) => {
        const lost = await listLost();
        if (lost.length === 0) {
          process.stdout.write('keys lost: every person registered in the log has a data key, or is erased\n');
          return;
        }
        for (const { subject, registeredAt } of lost) process.stdout.write(`${describeSubject(subject)} (registered at position ${registeredAt})\n`);
        if (!options.record) {
          process.stdout.write(`keys lost: ${lost.length} ${lost.length === 1 ? 'person has' : 'people have'} no data key; their personal data cannot be read. `
            + 'Restore a key store at least as new as the log if one exists; else --record erases them (basis data-key-lost)\n');
          process.exitCode = 1;
          return;
        }
        const erased = await recordLost(lost);
        process.stdout.write(`keys lost: ${lost.length} recorded as erased (basis data-key-lost), ${erased} erasure events appended\n`);
      }));
}

async function listLost(): Promise<PersonWithoutKey[]> {
  const config = configWithLog('keys lost');
  const store = createEventStore(config);
  const keys = await openKeyStore(config);
  try {
    return await peopleWithoutKey(store, platformEventCodec(keys));
  } finally {
    await store.close();
    await keys.close();
  }
}

/** Tombstones first, in the key store alone: the platform refuses to start while these people have no key, and starts once they read as erased. */
async function recordLost(lost: readonly PersonWithoutKey[]): Promise<number> {
  const keys = await openKeyStore(configWithLog('keys lost'));
  try {
    for (const { subject } of lost) await keys.destroy(subject);
  } finally {
    await keys.close();
  }
  // abortOnError false: a bad configuration is rethrown for the CLI to print, instead of a silent exit.
  const app = await NestFactory.createApplicationContext(KeysModule, { logger: false, abortOnError: false });
  try {
    const runner = app.get(CommandRunner);
    let appended = 0;
    for (const { subject } of lost) {
      const context = erasureContext(`${subject.type}|${subject.id}`);
      const outcome = subject.type === KEY_PERSON_CATEGORY
        ? await runner.run(keyPersonAggregate, keyPersonStream(subject.id), (state, at): EraseKeyPerson[] =>
          state.erasedAt === null ? [{ type: 'EraseKeyPerson', data: { keyPersonId: subject.id, at, basis: 'data-key-lost' } }] : [], context)
        : await runner.run(newcomerAggregate, newcomerStream(subject.id), (state, at): EraseNewcomer[] =>
          state.erasedAt === null ? [{ type: 'EraseNewcomer', data: { newcomerId: subject.id, at, basis: 'data-key-lost' } }] : [], context);
      appended += outcome.appended;
    }
    return appended;
  } finally {
    // Closing runs the platform's shutdown hooks: the read side stops and SQLite is closed cleanly.
    await app.close();
  }
}

/** The same command id for the same person, so a second run (or one after a crash) appends nothing twice. */
function erasureContext(subject: string): CommandContext {
  return {
    actor: { id: 'cli:keys-lost', role: 'admin' },
    source: 'cli',
    correlationId: derivedId('cli:keys-lost'),
    causationId: 'cli:keys-lost',
    commandId: derivedId(`cli:keys-lost|erase|${subject}`),
  };
}
