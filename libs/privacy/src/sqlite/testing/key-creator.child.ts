/**
 * A key-store user in a process of its own, for the multi-process SQLite
 * test. It opens the store, says "ready", waits for "go" on stdin so that all
 * children start together, asks for the subject's key and prints a
 * fingerprint of it (never the key), then exits.
 *
 *   <file> <master key, base64> <subject type> <subject id>
 */
import { createHash } from 'node:crypto';
import { createInterface } from 'node:readline';
import { isDataSubjectType } from '../../data-subject';
import { parseMasterKey } from '../../master-key.loader';
import { SqliteKeyStore } from '../sqlite-key-store.adapter';

async function main(): Promise<void> {
  const [file, masterKey, type, id] = process.argv.slice(2);
  if (!isDataSubjectType(type)) throw new Error(`Not a subject type: ${type}`);
  const store = SqliteKeyStore.open(file, parseMasterKey(masterKey));
  process.stdout.write('ready\n');
  await new Promise<void>((resolve) => createInterface({ input: process.stdin }).once('line', () => resolve()));
  try {
    const lookup = await store.getOrCreate({ type, id });
    const fingerprint = lookup.status === 'active' ? createHash('sha256').update(lookup.key.bytes).digest('hex') : 'destroyed';
    process.stdout.write(`${fingerprint}\n`);
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
