/**
 * A cohort run at scale (docs/benchmarks.md, "A cohort run at scale"): how
 * long a run takes to propose its pairs, and to read its report, on a log of
 * realistic size, over HTTP against the real API in this process, beside a
 * cheap read of the same API as the baseline. The log is the reads bench's
 * (`reads/reads-log.ts`: seeded people, rounds of match requests answered by
 * the in-process matcher and rejected, the last round's proposals left open),
 * then every key person but the first `COHORT_BENCH_ACTIVE_KEY_PERSONS`
 * paused, so that one cohort run over everyone still waiting proposes a few
 * hundred pairs and leaves the rest out (each with a row in its report).
 *
 *   npm run bench -- bench/cohort-run-at-scale.bench.ts
 *   READS_BENCH_NEWCOMERS=2000 READS_BENCH_KEY_PERSONS=200 READS_BENCH_REQUESTS_PER_ROUND=400 COHORT_BENCH_ACTIVE_KEY_PERSONS=100 npm run bench -- bench/cohort-run-at-scale.bench.ts   (a quick run)
 *
 * The proposing phase is timed from the run's own events: from its progress
 * event opening the stage to its completion, divided by the pairs proposed.
 * The run is read over HTTP every second while it runs, as the web console's
 * run page does. The report is the median of several requests one after
 * another (after one unmeasured), in milliseconds; then a newcomer the run
 * left out is erased, and the next read, which opens every newcomer's row
 * again, is timed once.
 *
 * The collecting stage is timed between the run's own progress events too
 * (it includes scoring each newcomer against the pool); after the run, the
 * waiting newcomers are read again as the stage reads them, a page of
 * streams at a time, beside the same read one stream at a time, as it was
 * before (`cohort/waiting-newcomers-read.ts`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { cohortRunStream } from '@sleutel/domain';
import { generateKeyPerson } from '@sleutel/seed';
import { BenchFigure, BenchReport, runIfMain } from './bench-report';
import { timeWaitingNewcomersRead } from './cohort/waiting-newcomers-read';
import { inParallel } from './matcher/people';
import { buildReadsLog, quiet, READS_SEED, startReadsApp } from './reads/reads-log';
import { median, ok, SAMPLES, timed } from './reads/timed-reads';

const SHAPE = {
  newcomers: Number(process.env.READS_BENCH_NEWCOMERS ?? 10_000),
  keyPersons: Number(process.env.READS_BENCH_KEY_PERSONS ?? 1_000),
  rounds: Number(process.env.READS_BENCH_ROUNDS ?? 3),
  requestsPerRound: Number(process.env.READS_BENCH_REQUESTS_PER_ROUND ?? 2_000),
  cohortRuns: 0,
};
const ACTIVE_KEY_PERSONS = Number(process.env.COHORT_BENCH_ACTIVE_KEY_PERSONS ?? 400);
/** How often the run is read while it runs: as often as the web console's run page does (`CohortRunPage.tsx`). */
const POLL_MS = 1000;

interface RunView {
  readonly status: string;
  readonly summary: { readonly newcomers: number; readonly assigned: number; readonly proposed?: number } | null;
  readonly unplaced: readonly unknown[] | null;
}

