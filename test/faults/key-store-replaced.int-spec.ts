import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@sleutel/event-store';
import { resolveMasterKey, SqliteKeyStore } from '@sleutel/privacy';
import { ApiProcess, inheritedEnv } from '../support/api-process';
import { faultInstallation } from '../support/fault-installation';
import { keyPersonBody, newcomerBody } from '../support/bodies';
import { eventually } from '../support/eventually';
import { cliSync } from '../support/server-command';

/** The key store's files in a folder: the database and its -wal and -shm. */
const keyFiles = (dir: string) => readdirSync(dir).filter((name) => name.startsWith('keys.sqlite'));

/** `npm run cli -- keys lost …` on the installation, as an operator runs it with the API stopped. */
function keysLostCli(env: Record<string, string>, ...args: string[]) {
  return cliSync(['keys', 'lost', ...args], { env: { ...inheritedEnv(), ...env } });
}

/**
 * A fault installation and a folder to keep key stores in, both removed
 * after the block, which kills the API it last started (`processes.api`).
 */
function keyStoreFault(name: string) {
  const installation = faultInstallation(name);
  const saved = mkdtempSync(join(tmpdir(), `sleutel-fault-${name}-saved-`));
  const processes: { api: ApiProcess | null } = { api: null };
  afterAll(async () => {
    await processes.api?.kill();
    rmSync(installation.dataDir, { recursive: true, force: true });
    rmSync(saved, { recursive: true, force: true });
  });
  return { ...installation, saved, processes };
}

/**
 * The embedded key store (DATA_DIR/keys.sqlite) deleted while the log stays,
 * as an operator restoring the log alone would leave it. The API used to make
 * a new empty key store and start: nobody's data could be read (500s), and
 * every newcomer registered from then on got a key in the new store, which
 * the old one, once restored, does not hold, so those registrations were lost
 * with the fix. It now refuses to start, naming the key store, until the
 * log's own is back.
 */
describe('fault: the key store deleted while the log stays', () => {
  const { dataDir, env, token, saved, processes } = keyStoreFault('keys-gone');
  const intake = token('intake');

  it('refuses to start, naming the key store, appends nothing, and starts again with the log\'s own key store', async () => {
    const first = (processes.api = await ApiProcess.start('api', env));
    const registered = await first.request('POST', '/api/v1/newcomers', { token: intake, body: newcomerBody() });
    expect(registered.status).toBe(201);
    const { id } = (await registered.json()) as { id: string };
    await first.kill('SIGTERM');
    for (const name of keyFiles(dataDir)) {
      copyFileSync(join(dataDir, name), join(saved, name));
      rmSync(join(dataDir, name));
    }

    const withoutKeys = (processes.api = await ApiProcess.launch('api', env));
    // Before: ready, with an empty key store made anew.
    expect(await withoutKeys.ready(60_000).then(() => 'ready', () => 'refused')).toBe('refused');
    expect((await withoutKeys.exited).code).not.toBe(0);
    expect(withoutKeys.tail(1000)).toMatch(/KeyStoreMismatchError.*personal data of newcomer [0-9a-f-]{36}, but the key store has no key for it/s);
    expect(withoutKeys.tail(1000)).toContain('Restore the key store the log was written with');
    const log = SqliteEventStore.open(join(dataDir, 'events.sqlite'));
    const events = (await log.readAll()).map((event) => event.type);
    await log.close();
    expect(events.filter((type) => type === 'NewcomerRegistered')).toHaveLength(1);

    // `keys lost` would take everyone for a person whose key was lost: it refuses without a key store, and with one that is not the log's.
    for (const name of keyFiles(dataDir)) rmSync(join(dataDir, name));
    const withoutFile = keysLostCli(env, '--record');
    expect(withoutFile.status).toBe(1);
    expect(withoutFile.stderr).toContain(`keys lost: there is no key store at ${join(dataDir, 'keys.sqlite')}`);
    expect(keyFiles(dataDir)).toEqual([]);
    const other = SqliteKeyStore.open(join(dataDir, 'keys.sqlite'), resolveMasterKey(undefined, dataDir));
    await other.close();
    const notTheLogs = keysLostCli(env, '--record');
    expect(notTheLogs.status).toBe(1);
    expect(notTheLogs.stderr).toContain("keys lost: this key store opens none of the log's first people");
    const after = SqliteEventStore.open(join(dataDir, 'events.sqlite'));
    expect((await after.readAll()).map((event) => event.type)).toEqual(events);
    await after.close();

    // The log's own key store back: it starts, and the newcomer reads as registered.
    for (const name of keyFiles(dataDir)) rmSync(join(dataDir, name));
    for (const name of keyFiles(saved)) copyFileSync(join(saved, name), join(dataDir, name));
    expect(existsSync(join(dataDir, 'keys.sqlite'))).toBe(true);
    const restored = (processes.api = await ApiProcess.start('api', env));
    const read = await restored.request('GET', `/api/v1/newcomers/${id}`, { token: intake });
    expect(read.status).toBe(200);
  }, 180_000);
});

