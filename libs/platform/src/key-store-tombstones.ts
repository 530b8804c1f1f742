import { EventStore } from '@sleutel/event-store';
import { KeyStore, TombstoneCheck, tombstonesWithoutErasure } from '@sleutel/privacy';

/**
 * The key store's tombstones checked against the log (`tombstonesWithoutErasure`),
 * and the last answer, which `sleutel_key_store_tombstones_without_erasure`
 * reports. Every process checks at start-up, and an audit replay checks again.
 */
export class KeyStoreTombstones {
  private last: TombstoneCheck | null = null;

  constructor(private readonly store: EventStore, private readonly keys: KeyStore) {}

  /** The last check's answer; null before the first. */
  get latest(): TombstoneCheck | null {
    return this.last;
  }

  async check(): Promise<TombstoneCheck> {
    const found = await tombstonesWithoutErasure(this.store, this.keys);
    this.last = found;
    return found;
  }
}
