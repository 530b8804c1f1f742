/**
 * Matcher worker processes for the bench: `apps/matcher/src/main.ts` started
 * exactly as an operator would (`npm run start:matcher` without npm in
 * between), on the bench's shared SQLite log and its own BullMQ queue.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { ProbeTotals } from './sqlite-probe';

const ROOT = resolve(__dirname, '..', '..');
const MAIN = join(ROOT, 'apps', 'matcher', 'src', 'main.ts');
const PROBE = join(__dirname, 'sqlite-probe.ts');
const READY = /taking jobs from/;
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 20_000;
/** Linux reports process CPU time in clock ticks; USER_HZ is 100 on every mainstream kernel. */
const CLOCK_TICKS_PER_SECOND = 100;

export interface WorkerSettings {
  readonly redisUrl: string;
  readonly queueName: string;
  /** The event log every process shares (SQLITE_EVENT_STORE_FILE). */
  readonly storeFile: string;
  /** This worker's own DATA_DIR: read models and relay checkpoint. */
  readonly dataDir: string;
  readonly concurrency: number;
  /** Extra environment, e.g. to try a tuning knob. */
  readonly env?: Readonly<Record<string, string>>;
  /** Time the workers' SQLite write locks and commits (see sqlite-probe.ts). */
  readonly probe?: boolean;
}

export class WorkerProcess {
  private output = '';

  private constructor(private readonly child: ChildProcess) {
    const keep = (chunk: Buffer): void => {
      // Keep the tail only: enough to explain a failure.
      this.output = (this.output + chunk.toString()).slice(-8_000);
    };
    child.stderr?.on('data', keep);
    child.stdout?.on('data', keep);
  }

  static async start(settings: WorkerSettings): Promise<WorkerProcess> {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      REDIS_URL: settings.redisUrl,
      MATCHER_QUEUE: settings.queueName,
      SQLITE_EVENT_STORE_FILE: settings.storeFile,
      DATA_DIR: settings.dataDir,
      MATCHER_CONCURRENCY: String(settings.concurrency),
      NO_COLOR: '1',
      ...settings.env,
    };
    // The embedded SQLite store, whatever the developer's shell points at.
    delete env.EVENTSTORE_CONNECTION_STRING;
    delete env.MATCHER_IN_PROCESS;
    const preload = ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', ...(settings.probe ? ['-r', PROBE] : [])];
    const child = spawn(process.execPath, [...preload, MAIN], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe', ...(settings.probe ? (['ipc'] as const) : [])],
    });
    const worker = new WorkerProcess(child);
    await worker.ready();
    return worker;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** User plus system CPU seconds this process has used so far. */
  cpuSeconds(): number {
    try {
      const stat = readFileSync(`/proc/${this.pid}/stat`, 'utf8');
      // Fields after the command name (which may contain spaces) start at ") ".
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
    } catch {
      return Number.NaN;
    }
  }

  /** The probe's running totals (null without the probe or when it does not answer in time). */
  async probeTotals(timeoutMs = 2_000): Promise<ProbeTotals | null> {
    if (!this.child.connected) return null;
    return new Promise<ProbeTotals | null>((resolve) => {
      const timer = setTimeout(() => finish(null), timeoutMs);
      const listen = (message: unknown): void => {
        const totals = (message as { sqliteProbe?: ProbeTotals } | null)?.sqliteProbe;
        if (totals) finish(totals);
      };
      const finish = (totals: ProbeTotals | null): void => {
        clearTimeout(timer);
        this.child.off('message', listen);
        resolve(totals);
      };
      this.child.on('message', listen);
      this.child.send('sqlite-probe');
    });
  }

  /** SIGTERM (the worker closes gracefully), SIGKILL if it has not exited in time. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }

  /** Throws when the worker has died. */
  assertAlive(): void {
    if (this.child.exitCode !== null || this.child.signalCode !== null) {
      throw new Error(`Matcher worker ${this.pid} exited (${this.child.exitCode ?? this.child.signalCode}):\n${this.output}`);
    }
  }

  private ready(): Promise<void> {
    return new Promise<void>((resolveReady, reject) => {
      const timer = setTimeout(() => {
        this.child.kill('SIGKILL');
        reject(new Error(`Matcher worker ${this.pid} not ready after ${START_TIMEOUT_MS} ms:\n${this.output}`));
      }, START_TIMEOUT_MS);
      const lines = createInterface({ input: this.child.stdout! });
      lines.on('line', (line) => {
        if (READY.test(line)) {
          clearTimeout(timer);
          resolveReady();
        }
      });
      this.child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`Matcher worker exited during start-up (${code ?? signal}):\n${this.output}`));
      });
    });
  }
}

export async function startWorkers(count: number, settings: (index: number) => WorkerSettings): Promise<WorkerProcess[]> {
  const started = await Promise.allSettled(Array.from({ length: count }, (_, index) => WorkerProcess.start(settings(index))));
  const workers = started.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
  const failure = started.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failure) {
    await stopWorkers(workers);
    throw failure.reason;
  }
  return workers;
}

export async function stopWorkers(workers: readonly WorkerProcess[]): Promise<void> {
  await Promise.all(workers.map((worker) => worker.stop()));
}
