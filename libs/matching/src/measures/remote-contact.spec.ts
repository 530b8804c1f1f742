import { aKeyPerson, aNewcomer } from '../testing/matching.fixtures';
import { bothAcceptRemote, keyPersonAcceptsRemote } from './remote-contact';

describe('remote contact', () => {
  it('is accepted by remote-only key persons only: the candidate index files them apart on this', () => {
    expect(keyPersonAcceptsRemote(aKeyPerson({ remoteOnly: true }))).toBe(true);
    expect(keyPersonAcceptsRemote(aKeyPerson({ remoteOnly: false }))).toBe(false);
  });

  it('needs both sides', () => {
    const remoteOk = aNewcomer({ preferences: { ...aNewcomer().preferences, remoteOk: true } });
    expect(bothAcceptRemote(remoteOk, aKeyPerson({ remoteOnly: true }))).toBe(true);
    expect(bothAcceptRemote(aNewcomer(), aKeyPerson({ remoteOnly: true }))).toBe(false);
    expect(bothAcceptRemote(remoteOk, aKeyPerson())).toBe(false);
  });
});
