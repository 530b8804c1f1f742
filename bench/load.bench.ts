/**
 * The API under load with autocannon (issue 7, item 5):
 *
 *   npm run bench -- bench/load.bench.ts            intake, mixed, BullMQ, 2 APIs × 1/2/4 workers (~8 min)
 *   npm run bench -- bench/load.bench.ts --soak     10 minutes of intake, the API's RSS every 10 s
 *   (LOAD_SOAK=1 does the same as --soak)
 *
 * Every run starts the real processes (bench/load/stack.ts) on fresh
 * temporary files and waits, bounded, for the machine's 1-minute load
 * average to drop below 1.5 before measuring; the load average is printed
 * with each figure. Baseline: a bare node:http server in its own process
 * that reads and JSON-parses the same bodies and answers 201 (or 200 for a
 * GET) without framework, validation, encryption or storage
 * (bench/load/bare-server.ts) — the ceiling of HTTP + JSON on this machine
 * with the same client — and the same in a bare NestJS application, the
 * ceiling of the framework. `GET /health/live` of the same API is printed
 * beside them: what the API's request path (its middleware, guards and
 * logging) costs on its own. The intake rows also give the CPU time the
 * API process spent per request (from /proc), which depends less than
 * req/s on what else the machine is doing.
 *
 * Settings: LOAD_SECONDS (intake window, 60), LOAD_SHORT_SECONDS (mixed,
 * scaling and baseline windows, 20), LOAD_CONNECTIONS (10),
 * LOAD_SOAK_SECONDS (600), LOAD_QUIET_WAIT_SECONDS (300), REDIS_URL, and
 * LOAD_PROFILE_DIR: run the intake only, with the API under `node
 * --cpu-prof`, its profile written there (open it in Chrome DevTools).
 */
import { cpus } from 'node:os';
import { BenchFigure, BenchReport } from './bench-report';
import { BareKind, BareServer } from './load/bare-server';
import { describe, fire, LoadResult } from './load/cannon';
import { intakeRequest, mixedRequests, registerBeforehand } from './load/intake-requests';
import { countLog, drainSeconds } from './load/log-count';
import { cpuMsOf, loadAverage, rssOf, waitForQuiet } from './load/machine';
import { Stack, StackSettings } from './load/stack';

const seconds = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
const LONG_SECONDS = seconds('LOAD_SECONDS', 60);
const SHORT_SECONDS = seconds('LOAD_SHORT_SECONDS', 20);
const CONNECTIONS = seconds('LOAD_CONNECTIONS', 10);
const SOAK_SECONDS = seconds('LOAD_SOAK_SECONDS', 600);
const QUIET_WAIT_MS = seconds('LOAD_QUIET_WAIT_SECONDS', 300) * 1000;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const WARM_UP_SECONDS = 5;
/** Newcomers registered before a mixed run, for its reads. */
const KNOWN_NEWCOMERS = 200;
const WORKER_COUNTS = [1, 2, 4] as const;
const DRAIN_TIMEOUT_MS = 120_000;
const SOAK_SAMPLE_MS = 10_000;
const GOAL_RPS = 2_000;
const GOAL_P99_MS = 50;
const GOAL_RSS_GROWTH = 0.1;
const microseconds = (ms: number | undefined): number => (ms === undefined ? Number.NaN : ms * 1000);

interface Measured {
  readonly result: LoadResult;
  readonly load: number;
  /** CPU time the server process spent per answer over the window, when its pid was given. */
  readonly cpuMsPerAnswer?: number;
}

export async function run(): Promise<BenchReport> {
  const soak = process.argv.includes('--soak') || process.env.LOAD_SOAK === '1';
  return soak ? runSoak() : runLoad();
}

