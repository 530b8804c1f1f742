import {
  eventSchemaVersions, eventUpcasters, NewcomerCommand, newcomerDecider, NewcomerEvent, NewcomerState, newcomerStream,
} from '@sleutel/domain';
import { InMemoryEventStore, JsonObject, JsonValue } from '@sleutel/event-store';
import { AggregateType, CommandRunner, composeCodecs, upcastingCodec } from '@sleutel/eventsourcing';
import { amalInput, amalProfile, NEWCOMER_ID } from '../../domain/src/newcomer/newcomer.fixtures';
import { CachingKeyStore } from './caching-key-store';
import { KeyStore } from './key-store.port';
import { InMemoryKeyStore } from './in-memory/in-memory-key-store.adapter';
import { MasterKey } from './master-key';
import { openPersonalData, SealedPersonalData, sealPersonalData } from './personal-data.cipher';
import { isErased, MIN_SEALED_BYTES, paddedLength, personalDataCodec } from './personal-data.codec';
import { IntegrityError, MissingDataKeyError, SubjectErasedError } from './privacy.errors';
import { clearJsonOf } from './testing/clear-json';
import { eventFor, keyPersonSubject, metadataFor, newcomerSubject, recorded } from './testing/privacy-events';

const REGISTERED_AT = '2026-11-30T09:15:00.000Z';

function setUp(): { keys: InMemoryKeyStore; codec: ReturnType<typeof personalDataCodec> } {
  const keys = new InMemoryKeyStore(MasterKey.generate());
  return { keys, codec: personalDataCodec(keys) };
}

const registration = (subject = newcomerSubject()) =>
  eventFor(subject, { newcomerId: subject.id, registeredAt: REGISTERED_AT, profile: amalProfile as unknown as JsonObject });

