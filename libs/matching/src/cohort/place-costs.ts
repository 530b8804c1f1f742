/**
 * Convex place costs in the solver's integer units (`score-scale.ts`), and
 * the capacity they leave usable. A place costing at least the best score is
 * never worth taking — giving it up loses one newcomer's weight and saves at
 * least as much — so the usable places are each key person's leading places
 * cheaper than that. This also keeps every scaled cost below 2⁵¹, inside the
 * bounds the search's exact arithmetic relies on.
 */
import type { PlaceCosts } from './indexed-instance';
import type { NewcomerRows } from './newcomer-rows';

export interface ScaledPlaceCosts {
  readonly costs: PlaceCosts;
  /** Per key person: min(capacity, listed places, places cheaper than the best score). */
  readonly usable: Int32Array;
}

export function scalePlaceCosts(placeCosts: PlaceCosts | null | undefined, rows: NewcomerRows): ScaledPlaceCosts | null {
  if (placeCosts === null || placeCosts === undefined) return null;
  const { start, cost } = placeCosts;
  if (start.length !== rows.keyPersonCount + 1) throw new RangeError(`place costs: start has ${start.length} entries, need key persons + 1 = ${rows.keyPersonCount + 1}`);
  let best = 0;
  for (let p = 0; p < rows.score.length; p += 1) if (rows.score[p] > best) best = rows.score[p];
  const ceiling = rows.scale.scaled(best);
  const usable = new Int32Array(rows.keyPersonCount);
  const scaled = new Float64Array(cost.length);
  for (let k = 0; k < rows.keyPersonCount; k += 1) {
    const listed = Math.min(rows.capacity[k], start[k + 1] - start[k]);
    let previous = 0;
    for (let j = 0; j < listed; j += 1) {
      const c = cost[start[k] + j];
      if (!(Number.isFinite(c) && c >= previous)) throw new RangeError(`place costs of key person ${k} must be finite, ≥ 0 and nondecreasing; place ${j} costs ${c}`);
      previous = c;
      const units = rows.scale.scaled(c);
      if (units >= ceiling) break;
      scaled[start[k] + j] = units;
      usable[k] = j + 1;
    }
  }
  return { costs: { start, cost: scaled }, usable };
}