async function runLoad(): Promise<BenchReport> {
  const started = Date.now();
  const intake = await withStack({ apis: 1, workers: 0, redisUrl: null, profileDir: process.env.LOAD_PROFILE_DIR }, async (stack) => {
    await fire({ url: stack.urls, connections: CONNECTIONS, durationSeconds: WARM_UP_SECONDS, requests: [intakeRequest(stack.token)] });
    const ours = await measure(`intake, embedded default, ${LONG_SECONDS} s`, stack.urls, LONG_SECONDS, [intakeRequest(stack.token)], { pid: stack.apis[0].pid });
    // How far the in-process matcher fell behind intake, and how long it took to catch up once the load stopped.
    const atEnd = countLog(stack.logFile);
    const drain = await drainSeconds(stack.logFile, DRAIN_TIMEOUT_MS);
    progress(`  matcher: ${atEnd.answered}/${atEnd.registered} newcomers answered at the end of the window, all after ${drain === null ? 'timeout' : `${drain.toFixed(1)} s more`}`);
    const live = await measure('GET /health/live, same API', stack.urls, SHORT_SECONDS, [{ method: 'GET', path: '/health/live' }], { pid: stack.apis[0].pid });
    return { ours, live, rss: rssOf(stack.apis[0].pid), matcher: { atEnd, drain } };
  });
  if (process.env.LOAD_PROFILE_DIR) {
    return { title: `Intake under the V8 CPU profiler (profile in ${process.env.LOAD_PROFILE_DIR})`, baseline: 'GET /health/live, same API', figures: [
      { name: 'intake req/s', unit: '1/s', ours: intake.ours.result.requestsPerSecond, baseline: intake.live.result.requestsPerSecond },
    ], notes: [describe('intake', intake.ours.result), `load average ${intake.ours.load.toFixed(2)}`] };
  }
  const bare = await withBare('node', async (server) => ({
    intake: await measure('baseline: bare node:http, same bodies', [server.url], SHORT_SECONDS, [intakeRequest('baseline')], { pid: server.pid }),
    mixed: await measure('baseline: bare node:http, mixed sequence', [server.url], SHORT_SECONDS, mixedRequests('baseline', ['x'])),
  }));
  const bareNest = await withBare('nest', (server) =>
    measure('baseline: bare NestJS (Express), same bodies', [server.url], SHORT_SECONDS, [intakeRequest('baseline')], { pid: server.pid }));
  const mixedEmbedded = await withStack({ apis: 1, workers: 0, redisUrl: null }, (stack) => measureMixed('mixed 80/20, embedded default', stack));
  const mixedQueued = await withStack({ apis: 1, workers: 2, redisUrl: REDIS_URL }, (stack) => measureMixed('mixed 80/20, BullMQ, 1 API + 2 workers', stack));
  const scaling: { workers: number; mixed: Measured; answeredPerSecond: number; drain: number | null }[] = [];
  for (const workers of WORKER_COUNTS) {
    scaling.push(await withStack({ apis: 2, workers, redisUrl: REDIS_URL }, async (stack) => {
      const mixed = await measureMixed(`mixed 80/20, BullMQ, 2 APIs round-robin + ${workers} worker(s)`, stack);
      const atEnd = countLog(stack.logFile);
      const drain = await drainSeconds(stack.logFile, DRAIN_TIMEOUT_MS);
      const after = countLog(stack.logFile);
      // Answers from the start of the measured window until every registration has one.
      const answeredPerSecond = (after.answered - mixed.answeredBefore) / (mixed.result.seconds + (drain ?? DRAIN_TIMEOUT_MS / 1000));
      progress(`  ${workers} worker(s): ${atEnd.answered}/${atEnd.registered} answered at the end of the window, all ${after.answered} after ${drain === null ? 'timeout' : `${drain.toFixed(1)} s more`}`);
      return { workers, mixed, answeredPerSecond, drain };
    }));
  }

  const { ours, live } = intake;
  const attempted = ours.result.total + ours.result.errors;
  const okShare = (100 * (ours.result.total - ours.result.non2xx)) / Math.max(1, attempted);
  const bareOk = (100 * (bare.intake.result.total - bare.intake.result.non2xx)) / Math.max(1, bare.intake.result.total + bare.intake.result.errors);
  const [oneWorker] = scaling;
  const figures: BenchFigure[] = [
    { name: `intake req/s, embedded default, ${LONG_SECONDS} s`, unit: '1/s', ours: ours.result.requestsPerSecond, baseline: bare.intake.result.requestsPerSecond, goal: GOAL_RPS },
    // autocannon records latency in whole milliseconds: a baseline of 0 means under 1 ms.
    { name: 'intake latency p50', unit: 'ms', ours: ours.result.p50Ms, baseline: bare.intake.result.p50Ms },
    { name: 'intake latency p90', unit: 'ms', ours: ours.result.p90Ms, baseline: bare.intake.result.p90Ms },
    { name: 'intake latency p99', unit: 'ms', ours: ours.result.p99Ms, baseline: bare.intake.result.p99Ms },
    { name: 'intake latency max', unit: 'ms', ours: ours.result.maxMs, baseline: bare.intake.result.maxMs },
    { name: `intake 1/p99 (goal: p99 < ${GOAL_P99_MS} ms; p99 floored at 1 ms)`, unit: '1/s', ours: 1000 / Math.max(ours.result.p99Ms, 1), baseline: 1000 / Math.max(bare.intake.result.p99Ms, 1), goal: 1000 / GOAL_P99_MS },
    { name: 'intake answered 2xx, % of attempts (goal: no errors)', unit: '%', ours: okShare, baseline: bareOk, goal: 100 },
    { name: 'GET /health/live req/s, same API', unit: '1/s', ours: live.result.requestsPerSecond, baseline: bare.intake.result.requestsPerSecond },
    { name: 'bare NestJS intake req/s (the framework alone)', unit: '1/s', ours: bareNest.result.requestsPerSecond, baseline: bare.intake.result.requestsPerSecond },
    { name: 'intake req/s (baseline: bare NestJS)', unit: '1/s', ours: ours.result.requestsPerSecond, baseline: bareNest.result.requestsPerSecond },
    // In µs: the table prints whole numbers, and these are fractions of a millisecond.
    { name: 'API CPU per intake request (baseline: bare NestJS)', unit: 'µs', ours: microseconds(ours.cpuMsPerAnswer), baseline: microseconds(bareNest.cpuMsPerAnswer) },
    { name: 'API CPU per GET /health/live (baseline: bare NestJS intake)', unit: 'µs', ours: microseconds(live.cpuMsPerAnswer), baseline: microseconds(bareNest.cpuMsPerAnswer) },
    { name: 'bare node:http CPU per intake request', unit: 'µs', ours: microseconds(bare.intake.cpuMsPerAnswer), baseline: microseconds(bareNest.cpuMsPerAnswer) },
    { name: 'mixed 80/20 req/s, embedded default', unit: '1/s', ours: mixedEmbedded.result.requestsPerSecond, baseline: bare.mixed.result.requestsPerSecond },
    { name: 'mixed 80/20 p99, embedded default', unit: 'ms', ours: mixedEmbedded.result.p99Ms, baseline: bare.mixed.result.p99Ms },
    { name: 'mixed 80/20 req/s, BullMQ, 1 API + 2 workers', unit: '1/s', ours: mixedQueued.result.requestsPerSecond, baseline: bare.mixed.result.requestsPerSecond },
    { name: 'mixed 80/20 p99, BullMQ, 1 API + 2 workers', unit: 'ms', ours: mixedQueued.result.p99Ms, baseline: bare.mixed.result.p99Ms },
    ...scaling.map((run) => ({
      name: `2 APIs + ${run.workers} worker(s): mixed req/s (baseline: 1 worker)`, unit: '1/s', ours: run.mixed.result.requestsPerSecond, baseline: oneWorker.mixed.result.requestsPerSecond,
    })),
    ...scaling.map((run) => ({
      name: `2 APIs + ${run.workers} worker(s): newcomers answered/s incl. drain (baseline: 1 worker)`, unit: '1/s', ours: run.answeredPerSecond, baseline: oneWorker.answeredPerSecond,
    })),
  ];
  const runs: [string, Measured][] = [
    ['intake', ours], ['health/live', live], ['bare intake', bare.intake], ['bare mixed', bare.mixed], ['bare NestJS intake', bareNest],
    ['mixed embedded', mixedEmbedded], ['mixed BullMQ', mixedQueued], ...scaling.map((run): [string, Measured] => [`2 APIs + ${run.workers}w`, run.mixed]),
  ];
  return {
    title: `API under load with autocannon (${CONNECTIONS} connections; embedded default = one \`npm start\` process, SQLite in a temp DATA_DIR, in-process matcher)`,
    baseline: 'a bare node:http server in its own process reading and JSON-parsing the same requests and answering 201/200 (no framework, validation, encryption or storage); scaling rows compare with the 1-worker run',
    figures,
    notes: [
      ...runs.map(([label, measured]) => `${describe(label, measured.result)}; load average ${measured.load.toFixed(2)}` +
        (measured.cpuMsPerAnswer === undefined ? '' : `; server CPU ${measured.cpuMsPerAnswer.toFixed(3)} ms an answer`)),
      `intake API RSS after the run: ${mb(intake.rss)}`,
      `embedded matcher at the end of the intake window: ${intake.matcher.atEnd.answered}/${intake.matcher.atEnd.registered} newcomers answered; ` +
        `all ${intake.matcher.drain === null ? `not within ${DRAIN_TIMEOUT_MS / 1000} s` : `${intake.matcher.drain.toFixed(1)} s later`} (its line holds 1,000 jobs; the rest waits in the log)`,
      `no key persons are registered, so the matcher answers every newcomer with a recorded deferral (no candidates); rate limits off`,
      `drain after the window (2 APIs): ${scaling.map((run) => `${run.workers}w ${run.drain === null ? 'timeout' : `${run.drain.toFixed(1)} s`}`).join(', ')}`,
      `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}; load average ${loadAverage().toFixed(2)} at the end; whole bench ${Math.round((Date.now() - started) / 1000)} s`,
    ],
  };
}

