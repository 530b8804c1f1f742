/**
 * Properties of the personal-data codec over generated events: any JSON data
 * comes back as it was; any change to the sealed bytes, or moving them to
 * another event, stream or subject, is refused; an erased subject's events
 * keep their clear fields and show the marker; and no personal value, nor the
 * name of a personal field, appears anywhere in what is stored.
 */
import fc from 'fast-check';
import { JsonObject, JsonValue, RecordedEvent } from '@sleutel/event-store';
import { EventCodec } from '@sleutel/eventsourcing';
import { DataSubject } from './data-subject';
import { InMemoryKeyStore } from './in-memory/in-memory-key-store.adapter';
import { MasterKey } from './master-key';
import { ERASED_PERSONAL_DATA, MIN_SEALED_BYTES, paddedLength, personalDataCodec } from './personal-data.codec';
import { DEFAULT_CLEAR_FIELDS } from './personal-data.fields';
import { IntegrityError } from './privacy.errors';
import { eventFor, metadataFor, recorded } from './testing/privacy-events';

/** A key store and codec of their own per run, so an erasure in one run cannot touch another that drew the same id. */
function fresh(): { keys: InMemoryKeyStore; codec: EventCodec; encodeStored: (about: DataSubject, value: JsonObject) => Promise<RecordedEvent> } {
  const keys = new InMemoryKeyStore(MasterKey.generate());
  const codec = personalDataCodec(keys);
  return { keys, codec, encodeStored: async (about, value) => recorded(await codec.encode(eventFor(about, value))) };
}

const subject: fc.Arbitrary<DataSubject> = fc.record({ type: fc.constantFrom('newcomer' as const, 'key-person' as const), id: fc.uuid() });

/** Field names of every kind: clear by rule or by the allow-list, personal, and awkward ones. */
const fieldName = fc.oneof(
  fc.string(),
  fc.constantFrom('newcomerId', 'keyPersonIds', 'matchIds', 'at', 'registeredAt', 'personal', '__proto__', 'constructor', 'paid', 'format', ...DEFAULT_CLEAR_FIELDS),
);
const data: fc.Arbitrary<JsonObject> = fc.dictionary(fieldName, fc.jsonValue(), { noNullPrototype: true }) as fc.Arbitrary<JsonObject>;
/** Data with at least one personal field, so something is sealed. */
const personalData = fc.tuple(data, fc.string()).map(([rest, notes]): JsonObject => ({ ...rest, notes }));

const asStored = (value: JsonObject): JsonObject => JSON.parse(JSON.stringify(value)) as JsonObject;

