import { ReadSide } from '@sleutel/platform';
import { JobQueue } from '@sleutel/queue';
import { MatcherJobs } from './matcher.jobs';

type RetryJob = { readonly id: string; readonly data: MatcherJobs['retry-waiting'] };

const PAGE = 500;

/**
 * When capacity frees up, a key person arrives or comes back, or the policy
 * changes, every waiting newcomer deserves another look (SPEC §5: "retried
 * when capacity or new key persons appear"). The job ids derive from the cause
 * and the newcomer, so the same cause never asks twice.
 *
 * One page of the waiting list per job: the rest follows as a continuation
 * job behind that page's requests. A handler so holds at most one page of
 * jobs in memory and gives its worker slot back between pages, however long
 * the list (the in-process queue admits a running handler's jobs at once, so
 * one handler adding the whole list would have grown its line without bound).
 */
export class WaitingList {
  constructor(
    private readonly readSide: ReadSide,
    private readonly queue: JobQueue<MatcherJobs>,
    private readonly pageSize = PAGE,
  ) {}

  async retry(job: RetryJob): Promise<void> {
    await this.readSide.waitFor(job.data.causePosition);
    const { after = -1, ...cause } = job.data;
    const page = this.readSide.directory.waitingNewcomers(after, this.pageSize);
    if (page.length === 0) return;
    const last = page[page.length - 1].registeredPosition;
    // The same id for the same page of the same retry, on any redelivery.
    const rest = { name: 'retry-waiting' as const, id: `${job.id.replace(/-after-\d+$/, '')}-after-${last}`, data: { ...cause, after: last } };
    await this.queue.addBulk([
      ...page.map(({ id }) => ({ name: 'match-request' as const, id: `match-request-${cause.causeEventId}-${id}`, data: { ...cause, newcomerId: id } })),
      ...(page.length === this.pageSize ? [rest] : []),
    ]);
  }
}
