import { randomUUID } from 'node:crypto';
import { TombstoneCheck } from '@sleutel/privacy';
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
  /**
   * The key store's tombstones checked against the log once the projections
   * were compared (`tombstonesWithoutErasure`); null while running, or where
   * the replay was not given a key store.
   */
  readonly tombstones: TombstoneCheck | null;
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

/** The replays of other processes cannot be looked up just now (their board does not answer). */
export class ReplayBoardUnavailableError extends Error {
  readonly code = 'AUDIT.REPLAYS_UNAVAILABLE';
  constructor(cause: unknown) {
    super(`The shared replay board does not answer: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'ReplayBoardUnavailableError';
  }
}

/**
 * Where the API processes of one installation share their replays, so that
 * an auditor behind a load balancer can follow a replay from any of them and
 * only one runs at a time across all of them (`RedisReplayBoard`).
 */
export interface ReplayBoard {
  /** Takes the one running slot for `id` for `leaseMs`; answers null when taken, else the id holding it. */
  claim(id: string, leaseMs: number): Promise<string | null>;
  /** Stores the status for the other processes and, while it runs, extends the slot's lease. */
  publish(status: ReplayStatus, leaseMs: number): Promise<void>;
  /** Frees the slot if `id` still holds it. */
  release(id: string): Promise<void>;
  /** The status last published, and whether the slot is still held by it (false: its process stopped). */
  find(id: string): Promise<{ status: ReplayStatus; held: boolean } | null>;
  close(): Promise<void>;
}

export interface ReplayRegistryOptions {
  readonly clock?: () => Date;
  /** Replays kept in this process's memory, newest first (default 20). */
  readonly keep?: number;
  /** Shares replays with the other API processes; without one, each process has its own. */
  readonly board?: ReplayBoard;
  /** How often a running replay's status goes to the board (default 1 s); the slot's lease is five times that. */
  readonly publishEveryMs?: number;
  /** Told when the board does not answer; the replay goes on regardless (never personal data). */
  readonly onBoardError?: (error: unknown) => void;
}

/** What a replay found: the projections compared, and the key store's tombstones checked when it was given one. */
export interface ReplayReport extends ReplayResult {
  readonly tombstones?: TombstoneCheck;
}

type RunReplay = (onProgress: (progress: number) => void) => Promise<ReplayReport>;

/**
 * The replays this process has run, kept in memory (the newest `keep`): a
 * replay is a check whose result is its report, not a fact for the log. With
 * a board the reports are shared: any process answers for any replay, and a
 * replay whose process stopped before it finished reads as failed once its
 * lease runs out.
 */
export class ReplayRegistry {
  private readonly replays = new Map<string, ReplayStatus>();
  private running: { id: string; done: Promise<void> } | null = null;
  private readonly clock: () => Date;
  private readonly keep: number;
  private readonly board: ReplayBoard | null;
  private readonly publishEveryMs: number;
  private readonly onBoardError: (error: unknown) => void;

  constructor(private readonly run: RunReplay, options: ReplayRegistryOptions = {}) {
    this.clock = options.clock ?? (() => new Date());
    this.keep = options.keep ?? 20;
    this.board = options.board ?? null;
    this.publishEveryMs = options.publishEveryMs ?? 1_000;
    this.onBoardError = options.onBoardError ?? (() => undefined);
  }

  /** Whether replays are shared with other processes. */
  get shared(): boolean {
    return this.board !== null;
  }

  /**
   * Starts a replay, or throws `ReplayRunningError` naming the one running
   * (in this process, or on the board). When the board does not answer the
   * replay runs anyway, visible to this process only until the board is back.
   */
  async start(): Promise<ReplayStatus> {
    if (this.running !== null) throw new ReplayRunningError(this.running.id);
    const id = randomUUID();
    let finished!: () => void;
    // Held from here, so a second request to this process while the board answers is refused too.
    this.running = { id, done: new Promise<void>((resolve) => (finished = resolve)) };
    const holder = await this.claim(id);
    if (holder !== null) {
      this.running = null;
      finished();
      throw new ReplayRunningError(holder);
    }
    this.set({
      id, status: 'running', progress: 0, startedAt: this.clock().toISOString(), finishedAt: null, position: null, events: 0,
      eventsPerSecond: null, projections: [], tombstones: null, error: null,
    });
    await this.publish(id);
    const heartbeat = this.board === null ? null : setInterval(() => void this.publish(id), this.publishEveryMs);
    heartbeat?.unref();
    void this.run((progress) => this.update(id, { progress }))
      .then((result) => this.update(id, {
        status: 'done', progress: 1, finishedAt: this.clock().toISOString(), position: result.position, events: result.events,
        eventsPerSecond: result.seconds > 0 ? Math.round(result.events / result.seconds) : null, projections: result.projections,
        tombstones: result.tombstones ?? null,
      }))
      .catch((error: unknown) => this.update(id, {
        status: 'failed', finishedAt: this.clock().toISOString(), error: error instanceof Error ? error.message : String(error),
      }))
      .then(async () => {
        if (heartbeat !== null) clearInterval(heartbeat);
        await this.publish(id);
        await this.board?.release(id).catch(this.onBoardError);
      })
      .finally(() => {
        this.running = null;
        finished();
      });
    return this.replays.get(id)!;
  }

  /** This process's report if it ran the replay, else the board's; undefined when nobody knows it. */
  async get(id: string): Promise<ReplayStatus | undefined> {
    const local = this.replays.get(id);
    if (local !== undefined || this.board === null) return local;
    let found: Awaited<ReturnType<ReplayBoard['find']>>;
    try {
      found = await this.board.find(id);
    } catch (error) {
      throw new ReplayBoardUnavailableError(error);
    }
    if (found === null) return undefined;
    if (found.status.status !== 'running' || found.held) return found.status;
    return { ...found.status, status: 'failed', error: 'The API process running this replay stopped before it finished; start another.' };
  }

  /** This process's running replay, else the one it started last; null before any (for metrics). */
  latest(): ReplayStatus | null {
    if (this.running !== null) return this.replays.get(this.running.id) ?? null;
    return [...this.replays.values()].at(-1) ?? null;
  }

  /** Resolves once no replay is running here (for shutdown). */
  async idle(): Promise<void> {
    await this.running?.done;
  }

  /** Waits for the running replay, then lets go of the board. */
  async close(): Promise<void> {
    await this.idle();
    await this.board?.close();
  }

  private get leaseMs(): number {
    return this.publishEveryMs * 5;
  }

  private async claim(id: string): Promise<string | null> {
    if (this.board === null) return null;
    try {
      return await this.board.claim(id, this.leaseMs);
    } catch (error) {
      this.onBoardError(error);
      return null;
    }
  }

  private async publish(id: string): Promise<void> {
    const status = this.replays.get(id);
    if (this.board === null || status === undefined) return;
    await this.board.publish(status, this.leaseMs).catch(this.onBoardError);
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
