/** A pair that was rejected, declined or expired is never proposed again (SPEC §4 inv. 3). */
import { HardConstraint } from './hard-constraint';

export const previouslyFailed: HardConstraint = {
  reason: 'previously-failed',
  excludes: (pair) => pair.facts.previouslyFailed.has(pair.keyPerson.id),
};
