/**
 * Replay throughput (issue 5): every projection rebuilt from position zero
 * into fresh storage, digested and compared with a live copy, on a log of
 * 1,000,000 realistic events in a temporary SQLite file. The baseline, in the
 * same process, pages through the same log with the same filter and applies
 * nothing: what reading alone costs through the general `readAll`. The
 * replay reads through `readForProjections` (no ids, hashes or metadata);
 * a note gives that read alone too.
 *
 *   npm run bench -- bench/replay.bench.ts          (REPLAY_BENCH_EVENTS=200000 for a quick run)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { replayProjections } from '@sleutel/audit';
import { SqliteEventStore } from '@sleutel/event-store';
import { projectedEventTypes, ProjectionRebuild } from '@sleutel/projections';
import { BenchReport, runIfMain } from './bench-report';
import { RssSampler } from './cohort/rss-sampler';
import { writeBenchLog } from './replay/bench-log';

const EVENTS = Number(process.env.REPLAY_BENCH_EVENTS ?? 1_000_000);
const PAGE = 5000;
const MB = 1024 * 1024;

export async function run(): Promise<BenchReport> {
  const directory = mkdtempSync(join(tmpdir(), 'sleutel-replay-bench-'));
  const store = SqliteEventStore.open(join(directory, 'events.sqlite'));
  const sampler = new RssSampler();
  try {
    const writeStarted = performance.now();
    const written = await writeBenchLog(store, EVENTS);
    const writeSeconds = (performance.now() - writeStarted) / 1000;
    const head = (await store.headPosition())!;

    // The "live" side: the same projections built beforehand (unmeasured), as a running read side would hold them.
    const live = new ProjectionRebuild(undefined, join(directory, 'live.sqlite'));
    await feed(store, (events) => live.apply(events));
    live.buildIndexes();

    const baseline = await timed(() => feed(store, () => undefined));
    const projectionRead = await timed(() => feedForProjections(store));

    const rssBefore = await sampler.reset();
    const started = performance.now();
    const result = await replayProjections(store, { position: head, reached: async () => true, inspect: (read) => read(live.db) }, { pageSize: PAGE });
    const seconds = (performance.now() - started) / 1000;
    const peak = await sampler.peak();
    live.close();
    if (!result.projections.every((projection) => projection.equal)) throw new Error(`Replay digests differ: ${JSON.stringify(result.projections)}`);

    return {
      title: `Replay into every projection, ${written.toLocaleString('en-US')} events (temp SQLite file)`,
      baseline: 'paging through the same log with the same type filter, applying nothing',
      figures: [
        { name: 'replay, rebuild + digest + compare', unit: 'events/s', ours: written / seconds, baseline: written / baseline, goal: 200_000 },
      ],
      notes: [
        `replay ${seconds.toFixed(2)} s for ${result.events.toLocaleString('en-US')} projected events of ${written.toLocaleString('en-US')}; baseline read ${baseline.toFixed(2)} s`,
        `reading alone as the replay reads (readForProjections, metadata left unread) ${projectionRead.toFixed(2)} s`,
        `peak RSS during the replay ${Math.round(peak / MB)} MB (${Math.round((peak - rssBefore) / MB)} MB above the ${Math.round(rssBefore / MB)} MB before it)`,
        `digests equal: ${result.projections.map((projection) => `${projection.name} ${projection.rebuiltRows.toLocaleString('en-US')} rows`).join(', ')}`,
        `log written in ${writeSeconds.toFixed(1)} s (fsync off while generating); pages of ${PAGE}`,
      ],
    };
  } finally {
    await sampler.stop();
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

async function feed(store: SqliteEventStore, apply: (events: Awaited<ReturnType<SqliteEventStore['readAll']>>) => void): Promise<void> {
  const eventTypes = projectedEventTypes();
  let after: number | null = null;
  for (;;) {
    const page = await store.readAll({ after, limit: PAGE, filter: { eventTypes } });
    apply(page);
    if (page.length < PAGE) return;
    after = page[page.length - 1].position;
  }
}

async function feedForProjections(store: SqliteEventStore): Promise<void> {
  const filter = { eventTypes: projectedEventTypes() };
  let after: number | null = null;
  for (;;) {
    const page = await store.readForProjections(after, PAGE, filter);
    if (page.length < PAGE) return;
    after = page[page.length - 1].position;
  }
}

async function timed(work: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}

runIfMain(module, run);
