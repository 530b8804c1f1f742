import { randomUUID } from 'node:crypto';
import { NewcomerCommand, newcomerStream } from '@sleutel/domain';
import { InMemoryEventStore } from '@sleutel/event-store';
import { CommandRunner, identityCodec } from '@sleutel/eventsourcing';
import { newcomerAggregate } from '@sleutel/platform';
import { answeredInLog } from './answered-request';
import { fittingNewcomerProfile, testContext as context } from './testing/fitting-people';

describe('answeredInLog: what a newcomer\'s stream says of their own request', () => {
  let runner: CommandRunner;
  let newcomerId: string;
  let cause: string;

  beforeEach(async () => {
    runner = new CommandRunner(new InMemoryEventStore(), identityCodec);
    newcomerId = randomUUID();
    await record((at) => [{ type: 'RegisterNewcomer', data: { newcomerId, at, profile: fittingNewcomerProfile } }]);
    cause = (await events()).at(-1)!.id;
  });

  async function record(commands: (at: string) => NewcomerCommand[]): Promise<void> {
    await runner.run(newcomerAggregate, newcomerStream(newcomerId), (_, at) => commands(at), context());
  }
  const events = async () => (await runner.load(newcomerAggregate, newcomerStream(newcomerId))).events;
  const reserveAndRelease = (outcome: 'cancelled' | 'failed') => record((at) => {
    const [matchId, keyPersonId] = [randomUUID(), randomUUID()];
    return [
      { type: 'ReserveNewcomerForMatch', data: { newcomerId, at, matchId, keyPersonId } },
      { type: 'ReleaseNewcomerMatch', data: { newcomerId, at, matchId, outcome } },
    ];
  });

  it('is unanswered with nothing after the cause, or a cause of another stream', async () => {
    expect(answeredInLog(await events(), cause)).toBe(false);
    await record((at) => [{ type: 'RecordNewcomerUnmatched', data: { newcomerId, at, policyVersion: 1, considered: 0, excluded: {} } }]);
    expect(answeredInLog(await events(), randomUUID())).toBe(false);
  });

  it('is answered by a deferral after the cause', async () => {
    await record((at) => [{ type: 'RecordNewcomerUnmatched', data: { newcomerId, at, policyVersion: 1, considered: 0, excluded: {} } }]);
    expect(answeredInLog(await events(), cause)).toBe(true);
  });

  it('is answered by a reservation that went on to a proposal (released as failed), not by one cancelled in a race for a place', async () => {
    await reserveAndRelease('cancelled');
    expect(answeredInLog(await events(), cause)).toBe(false);
    await reserveAndRelease('failed');
    expect(answeredInLog(await events(), cause)).toBe(true);
  });
});
