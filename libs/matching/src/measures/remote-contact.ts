/**
 * Who accepts remote contact. The newcomer says so in their preferences; a key
 * person's profile has no such flag yet, so only a remote-only key person is
 * taken to accept it. That is the conservative reading: it never lets a key
 * person who expects to meet in person be paired beyond their travel radius.
 * When profiles gain a "remote possible" flag, change it here AND in the
 * candidate index, which files remote-only key persons apart on this very
 * assumption (language-postings.ts, reach-counter.ts); a spec pins it.
 */
import type { MatchingKeyPerson } from '../matching-key-person';
import type { MatchingNewcomer } from '../matching-newcomer';

export function keyPersonAcceptsRemote(keyPerson: Pick<MatchingKeyPerson, 'remoteOnly'>): boolean {
  return keyPerson.remoteOnly;
}

export function bothAcceptRemote(newcomer: MatchingNewcomer, keyPerson: Pick<MatchingKeyPerson, 'remoteOnly'>): boolean {
  return newcomer.preferences.remoteOk && keyPersonAcceptsRemote(keyPerson);
}
