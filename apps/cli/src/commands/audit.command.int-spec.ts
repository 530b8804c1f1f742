/**
 * The audit commands for real: `npm run cli -- audit verify | export | replay`
 * as child processes against an SQLite store in a temporary DATA_DIR, with a
 * few events written straight into it beforehand.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { derivedId, keyPersonStream, newcomerStream } from '@sleutel/domain';
import { EventMetadata, NewEvent, NO_STREAM, SqliteEventStore } from '@sleutel/event-store';
import { ReadSide } from '@sleutel/platform';
import { generateKeyPerson, generateNewcomer } from '@sleutel/seed';
import { cliSync, CliResult, serverCommand } from '../../../../test/support/server-command';

const ROOT = resolve(__dirname, '../../../..');
const CLI_TIMEOUT_MS = 120_000;

function audit(dataDir: string, ...args: string[]): CliResult {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
  // The embedded store, whatever the developer's shell points at.
  delete env.EVENTSTORE_CONNECTION_STRING;
  delete env.REDIS_URL;
  return cliSync(['audit', ...args], { env, timeout: CLI_TIMEOUT_MS });
}

const newcomerIds = [0, 1].map((index) => derivedId(`audit-cli|newcomer|${index}`));
const keyPersonId = derivedId('audit-cli|key-person|0');
let sequence = 0;

function event(type: string, data: Record<string, unknown>, occurredAt: string): NewEvent {
  const metadata: EventMetadata = {
    actor: { id: 'intake-1', role: 'intake' }, command: type.replace(/ed$/, ''), correlationId: `c-${sequence}`, causationId: `c-${sequence}`,
    occurredAt, source: 'api',
  };
  return { id: derivedId(`audit-cli|event|${sequence++}`), type, schemaVersion: 1, data: data as NewEvent['data'], metadata };
}

/** Two newcomers and a key person, on three days; the second newcomer's notes carry a marker to change on disk. */
async function writeEvents(file: string): Promise<void> {
  const store = SqliteEventStore.open(file);
  const keyPerson = generateKeyPerson('audit-cli', 0).profile;
  await store.append(keyPersonStream(keyPersonId), [
    event('KeyPersonRegistered', { keyPersonId, registeredAt: '2026-03-01T09:00:00.000Z', profile: keyPerson }, '2026-03-01T09:00:00.000Z'),
    event('KeyPersonLanguagesChanged', { keyPersonId, languages: keyPerson.languages }, '2026-03-01T09:05:00.000Z'),
  ], NO_STREAM);
  for (const [index, newcomerId] of newcomerIds.entries()) {
    const day = `2026-03-0${index + 2}`;
    await store.append(newcomerStream(newcomerId), [
      event('NewcomerRegistered', { newcomerId, registeredAt: `${day}T10:00:00.000Z`, profile: generateNewcomer('audit-cli', index).profile }, `${day}T10:00:00.000Z`),
      event('NewcomerNotesChanged', { newcomerId, notes: index === 1 ? 'Tamper-Marker here' : 'Prefers mornings.' }, `${day}T10:30:00.000Z`),
    ], NO_STREAM);
  }
  // Closing the only connection checkpoints the WAL into the main file, so the file alone holds every event.
  await store.close();
}

/** The read models an API in this DATA_DIR would have built from its log. */
async function buildReadModels(dir: string): Promise<void> {
  const store = SqliteEventStore.open(join(dir, 'events.sqlite'));
  const readSide = ReadSide.open(dir, 10_000);
  try {
    await readSide.start(store);
    await readSide.waitFor((await store.headPosition()) ?? 0);
  } finally {
    await readSide.close();
    await store.close();
  }
}

function ndjson(file: string): { streamId: string; revision: number; type: string; metadata: { occurredAt: string }; chain: { hash: string } }[] {
  return readFileSync(file, 'utf8').split('\n').filter((line) => line !== '').map((line) => JSON.parse(line));
}