/**
 * The key store restored from a backup taken before the last registrations,
 * beside a newer log: the API used to start (the log's first people open),
 * and the people registered after the backup answered 500
 * (`MissingDataKeyError`) for good. It now refuses to start, naming the
 * newest of them, until a key store at least as new as the log is back.
 * People erased after the backup are not among them: the start-up pass gives
 * them tombstones.
 */
describe('fault: the key store restored from a backup older than the last registrations', () => {
  const { dataDir, env, token, saved, processes } = keyStoreFault('keys-older');
  const intake = token('intake');
  const admin = token('admin');
  const eventIds = async () => {
    const log = SqliteEventStore.open(join(dataDir, 'events.sqlite'));
    try {
      return (await log.readAll()).map((event) => `${event.type} ${event.streamId}`);
    } finally {
      await log.close();
    }
  };

  it('refuses to start, naming the newest person without a key, appends nothing, and starts with a key store as new as the log', async () => {
    const first = (processes.api = await ApiProcess.start('api', env));
    const register = async () => {
      const registered = await first.request('POST', '/api/v1/newcomers', { token: intake, body: newcomerBody() });
      expect(registered.status).toBe(201);
      return ((await registered.json()) as { id: string }).id;
    };
    const early = [await register(), await register()];
    // Last night's backup, taken with SQLite's backup API while the API runs.
    const live = new Database(join(dataDir, 'keys.sqlite'), { readonly: true });
    await live.backup(join(saved, 'keys-backup.sqlite'));
    live.close();
    const [later, erasedLater] = [await register(), await register()];
    expect((await first.request('POST', '/api/v1/erasures', { token: admin, body: { subjectType: 'newcomer', subjectId: erasedLater } })).status).toBe(200);
    await first.kill('SIGTERM');
    // The log's own key store, kept aside; the backup in its place.
    mkdirSync(join(saved, 'own'));
    for (const name of keyFiles(dataDir)) {
      copyFileSync(join(dataDir, name), join(saved, 'own', name));
      rmSync(join(dataDir, name));
    }
    copyFileSync(join(saved, 'keys-backup.sqlite'), join(dataDir, 'keys.sqlite'));
    const before = await eventIds();

    const older = (processes.api = await ApiProcess.launch('api', env));
    // Before: ready, and the newcomer registered after the backup answered 500.
    expect(await older.ready(60_000).then(() => 'ready', () => 'refused')).toBe('refused');
    expect((await older.exited).code).not.toBe(0);
    const said = older.tail(1000);
    expect(said).toMatch(new RegExp(`KeyStoreOlderThanLogError.*personal data of newcomer ${later}, but the key store has no key for it`, 's'));
    expect(said).toContain('the key store looks older than the log (one person among those registered last has no key in it)');
    expect(said).toContain('Restore a key store at least as new as the log');
    // The person erased after the backup is not named: the start-up pass gave them a tombstone.
    expect(said).not.toContain(erasedLater);
    expect(await eventIds()).toEqual(before);

    // The log's own key store back (and what the refused start made in its place gone): it starts.
    for (const name of keyFiles(dataDir)) rmSync(join(dataDir, name));
    for (const name of keyFiles(join(saved, 'own'))) copyFileSync(join(saved, 'own', name), join(dataDir, name));
    const restored = (processes.api = await ApiProcess.start('api', env));
    for (const id of [...early, later]) expect((await restored.request('GET', `/api/v1/newcomers/${id}`, { token: intake })).status).toBe(200);
    expect((await restored.request('GET', `/api/v1/newcomers/${erasedLater}`, { token: intake })).status).toBe(410);
  }, 180_000);
});

/**
 * The same restore where no newer key store exists: the data of the people
 * registered after the backup is lost, and the processes refused to start
 * with no way out but deleting the log. `keys lost` lists those people (exit
 * 1), `--record` records each as erased with the basis `data-key-lost` (a
 * tombstone, then the erasure command, whose reactions withdraw their
 * proposals), and the API then starts, with everyone else readable.
 */
