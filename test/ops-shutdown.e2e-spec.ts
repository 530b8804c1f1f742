import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newcomerBody } from './support/bodies';
import { startTestApp } from './support/test-app';
import { connect, Socket } from 'node:net';
import { once } from 'node:events';
import { ApiProcess, freePort } from './support/api-process';
import { leftRunning } from '../libs/event-store/src/testing/left-running';
import { deleteRedisKeys, TEST_REDIS_URL } from './support/replicas';

const ROOT = join(__dirname, '..');
const SHUTDOWN_TIMEOUT_MS = 10_000;
const CLIENTS = 12;

type Outcome = { key: string; startedAt: number; endedAt: number; status: number | 'network-error'; id?: string; code?: string };

/**
 * Graceful shutdown (issue 7): SIGTERM to `npm start` while clients keep
 * registering newcomers. The server stops taking work, answers what it
 * accepted, stops its matcher and subscribers, and exits 0 within
 * SHUTDOWN_TIMEOUT_MS. Afterwards the log holds exactly the registrations
 * that were answered 201: none lost, none applied without an answer.
 * Its output, JSON lines, carries correlation ids and no personal data.
 */
describe('SIGTERM to npm start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sleutel-shutdown-'));
  let server: ChildProcess | null = null;
  afterAll(() => {
    if (server?.exitCode === null && server.pid) process.kill(server.pid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers every request in flight, refuses the rest with 503 or a closed connection, exits 0 within the bound, and loses nothing', async () => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATA_DIR: dataDir, SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS), LOG_LEVEL: 'info', RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_PER_IP_PER_MINUTE: '0' };
    for (const foreign of ['REDIS_URL', 'EVENTSTORE_CONNECTION_STRING', 'MATCHER_IN_PROCESS', 'SQLITE_EVENT_STORE_FILE', 'KEY_STORE', 'KEY_STORE_FILE']) delete env[foreign];
    const started = spawn('npm', ['start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    server = started;
    let output = '';
    for (const stream of [started.stdout, started.stderr]) stream?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const exited = new Promise<{ code: number | null }>((resolve) => started.once('exit', (code) => resolve({ code })));
    const base = `http://127.0.0.1:${port}`;
    await untilReady(base, started);
    const token = execFileSync('npm', ['run', '--silent', 'cli', '--', 'token', '--role', 'intake', '--sub', 'shutdown-test'], { cwd: ROOT, env, encoding: 'utf8' }).trim();

    const distinctive = `Hawa Shutdown${process.pid}q`;
    const outcomes: Outcome[] = [];
    let sigtermAt = Infinity;
    const client = async (): Promise<void> => {
      for (;;) {
        const key = randomUUID();
        const outcome: Outcome = { key, startedAt: Date.now(), endedAt: 0, status: 'network-error' };
        try {
          const response = await fetch(`${base}/api/v1/newcomers`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': key, 'X-Correlation-Id': `shutdown-${key}` },
            body: JSON.stringify(newcomerBody({ displayName: distinctive })),
          });
          outcome.status = response.status;
          const body = (await response.json()) as { id?: string; code?: string };
          outcome.id = body.id;
          outcome.code = body.code;
        } catch {
          outcome.status = 'network-error';
        }
        outcome.endedAt = Date.now();
        outcomes.push(outcome);
        if (outcome.status !== 201) return;
        if (Date.now() > sigtermAt + SHUTDOWN_TIMEOUT_MS) return;
      }
    };
    const clients = Array.from({ length: CLIENTS }, () => client());
    while (outcomes.filter((o) => o.status === 201).length < 30) await new Promise((resolve) => setTimeout(resolve, 20));

    sigtermAt = Date.now();
    process.kill(started.pid!, 'SIGTERM'); // to npm itself, as an orchestrator or Ctrl-C would; npm hands it to the server
    await Promise.all(clients);
    const { code } = await exited;
    server = null;

    expect(code).toBe(0);
    // Within the bound by the server's own account: past it, its timer exits 1 saying so (no clock read here).
    expect(output).not.toMatch(/not stopped within/);
    // Every answer is a success, a refusal that did nothing, or a closed connection: never a 500 or a half-done write.
    const unexpected = outcomes.filter((o) => o.status !== 201 && o.status !== 'network-error' && !(o.status === 503 && o.code === 'SERVICE.SHUTTING_DOWN'));
    expect(unexpected).toEqual([]);
    const accepted = outcomes.filter((o) => o.status === 201);
    // Requests sent before the signal and answered after it: they were in flight, and they were finished.
    const inFlight = accepted.filter((o) => o.startedAt < sigtermAt && o.endedAt > sigtermAt);
    expect(inFlight.length).toBeGreaterThan(0);
    expect(output).toMatch(/"msg":"SIGTERM: stopping, within 10000 ms"/);
    expect(output).toMatch(/"msg":"stopped in \d+ ms"/);

    // Logs: JSON lines; each request's line carries its correlation id and route template; no token, no personal data.
    const lines = output.split('\n').filter((line) => line.startsWith('{'));
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    const requestLines = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line.route === '/api/v1/newcomers');
    expect(requestLines.length).toBeGreaterThanOrEqual(accepted.length);
    const keyOf = (line: Record<string, unknown>) => String(line.correlationId).replace(/^shutdown-/, '');
    for (const o of accepted) expect(requestLines.some((line) => keyOf(line) === o.key && (line.res as { statusCode: number }).statusCode === 201)).toBe(true);
    expect(output).not.toContain(distinctive);
    expect(output).not.toContain(token);
    expect(output.toLowerCase()).not.toContain('bearer');

    // Nothing accepted was lost, and nothing was applied without its answer.
    const t = await startTestApp({ dataDir });
    try {
      const registered = (await t.store.readAll({ filter: { eventTypes: ['NewcomerRegistered'] } })).length;
      expect(registered).toBe(accepted.length);
      for (const o of accepted.slice(0, 20)) await t.http.get(`/api/v1/newcomers/${o.id}`).set('Authorization', `Bearer ${t.token('intake')}`).expect(200);
    } finally {
      await t.stop();
    }
  }, 150_000);
});

