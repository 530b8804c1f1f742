/**
 * Cost of per-subject encryption (issue 6): realistic newcomer registrations
 * (the largest personal payload) sealed and opened by `personalDataCodec`,
 * each figure beside the identity codec doing the same JSON work in the same
 * process; and the first key of a subject on the SQLite key store (one fsync)
 * beside a raw better-sqlite3 insert of a row of the same size; and the rows
 * of a large cohort run (one per newcomer, each sealed under its own key)
 * opened as `GET /cohort-runs/{id}` opens them, beside the same pages in clear.
 *
 *   npm run bench -- bench/privacy.bench.ts
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { JsonObject, NewEvent, openSqliteDatabase, RecordedEvent } from '@sleutel/event-store';
import { EventCodec, identityCodec } from '@sleutel/eventsourcing';
import { platformSubjectRows } from '@sleutel/platform';
import { CachingKeyStore, DataSubject, InMemoryKeyStore, MasterKey, personalDataCodec, SqliteKeyStore } from '@sleutel/privacy';
import { amalProfile } from '../libs/domain/src/newcomer/newcomer.fixtures';
import { BenchFigure, BenchReport, runIfMain } from './bench-report';

const EVENTS = Number(process.env.PRIVACY_BENCH_EVENTS ?? 100_000);
const SUBJECTS = 1_000;
const FIRST_KEYS = 2_000;
const RUN_NEWCOMERS = 5_000;
const RUN_PAGE = 500;

export async function run(): Promise<BenchReport> {
  const subjects = Array.from({ length: SUBJECTS }, (): DataSubject => ({ type: 'newcomer', id: randomUUID() }));
  const events = Array.from({ length: EVENTS }, (_, index) => registration(subjects[index % SUBJECTS], index));
  const keys = new CachingKeyStore(new InMemoryKeyStore(MasterKey.generate()));
  const codec = personalDataCodec(keys);
  // Warm up both paths (JIT, and every subject's key created and cached) before timing.
  await roundTrip(codec, events.slice(0, SUBJECTS * 2));
  await roundTrip(identityCodec, events.slice(0, SUBJECTS * 2));

  const stored = { ours: await encodeAll(codec, events), baseline: await encodeAll(identityCodec, events) };
  const bytes = { clear: Buffer.byteLength(stored.baseline.rows[0]), sealed: Buffer.byteLength(stored.ours.rows[0]) };
  const directory = mkdtempSync(join(tmpdir(), 'sleutel-privacy-bench-'));
  try {
    return {
      title: 'Per-subject encryption of personal data (AES-256-GCM, keys cached in memory)',
      baseline: 'the identity codec, with the same JSON serialising and parsing a store does, in the same process',
      figures: [
        { name: 'encode (seal) + JSON.stringify', unit: 'events/s', ours: stored.ours.perSecond, baseline: stored.baseline.perSecond, goal: 20_000 },
        {
          name: 'JSON.parse + decode (open)', unit: 'events/s',
          ours: await decodeAll(codec, stored.ours.rows), baseline: await decodeAll(identityCodec, stored.baseline.rows), goal: 20_000,
        },
        { name: 'encode + decode round trip', unit: 'events/s', ours: await roundTrip(codec, events), baseline: await roundTrip(identityCodec, events), goal: 10_000 },
        await firstKeys(join(directory, 'keys.sqlite'), join(directory, 'baseline.sqlite')),
        ...(await cohortRunRows(join(directory, 'run-keys.sqlite'))),
      ],
      notes: [
        `${EVENTS} NewcomerRegistered events over ${SUBJECTS} subjects; an event is ${bytes.clear} bytes of JSON in clear, ${bytes.sealed} sealed`,
        'decode includes looking up each subject\'s key in the LRU cache; a cold key costs one key-store read and one unwrap',
        `first keys: ${FIRST_KEYS} new subjects, each a key generated, wrapped and inserted in its own transaction (fsync); baseline inserts a row of the same size`,
        `cohort-run rows: a run of ${RUN_NEWCOMERS} newcomers in pages of ${RUN_PAGE} (CohortRunSolutionPaged), opened by the personal-data codec with the platform's row fields (platformSubjectRows), the SQLite key store behind a cache that is empty (cold: one key-store read and unwrap per newcomer) or holds every key (warm); baseline parses the same pages in clear`,
      ],
    };
  } finally {
    await keys.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

function registration(subject: DataSubject, index: number): NewEvent {
  return {
    id: randomUUID(),
    type: 'NewcomerRegistered',
    schemaVersion: 1,
    data: {
      newcomerId: subject.id,
      registeredAt: new Date(Date.UTC(2026, 10, 30) + index * 1000).toISOString(),
      profile: { ...amalProfile, displayName: `Newcomer ${index}`, notes: `Intake note ${index}: prefers mornings.` } as unknown as JsonObject,
    },
    metadata: {
      actor: { id: 'intake-1', role: 'intake' }, command: 'RegisterNewcomer', correlationId: randomUUID(), causationId: randomUUID(),
      occurredAt: '2026-11-30T09:15:00.000Z', source: 'api', subject,
    },
  };
}

async function encodeAll(codec: EventCodec, events: readonly NewEvent[]): Promise<{ rows: string[]; perSecond: number }> {
  const rows: string[] = [];
  const perSecond = await eventsPerSecond(events.length, async () => {
    for (const event of events) rows.push(JSON.stringify(await codec.encode(event)));
  });
  return { rows, perSecond };
}

async function decodeAll(codec: EventCodec, rows: readonly string[]): Promise<number> {
  return eventsPerSecond(rows.length, async () => {
    for (const row of rows) await codec.decode(asRecorded(JSON.parse(row) as NewEvent));
  });
}

async function roundTrip(codec: EventCodec, events: readonly NewEvent[]): Promise<number> {
  return eventsPerSecond(events.length, async () => {
    for (const event of events) await codec.decode(asRecorded(JSON.parse(JSON.stringify(await codec.encode(event))) as NewEvent));
  });
}

function asRecorded(event: NewEvent): RecordedEvent {
  const subject = event.metadata.subject!;
  return { ...event, streamId: `${subject.type}-${subject.id}`, revision: 0, position: 1, chain: { previousHash: null, hash: '' } };
}

async function firstKeys(ourFile: string, baselineFile: string): Promise<BenchFigure> {
  const store = SqliteKeyStore.open(ourFile, MasterKey.generate());
  const ours = await eventsPerSecond(FIRST_KEYS, async () => {
    for (let index = 0; index < FIRST_KEYS; index += 1) await store.getOrCreate({ type: 'newcomer', id: randomUUID() });
  });
  await store.close();

  const db = openSqliteDatabase(baselineFile);
  db.exec('CREATE TABLE plain_keys (subject_type TEXT, subject_id TEXT, key BLOB, PRIMARY KEY (subject_type, subject_id))');
  const insert = db.prepare('INSERT INTO plain_keys VALUES (?, ?, ?)');
  const rows = Array.from({ length: FIRST_KEYS }, () => [randomUUID(), randomBytes(60)] as const);
  const baseline = await eventsPerSecond(FIRST_KEYS, () => {
    for (const [id, key] of rows) insert.run('newcomer', id, key);
  });
  db.close();
  return { name: 'first key of a subject, SQLite (fsync each)', unit: 'keys/s', ours, baseline };
}

/** A large cohort run's pages, each row sealed under its newcomer's key, opened with a cold and a warm key cache. */
async function cohortRunRows(keyFile: string): Promise<BenchFigure[]> {
  const store = SqliteKeyStore.open(keyFile, MasterKey.generate());
  const newcomers = Array.from({ length: RUN_NEWCOMERS }, (): DataSubject => ({ type: 'newcomer', id: randomUUID() }));
  // Created in one turn, so in one transaction (the key store's group commit).
  await Promise.all(newcomers.map((subject) => store.getOrCreate(subject)));
  const runStream = `cohort-run-${randomUUID()}`;
  const pages: NewEvent[] = [];
  for (let page = 0; page * RUN_PAGE < RUN_NEWCOMERS; page += 1) {
    const rows = newcomers.slice(page * RUN_PAGE, (page + 1) * RUN_PAGE)
      .map(({ id }, index) => ({ newcomerId: id, language: 'tir', gender: index % 2 ? 'male' : 'female', ageBand: '26–35', waitingDays: index / 7 }));
    pages.push({
      id: randomUUID(), type: 'CohortRunSolutionPaged', schemaVersion: 1,
      data: { runId: runStream.slice('cohort-run-'.length), solutionId: 's', page, assignments: [], unplaced: [], newcomers: rows, at: '2026-11-30T09:15:00.000Z' },
      metadata: { actor: { id: 'matcher', role: 'system' }, command: 'RecordCohortRunSolutionPage', correlationId: 'c', causationId: 'c', occurredAt: '2026-11-30T09:15:00.000Z', source: 'worker' },
    });
  }
  const options = { subjectRows: platformSubjectRows };
  const sealing = personalDataCodec(new CachingKeyStore(store), options);
  const sealed = await Promise.all(pages.map(async (page) => JSON.stringify(await sealing.encode(page, runStream))));
  const clear = pages.map((page) => JSON.stringify(page));
  const openAll = (codec: EventCodec, rows: readonly string[]) => eventsPerSecond(RUN_NEWCOMERS, async () => {
    for (const row of rows) await codec.decode({ ...(JSON.parse(row) as NewEvent), streamId: runStream, revision: 0, position: 1, chain: { previousHash: null, hash: '' } });
  });
  const baseline = await openAll(identityCodec, clear);
  const warmKeys = new CachingKeyStore(store);
  const cold = await openAll(personalDataCodec(warmKeys, options), sealed);
  const warm = await openAll(personalDataCodec(warmKeys, options), sealed);
  await store.close();
  return [
    { name: `a ${RUN_NEWCOMERS}-newcomer cohort run's rows opened, cold key cache`, unit: 'rows/s', ours: cold, baseline },
    { name: `a ${RUN_NEWCOMERS}-newcomer cohort run's rows opened, warm key cache`, unit: 'rows/s', ours: warm, baseline },
  ];
}

/** Runs the work once, timed. */
async function eventsPerSecond(count: number, work: () => void | Promise<void>): Promise<number> {
  const started = performance.now();
  await work();
  return count / ((performance.now() - started) / 1000);
}

runIfMain(module, run);
