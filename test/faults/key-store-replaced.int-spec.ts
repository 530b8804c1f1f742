import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@sleutel/event-store';
import { ApiProcess } from '../support/api-process';
import { faultInstallation } from '../support/fault-installation';
import { newcomerBody } from '../support/bodies';

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
  const { dataDir, env, token } = faultInstallation('keys-gone');
  const saved = mkdtempSync(join(tmpdir(), 'sleutel-fault-keys-saved-'));
  const intake = token('intake');
  let api: ApiProcess | null = null;

  afterAll(async () => {
    await api?.kill();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(saved, { recursive: true, force: true });
  });

  const keyFiles = (dir: string) => readdirSync(dir).filter((name) => name.startsWith('keys.sqlite'));

  it('refuses to start, naming the key store, appends nothing, and starts again with the log\'s own key store', async () => {
    const first = (api = await ApiProcess.start('api', env));
    const registered = await first.request('POST', '/api/v1/newcomers', { token: intake, body: newcomerBody() });
    expect(registered.status).toBe(201);
    const { id } = (await registered.json()) as { id: string };
    await first.kill('SIGTERM');
    for (const name of keyFiles(dataDir)) {
      copyFileSync(join(dataDir, name), join(saved, name));
      rmSync(join(dataDir, name));
    }

    const withoutKeys = (api = await ApiProcess.launch('api', env));
    // Before: ready, with an empty key store made anew.
    expect(await withoutKeys.ready(60_000).then(() => 'ready', () => 'refused')).toBe('refused');
    expect((await withoutKeys.exited).code).not.toBe(0);
    expect(withoutKeys.tail(1000)).toMatch(/KeyStoreMismatchError.*personal data of newcomer [0-9a-f-]{36}, but the key store has no key for it/s);
    expect(withoutKeys.tail(1000)).toContain('Restore the key store the log was written with');
    const log = SqliteEventStore.open(join(dataDir, 'events.sqlite'));
    const events = (await log.readAll()).map((event) => event.type);
    await log.close();
    expect(events.filter((type) => type === 'NewcomerRegistered')).toHaveLength(1);

    // The log's own key store back: it starts, and the newcomer reads as registered.
    for (const name of keyFiles(dataDir)) rmSync(join(dataDir, name));
    for (const name of keyFiles(saved)) copyFileSync(join(saved, name), join(dataDir, name));
    expect(existsSync(join(dataDir, 'keys.sqlite'))).toBe(true);
    const restored = (api = await ApiProcess.start('api', env));
    const read = await restored.request('GET', `/api/v1/newcomers/${id}`, { token: intake });
    expect(read.status).toBe(200);
  }, 180_000);
});
