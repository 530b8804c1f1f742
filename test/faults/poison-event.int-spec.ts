import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { chainHash, serialiseEvent } from '@sleutel/event-store';
import { ApiProcess } from '../support/api-process';
import { faultInstallation } from '../support/fault-installation';
import { keyPersonBody, newcomerBody } from '../support/bodies';
import { eventually } from '../support/eventually';

/**
 * A poison event: one this release cannot read, in the log it serves. Here a
 * `KeyPersonPaused` at a schema version newer than it knows, as a newer
 * release would write it (a rollback without the pre-upgrade backup), with a
 * valid link in its stream's hash chain. The read models, the candidate pool
 * and so the matcher stop at it for good; the log still takes intake. The
 * process must say so: `/health/ready` answers 503 naming the read models
 * (it answered 200 while the log grew behind them, until
 * `READY_MAX_LAG_EVENTS` events later), and the candidate pool logs its
 * failures (it said nothing).
 */
describe('fault: an event of a newer schema version in the log', () => {
  const { dataDir, env, token } = faultInstallation('poison', { HTTP_READ_YOUR_WRITES_TIMEOUT_MS: '200' });
  const intake = token('intake');
  const coordinator = token('coordinator');
  const apis: ApiProcess[] = [];

  afterAll(async () => {
    for (const api of apis) await api.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('says so on /health/ready (503 naming the read models) and in the log, and still takes intake', async () => {
    const first = await ApiProcess.start('api-1', env);
    apis.push(first);
    const registered = await first.request('POST', '/api/v1/key-persons', { token: coordinator, body: keyPersonBody() });
    expect(registered.status).toBe(201);
    const { id: keyPersonId } = (await registered.json()) as { id: string };
    await first.kill('SIGTERM');

    // Written while no process runs, straight into the file, as the newer release would have.
    const db = new Database(join(dataDir, 'events.sqlite'));
    const streamId = `key-person-${keyPersonId}`;
    const last = db.prepare('SELECT revision, hash FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1').get(streamId) as { revision: number; hash: string };
    const poison = {
      id: randomUUID(), type: 'KeyPersonPaused', schemaVersion: 99,
      data: { keyPersonId, pausedAt: new Date().toISOString(), reasonCode: 'from-a-newer-release' },
      metadata: { actor: { id: 'newer-release', role: 'coordinator' as const }, command: 'PauseKeyPerson', correlationId: randomUUID(), causationId: randomUUID(), occurredAt: new Date().toISOString(), source: 'api' as const },
    };
    const stored = serialiseEvent(poison);
    const revision = last.revision + 1;
    const { lastInsertRowid: poisonPosition } = db.prepare(`INSERT INTO events (stream_id, revision, event_id, type, schema_version, data, metadata, previous_hash, hash)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(streamId, revision, poison.id, poison.type, poison.schemaVersion, stored.data, stored.metadata, last.hash,
      chainHash(last.hash, streamId, revision, poison, stored));
    db.close();

    const second = await ApiProcess.launch('api-2', env);
    apis.push(second);
    // The log is the truth: intake goes on, whatever the read side can read.
    const accepted = await eventually(async () => {
      try {
        const response = await second.request('POST', '/api/v1/newcomers', { token: intake, body: newcomerBody(), headers: { 'Idempotency-Key': 'after-the-poison' } });
        return response.status === 201 ? response : undefined;
      } catch {
        return undefined; // not listening yet
      }
    }, { timeoutMs: 60_000, what: 'the registration after the poison event' });
    expect(accepted.status).toBe(201);

    const ready = await fetch(`${second.url}/health/ready`);
    const body = (await ready.json()) as { code?: string; detail?: string; checks?: Record<string, { status: string; message?: string; position?: number }> };
    expect({ status: ready.status, code: body.code, detail: body.detail }).toEqual({ status: 503, code: 'HEALTH.NOT_READY', detail: 'Not ready: projections.' });
    expect(ready.headers.get('retry-after')).toBe('5');
    expect(body.checks?.projections).toMatchObject({
      status: 'down', position: Number(poisonPosition) - 1, message: expect.stringContaining('UnknownSchemaVersionError'),
    });
    expect(body.checks?.eventStore.status).toBe('up');

    const warned = (context: string) => second.output.some((line) => line.includes(`"context":"${context}"`) && line.includes('UnknownSchemaVersionError'));
    await eventually(async () => warned('read-side') && warned('candidate-pool'), { timeoutMs: 15_000, what: 'warnings from the read side and the candidate pool' });
  }, 150_000);
});
