/**
 * Open proposals plus accepted matches may not exceed capacity (SPEC §4 inv. 1).
 * This is the matcher's early view; the reservation on the key person's stream,
 * guarded by expected revision, is what actually enforces it under races.
 */
import { HardConstraint } from './hard-constraint';

export const noCapacity: HardConstraint = {
  reason: 'no-capacity',
  excludes: (pair) => !(pair.keyPerson.load < pair.keyPerson.capacity),
};
