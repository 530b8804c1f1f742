import { v5 as uuidv5 } from 'uuid';

/** Our own UUIDv5 namespace, so derived ids never collide with other systems'. */
export const SLEUTEL_NAMESPACE = '1b7a6f1e-3c0e-5d2b-9a51-5f1f6d2c8e40';

/**
 * A deterministic id from a stable name: the same cause always gives the same
 * id, which is what makes a repeated command, job or seed append nothing new.
 */
export function derivedId(name: string): string {
  return uuidv5(name, SLEUTEL_NAMESPACE);
}
