import { NewcomerCommand, newcomerDecider, NewcomerEvent, NewcomerState, eventSchemaVersions, newcomerStream } from '@sleutel/domain';
import { EventStore, InMemoryEventStore } from '@sleutel/event-store';
import { amalInput } from '../../domain/src/newcomer/newcomer.fixtures';
import { AggregateType } from './aggregate-type';
import { CommandContext } from './command-context';
import { ContentionError, StaleRevisionError } from './command-errors';
import { CommandRunner } from './command-runner';
import { EventCodec, identityCodec } from './event-codec';

const newcomers: AggregateType<NewcomerCommand, NewcomerEvent, NewcomerState> = {
  subjectType: 'newcomer',
  decider: newcomerDecider,
  schemaVersions: eventSchemaVersions,
};
const id = '0b6c4f7e-3d1a-4c55-9a0e-5d8f7f0b2a11';
const stream = newcomerStream(id);
const context = (commandId: string): CommandContext => ({
  actor: { id: 'w-1', role: 'intake' }, source: 'api', correlationId: 'corr-1', causationId: 'request:1', commandId,
});
const register = (now: string): NewcomerCommand[] => [{ type: 'RegisterNewcomer', data: { newcomerId: id, at: now, profile: amalInput } }];
const notes = (text: string) => (_: NewcomerState, now: string): NewcomerCommand[] => [{ type: 'ChangeNewcomerNotes', data: { newcomerId: id, at: now, notes: text } }];
const clock = () => new Date('2026-11-30T10:00:00.000Z');

