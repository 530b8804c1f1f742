/**
 * The seed command for real: `npm run cli -- seed ...` as a child process
 * against an SQLite store in a temporary DATA_DIR, read back read-only.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { keyPersonStream, newcomerStream } from '@sleutel/domain';
import { generatePopulation } from '@sleutel/seed';
import { cliSync, CliResult } from '../../../../test/support/server-command';

const CLI_TIMEOUT_MS = 120_000;

function seed(dataDir: string, ...args: string[]): CliResult {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
  // The embedded store, whatever the developer's shell points at.
  delete env.EVENTSTORE_CONNECTION_STRING;
  delete env.REDIS_URL;
  return cliSync(['seed', ...args], { env, timeout: CLI_TIMEOUT_MS });
}

interface StoredEvent {
  readonly stream_id: string;
  readonly type: string;
  readonly metadata: string;
}

function storedEvents(dataDir: string): StoredEvent[] {
  const db = new Database(join(dataDir, 'events.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare<[], StoredEvent>('SELECT stream_id, type, metadata FROM events ORDER BY position').all();
  } finally {
    db.close();
  }
}

describe('npm run cli -- seed', () => {
  let dataDir: string;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'sleutel-seed-'));
  });

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('registers the generated population through the commands, with the CLI as actor', () => {
    const result = seed(dataDir, '--newcomers', '40', '--key-persons', '15', '--seed', 'int-spec');

    expect(result.stderr).not.toMatch(/error/i);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^seed int-spec: 55 registered, 0 already present, 55 events in [\d.]+ s \(\d+ events\/s\)$/m);
    const events = storedEvents(dataDir);
    expect(events.filter(({ type }) => type === 'NewcomerRegistered')).toHaveLength(40);
    expect(events.filter(({ type }) => type === 'KeyPersonRegistered')).toHaveLength(15);

    const population = generatePopulation({ newcomers: 40, keyPersons: 15, seed: 'int-spec' });
    const expectedStreams = [...population.keyPersons.map(({ id }) => keyPersonStream(id)), ...population.newcomers.map(({ id }) => newcomerStream(id))];
    expect(events.map(({ stream_id }) => stream_id).sort()).toEqual(expectedStreams.sort());
    for (const { metadata } of events) {
      expect(JSON.parse(metadata)).toMatchObject({ actor: { id: 'cli:seed', role: 'admin' }, source: 'cli', causationId: 'cli:seed' });
    }
  }, CLI_TIMEOUT_MS);

  it('appends nothing when the same seed runs again', () => {
    const before = storedEvents(dataDir);

    const result = seed(dataDir, '--newcomers', '40', '--key-persons', '15', '--seed', 'int-spec');

    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/: 0 registered, 55 already present, 0 events in /);
    expect(storedEvents(dataDir)).toEqual(before);
  }, CLI_TIMEOUT_MS);

  it('appends only the newcomers a larger run adds', () => {
    const result = seed(dataDir, '--newcomers', '50', '--key-persons', '15', '--seed', 'int-spec');

    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/: 10 registered, 55 already present, 10 events in /);
    expect(storedEvents(dataDir)).toHaveLength(65);
  }, CLI_TIMEOUT_MS);

  it.each([['-1'], ['abc'], ['100001'], ['2.5']])('refuses --newcomers %s, naming the option, and writes nothing', (value) => {
    const fresh = mkdtempSync(join(tmpdir(), 'sleutel-seed-bad-'));
    try {
      const result = seed(fresh, '--newcomers', value, '--key-persons', '1');

      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain('--newcomers');
      expect(result.stderr).toContain('whole number');
      expect(existsSync(join(fresh, 'events.sqlite'))).toBe(false);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  }, CLI_TIMEOUT_MS);
});
