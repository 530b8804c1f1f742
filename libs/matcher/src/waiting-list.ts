import { EventStore } from '@sleutel/event-store';
import { ReadSide } from '@sleutel/platform';
import { JobQueue } from '@sleutel/queue';
import { causeOf, JobCause, MatcherJobs } from './matcher.jobs';

type RetryJob = { readonly id: string; readonly data: MatcherJobs['retry-waiting'] };

const PAGE = 500;

/** The queue's mark of the log position through which the waiting list was last looked at (`JobQueue.marks`). */
export const WAITING_LIST_COVERED_MARK = 'retry-waiting:covered';

/**
 * When capacity frees up, a key person arrives or comes back, or the policy
 * changes, every waiting newcomer deserves another look (SPEC §5: "retried
 * when capacity or new key persons appear").
 *
 * Each such cause has a job of its own (its id derived from the cause), and
 * the looks are shared: a look waits for the read models to reach the log's
 * head, reads the list, asks for each newcomer with that head as the cause's
 * position (the proposer waits for its pool to get there too), and marks as
 * covered the position the read models had reached (a look whose read models
 * lag behind its own cause fails and is tried again). A cause at or before a covered position then has nothing
 * left to ask for, so a burst of causes costs one look, whichever order they
 * are relayed in. (Until 2026-11-30 the causes of one second of their
 * writers' clocks shared one job id: a cause relayed after that second's job
 * had run, a late commit or a slow clock, was dropped with nothing to look at
 * the list again.) Looks that race each other only repeat work: the match
 * requests they add are idempotent, and a mark that goes back costs a look.
 *
 * Each request says it is a retry: one that finds nobody again records no
 * new deferral while the newcomer's deferral on record was decided under the
 * policy in force (`recordUnmatched`), so a look costs the log nothing for
 * those whose prospects did not change, however many are waiting.
 *
 * One page of the waiting list per job: the rest follows as a continuation
 * job behind that page's requests. A handler so holds at most one page of
 * jobs in memory and gives its worker slot back between pages, however long
 * the list (the in-process queue admits a running handler's jobs at once, so
 * one handler adding the whole list would have grown its line without bound).
 */
export class WaitingList {
  constructor(
    private readonly store: EventStore,
    private readonly readSide: ReadSide,
    private readonly queue: JobQueue<MatcherJobs>,
    private readonly pageSize = PAGE,
  ) {}

  async retry(job: RetryJob): Promise<void> {
    const { after } = job.data;
    const cause = causeOf(job.data);
    if (after !== undefined) {
      await this.readSide.waitFor(cause.causePosition);
      return this.page(job.id, cause, after);
    }
    const head = await this.store.headPosition();
    const covered = await this.covered(head);
    if (covered !== null && covered >= cause.causePosition) return;
    const through = Math.max(head ?? 0, cause.causePosition);
    await this.readSide.waitFor(through);
    // The read models may not get there in time (a worker still catching up on an empty disk): behind the cause
    // itself the job fails, and the queue tries it again; past it, what they held is what is covered, no more.
    // `reached` also knows a quiet end of a log filtered on the server, where their position stays before events
    // they do not project.
    const seen = this.readSide.position ?? -1;
    const held = seen >= through || (await this.readSide.reached(through, 0)) ? through : seen;
    if (held < cause.causePosition && !(await this.readSide.reached(cause.causePosition, 0))) {
      throw new Error(`The read models are at ${seen}, behind the cause at ${cause.causePosition}: the waiting list is read again later`);
    }
    await this.page(job.id, { ...cause, causePosition: through }, -1);
    await this.queue.marks.save(WAITING_LIST_COVERED_MARK, held);
  }

  /** The covered position, unless it lies past this log's head: then it was another log's (a replaced event store). */
  private async covered(head: number | null): Promise<number | null> {
    const covered = await this.queue.marks.load(WAITING_LIST_COVERED_MARK);
    if (covered === null) return null;
    if (covered <= (head ?? -1)) return covered;
    await this.queue.marks.clear(WAITING_LIST_COVERED_MARK);
    return null;
  }

  /** One page of the list as the read models have it now, and the job for the rest. */
  private async page(jobId: string, cause: JobCause, after: number): Promise<void> {
    const page = this.readSide.directory.waitingNewcomers(after, this.pageSize);
    if (page.length === 0) return;
    const last = page[page.length - 1].registeredPosition;
    // The same id for the same page of the same retry, on any redelivery.
    const rest = { name: 'retry-waiting' as const, id: `${jobId.replace(/-after-\d+$/, '')}-after-${last}`, data: { ...cause, after: last } };
    await this.queue.addBulk([
      ...page.map(({ id }) => ({ name: 'match-request' as const, id: `match-request-${cause.causeEventId}-${id}`, data: { ...cause, newcomerId: id, retry: true } })),
      ...(page.length === this.pageSize ? [rest] : []),
    ]);
  }
}
