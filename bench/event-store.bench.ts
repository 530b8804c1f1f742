/**
 * Event-store throughput on SQLite, each figure beside raw better-sqlite3
 * doing the same inserts and selects in the same process (see sqlite-baseline.ts).
 *
 *   npm run bench -- bench/event-store.bench.ts
 *   npx ts-node -r tsconfig-paths/register --transpile-only bench/event-store.bench.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { NewEvent, NO_STREAM, serialiseEvent, SqliteEventStore } from '@sleutel/event-store';
import { sampleEvents } from '../libs/event-store/src/contract/sample-events';
import { BenchFigure, BenchReport, runIfMain } from './bench-report';
import { BaselineRow, SqliteBaseline } from './sqlite-baseline';

const SINGLE_APPENDS = 5_000;
const SINGLE_STREAMS = 500;
const BATCH_SIZE = 100;
const BATCHED_EVENTS = 50_000;
const STREAM_LENGTH = 1_000;
const STREAM_READS = 100;
const LOG_EVENTS = 200_000;
const LOG_PAGE = 1_000;

export async function run(): Promise<BenchReport> {
  const directory = mkdtempSync(join(tmpdir(), 'sleutel-bench-'));
  try {
    const files = { next: 0, path: (): string => join(directory, `bench-${(files.next += 1)}.sqlite`) };
    const stored = serialiseEvent(sampleEvents(1)[0]);
    const eventBytes = Buffer.byteLength(stored.data) + Buffer.byteLength(stored.metadata);
    return {
      title: 'Event store on SQLite (WAL, synchronous=FULL, temp file)',
      baseline: 'raw better-sqlite3, same pragmas, plain table, rows serialised beforehand',
      figures: [
        await singleAppends(files.path(), files.path()),
        await batchedAppends(files.path(), files.path()),
        await streamReads(files.path(), files.path()),
        await logReads(files.path(), files.path()),
      ],
      notes: [
        `each event stores ~${eventBytes} bytes of JSON (data plus full envelope metadata)`,
        `single appends: ${SINGLE_APPENDS} appends, one event and one transaction (fsync) each, over ${SINGLE_STREAMS} streams, exact expected revision`,
        `batched: ${BATCHED_EVENTS} events in appends of ${BATCH_SIZE}`,
        `stream read: a ${STREAM_LENGTH}-event stream read ${STREAM_READS} times; log read: ${LOG_EVENTS} events in pages of ${LOG_PAGE}`,
        'ours includes serialising, hashing, revision and id checks on write, and JSON parsing on read; the baseline does none of that',
      ],
    };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

async function singleAppends(ourFile: string, baselineFile: string): Promise<BenchFigure> {
  const events = sampleEvents(SINGLE_APPENDS);
  const streamOf = (index: number): string => `newcomer-${index % SINGLE_STREAMS}`;
  const store = SqliteEventStore.open(ourFile);
  const ours = await eventsPerSecond(SINGLE_APPENDS, async () => {
    for (let index = 0; index < SINGLE_APPENDS; index += 1) {
      const revision = Math.floor(index / SINGLE_STREAMS);
      await store.append(streamOf(index), [events[index]], revision === 0 ? NO_STREAM : revision - 1);
    }
  });
  await store.close();

  const rows = events.map((event, index) => baselineRow(streamOf(index), Math.floor(index / SINGLE_STREAMS), event));
  const baseline = new SqliteBaseline(baselineFile);
  const base = await eventsPerSecond(SINGLE_APPENDS, () => rows.forEach((row) => baseline.append([row])));
  baseline.close();
  return { name: 'single appends, fsync each', unit: 'events/s', ours, baseline: base, goal: 3_000 };
}

async function batchedAppends(ourFile: string, baselineFile: string): Promise<BenchFigure> {
  const batches = Array.from({ length: BATCHED_EVENTS / BATCH_SIZE }, () => sampleEvents(BATCH_SIZE));
  const store = SqliteEventStore.open(ourFile);
  const ours = await eventsPerSecond(BATCHED_EVENTS, async () => {
    for (const [index, batch] of batches.entries()) await store.append(`match-${index}`, batch, NO_STREAM);
  });
  await store.close();

  const rows = batches.map((batch, index) => batch.map((event, revision) => baselineRow(`match-${index}`, revision, event)));
  const baseline = new SqliteBaseline(baselineFile);
  const base = await eventsPerSecond(BATCHED_EVENTS, () => rows.forEach((batch) => baseline.append(batch)));
  baseline.close();
  return { name: `appends of ${BATCH_SIZE} events`, unit: 'events/s', ours, baseline: base, goal: 30_000 };
}

async function streamReads(ourFile: string, baselineFile: string): Promise<BenchFigure> {
  const events = sampleEvents(STREAM_LENGTH);
  const store = SqliteEventStore.open(ourFile);
  await appendInBatches(store, 'key-person-1', events);
  const ours = await eventsPerSecond(STREAM_LENGTH * STREAM_READS, async () => {
    for (let read = 0; read < STREAM_READS; read += 1) assertCount((await store.readStream('key-person-1')).length, STREAM_LENGTH);
  });
  await store.close();

  const baseline = new SqliteBaseline(baselineFile);
  baseline.append(events.map((event, revision) => baselineRow('key-person-1', revision, event)));
  const base = await eventsPerSecond(STREAM_LENGTH * STREAM_READS, () => {
    for (let read = 0; read < STREAM_READS; read += 1) assertCount(baseline.readStream('key-person-1'), STREAM_LENGTH);
  });
  baseline.close();
  return { name: `read a ${STREAM_LENGTH}-event stream`, unit: 'events/s', ours, baseline: base };
}

async function logReads(ourFile: string, baselineFile: string): Promise<BenchFigure> {
  const store = SqliteEventStore.open(ourFile);
  const baseline = new SqliteBaseline(baselineFile);
  for (let stream = 0; stream < LOG_EVENTS / LOG_PAGE; stream += 1) {
    const events = sampleEvents(LOG_PAGE);
    await appendInBatches(store, `newcomer-${stream}`, events);
    baseline.append(events.map((event, revision) => baselineRow(`newcomer-${stream}`, revision, event)));
  }
  const ours = await eventsPerSecond(LOG_EVENTS, async () => {
    let after = 0;
    let read = 0;
    for (let page = await store.readAll({ after, limit: LOG_PAGE }); page.length > 0; page = await store.readAll({ after, limit: LOG_PAGE })) {
      read += page.length;
      after = page[page.length - 1].position;
    }
    assertCount(read, LOG_EVENTS);
  });
  await store.close();

  const base = await eventsPerSecond(LOG_EVENTS, () => {
    let after = 0;
    let read = 0;
    for (let page = baseline.readPage(after, LOG_PAGE); page.count > 0; page = baseline.readPage(after, LOG_PAGE)) {
      read += page.count;
      after = page.last;
    }
    assertCount(read, LOG_EVENTS);
  });
  baseline.close();
  return { name: `read the log in pages of ${LOG_PAGE}`, unit: 'events/s', ours, baseline: base, goal: 200_000 };
}

/** Runs the work once, timed. Each figure's work is long enough (seconds) that JIT warm-up is noise. */
async function eventsPerSecond(events: number, work: () => void | Promise<void>): Promise<number> {
  const started = performance.now();
  await work();
  return events / ((performance.now() - started) / 1000);
}

async function appendInBatches(store: SqliteEventStore, streamId: string, events: readonly NewEvent[]): Promise<void> {
  for (let from = 0; from < events.length; from += BATCH_SIZE) {
    await store.append(streamId, events.slice(from, from + BATCH_SIZE), from === 0 ? NO_STREAM : from - 1);
  }
}

function baselineRow(streamId: string, revision: number, event: NewEvent): BaselineRow {
  const stored = serialiseEvent(event);
  return [streamId, revision, event.id, event.type, event.schemaVersion, stored.data, stored.metadata];
}

function assertCount(actual: number, expected: number): void {
  if (actual !== expected) throw new Error(`Benchmark read ${actual} events, expected ${expected}`);
}

runIfMain(module, run);
