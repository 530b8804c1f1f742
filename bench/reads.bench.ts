/**
 * Reads at scale (docs/benchmarks.md, "Reads at scale"): the latency of the
 * reads a review found slow on a large log, over HTTP against the real API
 * in this process, beside cheap reads of the same API as the baseline. The
 * log is built first (`reads/reads-log.ts`: seeded people through the command
 * runner, rounds of match requests answered by the in-process matcher and
 * rejected by a coordinator over HTTP, cohort runs), a few minutes at the
 * default size (10,000 newcomers, 1,000 key persons, 4 rounds of 2,000
 * requests, 2 runs).
 *
 *   npm run bench -- bench/reads.bench.ts
 *   READS_BENCH_NEWCOMERS=2000 READS_BENCH_KEY_PERSONS=200 READS_BENCH_REQUESTS_PER_ROUND=400 npm run bench -- bench/reads.bench.ts   (a quick run)
 *
 * Each figure is the median of several requests made one after another
 * (after one unmeasured), in milliseconds; lower is better, so the ratio
 * is how many cheap reads one of these costs. A `/metrics` scrape's cost
 * depends on the proposals made since the previous scrape, so the scrapes
 * right after the log is built (every proposal unscraped) are timed once
 * each until all are counted, and then a scrape with nothing new.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { BenchFigure, BenchReport, runIfMain } from './bench-report';
import { buildReadsLog, startReadsApp } from './reads/reads-log';
import { median, ok, SAMPLES } from './reads/timed-reads';

const SHAPE = {
  newcomers: Number(process.env.READS_BENCH_NEWCOMERS ?? 10_000),
  keyPersons: Number(process.env.READS_BENCH_KEY_PERSONS ?? 1_000),
  rounds: Number(process.env.READS_BENCH_ROUNDS ?? 4),
  requestsPerRound: Number(process.env.READS_BENCH_REQUESTS_PER_ROUND ?? 2_000),
  cohortRuns: Number(process.env.READS_BENCH_COHORT_RUNS ?? 2),
};

export async function run(): Promise<BenchReport> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sleutel-reads-bench-'));
  const loadBefore = loadavg()[0];
  const reads = await startReadsApp(dataDir);
  try {
    const built = await buildReadsLog(reads, SHAPE, (line) => console.log(`  ${line}`));
    const coordinator = reads.token('coordinator');
    const auditor = reads.token('auditor');
    const admin = reads.token('admin');

    // Timed once each: the first scrapes count every proposal made while building (a scrape reads a bounded number).
    const proposals = (await reads.store.readAll({ filter: { eventTypes: ['MatchProposed'] } }));
    const scrapes: { ms: number; counted: number }[] = [];
    for (let counted = 0; counted < proposals.length && scrapes.length < 10;) {
      const started = performance.now();
      const text = (await ok(reads.get('/metrics', admin))).body;
      const total = [...text.matchAll(/^sleutel_proposals_total\{origin="[^"]+"\} (\d+)$/gm)].reduce((sum, match) => sum + Number(match[1]), 0);
      scrapes.push({ ms: performance.now() - started, counted: total - counted });
      counted = total;
    }
    const [earliest, middle, latest] = [proposals[0], proposals[Math.floor(proposals.length / 2)], proposals[proposals.length - 1]];
    const matchId = (event: (typeof proposals)[number]) => (event.data as { matchId: string }).matchId;
    const runs = JSON.parse((await ok(reads.get('/api/v1/cohort-runs', coordinator))).body) as { items: { id: string }[] };

    const baseline = await median(() => ok(reads.get(`/api/v1/matches/${matchId(latest)}`, coordinator)));
    const figure = async (name: string, read: () => Promise<unknown>): Promise<BenchFigure> => ({ name, unit: 'ms', ours: await median(read), baseline });
    const figures: BenchFigure[] = [
      await figure('GET /health/ready', () => ok(reads.get('/health/ready', admin))),
      await figure('GET /newcomers?limit=20', () => ok(reads.get('/api/v1/newcomers?limit=20', coordinator))),
      await figure(`GET /cohort-runs (${runs.items.length} runs)`, () => ok(reads.get('/api/v1/cohort-runs', coordinator))),
      await figure('GET /cohort-runs/{id} (the latest run\'s report)', () => ok(reads.get(`/api/v1/cohort-runs/${runs.items[0].id}`, coordinator))),
      await figure('explanation with reproduction, earliest proposal', () => ok(reads.get(`/api/v1/audit/matches/${matchId(earliest)}/explanation`, auditor))),
      await figure('explanation with reproduction, middle proposal', () => ok(reads.get(`/api/v1/audit/matches/${matchId(middle)}/explanation`, auditor))),
      await figure('explanation with reproduction, latest proposal', () => ok(reads.get(`/api/v1/audit/matches/${matchId(latest)}/explanation`, auditor))),
      ...scrapes.map(({ ms, counted }, index) => ({
        name: `GET /metrics, ${index === 0 ? 'first' : `then #${index + 1}`} of ${proposals.length.toLocaleString('en-US')} proposals unscraped: counts ${counted.toLocaleString('en-US')} (once)`,
        unit: 'ms', ours: ms, baseline,
      })),
      await figure('GET /metrics, nothing new', () => ok(reads.get('/metrics', admin))),
    ];
    const loadAfter = loadavg()[0];
    const keyPersonEvents = (await reads.store.readAll({ filter: { streamPrefixes: ['key-person-'] } })).length;
    const pages = await reads.store.readAll({ filter: { eventTypes: ['CohortRunSolutionPaged'] } });
    const pageBytes = pages.reduce((sum, event) => sum + JSON.stringify(event.data).length, 0);
    return {
      title: `Reads at scale: ${built.events.toLocaleString('en-US')} events, ${SHAPE.newcomers.toLocaleString('en-US')} newcomers, ${SHAPE.keyPersons.toLocaleString('en-US')} key persons, ${built.matches.toLocaleString('en-US')} proposals, ${SHAPE.cohortRuns} cohort runs`,
      baseline: `GET /matches/{id} of the same API, median of ${SAMPLES} (lower is better: the ratio is how many of those one read costs)`,
      figures,
      notes: [
        `medians of ${SAMPLES} requests one after another, after one unmeasured; HTTP on 127.0.0.1 to the API in this process`,
        `log ${Math.round(statSync(join(dataDir, 'events.sqlite')).size / 1024 / 1024)} MB, ${keyPersonEvents.toLocaleString('en-US')} of its events in key persons' streams; the runs' solution pages ${(pageBytes / 1024 / 1024).toFixed(1)} MB in ${pages.length} events`,
        `built in ${built.seconds.toFixed(0)} s: ${built.steps.join('; ')}`,
        `load average ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after`,
      ],
    };
  } finally {
    await reads.app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

runIfMain(module, run);

