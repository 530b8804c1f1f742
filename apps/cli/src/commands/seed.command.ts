import { Command } from 'commander';
import { MAX_CONCURRENCY, MAX_SUBJECTS, parseConcurrency, parseCount, parseSeed } from './seed-arguments';
import { seedProgress } from './seed-progress';
import { runSeed, SeedSummary } from './seed-run';

/**
 * `seed --newcomers N --key-persons M --seed S` (SPEC §9): register a
 * realistic synthetic population in the configured event store. The same seed
 * gives the same people; running it again appends nothing.
 */
export function seedCommand(): Command {
  return new Command('seed')
    .description('register a reproducible synthetic population of newcomers and key persons')
    .requiredOption('--newcomers <n>', `how many newcomers, 0 to ${MAX_SUBJECTS.toLocaleString('en')}`, parseCount)
    .requiredOption('--key-persons <n>', `how many key persons, 0 to ${MAX_SUBJECTS.toLocaleString('en')}`, parseCount)
    .option('--seed <seed>', 'names the population: the same seed gives the same people', parseSeed, '1')
    .option('--concurrency <n>', `registrations in flight, 1 to ${MAX_CONCURRENCY}`, parseConcurrency, 16)
    .action(async (options: { newcomers: number; keyPersons: number; seed: string; concurrency: number }) => {
      const progress = seedProgress(options.newcomers + options.keyPersons);
      const summary = await runSeed(options, progress);
      process.stdout.write(`${summaryLine(options.seed, summary)}\n`);
    });
}

export function summaryLine(seed: string, { registered, alreadyPresent, events, seconds }: SeedSummary): string {
  const rate = seconds > 0 ? Math.round(events / seconds) : 0;
  return `seed ${seed}: ${registered} registered, ${alreadyPresent} already present, ${events} events in ${seconds.toFixed(1)} s (${rate} events/s)`;
}
