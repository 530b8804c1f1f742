import { randomUUID } from 'node:crypto';
import { ProjectionComparison, ReplayResult } from './projection-replay';

export interface ReplayStatus {
  readonly id: string;
  readonly status: 'running' | 'done' | 'failed';
  /** Share of the log replayed, 0..1. */
  readonly progress: number;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  /** Log position the projections were compared at, once done. */
  readonly position: number | null;
  readonly events: number;
  readonly eventsPerSecond: number | null;
  readonly projections: readonly ProjectionComparison[];
  /** Why it failed; never personal data (messages come from our own code). */
  readonly error: string | null;
}

/** A replay is running already: one at a time, as each one reads the whole log. */
export class ReplayRunningError extends Error {
  readonly code = 'AUDIT.REPLAY_RUNNING';
  constructor(readonly runningId: string) {
    super(`Replay ${runningId} is still running`);
    this.name = 'ReplayRunningError';
  }
}

type RunReplay = (onProgress: (progress: number) => void) => Promise<ReplayResult>;

/**
 * The replays this process has run, kept in memory (the newest `keep`): a
 * replay is a check whose result is its report, not a fact for the log.
 */
export class ReplayRegistry {
  private readonly replays = new Map<string, ReplayStatus>();
  private running: { id: string; done: Promise<void> } | null = null;

  constructor(
    private readonly run: RunReplay,
    private readonly clock: () => Date = () => new Date(),
    private readonly keep = 20,
  ) {}

  start(): ReplayStatus {
    if (this.running !== null) throw new ReplayRunningError(this.running.id);
    const id = randomUUID();
    this.set({
      id, status: 'running', progress: 0, startedAt: this.clock().toISOString(), finishedAt: null, position: null, events: 0,
      eventsPerSecond: null, projections: [], error: null,
    });
    const done = this.run((progress) => this.update(id, { progress }))
      .then((result) => this.update(id, {
        status: 'done', progress: 1, finishedAt: this.clock().toISOString(), position: result.position, events: result.events,
        eventsPerSecond: result.seconds > 0 ? Math.round(result.events / result.seconds) : null, projections: result.projections,
      }))
      .catch((error: unknown) => this.update(id, {
        status: 'failed', finishedAt: this.clock().toISOString(), error: error instanceof Error ? error.message : String(error),
      }))
      .finally(() => {
        this.running = null;
      });
    this.running = { id, done };
    return this.replays.get(id)!;
  }

  get(id: string): ReplayStatus | undefined {
    return this.replays.get(id);
  }

  /** The running replay, else the one started last; null before any (for metrics). */
  latest(): ReplayStatus | null {
    if (this.running !== null) return this.replays.get(this.running.id) ?? null;
    return [...this.replays.values()].at(-1) ?? null;
  }

  /** Resolves once no replay is running (for shutdown). */
  async idle(): Promise<void> {
    await this.running?.done;
  }

  private update(id: string, change: Partial<ReplayStatus>): void {
    const current = this.replays.get(id);
    if (current !== undefined) this.replays.set(id, { ...current, ...change });
  }

  private set(status: ReplayStatus): void {
    this.replays.set(status.id, status);
    for (const id of this.replays.keys()) {
      if (this.replays.size <= this.keep) break;
      if (this.replays.get(id)?.status !== 'running') this.replays.delete(id);
    }
  }
}
