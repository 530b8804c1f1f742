/**
 * The baseline: npm `munkres` 2.x on the slot-expanded matrix. Each key person
 * becomes `capacity` identical columns; max-weight becomes min-cost by
 * negation (cost = −score); a pair without an edge, or with a score ≤ 0,
 * costs 0, which is the same as leaving the newcomer unassigned. munkres
 * takes rectangular matrices as they are, so no padding is needed: it
 * assigns min(rows, columns) cells and a 0-cost cell means "unassigned".
 */
import { munkres } from 'munkres';
import { exactSum, type AssignmentInstance, type IndexedAssignmentInstance } from '@sleutel/matching';

export interface SlotMatrix {
  readonly rows: Float64Array[];
  /** The key person behind each column. */
  readonly slotOwner: Int32Array;
}

export function slotMatrix(instance: IndexedAssignmentInstance): SlotMatrix {
  const { newcomerCount, capacities, edgeNewcomer, edgeKeyPerson, edgeScore } = instance;
  const firstSlot = new Int32Array(capacities.length + 1);
  capacities.forEach((capacity, k) => {
    firstSlot[k + 1] = firstSlot[k] + capacity;
  });
  const slots = firstSlot[capacities.length];
  const slotOwner = new Int32Array(slots);
  for (let k = 0; k < capacities.length; k += 1) slotOwner.fill(k, firstSlot[k], firstSlot[k + 1]);
  const rows = Array.from({ length: newcomerCount }, () => new Float64Array(slots));
  for (let e = 0; e < edgeScore.length; e += 1) {
    if (!(edgeScore[e] > 0)) continue;
    const row = rows[edgeNewcomer[e]];
    const k = edgeKeyPerson[e];
    row.fill(-edgeScore[e], firstSlot[k], firstSlot[k + 1]);
  }
  return { rows, slotOwner };
}

export interface BaselineResult {
  readonly objective: number;
  readonly matched: number;
  /** Newcomers per key person, to check the capacities. */
  readonly load: Int32Array;
}

export function solveWithMunkres(matrix: SlotMatrix, keyPersonCount: number): BaselineResult {
  const pairs = munkres(matrix.rows);
  const scores: number[] = [];
  const load = new Int32Array(keyPersonCount);
  for (const [row, column] of pairs) {
    const score = -matrix.rows[row][column];
    if (score <= 0) continue;
    scores.push(score);
    load[matrix.slotOwner[column]] += 1;
  }
  return { objective: exactSum(scores), matched: scores.length, load };
}

/**
 * munkres from the same id-based instance `solveAssignment` takes, for the
 * end-to-end figure: ids to rows and columns, the slot matrix, munkres, and
 * the pairs back to ids. (No validation: munkres has none; ours validates.)
 */
export function solveIdsWithMunkres(instance: AssignmentInstance): BaselineResult {
  const row = new Map(instance.newcomers.map(({ id }, i) => [id, i]));
  const firstSlot = new Map<string, number>();
  const slotOwner: number[] = [];
  instance.keyPersons.forEach(({ id, capacity }, k) => {
    firstSlot.set(id, slotOwner.length);
    for (let s = 0; s < capacity; s += 1) slotOwner.push(k);
  });
  const capacityOf = new Map(instance.keyPersons.map(({ id, capacity }) => [id, capacity]));
  const rows = Array.from({ length: instance.newcomers.length }, () => new Float64Array(slotOwner.length));
  for (const { newcomer, keyPerson, score } of instance.edges) {
    if (!(score > 0)) continue;
    const from = firstSlot.get(keyPerson) ?? 0;
    rows[row.get(newcomer) ?? 0].fill(-score, from, from + (capacityOf.get(keyPerson) ?? 0));
  }
  const result = solveWithMunkres({ rows, slotOwner: Int32Array.from(slotOwner) }, instance.keyPersons.length);
  return result;
}
