import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from './support/api-process';
import { serverCommand } from './support/server-command';

const ROOT = join(__dirname, '..');
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const METRICS_TOKEN = `prometheus-${'p'.repeat(40)}`;

/**
 * A matcher worker (`npm run start:matcher`) has no API: with
 * MATCHER_OPS_PORT it serves health and metrics (docker-compose probes it
 * there), logs JSON lines, and stops on SIGTERM with exit code 0.
 */
describe('a matcher worker\'s operations', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sleutel-matcher-ops-'));
  const queueName = `test-${randomUUID()}`;
  let worker: ChildProcess | null = null;
  afterAll(async () => {
    if (worker?.exitCode === null && worker.pid) process.kill(worker.pid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`bull:${queueName}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('serves /health/live, /health/ready and /metrics on MATCHER_OPS_PORT, logs JSON, and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env, NO_COLOR: '1', DATA_DIR: dataDir, REDIS_URL, MATCHER_QUEUE: queueName, MATCHER_OPS_PORT: String(port), METRICS_TOKEN, LOG_LEVEL: 'info', SHUTDOWN_TIMEOUT_MS: '10000',
    };
    delete env.EVENTSTORE_CONNECTION_STRING;
    delete env.PORT;
    const command = serverCommand('matcher');
    const started = spawn(process.execPath, command.args, { cwd: ROOT, env: { ...env, ...command.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    worker = started;
    let output = '';
    for (const stream of [started.stdout, started.stderr]) stream?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => started.once('exit', (code) => resolve(code)));
    const base = `http://127.0.0.1:${port}`;

    const deadline = Date.now() + 60_000;
    for (;;) {
      if (started.exitCode !== null) throw new Error(`the worker exited with ${started.exitCode}:\n${output}`);
      try {
        if ((await fetch(`${base}/health/ready`)).ok) break;
      } catch { /* not listening yet */ }
      if (Date.now() > deadline) throw new Error(`the worker was not ready within 60 s:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }

    const ready = (await (await fetch(`${base}/health/ready`)).json()) as { details: Record<string, { status: string }> };
    expect(Object.keys(ready.details).sort()).toEqual(['eventStore', 'keyStore', 'projections', 'redis', 'shutdown']);
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
    const refused = await fetch(`${base}/metrics`);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const metrics = await fetch(`${base}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(metrics.status).toBe(200);
    const text = await metrics.text();
    for (const subscriber of ['projections', 'match-request-relay', 'candidate-pool']) expect(text).toContain(`sleutel_subscription_lag_events{subscriber="${subscriber}"}`);
    expect(text).toContain('sleutel_queue_jobs{state="waiting"}');
    expect(text).toMatch(/sleutel_job_duration_seconds_count\{job="expiry-sweep",outcome="completed"\} [1-9]/);

    started.kill('SIGTERM');
    expect(await exited).toBe(0);
    worker = null;
    const lines = output.split('\n').filter((line) => line.trim() !== '');
    for (const line of lines) expect({ line, json: isJson(line) }).toEqual({ line, json: true });
    const messages = lines.map((line) => JSON.parse(line) as { service: string; msg: string });
    expect(messages.every((line) => line.service === 'matcher')).toBe(true);
    expect(messages.map((line) => line.msg)).toEqual(expect.arrayContaining([expect.stringMatching(/^Matcher worker \d+ taking jobs from/), 'SIGTERM: stopping, within 10000 ms', expect.stringMatching(/^stopped in \d+ ms$/)]));
  }, 90_000);

  it('exits 1 with one fatal JSON line naming Redis when it cannot reach it at start-up, for the orchestrator to restart it', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', DATA_DIR: dataDir, REDIS_URL: 'redis://127.0.0.1:1', MATCHER_QUEUE: queueName, LOG_LEVEL: 'info' };
    delete env.EVENTSTORE_CONNECTION_STRING;
    delete env.KEY_STORE;
    const command = serverCommand('matcher');
    const started = spawn(process.execPath, command.args, { cwd: ROOT, env: { ...env, ...command.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    started.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    started.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => started.once('exit', (exitCode) => resolve(exitCode)));
    expect(code).toBe(1);
    const lines = stdout.split('\n').filter((line) => line.trim() !== '');
    for (const line of lines) expect({ line, json: isJson(line) }).toEqual({ line, json: true });
    const fatal = lines.map((line) => JSON.parse(line) as { level: string; service: string; msg: string }).filter((line) => line.level === 'fatal');
    expect(fatal).toEqual([expect.objectContaining({ service: 'matcher', msg: expect.stringMatching(/^could not start: .*Redis/) })]);
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});

function isJson(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}
