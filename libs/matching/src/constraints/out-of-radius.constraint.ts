/**
 * A key person never has to travel beyond their radius (SPEC §4 inv. 5),
 * measured between municipality centroids, unless both accept remote contact.
 * A remote-only key person therefore needs a newcomer who accepts remote
 * contact. An unknown centroid counts as out of reach; a missing radius of an
 * in-person key person as 0 km (own municipality only).
 */
import { HardConstraint } from './hard-constraint';

export const outOfRadius: HardConstraint = {
  reason: 'out-of-radius',
  excludes: (pair) => {
    if (pair.bothAcceptRemote) return false;
    if (pair.keyPerson.remoteOnly) return true;
    const km = pair.distanceKm;
    return km === null || km > (pair.keyPerson.travelRadiusKm ?? 0);
  },
};
