import { EventCodec } from '@sleutel/eventsourcing';
import { JsonObject, JsonValue, NewEvent, RecordedEvent } from '@sleutel/event-store';
import { DataSubject, dataSubjectOf, DataSubjectType, describeSubject, subjectStream } from './data-subject';
import { KeyStore } from './key-store.port';
import { asSealedPersonalData, openPersonalData, SealContext, sealPersonalData } from './personal-data.cipher';
import { clearFieldRule, DEFAULT_CLEAR_FIELDS, DEFAULT_SEALED_FIELDS, PERSONAL_FIELD, splitPersonalData } from './personal-data.fields';
import { IntegrityError, MissingDataKeyError, SubjectErasedError } from './privacy.errors';

/**
 * What a decoded event of an erased subject carries in place of its personal
 * data: `data.personal = { erased: true }` beside the clear fields (ids,
 * times, codes, counts), so trails keep their shape.
 */
export const ERASED_PERSONAL_DATA = { erased: true } as const;

export interface PersonalDataCodecOptions {
  /** Top-level fields kept in clear besides ids and times; replaces `DEFAULT_CLEAR_FIELDS`. */
  readonly clearFields?: readonly string[];
  /** Top-level fields sealed although named like ids or times; replaces `DEFAULT_SEALED_FIELDS`. */
  readonly sealedFields?: readonly string[];
  /** The stream a subject's events live in, bound into each ciphertext; `<type>-<id>` by default. */
  readonly streamOf?: (subject: DataSubject) => string;
  /**
   * Top-level fields that hold facts about two people: in an event whose
   * metadata names a `pairSubject`, they are sealed under that person's key
   * first, and the result, with the rest, under the subject's. Readable only
   * while both keys exist: erasing either person makes them `{ erased: true }`.
   * A function gives them by event type.
   */
  readonly pairFields?: readonly string[] | ((eventType: string) => readonly string[]);
  /**
   * Top-level fields holding one row per person, in events of no single
   * subject (a cohort run's newcomers): each row is kept as its id and the
   * rest sealed under that person's key, so erasing one person leaves the
   * others' rows readable. By event type and schema version: a field sealed
   * from some version on is read as it was stored in events written before
   * (rows are read strictly, so a field of clear rows must not be listed for
   * the versions that stored it so).
   */
  readonly subjectRows?: (eventType: string, schemaVersion: number) => readonly SubjectRows[];
  /**
   * Decode leaves the rows as stored, sealed, for reads that do not need them
   * (a list of cohort runs): opening thousands of rows, each under its own
   * key, is most of what reading a large run costs.
   */
  readonly leaveRowsSealed?: boolean;
}

/** A field of per-person rows: `field` is an array of objects, each naming its person in `idField`. */
export interface SubjectRows {
  readonly field: string;
  readonly subjectType: DataSubjectType;
  readonly idField: string;
}

/** Inside the subject's sealed data: the pair fields, sealed under the pair subject's key (or erased before they were written). */
const PAIR_SEALED_FIELD = 'sealedForPair';

/**
 * Per-subject encryption of personal data in events (SPEC §7). For an event
 * whose `metadata.subject` is a newcomer or key person, every top-level field
 * of `data` except ids, times and the clear allow-list (see
 * `personal-data.fields.ts`) is sealed as one
 * AES-256-GCM blob under the subject's data key, bound to the event's id,
 * type, schema version, stream and subject:
 *
 *   data = { ...clearFields, personal: { alg: 'A256GCM', kv, iv, ct, tag } }
 *
 * Events without such a subject, and events with nothing personal in them,
 * pass unchanged. Decoding merges the personal fields back (after the clear
 * ones); once the subject's key is destroyed it gives the clear fields and
 * `personal: { erased: true }` instead. Any tampering fails loudly.
 *
 * Compose it last, so it decodes first: `composeCodecs(upcasting, personal)`
 * upcasts clear data. Give it a `CachingKeyStore` shared with erasure.
 */
