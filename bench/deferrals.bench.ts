/**
 * How many `NewcomerMatchingDeferred` a seeded workload appends on the
 * on-demand path, with looks at the waiting list that find a newcomer
 * nobody again recording nothing (ours) and with every look recording its
 * counts anew (baseline, the behaviour before 2026-12-01).
 *
 *   npm run bench -- bench/deferrals.bench.ts
 *   npx ts-node -r tsconfig-paths/register --transpile-only bench/deferrals.bench.ts
 *
 * Each run gets a fresh DATA_DIR (SQLite log, read models, key store) and
 * the in-process queue. The seed (`@sleutel/seed`, as the CLI's `seed`
 * registers it) is written first, then the matcher starts and answers
 * everyone, as after `seed` in a review; then key persons of the same seed
 * arrive one at a time, and coordinators reject open proposals in rounds
 * (each rejection frees a place and puts a newcomer back in line), the
 * matcher settling after each. Counts are read from the log when it is quiet.
 *
 * The baseline is the same code with the waiting list's requests stripped
 * of their `retry` mark on their way into the queue, which is exactly what
 * every request looked like before: the proposer then records a deferral
 * whenever its counts differ from the one on record.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { derivedId, KeyPersonCommand, keyPersonStream, MatchCommand, matchStream } from '@sleutel/domain';
import { EventStore, RecordedEvent } from '@sleutel/event-store';
import { CommandContext, CommandRunner } from '@sleutel/eventsourcing';
import { MATCHER_QUEUE, MatcherJobs, MatcherModule } from '@sleutel/matcher';
import { EVENT_STORE, keyPersonAggregate, matchAggregate, PlatformModule } from '@sleutel/platform';
import { AnyJobSpec, JobQueue } from '@sleutel/queue';
import { generateKeyPerson } from '@sleutel/seed';
import { runSeed } from '../apps/cli/src/commands/seed-run';
import { BenchFigure, BenchReport, runIfMain } from './bench-report';

const NEWCOMERS = 1_000;
const KEY_PERSONS = 100;
const SEED = 'deferrals-bench';
/** Key persons registered one at a time after the first answers, the matcher settling each. */
const ARRIVALS = 5;
/** Rounds of rejections after that, and open proposals rejected per round. */
const ROUNDS = 3;
const REJECTIONS_PER_ROUND = 10;
/** The log unchanged and the queue empty this long: the matcher has nothing left to do (a retry waits 1 s). */
const QUIET_MS = 2_500;

@Module({ imports: [PlatformModule, MatcherModule] })
class BenchMatcherModule {}

type Mode = 'ours' | 'baseline';

interface Counts {
  readonly events: number;
  readonly deferrals: number;
  readonly proposals: number;
  readonly seconds: number;
}

interface RunResult {
  readonly phases: Readonly<Record<Phase, Counts>>;
  readonly newcomersDeferred: number;
  readonly waitingAtEnd: number;
  readonly totalEvents: number;
}

const PHASES = ['first answers', `${ARRIVALS} key persons arriving`, `${ROUNDS * REJECTIONS_PER_ROUND} rejections`] as const;
type Phase = (typeof PHASES)[number];

export async function run(): Promise<BenchReport> {
  const ours = await oneRun('ours');
  const baseline = await oneRun('baseline');
  const figures: BenchFigure[] = [];
  for (const phase of PHASES) {
    const figure = (name: string, unit: string, pick: (counts: Counts) => number): BenchFigure => ({ name: `${name}, ${phase}`, unit, ours: pick(ours.phases[phase]), baseline: pick(baseline.phases[phase]) });
    figures.push(
      figure('NewcomerMatchingDeferred', 'events', (c) => c.deferrals),
      figure('all events appended', 'events', (c) => c.events),
      figure('MatchProposed', 'events', (c) => c.proposals),
      figure('seconds to quiet', 's', (c) => c.seconds),
    );
  }
  figures.push({ name: 'events in the log at the end (seed included)', unit: 'events', ours: ours.totalEvents, baseline: baseline.totalEvents });
  return {
    title: `Deferrals recorded on demand: seed ${NEWCOMERS.toLocaleString('en-US')} newcomers and ${KEY_PERSONS} key persons, match; ${ARRIVALS} key persons arrive one by one; ${ROUNDS} rounds of ${REJECTIONS_PER_ROUND} rejections`,
    baseline: 'the same code with every look at the waiting list recording changed counts (its requests without the retry mark, as before 2026-12-01)',
    figures,
    notes: [
      `newcomers with a deferral: ours ${ours.newcomersDeferred}, baseline ${baseline.newcomersDeferred}; waiting at the end: ours ${ours.waitingAtEnd}, baseline ${baseline.waitingAtEnd}`,
      'proposals should agree between the two (a race may move one): only what is recorded of those still waiting differs',
      `quiet = the log unchanged and the in-process queue empty for ${QUIET_MS / 1000} s (included in the seconds)`,
      `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load average ${loadavg()[0].toFixed(2)} at the end`,
    ],
  };
}