export async function run(): Promise<BenchReport> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sleutel-cohort-run-bench-'));
  const loadBefore = loadavg()[0];
  const reads = await startReadsApp(dataDir);
  try {
    const built = await buildReadsLog(reads, SHAPE, (line) => console.log(`  ${line}`));
    const coordinator = reads.token('coordinator');
    const paused = SHAPE.keyPersons - ACTIVE_KEY_PERSONS;
    const pausing = performance.now();
    await inParallel(Array.from({ length: paused }, (_, index) => ACTIVE_KEY_PERSONS + index), 16, async (index) => {
      await ok(reads.post(`/api/v1/key-persons/${generateKeyPerson(READS_SEED, index).id}/pause`, coordinator, {}));
    });
    await quiet(reads.store);
    console.log(`  ${paused} key persons paused: ${((performance.now() - pausing) / 1000).toFixed(1)} s`);

    const loadAtRun = loadavg()[0];
    const started = performance.now();
    const { id } = JSON.parse((await ok(reads.post('/api/v1/cohort-runs', coordinator, {}), 202)).body) as { id: string };
    let view: RunView;
    for (;;) {
      view = JSON.parse((await ok(reads.get(`/api/v1/cohort-runs/${id}`, coordinator))).body) as RunView;
      if (view.status !== 'running') break;
      await sleep(POLL_MS);
    }
    const runSeconds = (performance.now() - started) / 1000;
    if (view.status !== 'done') throw new Error(`The run ended ${view.status}`);
    const events = await reads.store.readStream(cohortRunStream(id));
    const proposingFrom = events.find((event) => event.type === 'CohortRunProgressed' && (event.data as { stage: string }).stage === 'proposing');
    const completed = events.find((event) => event.type === 'CohortRunCompleted');
    if (proposingFrom === undefined || completed === undefined) throw new Error('The run recorded no proposing stage');
    const proposingSeconds = (Date.parse(completed.metadata.occurredAt) - Date.parse(proposingFrom.metadata.occurredAt)) / 1000;
    const stageAt = (stage: string, progress: number): number => {
      const event = events.find((e) => e.type === 'CohortRunProgressed' && (e.data as { stage: string; progress: number }).stage === stage && (e.data as { progress: number }).progress === progress);
      if (event === undefined) throw new Error(`The run recorded no ${stage} progress of ${progress}`);
      return Date.parse(event.metadata.occurredAt);
    };
    const collectingSeconds = (stageAt('collecting', 1) - stageAt('collecting', 0)) / 1000;
    const proposed = (completed.data as { summary: { proposed: number } }).summary.proposed;
    if (proposed === 0) throw new Error('The run proposed nothing: no figure per pair');

    const proposals = await reads.store.readAll({ filter: { eventTypes: ['MatchProposed'] } });
    const matchId = (proposals[proposals.length - 1].data as { matchId: string }).matchId;
    const baseline = await median(() => ok(reads.get(`/api/v1/matches/${matchId}`, coordinator)));
    const report = await median(() => ok(reads.get(`/api/v1/cohort-runs/${id}`, coordinator)));
    const loadAtCollecting = loadavg()[0];
    const collecting = await timeWaitingNewcomersRead(reads.app, reads.store);
    // An erasure (here of a newcomer the run left out) makes the next read open every newcomer's row again: timed once.
    const erased = (view.unplaced?.[0] as { newcomerId: string } | undefined)?.newcomerId;
    if (erased === undefined) throw new Error('The run left nobody out: nobody to erase');
    await ok(reads.post('/api/v1/erasures', reads.token('admin'), { subjectType: 'newcomer', subjectId: erased }));
    const afterErasure = await timed(() => ok(reads.get(`/api/v1/cohort-runs/${id}`, coordinator)));
    const loadAfter = loadavg()[0];
    const figures: BenchFigure[] = [
      { name: `proposing, per pair proposed (${proposed} pairs, ${proposingSeconds.toFixed(1)} s)`, unit: 'ms', ours: (proposingSeconds * 1000) / proposed, baseline },
      { name: 'the whole run, POST until it reads done', unit: 'ms', ours: runSeconds * 1000, baseline },
      { name: 'its collecting stage (waiting newcomers read, each scored against the pool)', unit: 'ms', ours: collectingSeconds * 1000, baseline },
      {
        name: `the waiting newcomers read again (${collecting.newcomers}), a page of streams at a time; baseline: one stream at a time, as before`,
        unit: 'ms', ours: collecting.batched, baseline: collecting.oneByOne,
      },
      { name: `GET /cohort-runs/{id} (${view.summary?.newcomers ?? 0} newcomers, ${view.unplaced?.length ?? 0} left out)`, unit: 'ms', ours: report, baseline },
      { name: 'GET /cohort-runs/{id}, the first read after an erasure (once)', unit: 'ms', ours: afterErasure, baseline },
    ];
    return {
      title: `A cohort run at scale: ${built.events.toLocaleString('en-US')} events, ${SHAPE.newcomers.toLocaleString('en-US')} newcomers, ${ACTIVE_KEY_PERSONS} of ${SHAPE.keyPersons.toLocaleString('en-US')} key persons active`,
      baseline: `GET /matches/{id} of the same API, median of ${SAMPLES} (lower is better: the ratio is how many of those the figure costs), but where a figure names its own`,
      figures,
      notes: [
        `proposing timed between the run's own events (its progress opening the stage, its completion); the run read over HTTP every ${POLL_MS} ms meanwhile, as the web console does`,
        'collecting likewise (its progress at 0 and at 1); the waiting newcomers read again after the run, the median of 3 of each, taking turns, each with an empty key cache of its own (load average ' +
          `${loadAtCollecting.toFixed(2)} before)`,
        `built in ${built.seconds.toFixed(0)} s: ${built.steps.join('; ')}`,
        `load average ${loadBefore.toFixed(2)} before, ${loadAtRun.toFixed(2)} when the run started, ${loadAfter.toFixed(2)} after`,
      ],
    };
  } finally {
    await reads.app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

runIfMain(module, run);
