import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { isStoredRowReader, LogDigest, LogDigestFollower } from '@sleutel/audit';
import { EventStore } from '@sleutel/event-store';
import { APP_CONFIG, AppConfigType, EVENT_STORE } from '@sleutel/platform';

/**
 * Writes the log's digest (`position:digest`, as `GET /audit/verify` gives it
 * in `head.anchor`) to this process's JSON log: once it has folded the log it
 * found at start (in the background, when the log holds events), then every
 * `AUDIT_ANCHOR_INTERVAL_MS` when the log has grown, and once more when it
 * stops if the log grew since the last line, so a process that lives less than
 * an interval anchors what was appended while it ran. Shipped with the
 * logs to a store the operators of this system cannot rewrite, each line is
 * an anchor an auditor can pass back to verify later: a rewritten, reordered
 * or truncated log no longer matches it, even with every hash chain recomputed.
 */
@Injectable()
export class LogAnchors implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('log-anchor');
  /** Null for a store that does not hand out its stored bytes (as verify needs them too). */
  private readonly follower: LogDigestFollower | null;
  private timer: NodeJS.Timeout | null = null;
  private published: number | null = null;
  private folded = false;
  private stopping = false;

  constructor(@Inject(EVENT_STORE) store: EventStore, @Inject(APP_CONFIG) private readonly config: AppConfigType) {
    this.follower = isStoredRowReader(store) ? new LogDigestFollower(store) : null;
  }

  onApplicationBootstrap(): void {
    const every = this.config.ops.anchorIntervalMs;
    if (every === 0) return;
    if (this.follower === null) {
      this.logger.warn('No log anchors: the configured event store does not hand out its stored bytes.');
      return;
    }
    this.timer = setInterval(() => void this.publish(), every);
    this.timer.unref();
    // The first fold reads the whole log: in the background, so start-up does not wait for it.
    setImmediate(() => {
      if (!this.stopping) void this.publish();
    });
  }

  /**
   * Before the store closes: only what was appended since the last fold, so it
   * stays within the shutdown bound. A process stopped while its first fold of
   * a long log still runs writes no line at stop.
   */
  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    if (this.folded) await this.publish();
  }

  /** Folds what is new and logs the anchor if the log grew since the last one; the head either way (null: empty log or a failed read). */
  async publish(): Promise<LogDigest | null> {
    if (this.follower === null) return null;
    try {
      const head = await this.follower.catchUp();
      this.folded = true;
      if (head !== null && head.position !== this.published) {
        this.published = head.position;
        this.logger.log({ msg: 'log anchor', anchor: head.anchor, position: head.position });
      }
      return head;
    } catch (error) {
      // A fold still reading when the process stops finds the store closed under it: nothing to report.
      if (this.stopping) return null;
      this.logger.warn(`The log anchor could not be computed: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  }
}