export function personalDataCodec(keys: KeyStore, options: PersonalDataCodecOptions = {}): EventCodec {
  const isClear = clearFieldRule(options.clearFields ?? DEFAULT_CLEAR_FIELDS, options.sealedFields ?? DEFAULT_SEALED_FIELDS);
  const streamOf = options.streamOf ?? subjectStream;
  const given = options.pairFields ?? [];
  const pairFieldsOf = typeof given === 'function' ? given : () => given;
  const subjectRowsOf = options.subjectRows ?? (() => []);
  const rowFieldsIn = (event: NewEvent): readonly SubjectRows[] =>
    subjectRowsOf(event.type, event.schemaVersion).filter(({ field }) => Object.hasOwn(event.data, field) && event.data[field] !== null);

  /**
   * Each row of each per-person field as `{ [idField]: id, personal: sealed }` under that person's key (the
   * erased marker for one erased already, nothing of theirs written). Padded, as every seal is (`padded`): rows
   * are short, and a ciphertext's length would otherwise tell, say, which gender a row holds once everything else
   * in it can be worked out.
   */
  async function sealRows(event: NewEvent, streamId: string | undefined): Promise<NewEvent> {
    const fields = rowFieldsIn(event);
    if (fields.length === 0) return event;
    if (streamId === undefined) throw new Error(`Event ${event.id} (${event.type}) has rows of personal data and no stream to bind them to`);
    const data: JsonObject = { ...event.data };
    for (const { field, subjectType, idField } of fields) {
      // Every row's key asked for at once: one round trip's wait on Redis, not one per row.
      data[field] = await Promise.all(rowsIn(event, field).map(async (row): Promise<JsonValue> => {
        const { subject, personal } = rowParts(event, row, subjectType, idField);
        const lookup = await keys.getOrCreate(subject);
        const sealed = lookup.status === 'destroyed'
          ? { ...ERASED_PERSONAL_DATA }
          : { ...sealPersonalData(lookup.key, padded(JSON.stringify(personal)), sealContext(event, streamId, subject)) };
        return { [idField]: subject.id, [PERSONAL_FIELD]: sealed };
      }));
    }
    return { ...event, data };
  }

  /**
   * The rows opened under their persons' keys; a row of a person erased since reads `{ [idField]: id, personal: { erased: true } }`.
   * Every row must be exactly its id and its seal (or the marker): anything else in a row was never sealed, and is refused.
   */
  async function openRows(event: RecordedEvent): Promise<RecordedEvent> {
    const fields = options.leaveRowsSealed ? [] : rowFieldsIn(event);
    if (fields.length === 0) return event;
    const data: JsonObject = { ...event.data };
    for (const { field, subjectType, idField } of fields) {
      const erased = (subject: DataSubject): JsonObject => ({ [idField]: subject.id, [PERSONAL_FIELD]: { ...ERASED_PERSONAL_DATA } });
      // Every row checked before any key is asked for, then every key asked for at once.
      const parsed = rowsIn(event, field).map((row) => {
        const { subject, personal } = rowParts(event, row, subjectType, idField);
        const stored = personal[PERSONAL_FIELD];
        if (Object.keys(personal).length !== 1 || stored === undefined) throw new IntegrityError(`Event ${event.id} in ${event.streamId} has a row of personal data in an unknown format`);
        if (isErasedMarker(stored)) return { subject, sealed: null };
        const sealed = asSealedPersonalData(stored);
        if (sealed === null) throw new IntegrityError(`Event ${event.id} in ${event.streamId} has a row of personal data in an unknown format`);
        return { subject, sealed };
      });
      data[field] = await Promise.all(parsed.map(async ({ subject, sealed }): Promise<JsonValue> => {
        if (sealed === null) return erased(subject);
        const lookup = await keys.get(subject);
        if (lookup === null) throw new MissingDataKeyError(describeSubject(subject), event.id);
        if (lookup.status === 'destroyed') return erased(subject);
        if (lookup.key.version !== sealed.kv) {
          throw new IntegrityError(`Event ${event.id} in ${event.streamId} has a row sealed under key version ${sealed.kv} of ${describeSubject(subject)}, which the key store does not hold`);
        }
        return { [idField]: subject.id, ...openOrThrow(() => openPersonalData(lookup.key, sealed, sealContext(event, event.streamId, subject)), event) };
      }));
    }
    return { ...event, data };
  }

  /** The personal data with its pair fields sealed under the pair subject's key, when the event names one. */
  async function sealPairFields(event: NewEvent, personal: JsonObject, streamId: string): Promise<JsonObject> {
    const pairSubject = dataSubjectOf({ ...event.metadata, subject: event.metadata.pairSubject });
    const fields = pairFieldsOf(event.type).filter((field) => Object.hasOwn(personal, field));
    if (pairSubject === null || fields.length === 0) return personal;
    const pairData = Object.fromEntries(fields.map((field) => [field, personal[field]]));
    const rest = Object.fromEntries(Object.entries(personal).filter(([field]) => !fields.includes(field)));
    const lookup = await keys.getOrCreate(pairSubject);
    // Erased already: nothing is written about them.
    const pair: JsonObject = lookup.status === 'destroyed'
      ? { fields, ...ERASED_PERSONAL_DATA }
      : { fields, sealed: { ...sealPersonalData(lookup.key, padded(JSON.stringify(pairData)), sealContext(event, streamId, pairSubject)) } };
    return { ...rest, [PAIR_SEALED_FIELD]: pair };
  }

  /** The pair fields opened under the pair subject's key, or each `{ erased: true }` once that person is erased. */
  async function openPairFields(event: RecordedEvent, personal: JsonObject): Promise<JsonObject> {
    const stored = personal[PAIR_SEALED_FIELD];
    if (stored === undefined) return personal;
    const { [PAIR_SEALED_FIELD]: _pair, ...rest } = personal;
    const pairSubject = dataSubjectOf({ ...event.metadata, subject: event.metadata.pairSubject });
    const pair = typeof stored === 'object' && stored !== null && !Array.isArray(stored) ? stored : null;
    const fields = Array.isArray(pair?.fields) && pair.fields.every((field) => typeof field === 'string') ? (pair.fields as string[]) : null;
    if (pairSubject === null || pair === null || fields === null) throw new IntegrityError(`Event ${event.id} in ${event.streamId} has pair data in an unknown format`);
    const erased = (): JsonObject => ({ ...rest, ...Object.fromEntries(fields.map((field) => [field, { ...ERASED_PERSONAL_DATA }])) });
    if (pair.erased === true) return erased();
    const sealed = asSealedPersonalData(pair.sealed);
    if (sealed === null) throw new IntegrityError(`Event ${event.id} in ${event.streamId} has pair data in an unknown format`);
    const lookup = await keys.get(pairSubject);
    if (lookup === null) throw new MissingDataKeyError(describeSubject(pairSubject), event.id);
    if (lookup.status === 'destroyed') return erased();
    if (lookup.key.version !== sealed.kv) {
      throw new IntegrityError(`Event ${event.id} in ${event.streamId} is sealed under key version ${sealed.kv} of its pair, which the key store does not hold`);
    }
    return { ...rest, ...openOrThrow(() => openPersonalData(lookup.key, sealed, sealContext(event, event.streamId, pairSubject)), event) };
  }

  return {
    async encode(given: NewEvent, streamId?: string): Promise<NewEvent> {
      const event = await sealRows(given, streamId);
      const subject = dataSubjectOf(event.metadata);
      if (subject === null) return event;
      const { clear, personal } = splitPersonalData(event.data, isClear);
      if (personal === null) return event;
      const lookup = await keys.getOrCreate(subject);
      if (lookup.status === 'destroyed') {
        // Nothing personal is written about an erased person: on their own stream that is a bug and is refused;
        // on another stream naming them (a match being withdrawn) the personal part is dropped, the rest recorded.
        if (streamId === undefined || streamId === streamOf(subject)) throw new SubjectErasedError(describeSubject(subject));
        return { ...event, data: { ...clear, [PERSONAL_FIELD]: { ...ERASED_PERSONAL_DATA } } };
      }
      // Bound to the stream the event goes to: the subject's own, or another naming them (a match).
      const target = streamId ?? streamOf(subject);
      const inner = await sealPairFields(event, personal, target);
      const sealed = sealPersonalData(lookup.key, padded(JSON.stringify(inner)), sealContext(event, target, subject));
      return { ...event, data: { ...clear, [PERSONAL_FIELD]: { ...sealed } } };
    },

    async decode(event: RecordedEvent): Promise<RecordedEvent> {
      const subject = dataSubjectOf(event.metadata);
      const stored = event.data[PERSONAL_FIELD];
      if (subject === null || stored === undefined || isErasedMarker(stored)) return openRows(event);
      const sealed = asSealedPersonalData(stored);
      if (sealed === null) throw new IntegrityError(`Event ${event.id} in ${event.streamId} has personal data in an unknown format`);
      const lookup = await keys.get(subject);
      if (lookup === null) throw new MissingDataKeyError(describeSubject(subject), event.id);
      const { [PERSONAL_FIELD]: _sealed, ...clear } = event.data;
      if (lookup.status === 'destroyed') return { ...event, data: { ...clear, [PERSONAL_FIELD]: { ...ERASED_PERSONAL_DATA } } };
      if (lookup.key.version !== sealed.kv) {
        throw new IntegrityError(`Event ${event.id} in ${event.streamId} is sealed under key version ${sealed.kv}, which the key store does not hold`);
      }
      const personal = await openPairFields(event, openOrThrow(() => openPersonalData(lookup.key, sealed, sealContext(event, event.streamId, subject)), event));
      return openRows({ ...event, data: { ...clear, ...personal } });
    },

    // An erased subject's own events say nothing any more; events of other streams naming them (a match)
    // keep their clear fields (ids, times, score, status), which is all their state needs.
    readable: (event) => {
      const subject = dataSubjectOf(event.metadata);
      return !(isErased(event) && subject !== null && event.streamId === streamOf(subject));
    },
  };
}

