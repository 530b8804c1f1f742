/**
 * `keys lost [--record]`: the way out of a key store restored from a backup
 * older than the log, when no newer one exists. Every process refuses to
 * start on such a store (`KeyStoreOlderThanLogError`): the people registered
 * after the backup have no data key, so their personal data cannot be read
 * by anyone, ever. `keys lost` lists them, with anyone whose key was
 * destroyed without an erasure in the log (exit 1 when there are any, so a
 * script can tell); `--record` makes the log say what happened: for each, a
 * tombstone in the key store (so no process ever makes them a new key), then
 * their erasure through the usual command, with the basis `data-key-lost`,
 * whose reactions withdraw their open proposals and matches as any
 * erasure's do. The processes then start. Run it with them stopped. Stopped
 * between a tombstone and its erasure, a second run finds that person by
 * their tombstone and records the erasure.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { EraseKeyPerson, EraseNewcomer, KEY_PERSON_CATEGORY, keyPersonStream, newcomerStream } from '@sleutel/domain';
import { EventStore } from '@sleutel/event-store';
import { CommandContext, CommandRunner, derivedId, EventCodec } from '@sleutel/eventsourcing';
import { createEventStore, keyPersonAggregate, newcomerAggregate, openKeyStore, platformEventCodec } from '@sleutel/platform';
import { assertFirstPeopleOpen, CachingKeyStore, describeSubject, KeyStoreMismatchError, PersonWithoutKey, peopleWithoutKey } from '@sleutel/privacy';
import { CliError } from '../cli-error';
import { configWithLog } from './config-with-log';

export function keysCommand(): Command {
  return new Command('keys')
    .description("the key store's data keys against the log")
    .addCommand(new Command('lost')
      .description('list the people in the log whose data cannot be read and whom no erasure explains (exit 1 when there are any); --record erases each, basis data-key-lost')
      .option('--record', 'destroy (tombstone) their keys and record their erasure, so the processes start; their data is lost either way', false)
      .action((options: { record: boolean }) => withStores(async (store, keys, codec) => {
        const lost = await peopleWithoutKey(store, codec);
        if (lost.length === 0) {
          process.stdout.write('keys lost: every person registered in the log has a data key, or is erased\n');
          return;
        }
        for (const { subject, registeredAt, key } of lost) {
          process.stdout.write(`${describeSubject(subject)} (registered at position ${registeredAt}; key ${key === 'missing' ? 'missing' : 'destroyed, no erasure in the log'})\n`);
        }
        const people = lost.length === 1 ? 'person' : 'people';
        if (!options.record) {
          process.stdout.write(`keys lost: ${lost.length} ${people} whose personal data cannot be read. `
            + 'Restore a key store at least as new as the log if one exists; else --record erases them (basis data-key-lost)\n');
          process.exitCode = 1;
          return;
        }
        const appended = await recordLost(new CommandRunner(store, codec), keys, lost);
        process.stdout.write(`keys lost: ${lost.length} ${people} recorded as erased (basis data-key-lost), ${appended} erasure events appended\n`);
      })));
}

/**
 * The log and its key store, once sure the key store is the log's: a missing
 * file would be made anew, empty, and one deleted or another installation's
 * opens nobody; either way every person would read as having lost their key,
 * and `--record` would erase them all, where restoring the right key store
 * loses nothing.
 */
async function withStores(work: (store: EventStore, keys: CachingKeyStore, codec: EventCodec) => Promise<void>): Promise<void> {
  const config = configWithLog('keys lost');
  const keyFile = config.privacy.keyStore === 'sqlite' ? config.privacy.keyStoreFile ?? join(config.dataDir, 'keys.sqlite') : null;
  if (keyFile !== null && !existsSync(keyFile)) {
    throw new CliError(`keys lost: there is no key store at ${keyFile}; restore the log's key store there (a backup, however old) first; nothing was changed`);
  }
  const store = createEventStore(config);
  try {
    const keys = await openKeyStore(config);
    try {
      const codec = platformEventCodec(keys);
      await assertFirstPeopleOpen(store, codec).catch((error: unknown) => {
        throw error instanceof KeyStoreMismatchError
          ? new CliError('keys lost: this key store opens none of the log\'s first people, so it is not the log\'s (deleted and made anew, or another '
            + 'installation\'s), and every person would read as lost; restore the key store the log was written with; nothing was changed')
          : error;
      });
      await work(store, keys, codec);
    } finally {
      await keys.close();
    }
  } finally {
    await store.close();
  }
}

/**
 * Per person, the tombstone before the erasure: the erasure command folds the person's stream, and a registration
 * whose key is merely missing cannot be opened at all; once tombstoned it reads as erased, is left out of the fold,
 * and the decider accepts `data-key-lost` for a stream that folds unregistered.
 */
async function recordLost(runner: CommandRunner, keys: CachingKeyStore, lost: readonly PersonWithoutKey[]): Promise<number> {
  let appended = 0;
  for (const { subject } of lost) {
    await keys.destroy(subject);
    const context = erasureContext(`${subject.type}|${subject.id}`);
    const outcome = subject.type === KEY_PERSON_CATEGORY
      ? await runner.run(keyPersonAggregate, keyPersonStream(subject.id), (_, at): EraseKeyPerson[] =>
        [{ type: 'EraseKeyPerson', data: { keyPersonId: subject.id, at, basis: 'data-key-lost' } }], context)
      : await runner.run(newcomerAggregate, newcomerStream(subject.id), (_, at): EraseNewcomer[] =>
        [{ type: 'EraseNewcomer', data: { newcomerId: subject.id, at, basis: 'data-key-lost' } }], context);
    appended += outcome.appended;
  }
  return appended;
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
