import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError, JWT_SECRET_MIN_LENGTH } from '@sleutel/config';
import { JWT_SECRET_FILE, resolveJwtSecret } from './jwt-secret';

const ROOT = join(__dirname, '../../..');

let directory: string;

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'sleutel-jwt-secret-'));
});

afterEach(() => {
  rmSync(directory, { recursive: true, force: true });
});

describe('resolveJwtSecret', () => {
  it('takes the configured secret and writes no file', () => {
    const configured = 's'.repeat(40);
    expect(resolveJwtSecret(configured, directory)).toBe(configured);
    expect(existsSync(join(directory, JWT_SECRET_FILE))).toBe(false);
  });

  it('generates a secret once into DATA_DIR, readable by its owner only (0600), and reads the same one back', () => {
    const dataDir = join(directory, 'data');
    const first = resolveJwtSecret(null, dataDir);
    expect(first).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(statSync(join(dataDir, JWT_SECRET_FILE)).mode & 0o777).toBe(0o600);
    expect(resolveJwtSecret(null, dataDir)).toBe(first);
    expect(readdirSync(dataDir)).toEqual([JWT_SECRET_FILE]);
  });

  it('tightens the mode of a generated file that was loosened', () => {
    const path = join(directory, JWT_SECRET_FILE);
    writeFileSync(path, 'k'.repeat(64));
    chmodSync(path, 0o644);
    resolveJwtSecret(null, directory);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it.each([
    ['empty (a crash between creating and writing it)', ''],
    ['only whitespace', ' \n'],
    ['one character short of the minimum', 'k'.repeat(JWT_SECRET_MIN_LENGTH - 1)],
  ])('refuses a secret file that is %s, naming the file but not the secret', (_, content) => {
    const path = join(directory, JWT_SECRET_FILE);
    writeFileSync(path, content, { mode: 0o600 });
    expect(() => resolveJwtSecret(null, directory)).toThrow(ConfigurationError);
    expect(() => resolveJwtSecret(null, directory)).toThrow(`${path}: the generated JWT secret is ${content.trim().length} characters, but must be at least ${JWT_SECRET_MIN_LENGTH}`);
    try {
      resolveJwtSecret(null, directory);
    } catch (error) {
      if (content.trim() !== '') expect((error as Error).message).not.toContain(content.trim());
    }
  });

  it('accepts a secret file of exactly the minimum length, as AUTH_JWT_SECRET would be', () => {
    writeFileSync(join(directory, JWT_SECRET_FILE), `${'k'.repeat(JWT_SECRET_MIN_LENGTH)}\n`, { mode: 0o600 });
    expect(resolveJwtSecret(null, directory)).toBe('k'.repeat(JWT_SECRET_MIN_LENGTH));
  });

  describe('processes starting together', () => {
    const PROCESSES = 8;
    const ROUNDS = 20;
    /** Fresh DATA_DIRs per round, taken in the same order by every process, so that they collide on many of them. */
    const DIRECTORIES = 25;
    let children: ChildProcess[] = [];

    afterEach(() => {
      for (const child of children) child.kill();
      children = [];
    });

    it(`all read one complete secret (${PROCESSES} processes, ${ROUNDS} rounds of ${DIRECTORIES} fresh DATA_DIRs)`, async () => {
      children = await Promise.all(Array.from({ length: PROCESSES }, () => startResolver()));
      for (let round = 0; round < ROUNDS; round++) {
        const dataDirs = Array.from({ length: DIRECTORIES }, (_, index) => join(directory, `round-${round}`, `data-${index}`));
        // Each child spins until the same instant, so all of them find no file and race to create it.
        const at = Date.now() + 50;
        const answers = await Promise.all(children.map((child) => ask(child, { dataDirs, at })));
        dataDirs.forEach((dataDir, index) => {
          const secrets = answers.map((secretsOfOne) => secretsOfOne[index]);
          // Before the fix some read '' here: the file existed but was not written yet.
          expect(secrets).toEqual(Array(PROCESSES).fill(expect.stringMatching(/^[A-Za-z0-9_-]{64}$/)));
          expect(new Set(secrets).size).toBe(1);
          expect(readdirSync(dataDir)).toEqual([JWT_SECRET_FILE]);
          expect(statSync(join(dataDir, JWT_SECRET_FILE)).mode & 0o777).toBe(0o600);
        });
      }
    }, 120_000);
  });
});

/**
 * A separate Node process that has loaded jwt-secret.ts and, per message,
 * waits for the given instant and resolves the secret in the given DATA_DIR.
 */
function startResolver(): Promise<ChildProcess> {
  const script = `
    const { resolveJwtSecret } = require(${JSON.stringify(join(__dirname, 'jwt-secret.ts'))});
    process.on('message', ({ dataDirs, at }) => {
      while (Date.now() < at);
      try { process.send({ secrets: dataDirs.map((dataDir) => resolveJwtSecret(null, dataDir)) }); }
      catch (error) { process.send({ error: String(error && error.stack || error) }); }
    });
    process.send({ ready: true });
  `;
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', '-e', script], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`resolver process exited with ${code} before it was ready`)));
  });
}

function ask(child: ChildProcess, request: { dataDirs: string[]; at: number }): Promise<string[]> {
  return new Promise((resolve, reject) => {
    child.once('message', (answer: { secrets?: string[]; error?: string }) => (answer.error === undefined ? resolve(answer.secrets!) : reject(new Error(answer.error))));
    child.send(request);
  });
}
