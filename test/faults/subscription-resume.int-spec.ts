import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { TokenService } from '@sleutel/auth';
import { derivedId, KeyPersonCommand, keyPersonStream, newcomerStream, RegisterKeyPerson, RegisterNewcomer } from '@sleutel/domain';
import { SqliteEventStore } from '@sleutel/event-store';
import { CommandContext, CommandRunner, identityCodec } from '@sleutel/eventsourcing';
import { keyPersonAggregate, newcomerAggregate } from '@sleutel/platform';
import { projectedEventTypes } from '@sleutel/projections';
import { generateKeyPerson, generateNewcomer } from '@sleutel/seed';
import { ApiProcess } from '../support/api-process';
import { forEachBounded, invariantViolations, range, sleep, waitForQuiet } from '../support/matcher-quiet';
import { readOpenedLog } from '../support/opened-log';
import { SqliteLocker } from '../support/sqlite-locker';

/**
 * Issue 7, fault 5: the read side's subscription dropped mid-stream.
 *
 * A log of a few thousand events (registrations, and key persons paused and
 * resumed many times, so the directory's rows change under the stream) is
 * written first; then `npm start` follows it from position zero. While its
 * projections are still catching up, the process is killed with SIGKILL —
 * twice, each time at a checkpoint strictly inside the log — and started
 * again. The final process must resume from its checkpoint and end with read
 * models equal, by digest, to a replay of the whole log from zero (the
 * product's own `POST /audit/replays`): no event skipped (a gap) and none
 * applied so as to count twice (a repeat). Row counts and statuses are also
 * compared with the log folded by the domain, and SPEC §4 is checked on it.
 */
const SEED = 'fault-subscription';
const KEY_PERSONS = 80;
const NEWCOMERS = 300;
/** Pause and resume each key person this often: directory rows updated again and again along the stream. */
const TOGGLES = 30;
const KILLS = 2;
/** Registered while the read models are locked by another process. */
const LATE_NEWCOMERS = 20;
const READ_MODELS_LOCKED_MS = 11_000;
const MAX_CAPACITY = 3;

