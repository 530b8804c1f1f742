import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { serverCommand } from './server-command';

const ROOT = join(__dirname, '..', '..');
const KEPT_LINES = 200;

/** Every API child of this Jest worker: killed on exit even if afterAll never runs. */
const living = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of living) child.kill('SIGKILL');
});

/**
 * `npm start` as a real process (the same command line, without npm in
 * between so the pid is the server's own and SIGKILL reaches it), on a port
 * of its own, with the environment given and nothing inherited that would
 * point it at another store or queue.
 */
export class ApiProcess {
  private readonly child: ChildProcess;
  private readonly lines: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(readonly name: string, readonly port: number, env: Record<string, string>) {
    const command = serverCommand('api');
    this.child = spawn(process.execPath, command.args, {
      cwd: ROOT,
      env: { ...inheritedEnv(), NO_COLOR: '1', PORT: String(port), ...command.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    living.add(this.child);
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => {
      living.delete(this.child);
      resolve({ code, signal });
    }));
    for (const stream of [this.child.stdout, this.child.stderr]) {
      if (stream) createInterface({ input: stream }).on('line', (line) => this.record(line));
    }
  }

  /** Starts the API and waits until `/health/ready` answers 200. */
  static async start(name: string, env: Record<string, string>, options: { port?: number; timeoutMs?: number } = {}): Promise<ApiProcess> {
    const api = await ApiProcess.launch(name, env, options);
    await api.ready(options.timeoutMs ?? 60_000);
    return api;
  }

  /** Starts the API without waiting for it: to catch it during start-up (its read side catches up before it listens). */
  static async launch(name: string, env: Record<string, string>, options: { port?: number } = {}): Promise<ApiProcess> {
    return new ApiProcess(name, options.port ?? (await freePort()), env);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Everything printed, one line each, prefixed with the process's name: for failure reports. */
  tail(count = 40): string {
    return this.lines.slice(-count).map((line) => `  [${this.name}] ${line}`).join('\n');
  }

  get output(): readonly string[] {
    return this.lines;
  }

  /** Sends a signal that does not end the process (SIGSTOP, SIGCONT). */
  signal(signal: NodeJS.Signals): void {
    if (this.alive) this.child.kill(signal);
  }

  /** Sends `signal` (default SIGKILL: no shutdown hooks, no flush) and waits until the process is gone. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (!this.alive) return;
    const exited = once(this.child, 'exit');
    this.child.kill(signal);
    await exited;
  }

  /** `fetch` against this server, with a JSON body and a bearer token. */
  request(method: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Response> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    return fetch(`${this.url}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  }

  /** Waits until `/health/ready` answers 200, failing early if the process dies first. */
  async ready(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!this.alive) throw new Error(`API ${this.name} exited (${this.child.exitCode ?? this.child.signalCode}) before it was ready:\n${this.tail()}`);
      try {
        if ((await fetch(`${this.url}/health/ready`)).ok) return;
      } catch { /* not listening yet */ }
      if (Date.now() > deadline) throw new Error(`API ${this.name} not ready after ${timeoutMs} ms:\n${this.tail()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  private record(line: string): void {
    this.lines.push(line);
    if (this.lines.length > KEPT_LINES) this.lines.shift();
  }
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') throw new Error('No TCP port was assigned');
  return address.port;
}

/** The parent's environment without settings that would point the API at another store, queue or failpoint. */
export function inheritedEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  const foreign = /^(EVENTSTORE_|REDIS_URL$|MATCHER_|MATCHING_MODE$|DATA_DIR$|SQLITE_EVENT_STORE_FILE$|PORT$|KEY_STORE|PRIVACY_|AUTH_|RATE_LIMIT_|SLEUTEL_FAILPOINT$|EXPIRY_SWEEP_INTERVAL_MS$|PROPOSAL_DEADLINE_SECONDS$|ANSWER_DEADLINE_SECONDS$)/;
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !foreign.test(key)) env[key] = value;
  }
  return env;
}