async function oneRun(mode: Mode): Promise<RunResult> {
  const dir = mkdtempSync(join(tmpdir(), `sleutel-deferrals-bench-${mode}-`));
  const saved = { ...process.env };
  Object.assign(process.env, { DATA_DIR: dir, LOG_LEVEL: 'silent', MATCHING_MODE: 'on-demand', EXPIRY_SWEEP_INTERVAL_MS: '60000' });
  delete process.env.REDIS_URL;
  delete process.env.EVENTSTORE_CONNECTION_STRING;
  try {
    await runSeed({ newcomers: NEWCOMERS, keyPersons: KEY_PERSONS, seed: SEED, concurrency: 16 }, { advance: () => undefined, stop: () => undefined });
    const app = await NestFactory.createApplicationContext(BenchMatcherModule, { logger: false, abortOnError: false });
    try {
      const store = app.get<EventStore>(EVENT_STORE);
      const queue = app.get<JobQueue<MatcherJobs>>(MATCHER_QUEUE);
      const runner = app.get(CommandRunner);
      if (mode === 'baseline') withoutRetryMarks(queue);
      const phase = async (work: () => Promise<void>): Promise<Counts> => {
        const from = (await store.headPosition()) ?? -1;
        const started = performance.now();
        await work();
        return countSince(store, from, (performance.now() - started) / 1000);
      };
      const firstAnswers = await phase(() => quiet(store, queue));
      const arrivals = await phase(async () => {
        for (let index = KEY_PERSONS; index < KEY_PERSONS + ARRIVALS; index++) {
          await registerKeyPerson(runner, index);
          await quiet(store, queue);
        }
      });
      const rejections = await phase(async () => {
        for (let round = 0; round < ROUNDS; round++) {
          await rejectSome(store, runner, REJECTIONS_PER_ROUND, round);
          await quiet(store, queue);
        }
      });
      const log = await store.readAll();
      return {
        phases: { [PHASES[0]]: firstAnswers, [PHASES[1]]: arrivals, [PHASES[2]]: rejections } as Record<Phase, Counts>,
        newcomersDeferred: new Set(log.filter((event) => event.type === 'NewcomerMatchingDeferred').map((event) => event.streamId)).size,
        waitingAtEnd: waitingAtEnd(log),
        totalEvents: log.length,
      };
    } finally {
      await app.close();
    }
  } finally {
    process.env = saved;
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The next key person of the seed, registered as the CLI's seed would. */
async function registerKeyPerson(runner: CommandRunner, index: number): Promise<void> {
  const { id, profile } = generateKeyPerson(SEED, index);
  await runner.run(keyPersonAggregate, keyPersonStream(id), (_, at): KeyPersonCommand[] => [
    { type: 'RegisterKeyPerson', data: { keyPersonId: id, at, profile } },
  ], context(`register|${id}`));
}

const context = (step: string): CommandContext => ({
  actor: { id: 'bench-coordinator', role: 'coordinator' }, source: 'cli', correlationId: derivedId('bench'), causationId: 'bench', commandId: derivedId(`bench|${step}`),
});

/** The behaviour before: every request the waiting list adds goes in as if it were the newcomer's own. */
function withoutRetryMarks(queue: JobQueue<MatcherJobs>): void {
  const addBulk = queue.addBulk.bind(queue);
  const unmarked = (job: AnyJobSpec<MatcherJobs>): AnyJobSpec<MatcherJobs> => {
    if (job.name !== 'match-request') return job;
    const { retry: _retry, ...data } = job.data as MatcherJobs['match-request'];
    return { ...job, data } as AnyJobSpec<MatcherJobs>;
  };
  queue.addBulk = (jobs: readonly AnyJobSpec<MatcherJobs>[]) => addBulk(jobs.map(unmarked));
}

async function quiet(store: EventStore, queue: JobQueue<MatcherJobs>): Promise<void> {
  let head = await store.headPosition();
  let since = performance.now();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const [next, counts] = await Promise.all([store.headPosition(), queue.counts()]);
    const busy = counts.waiting + counts.active + counts.delayed > 0;
    if (next !== head || busy) {
      head = next;
      since = performance.now();
    } else if (performance.now() - since >= QUIET_MS) {
      return;
    }
  }
}

async function countSince(store: EventStore, after: number, seconds: number): Promise<Counts> {
  const events = (await store.readAll()).filter((event) => event.position > after);
  return {
    events: events.length,
    deferrals: events.filter((event) => event.type === 'NewcomerMatchingDeferred').length,
    proposals: events.filter((event) => event.type === 'MatchProposed').length,
    seconds,
  };
}

/** Rejects the `count` oldest proposals still open, as a coordinator would: each frees a place and puts its newcomer back in line. */
async function rejectSome(store: EventStore, runner: CommandRunner, count: number, round: number): Promise<void> {
  const all = await store.readAll();
  const closed = new Set(all.filter((event) => event.streamId.startsWith('match-') && event.type !== 'MatchProposed').map((event) => event.streamId));
  const open = all.filter((event) => event.type === 'MatchProposed' && !closed.has(event.streamId)).slice(0, count);
  for (const proposal of open) {
    const matchId = proposal.data.matchId as string;
    await runner.run(matchAggregate, matchStream(matchId), (_, at): MatchCommand[] => [
      { type: 'RejectMatch', data: { matchId, at, by: 'bench-coordinator', reason: 'Not a good fit' } },
    ], context(`reject|${round}|${matchId}`));
  }
}

/** Newcomers whose last matching event is a deferral or a release: without a proposal at the end. */
function waitingAtEnd(log: readonly RecordedEvent[]): number {
  const last = new Map<string, string>();
  for (const event of log) {
    if (['NewcomerMatchingDeferred', 'NewcomerMatchReserved', 'NewcomerMatchReleased'].includes(event.type)) last.set(event.streamId, event.type);
  }
  return [...last.values()].filter((type) => type !== 'NewcomerMatchReserved').length;
}

runIfMain(module, run);
