import { ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { serverCommand } from './server-command';

const ROOT = join(__dirname, '..', '..');
/** What `apps/matcher/src/main.ts` logs once its pool, relay and worker are running. */
const READY = /Matcher worker \d+ taking jobs from/;
/** Lines kept per process, for the report of a failed run. */
const KEPT_LINES = 200;

/** Every child started by this Jest worker: killed on exit even if afterAll never runs. */
const living = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of living) child.kill('SIGKILL');
});

/**
 * `npm run start:matcher` as a real process (the same command line, without
 * npm in between so the pid is the worker's own), read line by line.
 */
export class MatcherWorkerProcess {
  private readonly child: ChildProcess;
  private readonly lines: string[] = [];
  private readonly notable: string[] = [];
  private readyLine: string | null = null;

  constructor(readonly name: string, env: Record<string, string>) {
    const command = serverCommand('matcher');
    this.child = spawn(process.execPath, command.args, {
      cwd: ROOT,
      env: { ...inheritedEnv(), NO_COLOR: '1', ...command.env, ...sharedKeyStore(env), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    living.add(this.child);
    this.child.once('exit', () => living.delete(this.child));
    for (const stream of [this.child.stdout, this.child.stderr]) {
      if (stream) createInterface({ input: stream }).on('line', (line) => this.record(line));
    }
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** The exit code once the process has exited (null while it runs, or if a signal ended it). */
  get exitCode(): number | null {
    return this.child.exitCode;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Warnings, errors and stack traces the process printed (Nest WARN/ERROR lines, queue warnings). */
  get problems(): readonly string[] {
    return this.notable;
  }

  /** The last lines the process printed, for a failure report. */
  tail(count = 40): string {
    return this.lines.slice(-count).map((line) => `  [${this.name}] ${line}`).join('\n');
  }

  /** Waits for the ready line, failing early if the process dies first. */
  async ready(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.readyLine === null) {
      if (!this.alive) throw new Error(`Matcher worker ${this.name} exited (${this.child.exitCode ?? this.child.signalCode}) before it was ready:\n${this.tail()}`);
      if (Date.now() > deadline) throw new Error(`Matcher worker ${this.name} not ready after ${timeoutMs} ms:\n${this.tail()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Sends a signal that does not end the process (SIGSTOP, SIGCONT). */
  signal(signal: NodeJS.Signals): void {
    if (this.alive) this.child.kill(signal);
  }

  /** Sends `signal` and waits until the process is gone. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (!this.alive) return;
    const exited = once(this.child, 'exit');
    this.child.kill(signal);
    await exited;
  }

  private record(line: string): void {
    this.lines.push(line);
    if (this.lines.length > KEPT_LINES) this.lines.shift();
    if (this.readyLine === null && READY.test(line)) this.readyLine = line;
    // Nest's console lines (WARN, ERROR) and JSON log lines (pino's "level":"warn" and above) alike.
    if (/\b(WARN|ERROR)\b|Error|\[queue\]|"level":"(warn|error|fatal)"/.test(line)) this.notable.push(line);
  }
}

/** The parent's environment without settings that would point a worker at another store or queue. */
function inheritedEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  const foreign = /^(EVENTSTORE_|REDIS_URL$|MATCHER_|DATA_DIR$|SQLITE_EVENT_STORE_FILE$|PORT$|PROPOSAL_DEADLINE_SECONDS$|ANSWER_DEADLINE_SECONDS$|EXPIRY_SWEEP_INTERVAL_MS$|KEY_STORE|PRIVACY_MASTER_KEY$)/;
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !foreign.test(key)) env[key] = value;
  }
  return env;
}

/**
 * Processes sharing one log must share one key store and one master key
 * (README, KEY_STORE_FILE): a worker appends events whose personal data it
 * seals under the subject's key, and another worker must open them (a
 * proposal's explanation, say, when it settles the match). Workers given
 * their own DATA_DIR would each make keys of their own, so unless the caller
 * says otherwise they share `keys.sqlite` beside the shared log, under a
 * master key derived from that file's path (a test key, never a real one).
 */
export function sharedKeyStore(env: Record<string, string>): Record<string, string> {
  const log = env.SQLITE_EVENT_STORE_FILE;
  if (log === undefined || env.KEY_STORE !== undefined || env.KEY_STORE_FILE !== undefined || env.PRIVACY_MASTER_KEY !== undefined) return {};
  return {
    KEY_STORE_FILE: join(dirname(log), 'keys.sqlite'),
    PRIVACY_MASTER_KEY: createHash('sha256').update(`sleutel test master key|${log}`).digest('base64'),
  };
}