/** Whether a decoded event's personal data was erased. */
export function isErased(event: { readonly data: JsonObject }): boolean {
  return isErasedMarker(event.data[PERSONAL_FIELD]);
}

/** The marker itself: what erased personal data, or a pair field sealed under an erased person's key, decodes to. */
export function isErasedMarker(value: JsonValue | undefined): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && value.erased === true && Object.keys(value).length === 1;
}

/** The least a sealed plaintext is padded to: a name, a short reason or a row of codes all seal to the same length. */
export const MIN_SEALED_BYTES = 128;

/**
 * The JSON padded with spaces (which `JSON.parse` ignores) to at least `MIN_SEALED_BYTES`, and beyond that to
 * the Padmé length of Nikitin et al. ("Reducing metadata leakage from encrypted files and communication with
 * PURBs", PETS 2019): a length of L bytes is rounded up by clearing all but the top ⌊log₂⌊log₂ L⌋⌋ + 1 bits of
 * its mantissa, so a ciphertext's length tells at most O(log log L) bits and costs at most 12% in size. Without
 * it, an erased person's ciphertexts still said how long their name, notes or reasons were, and a row's length
 * said which gender it held (`female` and `male` differ by two bytes).
 */
function padded(json: string): Buffer {
  const bytes = Buffer.from(json);
  const length = paddedLength(bytes.length);
  return length === bytes.length ? bytes : Buffer.concat([bytes, Buffer.alloc(length - bytes.length, ' ')]);
}

