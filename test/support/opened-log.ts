import { loadConfig } from '@sleutel/config';
import { EventStore, RecordedEvent } from '@sleutel/event-store';
import { isReadable } from '@sleutel/eventsourcing';
import { openKeyStore, platformEventCodec } from '@sleutel/platform';

/**
 * The log as the domain reads it, for the invariant audit of a log written by
 * real API processes: their events carry personal data (capacity and profile
 * fields among it) sealed per subject, which `auditLog` cannot fold. Opened
 * here with the same key store and master key as the server of `dataDir`
 * (keys.sqlite and privacy-master-key there, or what `env` names), and the
 * same codec the platform composes. Erased subjects' events are left out, as
 * the read side leaves them out.
 */
export async function readOpenedLog(store: EventStore, dataDir: string, env: Record<string, string> = {}): Promise<RecordedEvent[]> {
  const keys = await openKeyStore(loadConfig({ ...env, DATA_DIR: dataDir }));
  try {
    const codec = platformEventCodec(keys);
    const opened: RecordedEvent[] = [];
    for (const event of await store.readAll()) {
      const decoded = await codec.decode(event);
      if (isReadable(codec, decoded)) opened.push(decoded);
    }
    return opened;
  } finally {
    await keys.close();
  }
}