describe('personalDataCodec properties', () => {
  it('gives any JSON data back as it was', async () => {
    await fc.assert(
      fc.asyncProperty(subject, data, async (about, value) => {
        const { codec, encodeStored } = fresh();
        const decoded = await codec.decode(await encodeStored(about, value));
        expect(decoded.data).toEqual(asStored(value));
      }),
    );
  });

  it('refuses sealed data with any byte of its IV, ciphertext or tag changed', async () => {
    await fc.assert(
      fc.asyncProperty(subject, personalData, fc.constantFrom('iv', 'ct', 'tag'), fc.nat(), fc.integer({ min: 1, max: 255 }), async (about, value, part, at, flip) => {
        const { codec, encodeStored } = fresh();
        const stored = await encodeStored(about, value);
        const personal = stored.data.personal as Record<string, JsonValue>;
        const bytes = Buffer.from(personal[part] as string, 'base64');
        fc.pre(bytes.length > 0);
        bytes[at % bytes.length] ^= flip;
        const tampered = { ...stored, data: { ...stored.data, personal: { ...personal, [part]: bytes.toString('base64') } } };
        await expect(codec.decode(tampered)).rejects.toThrow(IntegrityError);
      }),
    );
  });

  it('refuses sealed data moved to another event, stream or subject', async () => {
    const moves: readonly ((event: RecordedEvent, other: DataSubject) => RecordedEvent)[] = [
      (event, other) => ({ ...event, id: other.id }),
      (event, other) => ({ ...event, streamId: `${other.type}-${other.id}` }),
      (event, other) => ({ ...event, streamId: `${other.type}-${other.id}`, metadata: metadataFor(other) }),
      (event) => ({ ...event, type: `${event.type}Again` }),
    ];
    await fc.assert(
      fc.asyncProperty(subject, subject, personalData, fc.constantFrom(...moves), async (about, other, value, move) => {
        fc.pre(about.id !== other.id);
        const { keys, codec, encodeStored } = fresh();
        await keys.getOrCreate(other);
        await expect(codec.decode(move(await encodeStored(about, value), other))).rejects.toThrow(IntegrityError);
      }),
    );
  });

  it('decodes an erased subject\'s events to their clear fields and the marker', async () => {
    await fc.assert(
      fc.asyncProperty(subject, personalData, async (about, value) => {
        const { keys, codec, encodeStored } = fresh();
        const stored = await encodeStored(about, value);
        await keys.destroy(about);
        const decoded = await codec.decode(stored);
        const { personal: _sealed, ...clear } = stored.data;
        expect(decoded.data).toEqual({ ...clear, personal: ERASED_PERSONAL_DATA });
        await expect(codec.encode(eventFor(about, value))).rejects.toThrow('is erased');
      }),
    );
  });

  it('never stores a personal value, or a personal field\'s name, in clear', async () => {
    // `~` is in no base64, UUID or ISO time, so a distinctive value cannot turn up by chance.
    const distinctive = fc.string({ minLength: 3 }).map((text) => `~${text}~`);
    const personalValue: fc.Arbitrary<JsonValue> = fc.oneof(
      distinctive,
      fc.array(distinctive, { maxLength: 3 }),
      fc.record({ displayName: distinctive, contact: fc.record({ email: distinctive }), languages: fc.array(fc.record({ code: distinctive })) }),
    );
    const profile = fc.dictionary(distinctive, personalValue, { minKeys: 1, maxKeys: 5, noNullPrototype: true });
    await fc.assert(
      fc.asyncProperty(subject, profile, async (about, fields) => {
        const { codec } = fresh();
        const stored = JSON.stringify(await codec.encode(eventFor(about, { newcomerId: about.id, changedAt: '2026-12-01T10:00:00.000Z', ...fields })));
        const escaped = (text: string): string => JSON.stringify(text).slice(1, -1);
        for (const token of JSON.stringify(fields).match(/~(?:[^~\\]|\\.)*~/g) ?? []) expect(stored).not.toContain(token);
        for (const name of Object.keys(fields)) expect(stored).not.toContain(escaped(name));
      }),
    );
  });

  it('pads any length to at least the minimum, at most 12% beyond it, to a length that pads to itself, never shorter than a shorter one pads', () => {
    fc.assert(fc.property(fc.nat({ max: 1 << 24 }), fc.nat({ max: 1 << 24 }), (a, b) => {
      const padded = paddedLength(a);
      expect(padded).toBeGreaterThanOrEqual(Math.max(a, MIN_SEALED_BYTES));
      if (a > MIN_SEALED_BYTES) expect(padded - a).toBeLessThanOrEqual(0.12 * a);
      expect(paddedLength(padded)).toBe(padded);
      if (a <= b) expect(paddedLength(a)).toBeLessThanOrEqual(paddedLength(b));
    }), { numRuns: 2000 });
  });

  it('lets a ciphertext\'s length tell only O(log log L) bits: the lengths from 2^E to 2^(E+1) pad to one of 2^(⌊log₂ E⌋ + 1) + 1', () => {
    for (let exponent = 8; exponent <= 16; exponent++) {
      const lengths = new Set<number>();
      for (let length = 2 ** exponent; length < 2 ** (exponent + 1); length++) lengths.add(paddedLength(length));
      expect(lengths.size).toBe(2 ** (Math.floor(Math.log2(exponent)) + 1) + 1);
    }
  });
});