/** Ten minutes of intake on the embedded default, sampling the API's RSS every 10 s. */
async function runSoak(): Promise<BenchReport> {
  return withStack({ apis: 1, workers: 0, redisUrl: null }, async (stack) => {
    const { load } = await waitForQuiet(QUIET_WAIT_MS, progress);
    const pid = stack.apis[0].pid;
    const samples: { at: number; rss: number; load: number; registered: number }[] = [];
    const started = Date.now();
    const sample = (): void => {
      samples.push({ at: (Date.now() - started) / 1000, rss: rssOf(pid), load: loadAverage(), registered: countLog(stack.logFile).registered });
      const last = samples[samples.length - 1];
      const previous = samples[samples.length - 2];
      // Registrations per second since the last sample: does intake slow down as the log grows?
      const rate = previous ? (last.registered - previous.registered) / Math.max(0.001, last.at - previous.at) : 0;
      progress(`  soak ${last.at.toFixed(0)} s: RSS ${mb(last.rss)}, ${last.registered} registered (${rate.toFixed(0)}/s), load average ${last.load.toFixed(2)}`);
    };
    sample();
    const timer = setInterval(sample, SOAK_SAMPLE_MS);
    progress(`soak: ${SOAK_SECONDS} s of intake, load average ${load.toFixed(2)}`);
    const result = await fire({ url: stack.urls, connections: CONNECTIONS, durationSeconds: SOAK_SECONDS, requests: [intakeRequest(stack.token)] }).finally(() => clearInterval(timer));
    sample();
    const minuteOne = samples.find((entry) => entry.at >= 60) ?? samples[0];
    const end = samples[samples.length - 1];
    const growth = end.rss / minuteOne.rss - 1;
    const peak = Math.max(...samples.map((entry) => entry.rss));
    return {
      title: `Soak: ${SOAK_SECONDS} s of intake on the embedded default (${CONNECTIONS} connections), API RSS every ${SOAK_SAMPLE_MS / 1000} s`,
      baseline: 'the RSS at minute 1 (after start-up and JIT warm-up)',
      figures: [
        { name: `RSS growth minute 1 → end, % (goal < ${GOAL_RSS_GROWTH * 100}%: shown as 10 − growth ≥ 0)`, unit: '%', ours: 100 * GOAL_RSS_GROWTH - 100 * growth, baseline: 100 * GOAL_RSS_GROWTH, goal: 0 },
        { name: 'RSS at the end', unit: 'MB', ours: end.rss / 2 ** 20, baseline: minuteOne.rss / 2 ** 20 },
        { name: 'intake req/s over the soak', unit: '1/s', ours: result.requestsPerSecond, baseline: result.requestsPerSecond },
      ],
      notes: [
        `RSS minute 1 ${mb(minuteOne.rss)}, end ${mb(end.rss)}, growth ${(100 * growth).toFixed(1)}%, peak ${mb(peak)}`,
        `samples (s: MB): ${samples.map((entry) => `${entry.at.toFixed(0)}: ${(entry.rss / 2 ** 20).toFixed(0)}`).join(', ')}`,
        `registrations per second, minute by minute: ${perMinute(samples).join(', ')}`,
        `${describe('soak', result)}`,
        `load average ${load.toFixed(2)} at the start, ${Math.min(...samples.map((s) => s.load)).toFixed(2)}–${Math.max(...samples.map((s) => s.load)).toFixed(2)} during`,
      ],
    };
  });
}