describe('fault: the read side subscription dropped mid-stream', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sleutel-fault-subscription-'));
  const secret = randomBytes(48).toString('base64');
  const masterKey = createHash('sha256').update(`sleutel test master key|${dataDir}`).digest('base64');
  const env = {
    DATA_DIR: dataDir, AUTH_JWT_SECRET: secret, PRIVACY_MASTER_KEY: masterKey, RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_PER_IP_PER_MINUTE: '0',
    EXPIRY_SWEEP_INTERVAL_MS: '2000',
  };
  const auditor = new TokenService({ secret, clockSkewSeconds: 30, maxTokenTtlSeconds: 86_400 }).issue({ subject: 'fault-auditor', roles: ['auditor'], ttlSeconds: 3_600 });
  const apis: ApiProcess[] = [];
  let store: SqliteEventStore | null = null;
  let locker: SqliteLocker | null = null;

  afterAll(async () => {
    await locker?.kill();
    for (const api of apis) await api.kill();
    await store?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('resumes from its checkpoint with no gap and no repeat: live read models equal a replay', async () => {
    const startedAt = Date.now();
    const log = (store = SqliteEventStore.open(join(dataDir, 'events.sqlite')));
    const runner = new CommandRunner(log, identityCodec);
    await writeHistory(runner);
    const written = (await log.headPosition())!;

    // 1. Killed twice while its projections are part way through the log.
    const kills: string[] = [];
    for (let kill = 0; kill < KILLS; kill++) {
      // Caught during start-up: the read side catches up before the server listens.
      const api = await ApiProcess.launch(`api-${kill}`, env);
      apis.push(api);
      const at = await killMidStream(api, log, dataDir);
      kills.push(`checkpoint ${at.checkpoint} of head ${at.head}`);
    }

    // 2. Started again: it resumes, catches up, and the matcher settles what the kills cut short.
    const api = await ApiProcess.start('api-final', env);
    apis.push(api);
    const settled = () => waitForQuiet(log, null, {
      quietForMs: 3_000, timeoutMs: 60_000, stuckAfterMs: 20_000,
      readLog: () => readOpenedLog(log, dataDir, env),
      alsoBusy: async () => {
        const [checkpoint, last] = [projectionsCheckpoint(dataDir), await lastProjected(log)];
        return checkpoint !== null && checkpoint >= last ? '' : `projections at ${checkpoint}, the last event they read at ${last}`;
      },
    });
    expect((await settled()).reason).toBe('quiet');

    // 3. Dropped inside the running process: another process holds the read models' write lock while
    //    newcomers arrive, longer than SQLite's busy timeout there (5 s) twice over, so applying an event
    //    fails and the subscription drops; it must subscribe again from its checkpoint once the lock is gone.
    const checkpointBefore = projectionsCheckpoint(dataDir);
    const lockedBy = (locker = await SqliteLocker.lock(join(dataDir, 'read-models.sqlite')));
    await forEachBounded(range(NEWCOMERS, NEWCOMERS + LATE_NEWCOMERS), 4, (index) => registerNewcomer(runner, index));
    await sleep(READ_MODELS_LOCKED_MS);
    const checkpointLocked = projectionsCheckpoint(dataDir);
    await lockedBy.release();
    const quiet = await settled();
    // The server's own last lines, should it not settle: what it did with the newcomers that arrived under the lock.
    expect(quiet.quiet ? 'quiet' : `${quiet.reason}\n${api.tail(120)}`).toBe('quiet');
    expect(checkpointLocked).toBe(checkpointBefore);

    // 4. The live read models against a replay of the whole log from zero.
    const started = await api.request('POST', '/api/v1/audit/replays', { token: auditor });
    expect(started.status).toBe(202);
    const location = started.headers.get('location')!;
    let replay: ReplayView;
    for (;;) {
      replay = (await (await api.request('GET', location, { token: auditor })).json()) as ReplayView;
      if (replay.status !== 'running') break;
      await sleep(200);
    }
    const rows = readModelRows(dataDir);
    const { audit } = quiet;
    console.log([
      `subscription dropped: ${written} events written first; SIGKILL at ${kills.join(', then at ')};`,
      `  read models locked for ${READ_MODELS_LOCKED_MS / 1000} s at checkpoint ${checkpointLocked} while ${LATE_NEWCOMERS} newcomers registered; final head ${await log.headPosition()}`,
      `  replay at ${replay.position} over ${replay.events} events: ${replay.projections.map((p) => `${p.name} ${p.equal ? 'equal' : 'DIFFERENT'} (${p.liveRows} rows)`).join(', ')}`,
      `  ${audit.events} events, ${audit.proposals} proposals, ${audit.deferralEvents} deferrals; ${((Date.now() - startedAt) / 1000).toFixed(1)} s`,
    ].join('\n'));
    expect(replay.status).toBe('done');
    expect(replay.projections.map(({ name, equal, firstDifference }) => ({ name, equal, firstDifference })))
      .toEqual([
        { name: 'directory', equal: true, firstDifference: null },
        { name: 'match-board', equal: true, firstDifference: null },
        { name: 'cohort-runs', equal: true, firstDifference: null },
      ]);

    // 5. Nothing missing or counted twice by the domain's own fold either, and SPEC §4 on the log.
    expect(rows.newcomers).toBe(NEWCOMERS + LATE_NEWCOMERS);
    expect(rows.keyPersons).toEqual({ count: KEY_PERSONS, active: [...audit.keyPersons.values()].filter((k) => k.status === 'active').length });
    expect(rows.matches).toBe(audit.matches.size);
    expect(rows.openMatchIds).toBe([...audit.newcomers.values()].filter((n) => n.openMatch !== null).length);
    expect(invariantViolations(audit)).toBe('');
  }, 150_000);

  const context = (step: string): CommandContext => ({
    actor: { id: 'test:fault-subscription', role: 'admin' },
    source: 'cli',
    correlationId: derivedId(`test:fault-subscription|${SEED}`),
    causationId: 'test:fault-subscription',
    commandId: derivedId(`test:fault-subscription|${step}`),
  });

  async function registerNewcomer(runner: CommandRunner, index: number): Promise<void> {
    const { id, profile } = generateNewcomer(SEED, index);
    await runner.run(newcomerAggregate, newcomerStream(id), (state, at): RegisterNewcomer[] =>
      state.status === 'unregistered' ? [{ type: 'RegisterNewcomer', data: { newcomerId: id, at, profile } }] : [],
    context(`register|${id}`));
  }

  async function writeHistory(runner: CommandRunner): Promise<void> {
    await forEachBounded(range(0, KEY_PERSONS), 8, async (index) => {
      const { id, profile } = generateKeyPerson(SEED, index);
      await runner.run(keyPersonAggregate, keyPersonStream(id), (state, at): RegisterKeyPerson[] =>
        state.status === 'unregistered' ? [{ type: 'RegisterKeyPerson', data: { keyPersonId: id, at, profile: { ...profile, capacity: Math.min(profile.capacity, MAX_CAPACITY) } } }] : [],
      context(`register|${id}`));
    });
    await forEachBounded(range(0, NEWCOMERS), 8, (index) => registerNewcomer(runner, index));
    // Key persons paused and resumed; every third one left paused at the end.
    await forEachBounded(range(0, KEY_PERSONS), 8, async (index) => {
      const { id } = generateKeyPerson(SEED, index);
      const steps = TOGGLES * 2 - (index % 3 === 0 ? 1 : 0);
      for (let step = 0; step < steps; step++) {
        await runner.run(keyPersonAggregate, keyPersonStream(id), (_, at): KeyPersonCommand[] => [
          step % 2 === 0 ? { type: 'PauseKeyPerson', data: { keyPersonId: id, at, reason: null } } : { type: 'ResumeKeyPerson', data: { keyPersonId: id, at } },
        ], context(`toggle|${id}|${step}`));
      }
    });
  }
});

/** What `GET /audit/replays/{id}` answers, as far as read here. */
interface ReplayView {
  readonly status: string;
  readonly position: number;
  readonly events: number;
  readonly projections: readonly { name: string; equal: boolean; liveRows: number; rebuiltRows: number; firstDifference: unknown }[];
}

/** Freezes the API the moment its projections are part way through the log, and kills it there. */
async function killMidStream(api: ApiProcess, log: SqliteEventStore, dataDir: string): Promise<{ checkpoint: number; head: number }> {
  const deadline = Date.now() + 30_000;
  // Aimed at half of what is left: the next start still has a good part of the log to do.
  const after = projectionsCheckpoint(dataDir) ?? 0;
  const head = await lastProjected(log);
  const aim = after + Math.floor((head - after) / 2);
  for (;;) {
    if (Date.now() > deadline) throw new Error(`The projections never were part way through the log:\n${api.tail()}`);
    const checkpoint = projectionsCheckpoint(dataDir);
    if (checkpoint !== null && checkpoint >= aim) {
      api.signal('SIGSTOP');
      const frozenAt = projectionsCheckpoint(dataDir) ?? checkpoint;
      await api.kill('SIGKILL');
      if (frozenAt >= head) throw new Error(`The projections caught up (${frozenAt} of ${head}) before they could be killed mid-stream`);
      return { checkpoint: frozenAt, head };
    }
    await sleep(2);
  }
}

/** Position of the last event the projections read: once the checkpoint is there, they have caught up (later events are not theirs). */
async function lastProjected(log: SqliteEventStore): Promise<number> {
  const events = await log.readAll({ filter: { eventTypes: projectedEventTypes() } });
  return events.length === 0 ? 0 : events[events.length - 1].position;
}

/** The position the read side's checkpoint names (null before it saved one), read from another connection. */
function projectionsCheckpoint(dataDir: string): number | null {
  const file = join(dataDir, 'read-models.sqlite');
  if (!existsSync(file)) return null;
  const db = new Database(file, { readonly: true, fileMustExist: true, timeout: 1_000 });
  try {
    const row = db.prepare("SELECT position FROM subscriber_checkpoints WHERE subscriber = 'projections'").get() as { position: number } | undefined;
    return row?.position ?? null;
  } catch {
    return null; // not created yet
  } finally {
    db.close();
  }
}

function readModelRows(dataDir: string): { newcomers: number; keyPersons: { count: number; active: number }; matches: number; openMatchIds: number } {
  const db = new Database(join(dataDir, 'read-models.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const count = (sql: string): number => (db.prepare(sql).pluck().get() as number);
    return {
      newcomers: count("SELECT count(*) FROM directory WHERE kind = 'newcomer'"),
      keyPersons: {
        count: count("SELECT count(*) FROM directory WHERE kind = 'key-person'"),
        active: count("SELECT count(*) FROM directory WHERE kind = 'key-person' AND status = 'active'"),
      },
      matches: count('SELECT count(*) FROM match_board'),
      openMatchIds: count("SELECT count(*) FROM directory WHERE kind = 'newcomer' AND open_match_id IS NOT NULL"),
    };
  } finally {
    db.close();
  }
}
