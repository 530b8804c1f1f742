/** Paused or retired key persons get no new proposals (SPEC §4 inv. 4). */
import { HardConstraint } from './hard-constraint';

export const notActive: HardConstraint = {
  reason: 'not-active',
  excludes: (pair) => pair.keyPerson.status !== 'active',
};