describe('CommandRunner', () => {
  let store: InMemoryEventStore;
  let runner: CommandRunner;
  beforeEach(() => {
    store = new InMemoryEventStore();
    runner = new CommandRunner(store, identityCodec, clock);
  });

  it('wraps decided events in the envelope: derived id, schema version, full metadata', async () => {
    const outcome = await runner.run(newcomers, stream, (_, now) => register(now), context('cmd-1'));
    expect(outcome).toMatchObject({ revision: 0, appended: 1 });
    const [event] = await store.readStream(stream);
    expect(event).toMatchObject({
      type: 'NewcomerRegistered',
      schemaVersion: 1,
      metadata: {
        actor: { id: 'w-1', role: 'intake' }, command: 'RegisterNewcomer', correlationId: 'corr-1', causationId: 'request:1',
        occurredAt: '2026-11-30T10:00:00.000Z', source: 'api', subject: { type: 'newcomer', id },
      },
    });
    expect(event.data).toMatchObject({ newcomerId: id, registeredAt: '2026-11-30T10:00:00.000Z' });
  });

  it('derives event ids from the command id: one command delivered twice at once appends once', async () => {
    await runner.run(newcomers, stream, (_, now) => register(now), context('cmd-1'));
    const before = (await store.readAll()).length;
    const outcomes = await Promise.all([
      runner.run(newcomers, stream, notes('a'), context('cmd-2')),
      new CommandRunner(store, identityCodec, clock).run(newcomers, stream, notes('a'), context('cmd-2')),
    ]);
    expect(outcomes.map((o) => o.revision)).toEqual([1, 1]);
    expect((await store.readAll()).length).toBe(before + 1);
  });

  it('refuses a stale expected revision without appending', async () => {
    await runner.run(newcomers, stream, (_, now) => register(now), context('cmd-1'));
    await runner.run(newcomers, stream, notes('first'), context('cmd-2'));
    await expect(runner.run(newcomers, stream, notes('second'), context('cmd-3'), { expectedRevision: 0 })).rejects.toBeInstanceOf(StaleRevisionError);
    expect((await store.readStream(stream)).length).toBe(2);
  });

  it('decides again on the new state when another writer got in between', async () => {
    await runner.run(newcomers, stream, (_, now) => register(now), context('cmd-1'));
    let calls = 0;
    const racing: EventStore = Object.create(store);
    racing.append = async (streamId, events, expected) => {
      if (calls++ === 0) await runner.run(newcomers, stream, notes('from the other writer'), context('other'));
      return store.append(streamId, events, expected);
    };
    const outcome = await new CommandRunner(racing, identityCodec, clock).run(newcomers, stream, notes('mine'), context('cmd-2'));
    expect(calls).toBe(2);
    expect(outcome.revision).toBe(2);
    expect((await store.readStream(stream)).map((e) => e.data.notes ?? null)).toEqual([null, 'from the other writer', 'mine']);
  });

  it('gives up with a ContentionError after a bounded number of conflicts', async () => {
    await runner.run(newcomers, stream, (_, now) => register(now), context('cmd-1'));
    let n = 0;
    const busy: EventStore = Object.create(store);
    busy.append = async (streamId, events, expected) => {
      await runner.run(newcomers, stream, notes(`other ${n++}`), context(`other-${n}`));
      return store.append(streamId, events, expected);
    };
    await expect(new CommandRunner(busy, identityCodec, clock, 3).run(newcomers, stream, notes('mine'), context('cmd-2'))).rejects.toBeInstanceOf(ContentionError);
    expect(n).toBe(3);
  });

  describe('a stream assumed new (assumeNew)', () => {
    const counting = () => {
      const reads: string[] = [];
      const counted: EventStore = Object.create(store);
      counted.readStream = async (streamId, options) => {
        reads.push(streamId);
        return store.readStream(streamId, options);
      };
      return { reads, runner: new CommandRunner(counted, identityCodec, clock) };
    };

    it('appends to a new stream without reading it first', async () => {
      const { reads, runner: assuming } = counting();
      const outcome = await assuming.run(newcomers, stream, (_, now) => register(now), context('cmd-1'), { assumeNew: true });
      expect(outcome).toMatchObject({ revision: 0, appended: 1 });
      expect(reads).toEqual([]);
      expect((await store.readStream(stream)).map((e) => e.type)).toEqual(['NewcomerRegistered']);
    });

    it('decides on the stream as it is when it exists after all: the same answer as without the assumption, nothing appended', async () => {
      await runner.run(newcomers, stream, (_, now) => register(now), context('cmd-1'));
      const { reads, runner: assuming } = counting();
      const assumed = await assuming.run(newcomers, stream, (_, now) => register(now), context('cmd-2'), { assumeNew: true }).catch((error: unknown) => error);
      const plain = await runner.run(newcomers, stream, (_, now) => register(now), context('cmd-3')).catch((error: unknown) => error);
      expect(assumed).toEqual(plain);
      expect((assumed as { code?: string }).code).toBe('NEWCOMER.ALREADY_REGISTERED');
      expect(reads).toEqual([stream]);
      expect((await store.readStream(stream)).length).toBe(1);
    });
  });

  describe('folding only some event types (foldOnly)', () => {
    const folded = ['NewcomerRegistered', 'NewcomerNotesChanged'];
    const reserve = (_: NewcomerState, now: string): NewcomerCommand[] => [
      { type: 'ReserveNewcomerForMatch', data: { newcomerId: id, at: now, matchId: 'b3a1c2d4-0000-4000-8000-000000000001', keyPersonId: 'b3a1c2d4-0000-4000-8000-000000000002' } },
    ];

    it('decides on those events alone and appends after the stream\'s last event, whatever its type', async () => {
      await runner.run(newcomers, stream, (_, now) => register(now), context('cmd-1'));
      await runner.run(newcomers, stream, reserve, context('cmd-2'));
      const outcome = await runner.run(newcomers, stream, notes('mine'), context('cmd-3'), { foldOnly: folded });
      expect(outcome).toMatchObject({ revision: 2, appended: 1 });
      // The reservation was not folded: the state decided on has no open match.
      expect(outcome.state.openMatch).toBeNull();
      expect((await store.readStream(stream)).map((e) => e.type)).toEqual(['NewcomerRegistered', 'NewcomerMatchReserved', 'NewcomerNotesChanged']);
    });

    it('decides again when an event of those types lands between reading them and reading the stream\'s end', async () => {
      await runner.run(newcomers, stream, (_, now) => register(now), context('cmd-1'));
      await runner.run(newcomers, stream, reserve, context('cmd-2'));
      let tails = 0;
      const racing: EventStore = Object.create(store);
      racing.readStream = async (streamId, options) => {
        if (options?.eventTypes === undefined && tails++ === 0) await runner.run(newcomers, stream, notes('from the other writer'), context('other'));
        return store.readStream(streamId, options);
      };
      // The other writer set the same notes: decided again on them, there is nothing to append.
      const same = await new CommandRunner(racing, identityCodec, clock).run(newcomers, stream, notes('from the other writer'), context('cmd-3'), { foldOnly: folded });
      expect(tails).toBe(2);
      expect(same).toMatchObject({ revision: 2, appended: 0 });
      expect((await store.readStream(stream)).map((e) => e.data.notes ?? null)).toEqual([null, null, 'from the other writer']);
    });
  });

  it('appends nothing when the decider decides nothing', async () => {
    await runner.run(newcomers, stream, (_, now) => register(now), context('cmd-1'));
    const outcome = await runner.run(newcomers, stream, notes(amalInput.notes as string), context('cmd-2'));
    expect(outcome).toMatchObject({ revision: 0, position: null, appended: 0 });
  });

  it('runs every event through the codec both ways', async () => {
    const seen: string[] = [];
    const tagging: EventCodec = {
      encode: async (event) => { seen.push(`encode ${event.type}`); return event; },
      decode: async (event) => { seen.push(`decode ${event.type}`); return event; },
    };
    const coded = new CommandRunner(store, tagging, clock);
    await coded.run(newcomers, stream, (_, now) => register(now), context('cmd-1'));
    await coded.load(newcomers, stream);
    expect(seen).toEqual(['encode NewcomerRegistered', 'decode NewcomerRegistered']);
  });
});

describe('CommandRunner with several invalid sections', () => {
  it('reports the violations of every section at once and appends nothing', async () => {
    const store = new InMemoryEventStore();
    const runner = new CommandRunner(store, identityCodec, clock);
    await runner.run(newcomers, stream, (_, now) => register(now), context('cmd-1'));
    const change = (_: NewcomerState, at: string): NewcomerCommand[] => [
      { type: 'ChangeNewcomerLanguages', data: { newcomerId: id, at, languages: [{ code: 'qqq', level: 'native' }] } },
      { type: 'ChangeNewcomerNotes', data: { newcomerId: id, at, notes: 'fine' } },
      { type: 'ChangeNewcomerOrigin', data: { newcomerId: id, at, origin: { country: 'ZZ' } } },
    ];
    const error = await runner.run(newcomers, stream, change, context('cmd-2')).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'invalid' });
    expect((error as { violations: { field: string }[] }).violations.map((v) => v.field)).toEqual(['languages[0].code', 'origin.country']);
    // Said once, every field named: not "… invalid fields: languages[0].code The newcomer profile has invalid fields: origin.country".
    expect((error as Error).message).toMatch(/^The [a-z ]+ has invalid fields: languages\[0\]\.code, origin\.country$/);
    expect((await store.readStream(stream)).length).toBe(1);
  });
});