describe('personalDataCodec', () => {
  it('seals every personal field as one blob and keeps ids and times in clear', async () => {
    const { codec } = setUp();
    const event = registration();
    const encoded = await codec.encode(event);
    expect(encoded).toEqual({
      ...event,
      data: {
        newcomerId: event.data.newcomerId, registeredAt: REGISTERED_AT,
        personal: { alg: 'A256GCM', kv: 1, iv: expect.any(String), ct: expect.any(String), tag: expect.any(String) },
      },
    });
    const json = clearJsonOf(encoded);
    for (const value of ['Amal', '+31612345678', 'amal@example.org', 'morning', 'GM0344', 'apc', '1990', 'profile']) expect(json).not.toContain(value);
  });

  it('gives the data back as it was', async () => {
    const { codec } = setUp();
    const event = registration();
    expect((await codec.decode(recorded(await codec.encode(event)))).data).toEqual(event.data);
  });

  it('keeps the allow-listed codes and counts in clear, and free text and what a deferral\'s exclusions tell sealed', async () => {
    const { codec } = setUp();
    const subject = newcomerSubject();
    const released = eventFor(subject, { newcomerId: subject.id, matchId: 'm-1', outcome: 'declined', releasedAt: REGISTERED_AT }, 'NewcomerMatchReleased');
    expect(await codec.encode(released)).toBe(released);
    const deferred = eventFor(subject, { newcomerId: subject.id, policyVersion: 3, considered: 12, excluded: { 'gender-required': 4 }, deferredAt: REGISTERED_AT }, 'NewcomerMatchingDeferred');
    const sealedDeferral = await codec.encode(deferred);
    expect(Object.keys(sealedDeferral.data)).toEqual(['newcomerId', 'policyVersion', 'considered', 'deferredAt', 'personal']);
    expect(clearJsonOf(sealedDeferral)).not.toContain('gender-required');
    expect((await codec.decode(recorded(sealedDeferral))).data).toEqual(deferred.data);
    // One recorded before, with the counts in clear, reads as it did.
    expect((await codec.decode(recorded(deferred))).data).toEqual(deferred.data);
    const withdrawn = eventFor(subject, { newcomerId: subject.id, withdrawnAt: REGISTERED_AT, reason: 'Moved to Hamburg', openMatchId: null }, 'NewcomerWithdrawn');
    const encoded = await codec.encode(withdrawn);
    expect(Object.keys(encoded.data)).toEqual(['newcomerId', 'withdrawnAt', 'openMatchId', 'personal']);
    expect(clearJsonOf(encoded)).not.toContain('Hamburg');
  });

  it('passes events of no data subject, of a match, and with nothing personal, and makes no key for them', async () => {
    const { keys, codec } = setUp();
    const subject = newcomerSubject();
    const events = [
      eventFor(null, { weights: { language: 0.4 }, changedAt: REGISTERED_AT }, 'ScoringPolicyChanged'),
      eventFor({ type: 'match', id: 'm-1' }, { matchId: 'm-1', reason: 'Schedules differ' }, 'MatchDeclined'),
      eventFor(subject, { newcomerId: subject.id, matchId: 'm-1', keyPersonId: 'k-1', reservedAt: REGISTERED_AT }, 'NewcomerMatchReserved'),
    ];
    for (const event of events) {
      expect(await codec.encode(event)).toBe(event);
      const stored = recorded(event);
      expect(await codec.decode(stored)).toBe(stored);
    }
    expect(await keys.get(subject)).toBeNull();
  });

  it('creates one key per subject on its first personal data', async () => {
    const { keys, codec } = setUp();
    const [amal, yonas] = [newcomerSubject(), keyPersonSubject()];
    await codec.encode(registration(amal));
    await codec.encode(eventFor(yonas, { keyPersonId: yonas.id, displayName: 'Yonas Tesfay' }, 'KeyPersonPersonalDetailsChanged'));
    const keyBytes = async (subject: typeof amal): Promise<string> => {
      const lookup = await keys.get(subject);
      return lookup?.status === 'active' ? lookup.key.bytes.toString('hex') : 'none';
    };
    expect(await keyBytes(amal)).toMatch(/^[0-9a-f]{64}$/);
    expect(await keyBytes(yonas)).toMatch(/^[0-9a-f]{64}$/);
    expect(await keyBytes(amal)).not.toBe(await keyBytes(yonas));
  });

  describe('length', () => {
    const ciphertextBytes = (sealed: JsonValue): number => Buffer.from((sealed as { ct: string }).ct, 'base64').length;

    it('pads what it seals, so that names of different lengths seal to the same length, and gives the data back as it was', async () => {
      const { codec } = setUp();
      const renamed = (displayName: string) => { const subject = newcomerSubject(); return eventFor(subject, { newcomerId: subject.id, displayName }, 'NewcomerDisplayNameChanged'); };
      const events = ['Li', 'Amal', 'Abdirahman Mohamed Warsame'].map(renamed);
      const encoded = await Promise.all(events.map((event) => codec.encode(event)));
      expect(new Set(encoded.map((event) => ciphertextBytes(event.data.personal)))).toEqual(new Set([MIN_SEALED_BYTES]));
      for (const [i, event] of events.entries()) expect((await codec.decode(recorded(encoded[i]))).data).toEqual(event.data);
    });

    it('pads a large profile to its Padmé length: the notes\' length is told only roughly, at a cost of at most 12%', async () => {
      const { codec } = setUp();
      const withNotes = (notes: string) => { const subject = newcomerSubject(); return eventFor(subject, { newcomerId: subject.id, profile: { ...amalProfile, notes } as unknown as JsonObject }); };
      const lengths = await Promise.all([1000, 1010, 1020].map(async (size) => ciphertextBytes((await codec.encode(withNotes('n'.repeat(size)))).data.personal)));
      expect(new Set(lengths).size).toBe(1);
      const plain = JSON.stringify({ profile: { ...amalProfile, notes: 'n'.repeat(1020) } }).length;
      expect(lengths[0]).toBeGreaterThanOrEqual(plain);
      expect(lengths[0]).toBeLessThanOrEqual(plain * 1.12);
    });

    it('pads the facts sealed for the pair as well', async () => {
      const keys = new InMemoryKeyStore(MasterKey.generate());
      const codec = personalDataCodec(keys, { pairFields: ['reason'] });
      const [newcomer, keyPerson] = [newcomerSubject(), keyPersonSubject()];
      const { key } = (await keys.getOrCreate(newcomer)) as { key: Parameters<typeof openPersonalData>[0] };
      /** The pair's seal, inside the newcomer's. */
      const declined = async (reason: string): Promise<JsonValue> => {
        const made = eventFor(newcomer, { matchId: 'm-1', newcomerId: newcomer.id, keyPersonId: keyPerson.id, reason }, 'MatchDeclined');
        const event = { ...made, metadata: { ...made.metadata, pairSubject: keyPerson } };
        const stored = recorded(await codec.encode(event, 'match-m-1'), 'match-m-1');
        expect((await codec.decode(stored)).data.reason).toBe(reason);
        const context = { eventId: event.id, type: event.type, schemaVersion: event.schemaVersion, streamId: 'match-m-1', subject: newcomer };
        const inner = JSON.parse(openPersonalData(key, stored.data.personal as unknown as SealedPersonalData, context).toString()) as { sealedForPair: { sealed: JsonValue } };
        return inner.sealedForPair.sealed;
      };
      const [short, long] = [await declined('No time'), await declined('I moved to another city and have no time left this year')];
      expect([ciphertextBytes(short), ciphertextBytes(long)]).toEqual([MIN_SEALED_BYTES, MIN_SEALED_BYTES]);
    });

    it('opens data sealed before padding was introduced, which has no trailing spaces', async () => {
      const { keys, codec } = setUp();
      const event = registration();
      const subject = event.metadata.subject as { type: 'newcomer'; id: string };
      const { key } = (await keys.getOrCreate(subject)) as { key: Parameters<typeof sealPersonalData>[0] };
      const { newcomerId, registeredAt, ...personal } = event.data;
      const unpadded = sealPersonalData(key, Buffer.from(JSON.stringify(personal)), { eventId: event.id, type: event.type, schemaVersion: event.schemaVersion, streamId: `newcomer-${subject.id}`, subject });
      const stored = recorded({ ...event, data: { newcomerId, registeredAt, personal: { ...unpadded } } });
      expect((await codec.decode(stored)).data).toEqual(event.data);
    });

    it('rounds a length up to at least the minimum, and then to the Padmé length', () => {
      expect([0, 1, 127, 128].map(paddedLength)).toEqual([128, 128, 128, 128]);
      // 129: 2⁷ ≤ L < 2⁸, ⌊log₂ 7⌋ + 1 = 3 bits kept, so a multiple of 2^(7−3) = 16.
      expect([129, 144, 145].map(paddedLength)).toEqual([144, 144, 160]);
      // 1,000: 2⁹ ≤ L < 2¹⁰, ⌊log₂ 9⌋ + 1 = 4 bits kept, so a multiple of 2^(9−4) = 32.
      expect([1000, 1024, 1025].map(paddedLength)).toEqual([1024, 1024, 1088]);
    });
  });

  describe('after erasure', () => {
    it('decodes to the clear fields and the erased marker', async () => {
      const { keys, codec } = setUp();
      const subject = newcomerSubject();
      const stored = recorded(await codec.encode(registration(subject)));
      await keys.destroy(subject);
      const decoded = await codec.decode(stored);
      expect(decoded).toEqual({ ...stored, data: { newcomerId: subject.id, registeredAt: REGISTERED_AT, personal: { erased: true } } });
      expect(isErased(decoded)).toBe(true);
      expect(await codec.decode(decoded)).toEqual(decoded);
    });

    it('refuses to record personal data, but records ids and times (the erasure itself)', async () => {
      const { keys, codec } = setUp();
      const subject = newcomerSubject();
      await keys.destroy(subject);
      await expect(codec.encode(registration(subject))).rejects.toThrow(SubjectErasedError);
      await expect(codec.encode(registration(subject))).rejects.toThrow(`newcomer ${subject.id} is erased`);
      const erasure = eventFor(subject, { newcomerId: subject.id, erasedAt: REGISTERED_AT }, 'NewcomerErased');
      expect(await codec.encode(erasure)).toBe(erasure);
    });

    it('drops the personal part of an event about an erased subject on another stream (a match), keeping the rest', async () => {
      const { keys, codec } = setUp();
      const subject = newcomerSubject();
      await keys.destroy(subject);
      const withdrawn = eventFor(subject, { matchId: 'm-1', reason: 'The newcomer was withdrawn', withdrawnAt: REGISTERED_AT }, 'MatchWithdrawn');
      const encoded = await codec.encode(withdrawn, 'match-m-1');
      expect(encoded.data).toEqual({ matchId: 'm-1', withdrawnAt: REGISTERED_AT, personal: { erased: true } });
      await expect(codec.encode(withdrawn, `newcomer-${subject.id}`)).rejects.toThrow(SubjectErasedError);
    });

    it('takes effect at once through a caching key store', async () => {
      const keys = new CachingKeyStore(new InMemoryKeyStore(MasterKey.generate()));
      const codec = personalDataCodec(keys);
      const subject = newcomerSubject();
      const stored = recorded(await codec.encode(registration(subject)));
      expect(isErased(await codec.decode(stored))).toBe(false);
      await keys.destroy(subject);
      expect(isErased(await codec.decode(stored))).toBe(true);
    });
  });

  describe('facts about two people (a match\'s explanation)', () => {
    const explanation = { components: [{ name: 'language', raw: { keyPersonLanguage: 'tir', sharedLevel: 'native' } }], considered: 7 };
    function pairSetUp() {
      const keys = new InMemoryKeyStore(MasterKey.generate());
      const codec = personalDataCodec(keys, { pairFields: ['explanation'] });
      const [newcomer, keyPerson] = [newcomerSubject(), keyPersonSubject()];
      const event = (): ReturnType<typeof eventFor> => {
        const made = eventFor(newcomer, { matchId: 'm-1', newcomerId: newcomer.id, keyPersonId: keyPerson.id, score: 0.8, explanation, proposedAt: REGISTERED_AT }, 'MatchProposed');
        return { ...made, metadata: { ...made.metadata, pairSubject: keyPerson } };
      };
      return { keys, codec, newcomer, keyPerson, event };
    }

    it('seals them under the pair subject\'s key inside the subject\'s seal, and gives them back while both keys exist', async () => {
      const { codec, keys, keyPerson, event } = pairSetUp();
      const proposed = event();
      const stored = recorded(await codec.encode(proposed, 'match-m-1'), 'match-m-1');
      expect(clearJsonOf(stored)).not.toContain('tir');
      expect((await codec.decode(stored)).data).toEqual(proposed.data);
      // The key person's key was made for it (or found): their facts cannot be opened without it.
      expect(await keys.get(keyPerson)).toMatchObject({ status: 'active' });
      const withoutTheirs: KeyStore = {
        get: (subject) => (subject.type === keyPerson.type ? Promise.resolve(null) : keys.get(subject)),
        getOrCreate: (subject) => keys.getOrCreate(subject),
        destroy: (subject) => keys.destroy(subject),
        erasuresCheckedThrough: () => keys.erasuresCheckedThrough(),
        markErasuresCheckedThrough: (position) => keys.markErasuresCheckedThrough(position),
        listTombstones: (cursor, limit) => keys.listTombstones(cursor, limit),
        close: () => keys.close(),
      };
      await expect(personalDataCodec(withoutTheirs).decode(stored)).rejects.toThrow(new MissingDataKeyError(`key-person ${keyPerson.id}`, stored.id));
    });

    it('makes them { erased: true } once the key person is erased, and leaves the newcomer\'s part readable', async () => {
      const { codec, keys, keyPerson, event } = pairSetUp();
      const stored = recorded(await codec.encode(event(), 'match-m-1'), 'match-m-1');
      await keys.destroy(keyPerson);
      const decoded = await codec.decode(stored);
      expect(decoded.data).toEqual({ matchId: 'm-1', newcomerId: expect.any(String), keyPersonId: keyPerson.id, score: 0.8, explanation: { erased: true }, proposedAt: REGISTERED_AT });
      expect(isErased(decoded)).toBe(false);
      // Written after the erasure: nothing about them is sealed at all.
      const later = recorded(await codec.encode(event(), 'match-m-1'), 'match-m-1');
      expect((await codec.decode(later)).data.explanation).toEqual({ erased: true });
    });

    it('takes the pair fields by event type when given a function', async () => {
      const keys = new InMemoryKeyStore(MasterKey.generate());
      const codec = personalDataCodec(keys, { pairFields: (type) => (type === 'MatchRejected' ? ['reason'] : []) });
      const [newcomer, keyPerson] = [newcomerSubject(), keyPersonSubject()];
      const closing = (type: string, reason: string) => {
        const made = eventFor(newcomer, { matchId: 'm-1', newcomerId: newcomer.id, keyPersonId: keyPerson.id, reason }, type);
        return { ...made, metadata: { ...made.metadata, pairSubject: keyPerson } };
      };
      const rejected = recorded(await codec.encode(closing('MatchRejected', 'Met him before'), 'match-m-1'), 'match-m-1');
      const withdrawn = recorded(await codec.encode(closing('MatchWithdrawn', 'The key person retired'), 'match-m-1'), 'match-m-1');
      await keys.destroy(keyPerson);
      expect((await codec.decode(rejected)).data.reason).toEqual({ erased: true });
      expect((await codec.decode(withdrawn)).data.reason).toBe('The key person retired');
    });

    it('is unreadable as a whole once the newcomer is erased', async () => {
      const { codec, keys, newcomer, event } = pairSetUp();
      const stored = recorded(await codec.encode(event(), 'match-m-1'), 'match-m-1');
      await keys.destroy(newcomer);
      expect(isErased(await codec.decode(stored))).toBe(true);
    });

    it('refuses the pair seal moved to another key person\'s event', async () => {
      const { codec, keys, event } = pairSetUp();
      const stored = recorded(await codec.encode(event(), 'match-m-1'), 'match-m-1');
      const other = keyPersonSubject();
      await keys.getOrCreate(other);
      await expect(codec.decode({ ...stored, metadata: { ...stored.metadata, pairSubject: other } })).rejects.toThrow(IntegrityError);
    });

    it('seals an event that names no pair subject (one written before pairs were sealed) under its subject alone, as before', async () => {
      const { codec, keys, keyPerson, event } = pairSetUp();
      const { pairSubject: _none, ...metadata } = event().metadata;
      const stored = recorded(await codec.encode({ ...event(), metadata }, 'match-m-1'), 'match-m-1');
      await keys.destroy(keyPerson);
      expect((await codec.decode(stored)).data.explanation).toEqual(explanation);
    });
  });

  describe('rows about one person each (a cohort run\'s newcomers)', () => {
    const RUN_STREAM = 'cohort-run-r-1';
    function rowsSetUp() {
      const keys = new InMemoryKeyStore(MasterKey.generate());
      const codec = personalDataCodec(keys, {
        subjectRows: (type) => (type === 'CohortRunSolved' ? [{ field: 'newcomers', subjectType: 'newcomer', idField: 'newcomerId' }] : []),
      });
      const [amal, bilal] = [newcomerSubject(), newcomerSubject()];
      const solved = eventFor(null, {
        runId: 'r-1',
        newcomers: [
          { newcomerId: amal.id, language: 'tir', gender: 'female', ageBand: '26–35', waitingDays: 12.5 },
          { newcomerId: bilal.id, language: 'prs', gender: 'male', ageBand: '36–50', waitingDays: 3 },
        ],
        summary: { newcomers: 2 },
      }, 'CohortRunSolved');
      return { keys, codec, amal, bilal, solved };
    }

    it('seals each row but its id under that person\'s key, and gives the rows back', async () => {
      const { codec, keys, amal, solved } = rowsSetUp();
      const encoded = await codec.encode(solved, RUN_STREAM);
      for (const value of ['tir', 'prs', 'female', '26–35', '12.5']) expect(clearJsonOf(encoded)).not.toContain(value);
      expect((encoded.data.newcomers as JsonObject[])[0]).toEqual({
        newcomerId: amal.id, personal: { alg: 'A256GCM', kv: 1, iv: expect.any(String), ct: expect.any(String), tag: expect.any(String) },
      });
      expect(encoded.data.summary).toEqual({ newcomers: 2 });
      expect((await codec.decode(recorded(encoded, RUN_STREAM))).data).toEqual(solved.data);
      expect(await keys.get(amal)).toMatchObject({ status: 'active' });
    });

    it('makes an erased person\'s row { newcomerId, personal: { erased: true } } and leaves the others readable', async () => {
      const { codec, keys, amal, bilal, solved } = rowsSetUp();
      const stored = recorded(await codec.encode(solved, RUN_STREAM), RUN_STREAM);
      await keys.destroy(amal);
      const rows = (await codec.decode(stored)).data.newcomers as JsonObject[];
      expect(rows).toEqual([
        { newcomerId: amal.id, personal: { erased: true } },
        { newcomerId: bilal.id, language: 'prs', gender: 'male', ageBand: '36–50', waitingDays: 3 },
      ]);
      // Written after the erasure: nothing about them is sealed at all.
      const later = await codec.encode(solved, RUN_STREAM);
      expect((later.data.newcomers as JsonObject[])[0]).toEqual({ newcomerId: amal.id, personal: { erased: true } });
    });

    it('pads each row, so that its length says nothing of what it holds', async () => {
      const { codec, solved } = rowsSetUp();
      const facts = [
        { language: 'tir', gender: 'female', ageBand: '26–35', waitingDays: 12.5 },
        { language: 'prs', gender: 'male', ageBand: 'under 18', waitingDays: 3 },
        { language: 'none', gender: 'not given', ageBand: 'over 65', waitingDays: 123.456789012345 },
      ];
      const rows = facts.map((fact) => ({ newcomerId: newcomerSubject().id, ...fact }));
      const encoded = await codec.encode({ ...solved, data: { ...solved.data, newcomers: rows } }, RUN_STREAM);
      const lengths = (encoded.data.newcomers as { personal: { ct: string } }[]).map((row) => Buffer.from(row.personal.ct, 'base64').length);
      expect(new Set(lengths)).toEqual(new Set([128]));
      expect((await codec.decode(recorded(encoded, RUN_STREAM))).data.newcomers).toEqual(rows);
    });

    it('refuses a row moved to another person, or to another run', async () => {
      const { codec, amal, bilal, solved } = rowsSetUp();
      const stored = recorded(await codec.encode(solved, RUN_STREAM), RUN_STREAM);
      const [first, second] = stored.data.newcomers as JsonObject[];
      const swapped = { ...stored, data: { ...stored.data, newcomers: [{ ...first, newcomerId: bilal.id }, { ...second, newcomerId: amal.id }] } };
      await expect(codec.decode(swapped)).rejects.toThrow('failed authentication');
      await expect(codec.decode({ ...stored, streamId: 'cohort-run-r-2' })).rejects.toThrow(IntegrityError);
    });

    it('refuses rows in an unknown format, and rows with no stream to bind them to', async () => {
      const { codec, solved } = rowsSetUp();
      const stored = recorded(await codec.encode(solved, RUN_STREAM), RUN_STREAM);
      const [first] = stored.data.newcomers as JsonObject[];
      const never = [{ newcomerId: first.newcomerId, language: 'tir' }], idOnly = [{ newcomerId: first.newcomerId }];
      const markerAndMore = [{ newcomerId: first.newcomerId, personal: { erased: true }, gender: 'female' }];
      for (const damaged of [[{ ...first, extra: 1 }], [{ ...first, newcomerId: 7 }], 'not rows', [['not', 'a', 'row']], never, idOnly, markerAndMore]) {
        await expect(codec.decode({ ...stored, data: { ...stored.data, newcomers: damaged } })).rejects.toThrow(IntegrityError);
      }
      await expect(codec.encode(solved)).rejects.toThrow('no stream to bind them to');
    });

    it('leaves the rows sealed, reading no key, when told to (a list that does not show them)', async () => {
      const { codec, keys, solved } = rowsSetUp();
      const stored = recorded(await codec.encode(solved, RUN_STREAM), RUN_STREAM);
      const noKeys: KeyStore = {
        get: () => Promise.reject(new Error('no key should be read')),
        getOrCreate: () => Promise.reject(new Error('no key should be made')),
        destroy: (subject) => keys.destroy(subject),
        erasuresCheckedThrough: () => keys.erasuresCheckedThrough(),
        markErasuresCheckedThrough: (position) => keys.markErasuresCheckedThrough(position),
        listTombstones: (cursor, limit) => keys.listTombstones(cursor, limit),
        close: () => keys.close(),
      };
      const listing = personalDataCodec(noKeys, { subjectRows: () => [{ field: 'newcomers', subjectType: 'newcomer', idField: 'newcomerId' }], leaveRowsSealed: true });
      expect((await listing.decode(stored)).data).toEqual(stored.data);
    });

    it('seals a field\'s rows from the schema version that lists them, and reads events stored before as they were', async () => {
      const keys = new InMemoryKeyStore(MasterKey.generate());
      // From version 2 on, each left-out person's reasons are sealed too.
      const codec = personalDataCodec(keys, {
        subjectRows: (type, version) => (type !== 'CohortRunSolutionPaged' ? [] : [
          { field: 'newcomers', subjectType: 'newcomer', idField: 'newcomerId' },
          ...(version >= 2 ? [{ field: 'unplaced', subjectType: 'newcomer' as const, idField: 'newcomerId' }] : []),
        ]),
      });
      const [amal, bilal] = [newcomerSubject(), newcomerSubject()];
      const amalWhy = { newcomerId: amal.id, reason: 'no-eligible-key-person', eligible: 0, bestScore: null, excluded: { 'gender-required': 3 } };
      const bilalWhy = { newcomerId: bilal.id, reason: 'places-given-to-others', eligible: 2, bestScore: 0.7, excluded: { 'same-origin-declined': 1 } };
      const newcomers = [{ newcomerId: amal.id, language: 'tir' }, { newcomerId: bilal.id, language: 'prs' }];
      const page = (schemaVersion: number) => ({ ...eventFor(null, { runId: 'r-1', unplaced: [amalWhy, bilalWhy], newcomers }, 'CohortRunSolutionPaged'), schemaVersion });

      const stored = recorded(await codec.encode(page(2), RUN_STREAM), RUN_STREAM);
      expect((stored.data.unplaced as JsonObject[]).map((row) => Object.keys(row))).toEqual([['newcomerId', 'personal'], ['newcomerId', 'personal']]);
      for (const value of ['gender-required', 'same-origin-declined', 'no-eligible-key-person', '0.7']) expect(clearJsonOf(stored)).not.toContain(value);
      expect((await codec.decode(stored)).data).toEqual(page(2).data);

      // A page of version 1 kept its reasons in clear: read as stored, not refused as rows in an unknown format.
      const before = recorded(await codec.encode(page(1), RUN_STREAM), RUN_STREAM);
      expect(before.data.unplaced).toEqual([amalWhy, bilalWhy]);
      expect((await codec.decode(before)).data).toEqual(page(1).data);

      await keys.destroy(amal);
      expect((await codec.decode(stored)).data.unplaced).toEqual([{ newcomerId: amal.id, personal: { erased: true } }, bilalWhy]);
      expect((await codec.decode(before)).data.unplaced).toEqual([amalWhy, bilalWhy]);
    });

    it('passes a run without rows (null) and other event types unchanged', async () => {
      const { codec, solved } = rowsSetUp();
      const none = { ...solved, data: { ...solved.data, newcomers: null } };
      expect(await codec.encode(none, RUN_STREAM)).toBe(none);
      const other = { ...solved, type: 'CohortRunCompleted' };
      expect(await codec.encode(other, RUN_STREAM)).toBe(other);
    });
  });

  describe('refuses loudly', () => {
    it.each([
      ['moved to another stream', (event: ReturnType<typeof recorded>) => ({ ...event, streamId: `newcomer-${NEWCOMER_ID}` })],
      ['given another id', (event: ReturnType<typeof recorded>) => ({ ...event, id: 'e-other' })],
      ['given another type', (event: ReturnType<typeof recorded>) => ({ ...event, type: 'NewcomerNotesChanged' })],
      ['given another schema version', (event: ReturnType<typeof recorded>) => ({ ...event, schemaVersion: 2 })],
    ])('an event %s', async (_, tamper) => {
      const { codec } = setUp();
      const stored = recorded(await codec.encode(registration()));
      await expect(codec.decode(tamper(stored))).rejects.toThrow(IntegrityError);
      await expect(codec.decode(tamper(stored))).rejects.toThrow('failed authentication');
    });

    it('sealed data moved onto another subject', async () => {
      const { codec } = setUp();
      const [amal, other] = [newcomerSubject(), newcomerSubject()];
      const stolen = recorded(await codec.encode(registration(amal)));
      await codec.encode(registration(other));
      const moved = { ...stolen, streamId: `newcomer-${other.id}`, metadata: metadataFor(other) };
      await expect(codec.decode(moved)).rejects.toThrow(IntegrityError);
    });

    it('personal data in an unknown format', async () => {
      const { codec } = setUp();
      const stored = recorded(await codec.encode(registration()));
      const personal = stored.data.personal as JsonObject;
      for (const damaged of [{ ...personal, alg: 'none' }, { ...personal, iv: 'AAAA' }, { ...personal, extra: 1 }, 'plain text']) {
        await expect(codec.decode({ ...stored, data: { ...stored.data, personal: damaged } })).rejects.toThrow('unknown format');
      }
    });

    it('an event whose subject has no key in this key store', async () => {
      const stored = recorded(await setUp().codec.encode(registration()));
      await expect(setUp().codec.decode(stored)).rejects.toThrow(MissingDataKeyError);
    });
  });

  describe('with the upcasting codec', () => {
    const newcomers: AggregateType<NewcomerCommand, NewcomerEvent, NewcomerState> = {
      subjectType: 'newcomer', decider: newcomerDecider, schemaVersions: eventSchemaVersions,
    };
    const context = { actor: { id: 'w-1', role: 'intake' }, source: 'api' as const, correlationId: 'c', causationId: 'r', commandId: 'register' };

    /** Amal registered through the runner, then a version 1 withdrawal sealed as an older release wrote it. */
    async function storeWithSealedVersion1(keys: InMemoryKeyStore): Promise<InMemoryEventStore> {
      const store = new InMemoryEventStore();
      const codec = composeCodecs(upcastingCodec(eventSchemaVersions, eventUpcasters), personalDataCodec(keys));
      await new CommandRunner(store, codec, () => new Date(REGISTERED_AT)).run(
        newcomers, newcomerStream(NEWCOMER_ID), (_, at): NewcomerCommand[] => [{ type: 'RegisterNewcomer', data: { newcomerId: NEWCOMER_ID, at, profile: amalInput } }], context,
      );
      const version1 = eventFor(newcomerSubject(NEWCOMER_ID), { newcomerId: NEWCOMER_ID, withdrawnAt: '2026-12-05T10:00:00.000Z', reason: 'Moved abroad' }, 'NewcomerWithdrawn');
      await store.append(newcomerStream(NEWCOMER_ID), [await personalDataCodec(keys).encode(version1)], 0);
      return store;
    }

    it('stores only sealed personal data, and decrypts before it upcasts', async () => {
      const keys = new InMemoryKeyStore(MasterKey.generate());
      const store = await storeWithSealedVersion1(keys);
      const rows = JSON.stringify(await store.readStoredRows(null, 10));
      for (const value of ['Amal Haddad', 'amal@example.org', 'Prefers morning', 'Moved abroad']) expect(rows).not.toContain(value);

      const codec = composeCodecs(upcastingCodec(eventSchemaVersions, eventUpcasters), personalDataCodec(keys));
      const loaded = await new CommandRunner(store, codec).load(newcomers, newcomerStream(NEWCOMER_ID));
      expect(loaded.state).toMatchObject({ status: 'withdrawn', profile: { displayName: 'Amal Haddad' } });
      expect(loaded.events[1]).toMatchObject({ schemaVersion: 2, data: { reason: 'Moved abroad', openMatchId: null } });
    });

    it('fails loudly when composed the wrong way round: upcasting sealed data would change what the seal binds', async () => {
      const keys = new InMemoryKeyStore(MasterKey.generate());
      const store = await storeWithSealedVersion1(keys);
      const wrongWay = composeCodecs(personalDataCodec(keys), upcastingCodec(eventSchemaVersions, eventUpcasters));
      await expect(new CommandRunner(store, wrongWay).load(newcomers, newcomerStream(NEWCOMER_ID))).rejects.toThrow(IntegrityError);
    });
  });
});
