/**
 * The edges the solver actually searches: each newcomer's few best, plus the
 * edges a dual check added later (`dual-certificate.ts`). On dense instances
 * the optimum almost only uses edges near the top of each newcomer's list, so
 * solving this small graph and then proving the answer on every edge is far
 * cheaper than searching all of them.
 */
import { KeyPersonShortlists } from './key-person-shortlists';
import { BestPositions, NewcomerRows, weightOf } from './newcomer-rows';

export interface CandidateGraph {
  /** Row i is candidate positions start[i] .. start[i + 1] - 1. */
  readonly start: Int32Array;
  /** The candidate's position in `NewcomerRows`. */
  readonly rowPosition: Int32Array;
  /** Copies of the row's key person and weight: the search reads them in its inner loop. */
  readonly keyPerson: Int32Array;
  readonly weight: Float64Array;
}

/** The graph of each newcomer's best edges (`scanRows`), without those that score nothing at the solver's resolution. */
export function candidateGraph(rows: NewcomerRows, best: BestPositions): CandidateGraph {
  const start = new Int32Array(rows.newcomerCount + 1);
  const rowPosition = new Int32Array(best.position.length);
  let out = 0;
  for (let i = 0; i < rows.newcomerCount; i += 1) {
    for (let b = best.start[i]; b < best.start[i + 1]; b += 1) {
      if (weightOf(rows, best.position[b]) > 0) rowPosition[out++] = best.position[b];
    }
    start[i + 1] = out;
  }
  return withCopies(rows, start, rowPosition.subarray(0, out));
}

/**
 * Every usable edge, each row in key-person order (a counting sort, so the
 * order the edges came in does not matter): the last resort when the best few
 * per newcomer do not contain the optimum, e.g. when everyone ranks the same
 * key persons first.
 */
export function allEdges(rows: NewcomerRows): CandidateGraph {
  const { newcomerCount, keyPersonCount, rowStart, keyPerson } = rows;
  const usable = new Uint8Array(rowStart[newcomerCount]);
  const perKeyPerson = new Int32Array(keyPersonCount + 1);
  for (let p = 0; p < usable.length; p += 1) {
    if (weightOf(rows, p) <= 0) continue;
    usable[p] = 1;
    perKeyPerson[keyPerson[p] + 1] += 1;
  }
  for (let k = 0; k < keyPersonCount; k += 1) perKeyPerson[k + 1] += perKeyPerson[k];
  const byKeyPerson = new Int32Array(perKeyPerson[keyPersonCount]);
  const newcomerOf = new Int32Array(byKeyPerson.length);
  for (let i = 0; i < newcomerCount; i += 1) {
    for (let p = rowStart[i]; p < rowStart[i + 1]; p += 1) {
      if (usable[p] === 0) continue;
      const at = perKeyPerson[keyPerson[p]]++;
      byKeyPerson[at] = p;
      newcomerOf[at] = i;
    }
  }
  const start = new Int32Array(newcomerCount + 1);
  for (const i of newcomerOf) start[i + 1] += 1;
  for (let i = 0; i < newcomerCount; i += 1) start[i + 1] += start[i];
  const next = start.slice(0, newcomerCount);
  const rowPosition = new Int32Array(byKeyPerson.length);
  for (let at = 0; at < byKeyPerson.length; at += 1) rowPosition[next[newcomerOf[at]]++] = byKeyPerson[at];
  return withCopies(rows, start, rowPosition);
}

/** The graph plus `added` (row positions grouped by newcomer, none already in the graph). */
export function withAddedEdges(rows: NewcomerRows, graph: CandidateGraph, added: AddedEdges): CandidateGraph {
  const { newcomerCount } = rows;
  const start = new Int32Array(newcomerCount + 1);
  for (let i = 0; i < newcomerCount; i += 1) {
    start[i + 1] = start[i] + (graph.start[i + 1] - graph.start[i]) + (added.start[i + 1] - added.start[i]);
  }
  const rowPosition = new Int32Array(start[newcomerCount]);
  for (let i = 0; i < newcomerCount; i += 1) {
    let out = start[i];
    for (let c = graph.start[i]; c < graph.start[i + 1]; c += 1) rowPosition[out++] = graph.rowPosition[c];
    for (let a = added.start[i]; a < added.start[i + 1]; a += 1) rowPosition[out++] = added.rowPosition[a];
  }
  return withCopies(rows, start, rowPosition);
}

/**
 * `added` plus each key person's best `limit` usable edges that neither the
 * graph nor `added` holds, grouped by newcomer: what a crowded round adds.
 * When most newcomers' best few are the same few key persons (everyone ranks
 * them alike), the edges the optimum needs are the other key persons' best
 * newcomers, which no newcomer's shortlist holds.
 */
export function withKeyPersonsBest(rows: NewcomerRows, graph: CandidateGraph, added: AddedEdges, limit: number): AddedEdges {
  const { newcomerCount, rowStart, score } = rows;
  const newcomerOf = new Int32Array(score.length);
  for (let i = 0; i < newcomerCount; i += 1) newcomerOf.fill(i, rowStart[i], rowStart[i + 1]);
  const shortlists = new KeyPersonShortlists(rows.capacity, newcomerCount, limit, newcomerOf, score);
  shortlists.collect(rows.keyPerson);
  const { edges: best } = shortlists.edges(-1);
  const held = new Uint8Array(score.length);
  for (let c = 0; c < graph.rowPosition.length; c += 1) held[graph.rowPosition[c]] = 1;
  for (let a = 0; a < added.rowPosition.length; a += 1) held[added.rowPosition[a]] = 1;
  const start = new Int32Array(newcomerCount + 1);
  for (let i = 0; i < newcomerCount; i += 1) start[i + 1] = added.start[i + 1] - added.start[i];
  const fresh: number[] = [];
  for (let b = 0; b < best.length; b += 1) {
    const p = best[b];
    if (held[p] === 1 || weightOf(rows, p) <= 0) continue;
    held[p] = 1;
    fresh.push(p);
    start[newcomerOf[p] + 1] += 1;
  }
  for (let i = 0; i < newcomerCount; i += 1) start[i + 1] += start[i];
  const next = start.slice(0, newcomerCount);
  const rowPosition = new Int32Array(start[newcomerCount]);
  for (let i = 0; i < newcomerCount; i += 1) {
    for (let a = added.start[i]; a < added.start[i + 1]; a += 1) rowPosition[next[i]++] = added.rowPosition[a];
  }
  for (const p of fresh) rowPosition[next[newcomerOf[p]]++] = p;
  return { start, rowPosition };
}

export interface AddedEdges {
  readonly start: Int32Array;
  readonly rowPosition: Int32Array;
}

function withCopies(rows: NewcomerRows, start: Int32Array, rowPosition: Int32Array): CandidateGraph {
  const keyPerson = new Int32Array(rowPosition.length);
  const weight = new Float64Array(rowPosition.length);
  for (let c = 0; c < rowPosition.length; c += 1) {
    keyPerson[c] = rows.keyPerson[rowPosition[c]];
    weight[c] = weightOf(rows, rowPosition[c]);
  }
  return { start, rowPosition, keyPerson, weight };
}
