import { CohortRunState, cohortRunStream } from '@sleutel/domain';
import { CommandRunner } from '@sleutel/eventsourcing';
import { cohortRunAggregate } from '@sleutel/platform';

/** What tells opened rows stale: the key cache's generation, and how long it keeps a key before asking again. */
export interface OpenedRowsFreshness {
  readonly generation: number;
  readonly ttlMs: number;
}

interface Entry {
  readonly loaded: { readonly state: CohortRunState; readonly revision: number };
  readonly generation: number;
  readonly openedAt: number;
}

/** Runs kept opened; each holds a row per newcomer (tens of megabytes for ten thousand). */
const MAX_RUNS = 4;

/**
 * Runs folded from their whole streams, newcomers' rows opened, kept for the
 * reads of their reports: opening every row under its newcomer's own key took
 * most of a second for a run of ten thousand newcomers, on every read (the
 * web console reads a running run every second). A run read again is brought
 * up to its stream's end (progress, completion; the pages never change once
 * sealed) rather than read and opened anew, unless a key was destroyed or an
 * erasure seen since its rows were opened (`generation`: an erased
 * newcomer's row must read as erased), or they were opened longer ago than
 * the key cache keeps a key (an erasure in another process that this one has
 * not seen yet reads as it would through the key cache).
 */
export class OpenedRuns {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly runner: CommandRunner,
    private readonly freshness: OpenedRowsFreshness,
    private readonly now: () => number = Date.now,
  ) {}

  async state(id: string): Promise<CohortRunState> {
    const generation = this.freshness.generation;
    const kept = this.entries.get(id);
    const fresh = kept !== undefined && kept.generation === generation && this.now() - kept.openedAt < this.freshness.ttlMs;
    const openedAt = fresh ? kept.openedAt : this.now();
    const loaded = fresh
      ? await this.runner.catchUp(cohortRunAggregate, cohortRunStream(id), kept.loaded)
      : await this.runner.load(cohortRunAggregate, cohortRunStream(id));
    this.entries.delete(id);
    // Opened across a destroy or an erasure seen meanwhile: answered, as any read then is, but not kept.
    if (this.freshness.generation === generation) {
      this.entries.set(id, { loaded: { state: loaded.state, revision: loaded.revision }, generation, openedAt });
      for (const oldest of this.entries.keys()) {
        if (this.entries.size <= MAX_RUNS) break;
        this.entries.delete(oldest);
      }
    }
    return loaded.state;
  }
}