describe('npm run cli -- audit', () => {
  let dataDir: string;
  let file: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sleutel-audit-cli-'));
    file = join(dataDir, 'events.sqlite');
    await writeEvents(file);
  });

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('verify: finds every chain intact, exits 0 and prints the result as JSON', () => {
    const result = audit(dataDir, 'verify');

    expect(result.stderr).not.toMatch(/error/i);
    expect(result.status).toBe(0);
    const verified = JSON.parse(result.stdout);
    expect(verified).toEqual({ intact: true, streams: 3, events: 6, broken: [], gaps: [], gapsChecked: true, head: { position: 6, digest: expect.stringMatching(/^[0-9a-f]{64}$/), anchor: expect.any(String) } });
    // Not a terminal: plain progress lines on stderr, no bar redraws.
    expect(result.stderr).toMatch(/^verify: 100%$/m);
  }, CLI_TIMEOUT_MS);

  it('verify --anchor: the head written down checks out later; another digest does not, and a malformed one is refused', () => {
    const verified = JSON.parse(audit(dataDir, 'verify').stdout);
    const again = audit(dataDir, 'verify', '--anchor', verified.head.anchor);
    expect({ status: again.status, anchor: JSON.parse(again.stdout).anchor }).toEqual({ status: 0, anchor: { position: 6, expected: verified.head.digest, found: verified.head.digest, matches: true } });
    const other = audit(dataDir, 'verify', '--anchor', `5:${verified.head.digest}`);
    expect({ status: other.status, intact: JSON.parse(other.stdout).intact, matches: JSON.parse(other.stdout).anchor.matches }).toEqual({ status: 1, intact: false, matches: false });
    const malformed = audit(dataDir, 'verify', '--anchor', 'yesterday');
    expect(malformed.status).not.toBe(0);
    expect(malformed.stderr).toContain('must be position:digest');
  }, CLI_TIMEOUT_MS);

  it('verify --stream: one stream intact exits 0; a stream the log holds no event of exits 1 and says so, printing no result that reads intact', () => {
    const one = audit(dataDir, 'verify', '--stream', `newcomer-${newcomerIds[0]}`);
    expect({ status: one.status, intact: JSON.parse(one.stdout).intact, streams: JSON.parse(one.stdout).streams }).toEqual({ status: 0, intact: true, streams: 1 });
    const missing = audit(dataDir, 'verify', '--stream', 'newcomer-bogus');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('The log holds no event of stream newcomer-bogus.');
    expect(missing.stdout).toBe('');
  }, CLI_TIMEOUT_MS);

  it('export: writes the whole log as NDJSON in log order, one stream or a time window when asked', () => {
    const all = join(dataDir, 'all.ndjson');
    const result = audit(dataDir, 'export', '--out', all);

    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`export: 6 events to ${all}\n`);
    const lines = ndjson(all);
    expect(lines.map((line) => line.type)).toEqual([
      'KeyPersonRegistered', 'KeyPersonLanguagesChanged', 'NewcomerRegistered', 'NewcomerNotesChanged', 'NewcomerRegistered', 'NewcomerNotesChanged',
    ]);
    expect(lines[0]).toMatchObject({ streamId: keyPersonStream(keyPersonId), revision: 0, metadata: { actor: { id: 'intake-1' } } });
    expect(lines.every((line) => /^[0-9a-f]{64}$/.test(line.chain.hash))).toBe(true);

    const oneStream = join(dataDir, 'one-stream.ndjson');
    expect(audit(dataDir, 'export', '--out', oneStream, '--stream', newcomerStream(newcomerIds[1])).status).toBe(0);
    expect(ndjson(oneStream).map((line) => [line.streamId, line.revision])).toEqual([[newcomerStream(newcomerIds[1]), 0], [newcomerStream(newcomerIds[1]), 1]]);

    const window = join(dataDir, 'window.ndjson');
    expect(audit(dataDir, 'export', '--out', window, '--from', '2026-03-02', '--to', '2026-03-02T23:59:59Z').status).toBe(0);
    expect(ndjson(window).map((line) => line.metadata.occurredAt)).toEqual(['2026-03-02T10:00:00.000Z', '2026-03-02T10:30:00.000Z']);
  }, CLI_TIMEOUT_MS);

  it('export --stream: a stream the log holds no event of exits 1 and says so, as verify does, printing nothing on stdout and writing no file', () => {
    const out = join(dataDir, 'bogus-stream.ndjson');
    const missing = audit(dataDir, 'export', '--out', out, '--stream', 'newcomer-bogus');
    expect({ status: missing.status, stdout: missing.stdout }).toEqual({ status: 1, stdout: '' });
    expect(missing.stderr).toContain('The log holds no event of stream newcomer-bogus; nothing was exported.');
    expect(existsSync(out)).toBe(false);
    // A stream the log holds, with no event in the window, is not a mistake: exit 0, 0 events.
    const empty = join(dataDir, 'empty-window.ndjson');
    const outside = audit(dataDir, 'export', '--out', empty, '--stream', newcomerStream(newcomerIds[0]), '--from', '2026-04-01');
    expect({ status: outside.status, stdout: outside.stdout }).toEqual({ status: 0, stdout: `export: 0 events to ${empty}\n` });
  }, CLI_TIMEOUT_MS);

  it('export --from D --to D: a date alone is a whole day in Amsterdam, so the same date on both ends exports the events of that day; the help says so', () => {
    const day = join(dataDir, 'day.ndjson');
    const result = audit(dataDir, 'export', '--out', day, '--from', '2026-03-02', '--to', '2026-03-02');
    expect({ status: result.status, stdout: result.stdout }).toEqual({ status: 0, stdout: `export: 2 events to ${day}\n` });
    expect(ndjson(day).map((line) => line.metadata.occurredAt)).toEqual(['2026-03-02T10:00:00.000Z', '2026-03-02T10:30:00.000Z']);

    const untilDay = join(dataDir, 'until-day.ndjson');
    expect(audit(dataDir, 'export', '--out', untilDay, '--to', '2026-03-01').status).toBe(0);
    expect(ndjson(untilDay).map((line) => line.metadata.occurredAt)).toEqual(['2026-03-01T09:00:00.000Z', '2026-03-01T09:05:00.000Z']);

    const help = audit(dataDir, 'export', '--help').stdout.replace(/\s+/g, ' ');
    expect(help).toContain('a date alone (2026-12-01) is the start of that day in Amsterdam');
    expect(help).toContain('a date alone (2026-12-01) is the whole of that day in Amsterdam, up to the start of the next');
  }, CLI_TIMEOUT_MS);

  it('export: refuses to overwrite a file, to write into a missing folder, and a --from that is not an instant, in one line with exit 1', () => {
    const existing = join(dataDir, 'existing.ndjson');
    writeFileSync(existing, 'keep me\n');

    const refused = audit(dataDir, 'export', '--out', existing);
    expect({ status: refused.status, stdout: refused.stdout }).toEqual({ status: 1, stdout: '' });
    expect(refused.stderr.trim()).toBe(`audit export: cannot write ${existing}: it exists already; export never overwrites a file, name another with --out`);
    expect(readFileSync(existing, 'utf8')).toBe('keep me\n');

    const nowhere = join(dataDir, 'no-such-folder', 'all.ndjson');
    const missingFolder = audit(dataDir, 'export', '--out', nowhere);
    expect({ status: missingFolder.status, stderr: missingFolder.stderr.trim() }).toEqual({ status: 1, stderr: `audit export: cannot write ${nowhere}: no such file or directory` });

    const badInstant = audit(dataDir, 'export', '--out', join(dataDir, 'never.ndjson'), '--from', 'yesterday');
    expect(badInstant.status).not.toBe(0);
    expect(badInstant.stderr).toMatch(/ISO 8601/);
    expect(existsSync(join(dataDir, 'never.ndjson'))).toBe(false);

    const swapped = audit(dataDir, 'export', '--out', join(dataDir, 'never.ndjson'), '--from', '2026-03-03', '--to', '2026-03-01');
    expect({ status: swapped.status, stdout: swapped.stdout }).toEqual({ status: 1, stdout: '' });
    expect(swapped.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^audit export: --from 2026-03-02T23:00:00\.000Z is after --to .*nothing was exported$/)]);
    expect(existsSync(join(dataDir, 'never.ndjson'))).toBe(false);
  }, CLI_TIMEOUT_MS);

  it('export interrupted halfway (Ctrl-C): exits 130 and leaves no file under --out, nor its partial one, so the rerun can write it', async () => {
    const big = mkdtempSync(join(tmpdir(), 'sleutel-audit-cli-big-'));
    try {
      // Enough events that the export is still writing when the interruption comes.
      const store = SqliteEventStore.open(join(big, 'events.sqlite'));
      for (let batch = 0; batch < 60; batch += 1) {
        const events = Array.from({ length: 1000 }, (_, index) => event('NewcomerNotesChanged', { newcomerId: `n-${batch}-${index}`, notes: 'x'.repeat(200) }, '2026-03-02T10:00:00.000Z'));
        await store.append(`newcomer-bulk-${batch}`, events, NO_STREAM);
      }
      await store.close();
      const out = join(big, 'all.ndjson');
      const cli = serverCommand('cli');
      const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: big, ...cli.env };
      delete env.EVENTSTORE_CONNECTION_STRING;
      const child = spawn(process.execPath, [...cli.args, 'audit', 'export', '--out', out], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
      const partialWritten = () => readdirSync(big).some((name) => name.endsWith('.partial') && statSync(join(big, name)).size > 0);
      while (!partialWritten()) await new Promise((tick) => setTimeout(tick, 2));
      child.kill('SIGINT');

      expect(await exited).toBe(130);
      expect(stderr).toContain(`audit export: interrupted by SIGINT; nothing was written to ${out}`);
      expect(readdirSync(big).filter((name) => name.includes('all.ndjson'))).toEqual([]);
      const rerun = audit(big, 'export', '--out', out);
      expect(rerun.status).toBe(0);
      expect(ndjson(out)).toHaveLength(60_000);
    } finally {
      rmSync(big, { recursive: true, force: true });
    }
  }, CLI_TIMEOUT_MS);

  it('replay: in a DATA_DIR without read models, compares ones built now with a rebuild, says so, and leaves none behind', () => {
    const result = audit(dataDir, 'replay');

    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^equal {3}directory live ([0-9a-f]{64}) rebuilt \1$/m);
    // They would hold people's municipalities and languages, and keep those of anyone erased later.
    expect(result.stderr.trim().split('\n').pop()).toBe(`audit replay: DATA_DIR ${dataDir} holds no read models, so this compared read models built now with a rebuild, then deleted them; give the DATA_DIR of an API to check the read models it serves`);
    expect(readdirSync(dataDir).filter((name) => name.startsWith('read-models'))).toEqual([]);
  }, CLI_TIMEOUT_MS);

  it('replay: rebuilds every projection, finds the digests equal to the live ones and exits 0', async () => {
    await buildReadModels(dataDir);
    const result = audit(dataDir, 'replay');

    expect(result.stderr).not.toMatch(/error|holds no read models/i);
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n');
    // The registrations and the language change; no projection reads notes.
    expect(lines[0]).toMatch(/^replay: 4 events at position \d+ in [\d.]+ s \(\d+ events\/s\)$/);
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^equal {3}directory live ([0-9a-f]{64}) rebuilt \1$/),
      expect.stringMatching(/^equal {3}match-board live ([0-9a-f]{64}) rebuilt \1$/),
      expect.stringMatching(/^equal {3}cohort-runs live ([0-9a-f]{64}) rebuilt \1$/),
      'key store: 0 tombstones, 0 without an erasure in the log',
    ]);
  }, CLI_TIMEOUT_MS);

  it('replay: exits 1 and names the projection and first differing key when a live read model was changed behind its back', () => {
    const readModels = new Database(join(dataDir, 'read-models.sqlite'));
    readModels.prepare("UPDATE directory SET status = 'withdrawn' WHERE kind = 'newcomer' AND id = ?").run(newcomerIds[0]);
    readModels.close();

    const result = audit(dataDir, 'replay');

    expect(result.status).toBe(1);
    const key = JSON.stringify({ kind: 'newcomer', id: newcomerIds[0] });
    expect(result.stdout).toContain(`first difference: directory ${key} (different-values)`);
    expect(result.stdout).toMatch(/^DIFFERS directory /m);
    expect(result.stdout).toMatch(/^equal {3}match-board /m);
  }, CLI_TIMEOUT_MS);

  it('verify: exits 1 and names the stream and revision of an event one byte of which was changed in the file', () => {
    const bytes = readFileSync(file);
    const at = bytes.indexOf('Tamper-Marker');
    expect(at).toBeGreaterThan(0);
    bytes[at] = 'X'.charCodeAt(0);
    writeFileSync(file, bytes);

    const result = audit(dataDir, 'verify');

    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({
      intact: false, streams: 3, events: 6, gaps: [], gapsChecked: true,
      broken: [{ streamId: newcomerStream(newcomerIds[1]), revision: 1, position: expect.any(Number), reason: 'hash-mismatch' }],
    });
    expect(JSON.parse(audit(dataDir, 'verify', '--stream', newcomerStream(newcomerIds[0])).stdout)).toMatchObject({ intact: true, streams: 1 });
  }, CLI_TIMEOUT_MS);

  it('verify: exits 1 when the log\'s newest event was deleted from the file, by the position SQLite handed out last', () => {
    const log = new Database(file);
    const last = log.prepare('SELECT MAX(position) FROM events').pluck().get() as number;
    log.prepare('DELETE FROM events WHERE position = ?').run(last);
    log.close();

    const result = audit(dataDir, 'verify');

    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({
      intact: false, events: 5, broken: [], gaps: [{ afterPosition: last - 1, position: last + 1 }], head: { position: last - 1 },
    });
  }, CLI_TIMEOUT_MS);

  it('the nightly verify of docs/operations.md, run by sh as cron would: keeps the anchor of an intact log and exits 0; exits 1 on a broken one and keeps no anchor of it', async () => {
    const operations = readFileSync(join(ROOT, 'docs', 'operations.md'), 'utf8');
    const block = /```bash\n(# nightly:[\s\S]*?)```/.exec(operations);
    expect(block).not.toBeNull();
    const own = mkdtempSync(join(tmpdir(), 'sleutel-audit-nightly-'));
    try {
      const ownLog = join(own, 'events.sqlite');
      await writeEvents(ownLog);
      const anchors = join(own, 'anchors.ndjson');
      const [nightlyPart, laterPart] = block![1].replaceAll('/var/log/sleutel-anchors.ndjson', anchors).split('# any time later');
      expect(nightlyPart).toContain(anchors);
      expect(laterPart).toContain(anchors);
      const run = (script: string): CliResult => {
        const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: own };
        delete env.EVENTSTORE_CONNECTION_STRING;
        delete env.REDIS_URL;
        const result = spawnSync('sh', ['-c', script], { cwd: ROOT, env, encoding: 'utf8', timeout: CLI_TIMEOUT_MS });
        return { status: result.status, stdout: result.stdout, stderr: result.stderr };
      };

      const intact = run(nightlyPart);
      expect(intact.status).toBe(0);
      const kept = readFileSync(anchors, 'utf8').split('\n').filter((line) => line !== '');
      expect(kept).toHaveLength(1);
      expect(JSON.parse(kept[0])).toMatchObject({ intact: true, head: { anchor: expect.stringMatching(/^\d+:[0-9a-f]{64}$/) } });
      // The block's second command checks the log against the anchor kept.
      const later = run(laterPart);
      expect(later.status).toBe(0);
      expect(JSON.parse(later.stdout)).toMatchObject({ intact: true });

      const bytes = readFileSync(ownLog);
      const at = bytes.indexOf('Tamper-Marker');
      expect(at).toBeGreaterThan(0);
      bytes[at] = 'X'.charCodeAt(0);
      writeFileSync(ownLog, bytes);

      const broken = run(nightlyPart);
      expect(broken.status).toBe(1);
      expect(broken.stderr).toContain('"intact":false');
      expect(readFileSync(anchors, 'utf8').split('\n').filter((line) => line !== '')).toEqual(kept);
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  }, 3 * CLI_TIMEOUT_MS);

  it.each([['verify'], ['export', '--out', 'never.ndjson'], ['replay']])(
    'audit %s: refuses a DATA_DIR that holds no event log, in one line naming it, and creates nothing there',
    (...args) => {
      const mistyped = join(dataDir, 'no-such-data-dir');
      const result = audit(mistyped, ...args.map((arg) => (arg === 'never.ndjson' ? join(dataDir, arg) : arg)));

      expect({ status: result.status, stdout: result.stdout }).toEqual({ status: 1, stdout: '' });
      expect(result.stderr.trim()).toBe(`audit: DATA_DIR ${mistyped} holds no event log (${join(mistyped, 'events.sqlite')}); nothing was checked`);
      expect(existsSync(mistyped)).toBe(false);
      expect(existsSync(join(dataDir, 'never.ndjson'))).toBe(false);
    },
    CLI_TIMEOUT_MS,
  );

  it('verify and export read the log alone: no read models, key store, master key or token secret are opened or made in DATA_DIR', async () => {
    const logOnly = mkdtempSync(join(tmpdir(), 'sleutel-audit-cli-log-only-'));
    try {
      await writeEvents(join(logOnly, 'events.sqlite'));
      expect(audit(logOnly, 'verify').status).toBe(0);
      expect(audit(logOnly, 'export', '--out', join(logOnly, 'all.ndjson')).status).toBe(0);
      expect(readdirSync(logOnly).sort()).toEqual(['all.ndjson', 'events.sqlite']);
    } finally {
      rmSync(logOnly, { recursive: true, force: true });
    }
  }, CLI_TIMEOUT_MS);

  it('replay: refuses read models of another version (another release\'s API runs on them) in one line, and leaves their tables as they are', async () => {
    const other = mkdtempSync(join(tmpdir(), 'sleutel-audit-cli-other-version-'));
    try {
      await writeEvents(join(other, 'events.sqlite'));
      const readModels = new Database(join(other, 'read-models.sqlite'));
      readModels.exec("CREATE TABLE directory (id TEXT PRIMARY KEY); INSERT INTO directory VALUES ('kept')");
      readModels.pragma('user_version = 99');
      readModels.close();

      const result = audit(other, 'replay');

      expect({ status: result.status, stdout: result.stdout }).toEqual({ status: 1, stdout: '' });
      expect(result.stderr.trim().split('\n')).toEqual([expect.stringContaining(`${join(other, 'read-models.sqlite')} holds read models of version 99`)]);
      const after = new Database(join(other, 'read-models.sqlite'), { readonly: true });
      expect({ version: after.pragma('user_version', { simple: true }), rows: after.prepare('SELECT id FROM directory').pluck().all() }).toEqual({ version: 99, rows: ['kept'] });
      after.close();
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  }, CLI_TIMEOUT_MS);
});
