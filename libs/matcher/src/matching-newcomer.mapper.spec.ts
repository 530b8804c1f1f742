import { eventSchemaVersions, eventUpcasters, NewcomerCommand, NewcomerMatchOutcome, newcomerStream } from '@sleutel/domain';
import { InMemoryEventStore } from '@sleutel/event-store';
import { CommandContext, CommandRunner, upcastingCodec } from '@sleutel/eventsourcing';
import { newcomerAggregate } from '@sleutel/platform';
import { amalInput, KEY_PERSON_ID, MATCH_ID, NEWCOMER_ID } from '../../domain/src/newcomer/newcomer.fixtures';
import { toMatchingNewcomer } from './matching-newcomer.mapper';

const REGISTERED = '2026-01-05T09:00:00.000Z';
const ENDED = '2026-07-24T16:00:00.000Z';
const ASKED_AGAIN = '2026-07-30T11:00:00.000Z';

const stream = newcomerStream(NEWCOMER_ID);
const codec = upcastingCodec(eventSchemaVersions, eventUpcasters);
let commandNumber = 0;
const context = (): CommandContext => ({
  actor: { id: 'test', role: 'coordinator' }, source: 'cli', correlationId: 'c', causationId: 'c', commandId: `command-${(commandNumber += 1)}`,
});

/**
 * A newcomer's stream written through the command runner, each command at its
 * own time, and read back as the matcher reads it (upcast, folded, mapped).
 */
class Newcomer {
  readonly store = new InMemoryEventStore();

  async at(at: string, command: (at: string) => NewcomerCommand): Promise<this> {
    await new CommandRunner(this.store, codec, () => new Date(at)).run(newcomerAggregate, stream, (_, now) => [command(now)], context());
    return this;
  }

  register = (at = REGISTERED) => this.at(at, (now) => ({ type: 'RegisterNewcomer', data: { newcomerId: NEWCOMER_ID, at: now, profile: amalInput } }));
  reserve = (at: string) => this.at(at, (now) => ({ type: 'ReserveNewcomerForMatch', data: { newcomerId: NEWCOMER_ID, at: now, matchId: MATCH_ID, keyPersonId: KEY_PERSON_ID } }));
  release = (at: string, outcome: NewcomerMatchOutcome) => this.at(at, (now) => ({ type: 'ReleaseNewcomerMatch', data: { newcomerId: NEWCOMER_ID, at: now, matchId: MATCH_ID, outcome } }));
  request = (at: string) => this.at(at, (now) => ({ type: 'RequestNewcomerMatching', data: { newcomerId: NEWCOMER_ID, at: now } }));

  async waitingSince(): Promise<string | undefined> {
    const { state } = await new CommandRunner(this.store, codec).load(newcomerAggregate, stream);
    return toMatchingNewcomer(NEWCOMER_ID, state)?.waitingSince;
  }
}

const registered = () => new Newcomer().register();

describe('toMatchingNewcomer', () => {
  it('gives nothing for a newcomer never registered', async () => {
    expect(await new Newcomer().waitingSince()).toBeUndefined();
  });

  it('has a newcomer wait from registration', async () => {
    expect(await (await registered()).waitingSince()).toBe(REGISTERED);
  });

  it('has a newcomer asked for again after an ended match wait from that request, not from registration (SPEC §5)', async () => {
    const newcomer = await registered();
    await newcomer.reserve('2026-01-06T10:00:00.000Z');
    await newcomer.release(ENDED, 'ended');
    await newcomer.request(ASKED_AGAIN);
    expect(await newcomer.waitingSince()).toBe(ASKED_AGAIN);
  });

  it.each(['failed', 'cancelled', 'withdrawn'] as const)('keeps the wait from registration after a proposal %s before acceptance, asked for again or not', async (outcome) => {
    const newcomer = await registered();
    await newcomer.reserve('2026-01-06T10:00:00.000Z');
    await newcomer.release('2026-01-09T10:00:00.000Z', outcome);
    expect(await newcomer.waitingSince()).toBe(REGISTERED);
    await newcomer.request(ASKED_AGAIN);
    expect(await newcomer.waitingSince()).toBe(REGISTERED);
  });

  it('reads a request stored before waiting restarted (schema version 1) as the matcher read it then: from registration (invariant 7)', async () => {
    const newcomer = await registered();
    await newcomer.reserve('2026-01-06T10:00:00.000Z');
    await newcomer.release(ENDED, 'ended');
    const revision = (await newcomer.store.readStream(stream)).length - 1;
    await newcomer.store.append(stream, [{
      id: '0f1e2d3c-4b5a-4968-8776-655443322110', type: 'NewcomerMatchingRequested', schemaVersion: 1,
      data: { newcomerId: NEWCOMER_ID, requestedAt: ASKED_AGAIN },
      metadata: { actor: { id: 'test', role: 'intake' }, command: 'RequestNewcomerMatching', correlationId: 'c', causationId: 'c', occurredAt: ASKED_AGAIN, source: 'api' },
    }], revision);
    expect(await newcomer.waitingSince()).toBe(REGISTERED);
  });
});