describe('fault: the key store restored from an older backup, with no newer one: keys lost', () => {
  const { dataDir, env, token, saved, processes } = keyStoreFault('keys-lost');
  const intake = token('intake');
  const coordinator = token('coordinator');
  const admin = token('admin');
  const keysLost = (...args: string[]) => keysLostCli(env, ...args);
  const events = async () => {
    const log = SqliteEventStore.open(join(dataDir, 'events.sqlite'));
    try {
      return await log.readAll();
    } finally {
      await log.close();
    }
  };

  it('lists the people without a key, records them as erased on --record (once), and the API starts', async () => {
    const first = (processes.api = await ApiProcess.start('api', env));
    const evenings = { slots: [{ day: 'wed', start: '18:00', end: '21:00' }] };
    const speaks = { languages: [{ code: 'tir', level: 'native' }], availability: evenings };
    const post = async (path: string, as: string, body: Record<string, unknown>) => {
      const answer = await first.request('POST', path, { token: as, body });
      expect(answer.status).toBe(201);
      return ((await answer.json()) as { id: string }).id;
    };
    const early = await post('/api/v1/newcomers', intake, newcomerBody());
    const earlyKeyPerson = await post('/api/v1/key-persons', coordinator, keyPersonBody({ ...speaks, capacity: 2 }));
    const live = new Database(join(dataDir, 'keys.sqlite'), { readonly: true });
    await live.backup(join(saved, 'keys-backup.sqlite'));
    live.close();
    const laterKeyPerson = await post('/api/v1/key-persons', coordinator, keyPersonBody());
    const later = await post('/api/v1/newcomers', intake, newcomerBody({
      ...speaks, preferences: { keyPersonGender: 'any', genderRequired: false, sameOrigin: 'no-preference', remoteOk: false },
    }));
    // A proposal to the newcomer registered after the backup, which their erasure must withdraw.
    const matchId = await eventually(async () => {
      const answer = await first.request('GET', `/api/v1/matches?newcomerId=${later}`, { token: coordinator });
      return ((await answer.json()) as { items: { id: string; keyPersonId: string }[] }).items.find((match) => match.keyPersonId === earlyKeyPerson)?.id;
    }, { what: 'the proposal to the later newcomer' });
    await first.kill('SIGTERM');
    for (const name of keyFiles(dataDir)) rmSync(join(dataDir, name));
    copyFileSync(join(saved, 'keys-backup.sqlite'), join(dataDir, 'keys.sqlite'));
    const before = (await events()).length;

    const listed = keysLost();
    expect(listed.stderr).toBe('');
    expect(listed.status).toBe(1);
    expect(listed.stdout).toMatch(new RegExp(`key-person ${laterKeyPerson} \\(registered at position \\d+; key missing\\)`));
    expect(listed.stdout).toMatch(new RegExp(`newcomer ${later} \\(registered at position \\d+; key missing\\)`));
    expect(listed.stdout).toContain('keys lost: 2 people whose personal data cannot be read');
    expect(listed.stdout).not.toContain(early);
    expect(listed.stdout).not.toContain(earlyKeyPerson);
    expect((await events()).length).toBe(before);

    // A --record stopped between the newcomer's tombstone and their erasure: the tombstone alone is found again.
    const keys = SqliteKeyStore.open(join(dataDir, 'keys.sqlite'), resolveMasterKey(undefined, dataDir));
    await keys.destroy({ type: 'newcomer', id: later });
    await keys.close();
    expect(keysLost().stdout).toMatch(new RegExp(`newcomer ${later} \\(registered at position \\d+; key destroyed, no erasure in the log\\)`));

    const recorded = keysLost('--record');
    expect(recorded.stderr).toBe('');
    expect(recorded.status).toBe(0);
    expect(recorded.stdout).toContain('keys lost: 2 people recorded as erased (basis data-key-lost), 2 erasure events appended');
    const erasures = (await events()).filter((event) => event.type === 'NewcomerErased' || event.type === 'KeyPersonErased');
    expect(erasures.map((event) => [event.type, event.data.basis, event.data.newcomerId ?? event.data.keyPersonId])).toEqual([
      ['KeyPersonErased', 'data-key-lost', laterKeyPerson],
      ['NewcomerErased', 'data-key-lost', later],
    ]);
    // Again: nobody is left without a key, and nothing is appended.
    const again = keysLost('--record');
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('every person registered in the log has a data key, or is erased');
    expect((await events()).length).toBe(before + 2);

    const restarted = (processes.api = await ApiProcess.start('api', env));
    expect((await restarted.request('GET', `/api/v1/newcomers/${early}`, { token: intake })).status).toBe(200);
    expect((await restarted.request('GET', `/api/v1/key-persons/${earlyKeyPerson}`, { token: coordinator })).status).toBe(200);
    expect((await restarted.request('GET', `/api/v1/newcomers/${later}`, { token: intake })).status).toBe(410);
    expect((await restarted.request('GET', `/api/v1/key-persons/${laterKeyPerson}`, { token: coordinator })).status).toBe(410);
    const match = await eventually(async () => {
      const body = (await (await restarted.request('GET', `/api/v1/matches/${matchId}`, { token: coordinator })).json()) as { status: string };
      return body.status === 'withdrawn' ? body : undefined;
    }, { what: 'the erased newcomer\'s proposal withdrawn' });
    expect(match.status).toBe('withdrawn');
    // The erasure asked again answers as recorded.
    const repeated = await restarted.request('POST', '/api/v1/erasures', { token: admin, body: { subjectType: 'newcomer', subjectId: later } });
    expect(repeated.status).toBe(200);
    expect(((await repeated.json()) as { basis: string }).basis).toBe('data-key-lost');
  }, 240_000);
});
