/**
 * Runs benchmarks and prints their reports:
 *   npm run bench                                  every bench/*.bench.ts
 *   npm run bench -- bench/event-store.bench.ts    only the ones named
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
  for (const file of benchFiles(process.argv.slice(2))) {
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
