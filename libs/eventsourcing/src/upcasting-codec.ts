import { Upcaster } from '@sleutel/domain';
import { JsonObject, RecordedEvent } from '@sleutel/event-store';
import { EventCodec } from './event-codec';

/** A stored event newer than this code knows: reading on would misread it. */
export class UnknownSchemaVersionError extends Error {
  constructor(readonly type: string, readonly schemaVersion: number, readonly current: number) {
    super(`Event type ${type} is stored at schema version ${schemaVersion}, newer than ${current}, the newest this code reads`);
    this.name = 'UnknownSchemaVersionError';
  }
}

/**
 * Schema evolution on read: every stored event older than its type's current
 * version is upcast step by step until it is current; the stored bytes (and
 * their hash chain) stay as they were. Encoding passes through: writers
 * always write the current version.
 *
 * It works on plain data only, so it composes with a codec that encrypts
 * personal data (SPEC §7): `composeCodecs(upcasting, encryption)` decodes
 * right to left, decrypting first and upcasting the clear text.
 */
export function upcastingCodec(currentVersions: Readonly<Record<string, number>>, upcasters: readonly Upcaster[]): EventCodec {
  const steps = new Map(upcasters.map((upcaster) => [`${upcaster.type}@${upcaster.fromVersion}`, upcaster]));
  return {
    encode: async (event) => event,
    decode: async (event) => upcast(event, currentVersions[event.type], steps),
  };
}

function upcast(event: RecordedEvent, current: number | undefined, steps: ReadonlyMap<string, Upcaster>): RecordedEvent {
  // Types this code has no version for (e.g. another bounded context's) pass as they are.
  if (current === undefined || event.schemaVersion === current) return event;
  if (event.schemaVersion > current) throw new UnknownSchemaVersionError(event.type, event.schemaVersion, current);
  let data: Record<string, unknown> = event.data;
  for (let version = event.schemaVersion; version < current; version++) {
    const step = steps.get(`${event.type}@${version}`);
    if (step === undefined) throw new Error(`No upcaster for ${event.type} from schema version ${version}`);
    data = step.upcast(data);
  }
  return { ...event, schemaVersion: current, data: data as JsonObject };
}
