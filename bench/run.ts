/**
 * Runs benchmarks and prints their reports:
 *   npm run bench                                  every bench/*.bench.ts
 *   npm run bench -- bench/event-store.bench.ts    only the ones named
 *   npm run bench -- bench/load.bench.ts --soak    flags (--…) are left for the benches to read
 * Exits non-zero when a figure misses its goal, so CI can notice.
 */
import { readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { BenchReport, formatReport, goalsMet } from './bench-report';

interface BenchModule {
  run(): Promise<BenchReport>;
}

function benchFiles(args: readonly string[]): string[] {
  if (args.length > 0) return args.map((arg) => resolve(arg));
  return readdirSync(__dirname)
    .filter((name) => name.endsWith('.bench.ts'))
    .sort()
    .map((name) => join(__dirname, name));
}

async function main(): Promise<void> {
  let allMet = true;
  const files = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
  for (const file of benchFiles(files)) {
    const bench = (await import(file)) as BenchModule;
    console.log(`\n== ${basename(file)} ==`);
    const report = await bench.run();
    console.log(formatReport(report));
    allMet = allMet && goalsMet(report);
  }
  if (!allMet) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
