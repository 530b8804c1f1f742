import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ApiProcess } from '../support/api-process';
import { newcomerBody } from '../support/bodies';
import { eventually } from '../support/eventually';
import { faultInstallation } from '../support/fault-installation';
import { cliSync, CliResult } from '../support/server-command';

const FORGED_AT = '2026-12-01T03:00:00.000Z';

/** `npm run cli -- audit replay` in the installation's DATA_DIR, with the API stopped. */
function auditReplay(env: Record<string, string>): CliResult {
  const inherited: NodeJS.ProcessEnv = { ...process.env, ...env };
  delete inherited.EVENTSTORE_CONNECTION_STRING;
  delete inherited.REDIS_URL;
  return cliSync(['audit', 'replay'], { env: inherited });
}

/**
 * Someone with write access to DATA_DIR deletes a person's data key from
 * keys.sqlite and adds a tombstone, with no erasure in the log (a tamper
 * review). Every process then takes the person for erased, and `audit verify`,
 * which reads the log alone, says intact. Before, nothing said so; now every
 * process names the tombstone at start-up (an error line, ids only) and counts
 * it in `/metrics`, and the audit replay (API and CLI) names it, where the
 * projections, rebuilt under the forged key store, all compare equal. A person
 * erased through the API is not named.
 */
describe('fault: a tombstone added to the key store by hand, without an erasure', () => {
  const { dataDir, env, token } = faultInstallation('tombstone-forged');
  let api: ApiProcess | null = null;

  afterAll(async () => {
    await api?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is named at start-up, counted in /metrics and named by audit replay, while audit verify stays intact', async () => {
    const first = (api = await ApiProcess.start('api', env));
    const register = async (): Promise<string> => {
      const response = await first.request('POST', '/api/v1/newcomers', { token: token('intake'), body: newcomerBody() });
      expect(response.status).toBe(201);
      return ((await response.json()) as { id: string }).id;
    };
    const [victim, erased] = [await register(), await register()];
    const erasure = await first.request('POST', '/api/v1/erasures', { token: token('admin'), body: { subjectType: 'newcomer', subjectId: erased } });
    expect(erasure.status).toBe(200);
    await first.kill('SIGTERM');

    // The forgery, with the API stopped: the key gone, a tombstone in its place, nothing in the log.
    const keys = new Database(join(dataDir, 'keys.sqlite'));
    expect(keys.prepare("DELETE FROM data_keys WHERE subject_type = 'newcomer' AND subject_id = ?").run(victim).changes).toBe(1);
    keys.prepare("INSERT INTO erased_subjects (subject_type, subject_id, erased_at) VALUES ('newcomer', ?, ?)").run(victim, FORGED_AT);
    keys.close();
    // The read models go too (as an upgrade that rebuilds them would, or a forger covering their tracks): rebuilt from
    // the log under the forged key store, they agree with any replay, which then has no difference to show.
    for (const name of readdirSync(dataDir).filter((file) => file.startsWith('read-models.sqlite'))) rmSync(join(dataDir, name));

    const second = (api = await ApiProcess.start('api', env));
    const lines = second.output.map((line) => JSON.parse(line) as { level: string; context?: string; msg: string });
    const named = lines.filter((line) => line.msg.includes('no erasure'));
    expect(named).toEqual([{
      ...named[0], level: 'error', context: 'privacy',
      msg: expect.stringContaining(`tombstone for newcomer ${victim} (key destroyed at ${FORGED_AT}), but the log records no erasure of them`),
    }]);
    expect(second.output.join('\n')).not.toContain(erased);

    const metrics = await (await second.request('GET', '/metrics', { token: token('admin') })).text();
    expect(metrics).toMatch(/^sleutel_key_store_tombstones_without_erasure 1$/m);

    // The log alone is intact: the forgery is not in it.
    const verified = await second.request('GET', '/api/v1/audit/verify', { token: token('auditor') });
    expect(await verified.json()).toMatchObject({ intact: true });

    const started = await second.request('POST', '/api/v1/audit/replays', { token: token('auditor') });
    expect(started.status).toBe(202);
    const location = started.headers.get('location')!;
    const done = await eventually(async () => {
      const body = (await (await second.request('GET', location, { token: token('auditor') })).json()) as { status: string };
      return body.status === 'running' ? undefined : body;
    }, { what: 'the replay to finish', timeoutMs: 60_000 });
    expect(done).toMatchObject({
      status: 'done',
      projections: [{ name: 'directory', equal: true }, { name: 'match-board', equal: true }, { name: 'cohort-runs', equal: true }],
      tombstones: { tombstones: 2, withoutErasure: 1, subjects: [{ subjectType: 'newcomer', subjectId: victim, destroyedAt: FORGED_AT }] },
    });
    await second.kill('SIGTERM');

    const cli = auditReplay(env);
    expect(cli.stdout).toMatch(/^equal {3}directory /m);
    expect(cli.stdout).not.toContain('DIFFERS');
    expect(cli.status).toBe(1);
    expect(cli.stdout).toContain('key store: 2 tombstones, 1 without an erasure in the log\n');
    expect(cli.stdout).toContain(`NO ERASURE newcomer ${victim} key destroyed at ${FORGED_AT}\n`);
    expect(cli.stdout).not.toContain(erased);
  }, 240_000);
});
