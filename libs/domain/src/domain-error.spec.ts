import { decideKeyPerson } from './key-person/key-person.decider';
import { yonasProfile } from './key-person/key-person.fixtures';
import { evolveKeyPerson, initialKeyPersonState } from './key-person/key-person.state';

/**
 * An event or command of a type this code does not know (a newer replica
 * appended it during a rolling upgrade, say) ends in an error that the API
 * logs with its 500 and BullMQ keeps as a failed job's reason: it names the
 * type, never the data (SPEC §7: no personal data in logs or error messages).
 */
describe('a case the code does not handle', () => {
  it('names the event type, without the profile it carries', () => {
    const unknown = { type: 'KeyPersonNicknameChanged', data: { keyPersonId: 'k-1', profile: yonasProfile } };
    const error = catching(() => evolveKeyPerson(initialKeyPersonState(), unknown as never));
    expect(error.message).toBe('Unhandled case: KeyPersonNicknameChanged');
  });

  it('names the command type, without the profile it carries', () => {
    const unknown = { type: 'RenameKeyPerson', data: { keyPersonId: 'k-1', profile: yonasProfile } };
    const error = catching(() => decideKeyPerson(unknown as never, initialKeyPersonState()));
    expect(error.message).toBe('Unhandled case: RenameKeyPerson');
  });
});

function catching(work: () => unknown): Error {
  try {
    work();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}
