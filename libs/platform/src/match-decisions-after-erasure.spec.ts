import { ACCEPTANCE_RULES, MatchCommand, matchStream } from '@sleutel/domain';
import { InMemoryEventStore } from '@sleutel/event-store';
import { CommandContext, CommandRunner } from '@sleutel/eventsourcing';
import { InMemoryKeyStore, MasterKey } from '@sleutel/privacy';
import { commands, COORDINATOR, MATCH_ID, NEWCOMER_ID } from '../../domain/src/match/match.fixtures';
import { matchAggregate } from './aggregates';
import { platformEventCodec } from './platform.module';

const context = (commandId: string): CommandContext => ({ actor: { id: COORDINATOR, role: 'coordinator' }, source: 'api', correlationId: 'c', causationId: 'r', commandId });

/**
 * Who approved or rejected a match is a coordinator's id and the human decision an audit must keep (SPEC §8):
 * it stays readable after the newcomer's erasure, while the rejection's written reason goes with the newcomer.
 */
/** The match of the fixtures written through the platform's codec, as the API writes it. */
function platformMatch() {
  const store = new InMemoryEventStore();
  const keys = new InMemoryKeyStore(MasterKey.generate());
  const runner = new CommandRunner(store, platformEventCodec(keys));
  const run = (command: MatchCommand, id: string) => runner.run(matchAggregate, matchStream(MATCH_ID), () => [command], context(id));
  return { store, keys, runner, run };
}

describe('a match’s decisions after the newcomer is erased', () => {
  it('keeps the approving and the rejecting coordinator, in the stored event and in the match’s state', async () => {
    const { store, keys, runner, run } = platformMatch();
    await run(commands.propose, 'propose');
    await run(commands.approve, 'approve');
    await run(commands.reject, 'reject');

    const stored = await store.readStream(matchStream(MATCH_ID));
    expect(stored.find((event) => event.type === 'MatchApproved')!.data).toMatchObject({ approvedBy: COORDINATOR });
    expect(stored.find((event) => event.type === 'MatchRejected')!.data).toMatchObject({ rejectedBy: COORDINATOR });
    expect(stored.find((event) => event.type === 'MatchRejected')!.data).not.toHaveProperty('reason');

    await keys.destroy({ type: 'newcomer', id: NEWCOMER_ID });
    const { state } = await runner.load(matchAggregate, matchStream(MATCH_ID));
    expect(state).toMatchObject({ approvedBy: COORDINATOR, closing: { status: 'rejected', by: COORDINATOR } });
    expect((state as { closing: { reason?: unknown } }).closing.reason).not.toBe(commands.reject.data.reason);
  });

  it('keeps an acceptance whole in clear, the rules it was given under too: nothing in it is about a person', async () => {
    const { store, keys, runner, run } = platformMatch();
    await run(commands.propose, 'propose');
    await run(commands.approve, 'approve');
    await run(commands.acceptByNewcomer, 'accept-newcomer');
    await run(commands.acceptByKeyPerson, 'accept-key-person');

    const accepted = (await store.readStream(matchStream(MATCH_ID))).find((event) => event.type === 'MatchAccepted')!;
    expect(accepted.data).toMatchObject({ acceptanceRules: ACCEPTANCE_RULES });
    expect(accepted.data).not.toHaveProperty('personal');
    await keys.destroy({ type: 'newcomer', id: NEWCOMER_ID });
    const { events } = await runner.load(matchAggregate, matchStream(MATCH_ID));
    expect(events.find((event) => event.type === 'MatchAccepted')!.data).toMatchObject({ acceptanceRules: ACCEPTANCE_RULES });
  });
});
