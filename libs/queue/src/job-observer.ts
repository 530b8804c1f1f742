/**
 * What a queue tells whoever watches its runs in this process (metrics):
 * job names, attempts, times and outcomes, never a job's id or data.
 */
export interface JobRunStarted {
  readonly name: string;
  /** As the handler sees it: 1 on the first delivery. */
  readonly attempt: number;
  /**
   * Time in line: from when the job was due (added, or its delay over) until
   * this run started. Null when the driver cannot tell (BullMQ: retries and
   * redeliveries, whose due time it does not keep).
   */
  readonly waitedMs: number | null;
}

/**
 * How a run ended: `completed`; `failed` (the handler threw, the job may be
 * retried); `handed-back` (still running when a close ran out of time, so the
 * job went back in line for another run).
 */
export type JobRunOutcome = 'completed' | 'failed' | 'handed-back';

export interface JobRunEnded {
  readonly name: string;
  readonly attempt: number;
  readonly outcome: JobRunOutcome;
  readonly durationMs: number;
}

/** Both callbacks are optional and must be quick: they run on the worker's path. */
export interface JobObserver {
  runStarted?(run: JobRunStarted): void;
  runEnded?(run: JobRunEnded): void;
}

/**
 * The observers of one queue. Watching must never change what it watches,
 * so an observer that throws is ignored.
 */
export class JobObservers {
  private readonly observers = new Set<JobObserver>();

  add(observer: JobObserver): () => void {
    this.observers.add(observer);
    return () => {
      this.observers.delete(observer);
    };
  }

  started(run: JobRunStarted): void {
    for (const observer of this.observers) {
      try {
        observer.runStarted?.(run);
      } catch {
        // ignored: see the class comment
      }
    }
  }

  ended(run: JobRunEnded): void {
    for (const observer of this.observers) {
      try {
        observer.runEnded?.(run);
      } catch {
        // ignored: see the class comment
      }
    }
  }

  /** Reports a run's start now; returns what reports its end, once (a hand-back and the late end of its handler count once). */
  track(name: string, attempt: number, waitedMs: number | null): (outcome: JobRunOutcome) => void {
    // A monotonic clock: a run's duration stays true when the wall clock is set meanwhile.
    const startedAt = performance.now();
    this.started({ name, attempt, waitedMs });
    let reported = false;
    return (outcome) => {
      if (reported) return;
      reported = true;
      this.ended({ name, attempt, outcome, durationMs: performance.now() - startedAt });
    };
  }
}
