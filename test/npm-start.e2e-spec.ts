import { ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newcomerBody } from './support/bodies';
import { freePort } from './support/api-process';

const ROOT = join(__dirname, '..');

/** `npm start` as a user runs it: a real process, a real port, the data on disk. */
describe('npm start serves the embedded default and keeps data across restarts', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sleutel-start-'));
  let server: ChildProcess | null = null;
  /** Everything the server printed, across restarts: SPEC §7 wants no personal data in it. */
  let output = '';
  afterAll(async () => {
    await stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function start(port: number, env: NodeJS.ProcessEnv = { DATA_DIR: dataDir }): Promise<void> {
    server = spawn('npm', ['start'], { cwd: ROOT, env: { ...process.env, PORT: String(port), ...env }, stdio: 'pipe', detached: true });
    for (const stream of [server.stdout, server.stderr]) stream?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/health/ready`)).ok) return;
      } catch { /* not listening yet */ }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error('npm start did not become ready within 60 s');
  }

  async function stop(): Promise<void> {
    if (!server?.pid) return;
    const exited = new Promise((resolve) => server!.once('exit', resolve));
    process.kill(-server.pid, 'SIGTERM');
    await exited;
    server = null;
  }

  /** The command the last start-up line names, as a user pastes it into a shell, with none of the server's DATA_DIR in the shell's environment. */
  function pasteTokenCommand(env: NodeJS.ProcessEnv): { command: string; token: string } {
    const lines = output.split('\n').filter((line) => line.includes('A token to sign in with'));
    expect(lines.length).toBeGreaterThan(0);
    const message = (JSON.parse(lines[lines.length - 1]) as { msg: string }).msg;
    const command = /A token to sign in with(?: \([^)]*\))?: (.*)$/.exec(message)![1];
    const shellEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
    delete shellEnv.DATA_DIR;
    delete shellEnv.AUTH_MAX_TOKEN_TTL_SECONDS;
    const run = spawnSync('sh', ['-c', command], { cwd: ROOT, env: shellEnv, encoding: 'utf8', timeout: 60_000 });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    // Nothing but the token on stdout: no npm banner to strip before TOKEN=$(…) works.
    expect(run.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    return { command, token: run.stdout.trim() };
  }

  it('registers over HTTP, restarts, and reads the same newcomer back, logging no personal data', async () => {
    const port = await freePort();
    await start(port);
    const token = execFileSync('npm', ['run', '--silent', 'cli', '--', 'token', '--role', 'intake', '--sub', 'smoke'], {
      cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir }, encoding: 'utf8',
    }).trim();
    const personal = { displayName: `Amal Hx${process.pid}q`, notes: `Fled in ${process.pid}; sensitive`, contact: { email: `amal.${process.pid}@example.org` } };
    const created = await fetch(`http://127.0.0.1:${port}/api/v1/newcomers`, {
      method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(newcomerBody(personal)),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    // A refused change carrying personal values: its error must not be logged with them either.
    const refused = await fetch(`http://127.0.0.1:${port}/api/v1/newcomers/${id}`, {
      method: 'PATCH', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'If-Match': '"0"' },
      body: JSON.stringify({ displayName: personal.displayName, birthYear: 'x' }),
    });
    expect(refused.status).toBe(400);
    expect(readdirSync(dataDir)).toEqual(expect.arrayContaining(['events.sqlite', 'read-models.sqlite', 'auth-jwt-secret', 'keys.sqlite', 'privacy-master-key']));

    await stop();
    await start(port);
    // The CLI first: it blocks this process's event loop for seconds, long enough for the server to close a
    // keep-alive connection that the fetch client would then reuse unaware ("other side closed", seen under load).
    const pasted = pasteTokenCommand({});
    const read = await fetch(`http://127.0.0.1:${port}/api/v1/newcomers/${id}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ id, displayName: personal.displayName, status: 'active' });
    expect(output).toContain('Nest application successfully started');
    // What a first start tells its user: where the console is, and how to get a token it accepts.
    expect(output).toContain(`the web console at http://localhost:${port}/`);
    expect(pasted.command).toBe(`DATA_DIR=${dataDir} npm run --silent cli -- token --role coordinator --sub YOUR_ID`);
    expect((await fetch(`http://127.0.0.1:${port}/api/v1/policy`, { headers: { Authorization: `Bearer ${pasted.token}` } })).status).toBe(200);
    expect([personal.displayName, personal.notes, personal.contact.email].filter((value) => output.includes(value))).toEqual([]);
  }, 150_000);

  it('names, with AUTH_JWT_SECRET and a maximum lifetime under an hour, a command that prints a token this API accepts', async () => {
    const secret = 'npm-start-test-secret-of-at-least-32-characters';
    const ownDir = mkdtempSync(join(tmpdir(), 'sleutel-start-secret-'));
    try {
      await stop(); // the first test's server, left for afterAll
      const port = await freePort();
      output = '';
      await start(port, { DATA_DIR: ownDir, AUTH_JWT_SECRET: secret, AUTH_MAX_TOKEN_TTL_SECONDS: '600' });
      const pasted = pasteTokenCommand({ AUTH_JWT_SECRET: secret });
      expect(pasted.command).toBe('npm run --silent cli -- token --role coordinator --sub YOUR_ID --ttl 600s');
      const { iat, exp } = JSON.parse(Buffer.from(pasted.token.split('.')[1], 'base64url').toString('utf8')) as { iat: number; exp: number };
      expect(exp - iat).toBe(600);
      expect((await fetch(`http://127.0.0.1:${port}/api/v1/policy`, { headers: { Authorization: `Bearer ${pasted.token}` } })).status).toBe(200);
    } finally {
      await stop();
      rmSync(ownDir, { recursive: true, force: true });
    }
  }, 150_000);

  it('refuses to start on a bad configuration value, naming the variable, without a stack trace', () => {
    const run = spawnSync('npm', ['start'], { cwd: ROOT, env: { ...process.env, PORT: '70000', DATA_DIR: dataDir }, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('PORT (port): must not be greater than 65535');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  }, 70_000);
});
