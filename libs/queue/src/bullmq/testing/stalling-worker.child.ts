/**
 * A matcher-like worker in a process of its own, for the SIGKILL test. It
 * takes jobs from the queue named on the command line, prints
 * `started <id> <attempt>` for each and never finishes one: the parent kills
 * it with SIGKILL while it holds the job.
 *
 *   node -r ts-node/register/transpile-only stalling-worker.child.ts <redisUrl> <queueName>
 */
import { TestJobs } from '../../contract/contract-queue';
import { BullMqJobQueue } from '../bullmq-job-queue.adapter';
import { FAST_STALLS } from './test-queue';

async function main(): Promise<void> {
  const [redisUrl, queueName] = process.argv.slice(2);
  const queue = await BullMqJobQueue.connect<TestJobs>({ redisUrl, queueName, ...FAST_STALLS });
  const holdForever = (job: { id: string; attempt: number }): Promise<void> => {
    process.stdout.write(`started ${job.id} ${job.attempt}\n`);
    return new Promise<void>(() => undefined);
  };
  queue.process({ ping: holdForever, sweep: holdForever }, { concurrency: 1 });
  process.stdout.write('ready\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
