/** Key persons on the newcomer's do-not-match list are never proposed (SPEC §4 inv. 3). */
import { HardConstraint } from './hard-constraint';

export const doNotMatch: HardConstraint = {
  reason: 'do-not-match',
  excludes: (pair) => pair.facts.doNotMatch.has(pair.keyPerson.id),
};
