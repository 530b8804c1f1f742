/**
 * A newcomer who chose same origin `no` is never proposed a key person from
 * their own country: some fear their own community's reach (SPEC §3).
 */
import { HardConstraint } from './hard-constraint';

export const sameOriginDeclined: HardConstraint = {
  reason: 'same-origin-declined',
  excludes: ({ newcomer, keyPerson }) => newcomer.preferences.sameOrigin === 'no' && keyPerson.origin.country === newcomer.origin.country,
};
