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
 */
export class WaitingList {
  constructor(
    private readonly readSide: ReadSide,
    private readonly queue: JobQueue<MatcherJobs>,
  ) {}

  async retry(job: RetryJob): Promise<void> {
    await this.readSide.waitFor(job.data.causePosition);
    for (let after = -1; ;) {
      const page = this.readSide.directory.waitingNewcomers(after, PAGE);
      if (page.length === 0) return;
      await this.queue.addBulk(
        page.map(({ id }) => ({
          name: 'match-request' as const,
          id: `match-request-${job.data.causeEventId}-${id}`,
          data: { ...job.data, newcomerId: id },
        })),
      );
      after = page[page.length - 1].registeredPosition;
    }
  }
}