async function untilReady(base: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/health/ready`)).ok) return;
    } catch { /* not listening yet */ }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('npm start did not become ready within 60 s');
}

/**
 * Connections on which no request has arrived whole (a browser's preconnect,
 * a load balancer's spare, a client sending slowly) carry nothing to finish:
 * they must not hold the stop until Node's headers timeout (60 s), which
 * outlasts the bound and ended in exit 1 without the shutdown hooks.
 */
describe('SIGTERM with connections that sent no whole request', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sleutel-shutdown-idle-'));
  let api: ApiProcess | null = null;
  const sockets: Socket[] = [];
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await api?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('closes them and exits 0 after the shutdown hooks', async () => {
    api = await ApiProcess.start('idle-connections', { DATA_DIR: dataDir, SHUTDOWN_TIMEOUT_MS: '5000', LOG_LEVEL: 'info', MATCHER_IN_PROCESS: 'true' });
    const open = async (sent: string): Promise<Socket> => {
      const socket = connect(api!.port, '127.0.0.1');
      socket.on('error', () => undefined);
      sockets.push(socket);
      await once(socket, 'connect');
      if (sent !== '') await new Promise<void>((resolve, reject) => socket.write(sent, (error) => (error ? reject(error) : resolve())));
      return socket;
    };
    const silent = await open('');
    const halfSent = await open('GET /health/live HTTP/1.1\r\nHost: localhost\r\n');
    // Not `once(socket, 'close')`: that rejects on the reset the server's close may cause.
    const closed = [silent, halfSent].map((socket) => new Promise<void>((resolve) => socket.once('close', () => resolve())));

    await api.kill('SIGTERM');
    const { code } = await api.exited;
    await Promise.all(closed);

    expect({ code, stopped: api.output.some((line) => line.includes('"msg":"stopped in')) }).toEqual({ code: 0, stopped: true });
    expect(api.output.filter((line) => line.includes('exiting anyway'))).toEqual([]);
  }, 60_000);
});

/**
 * What the API starts, its shutdown hooks stop (issue 7): after app.close()
 * nothing is left to hold the process, which would otherwise outlive its
 * close (a stopped subscription's poll timer did, for up to the poll interval).
 */
const keys = `test-keys-${randomUUID()}:`;
const queue = `test-${randomUUID()}`;
describe.each([
  ['on SQLite, its matcher in process', {}],
  ['with Redis for the queue, the key store and rate limits', { REDIS_URL: TEST_REDIS_URL, KEY_STORE: 'redis', KEY_STORE_PREFIX: keys, MATCHER_QUEUE: queue, RATE_LIMIT_PER_MINUTE: '600' }],
])('app.close() %s', (_, env: Record<string, string>) => {
  afterAll(async () => {
    if (env.REDIS_URL === undefined) return;
    await deleteRedisKeys(keys);
    await deleteRedisKeys(`bull:${queue}:`);
  });

  it('leaves no timer, socket, server, child process or thread running', async () => {
    const left = await leftRunning(async () => {
      // The longest poll interval allowed: a timer a stopped subscription kept would outlive the grace by far.
      const t = await startTestApp({ matcher: true, env: { SQLITE_POLL_INTERVAL_MS: '60000', ...env } });
      try {
        await t.http.post('/api/v1/newcomers').set('Authorization', `Bearer ${t.token('intake')}`).send(newcomerBody()).expect(201);
      } finally {
        await t.close();
      }
    });
    expect(left).toEqual([]);
  });
});
