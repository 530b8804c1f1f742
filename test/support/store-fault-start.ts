import { EventStore } from '@sleutel/event-store';
import { ApiProcess } from './api-process';
import { keyPersonBody, newcomerBody } from './bodies';
import { waitForQuiet } from './matcher-quiet';
import { readOpenedLog } from './opened-log';

/**
 * How a store fault test starts: a wait for the real API's matcher to be
 * quiet, reading the log opened beside it, and a little state to change (a
 * key person and a newcomer, matched or deferred) with the newcomer's id and
 * ETag once the matcher has answered.
 */
export async function littleStateToChange(
  server: ApiProcess, log: EventStore, dataDir: string, tokens: { readonly coordinator: string; readonly intake: string },
): Promise<{ quietly: () => ReturnType<typeof waitForQuiet>; existingId: string; etag: string }> {
  const quietly = () => waitForQuiet(log, null, { quietForMs: 2_000, timeoutMs: 40_000, stuckAfterMs: 15_000, readLog: () => readOpenedLog(log, dataDir) });
  const keyPerson = await server.request('POST', '/api/v1/key-persons', {
    token: tokens.coordinator,
    body: keyPersonBody({ gender: 'female', languages: [{ code: 'apc', level: 'native' }], availability: { slots: [{ day: 'mon', start: '09:00', end: '12:00' }] } }),
  });
  expect(keyPerson.status).toBe(201);
  const existing = await server.request('POST', '/api/v1/newcomers', { token: tokens.intake, body: newcomerBody() });
  expect(existing.status).toBe(201);
  const { id: existingId } = (await existing.json()) as { id: string };
  expect((await quietly()).quiet).toBe(true);
  const etag = (await server.request('GET', `/api/v1/newcomers/${existingId}`, { token: tokens.intake })).headers.get('etag')!;
  return { quietly, existingId, etag };
}