export function paddedLength(length: number): number {
  if (length <= MIN_SEALED_BYTES) return MIN_SEALED_BYTES;
  const exponent = Math.floor(Math.log2(length));
  const mantissaBits = Math.floor(Math.log2(exponent)) + 1;
  const mask = 2 ** (exponent - mantissaBits) - 1;
  return Math.ceil(length / (mask + 1)) * (mask + 1);
}

function rowsIn(event: NewEvent, field: string): JsonObject[] {
  const rows = event.data[field];
  const isRow = (row: JsonValue): row is JsonObject => typeof row === 'object' && row !== null && !Array.isArray(row);
  if (!Array.isArray(rows) || !rows.every(isRow)) throw new IntegrityError(`Event ${event.id} (${event.type}) has a field "${field}" that is not a list of rows`);
  return rows;
}

/** A row's person and everything else in it. */
function rowParts(event: NewEvent, row: JsonObject, type: DataSubjectType, idField: string): { subject: DataSubject; personal: JsonObject } {
  const { [idField]: id, ...personal } = row;
  if (typeof id !== 'string' || id === '') throw new IntegrityError(`Event ${event.id} (${event.type}) has a row without its ${idField}`);
  return { subject: { type, id }, personal };
}

function sealContext(event: NewEvent, streamId: string, subject: DataSubject): SealContext {
  return { eventId: event.id, type: event.type, schemaVersion: event.schemaVersion, streamId, subject };
}

function openOrThrow(open: () => Buffer, event: RecordedEvent): JsonObject {
  const failed = (): IntegrityError =>
    new IntegrityError(
      `The personal data of event ${event.id} in ${event.streamId} failed authentication: ` +
        'it was altered, moved to another event, stream or subject, or sealed under another key',
    );
  let plaintext: Buffer;
  try {
    plaintext = open();
  } catch {
    throw failed();
  }
  const personal = JSON.parse(plaintext.toString('utf8')) as JsonValue;
  if (typeof personal !== 'object' || personal === null || Array.isArray(personal)) throw failed();
  return personal;
}
