import { InProcessJobQueue } from './in-process/in-process-job-queue.adapter';
import { AnyJobSpec, JobHandlers } from './job-queue.port';

/** A catalog as the matcher would declare it: ids only. Interfaces work as well as type aliases. */
interface MatchRequest {
  readonly newcomerId: string;
  readonly causeEventId: string;
}
type MatcherJobs = {
  'match-request': MatchRequest;
  'expiry-sweep': Record<string, never>;
};

describe('JobQueue typing (checked by `npm run typecheck`)', () => {
  it('ties each job name to its data and hands handlers the right shape', async () => {
    const queue = new InProcessJobQueue<MatcherJobs>({ logger: { warn: () => undefined, error: () => undefined } });
    const seen: string[] = [];
    const handlers: JobHandlers<MatcherJobs> = {
      'match-request': async (job) => {
        seen.push(`${job.data.newcomerId}@${job.attempt}`);
      },
      'expiry-sweep': async () => undefined,
    };
    const job: AnyJobSpec<MatcherJobs> = { name: 'match-request', id: 'evt-1', data: { newcomerId: 'n-1', causeEventId: 'evt-1' } };
    // @ts-expect-error data of another job type
    const wrongData: AnyJobSpec<MatcherJobs> = { name: 'match-request', id: 'evt-2', data: {} };
    expect(wrongData.name).toBe('match-request');
    queue.process(handlers, { concurrency: 1 });
    await queue.add(job);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await queue.close();
    expect(seen).toEqual(['n-1@1']);
  });

  it('refuses a catalog whose data is not flat at compile time', () => {
    type Nested = { 'match-request': { newcomer: { name: string } } };
    // @ts-expect-error nested data: personal data would be one field away
    const build = (): InProcessJobQueue<Nested> => new InProcessJobQueue<Nested>();
    expect(typeof build).toBe('function');
  });
});