/** Registrations per second in each whole minute of the samples. */
function perMinute(samples: readonly { at: number; registered: number }[]): string[] {
  const rates: string[] = [];
  for (let minute = 1; ; minute += 1) {
    const start = samples.find((entry) => entry.at >= (minute - 1) * 60);
    const end = samples.find((entry) => entry.at >= minute * 60);
    if (!start || !end) return rates;
    rates.push(((end.registered - start.registered) / (end.at - start.at)).toFixed(0));
  }
}

/** Registers newcomers to read, warms up, measures; notes how many answers the log held just before the window. */
async function measureMixed(label: string, stack: Stack): Promise<Measured & { answeredBefore: number }> {
  const known = await registerBeforehand(stack.urls, stack.token, KNOWN_NEWCOMERS);
  await fire({ url: stack.urls, connections: CONNECTIONS, durationSeconds: WARM_UP_SECONDS, requests: mixedRequests(stack.token, known) });
  let answeredBefore = 0;
  const measured = await measure(label, stack.urls, SHORT_SECONDS, mixedRequests(stack.token, known), {
    justBefore: () => {
      answeredBefore = countLog(stack.logFile).answered;
    },
  });
  return { ...measured, answeredBefore };
}

async function measure(
  label: string, urls: string[], durationSeconds: number, requests: Parameters<typeof fire>[0]['requests'],
  options: { justBefore?: () => void; pid?: number } = {},
): Promise<Measured> {
  const { load } = await waitForQuiet(QUIET_WAIT_MS, progress);
  progress(`${label} (load average ${load.toFixed(2)})`);
  options.justBefore?.();
  const cpuBefore = options.pid === undefined ? Number.NaN : cpuMsOf(options.pid);
  const result = await fire({ url: urls.length === 1 ? urls[0] : urls, connections: CONNECTIONS, durationSeconds, requests });
  const cpuMsPerAnswer = options.pid === undefined ? undefined : (cpuMsOf(options.pid) - cpuBefore) / Math.max(1, result.total);
  progress(`  ${describe(label, result)}${cpuMsPerAnswer === undefined ? '' : `, server CPU ${cpuMsPerAnswer.toFixed(3)} ms an answer`}`);
  return { result, load, cpuMsPerAnswer };
}

async function withStack<T>(settings: StackSettings, work: (stack: Stack) => Promise<T>): Promise<T> {
  progress(`starting ${settings.apis} API(s)${settings.workers ? ` + ${settings.workers} matcher worker(s) on BullMQ` : ''}`);
  const stack = await Stack.start(settings);
  try {
    return await work(stack);
  } finally {
    await stack.stop();
  }
}

async function withBare<T>(kind: BareKind, work: (server: BareServer) => Promise<T>): Promise<T> {
  const bare = await BareServer.start(kind);
  try {
    return await work(bare);
  } finally {
    await bare.stop();
  }
}

function mb(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(0)} MB`;
}

function progress(line: string): void {
  console.log(`[load] ${line}`);
}
