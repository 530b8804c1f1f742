/**
 * How many eligible key persons cannot reach a newcomer, without visiting
 * them: per municipality their radii in order (one binary search per
 * municipality), plus the remote-only ones, whom only newcomers who accept
 * remote contact can reach. Holds eligible key persons only (active, with
 * free capacity), since those are the ones `out-of-radius` counts.
 */
import { MUNICIPALITY_COUNT } from '../measures/municipality-distance';
import { KeyPersonTable } from './key-person-table';
import { RadiusOrderedSlots } from './radius-ordered-slots';

export class ReachCounter {
  private readonly nearby: RadiusOrderedSlots[] = Array.from({ length: MUNICIPALITY_COUNT + 1 }, () => new RadiusOrderedSlots());
  private remoteOnly = 0;

  add(table: KeyPersonTable, slot: number): void {
    if (table.remoteOnly[slot] === 1) this.remoteOnly += 1;
    else this.nearby[table.municipality[slot]].add(slot, table.radiusKm[slot]);
  }

  /** Must run while the table still holds the slot's old values. */
  delete(table: KeyPersonTable, slot: number): void {
    if (table.remoteOnly[slot] === 1) this.remoteOnly -= 1;
    else this.nearby[table.municipality[slot]].delete(slot, table.radiusKm[slot]);
  }

  /** Eligible key persons out of reach of a newcomer at distances `kmTo` (by municipality index, NaN when unknown). */
  outOfReach(kmTo: Float64Array, remoteOk: boolean): number {
    let count = remoteOk ? 0 : this.remoteOnly;
    for (let place = 0; place < this.nearby.length; place += 1) count += this.nearby[place].countBelow(kmTo[place]);
    return count;
  }
}
