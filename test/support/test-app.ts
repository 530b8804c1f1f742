import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { Role, TokenService } from '@sleutel/auth';
import { EventStore } from '@sleutel/event-store';
import { EVENT_STORE } from '@sleutel/platform';
import request from 'supertest';
import { createApp } from '../../apps/api/src/create-app';

export interface TestApp {
  readonly app: INestApplication;
  readonly dataDir: string;
  readonly http: ReturnType<typeof request>;
  readonly store: EventStore;
  token(role: Role | Role[], options?: { sub?: string; municipalities?: string[] }): string;
  /** Number of events in the log: asserted before and after bad requests. */
  logLength(): Promise<number>;
  /** Stop the app, keeping DATA_DIR (for restart tests). */
  stop(): Promise<void>;
  /** Stop the app and remove DATA_DIR. */
  close(): Promise<void>;
}

/**
 * The real API (the same `createApp` that `npm start` runs) on a fresh SQLite
 * store in a temporary DATA_DIR, or on an existing one to test restarts.
 * The in-process matcher is off unless asked for, so intake tests can count
 * the events their requests append without the matcher's adding to them.
 * Rate limits are off unless set in `env`: tests that poll would otherwise
 * depend on how fast the machine is (test/security.e2e-spec.ts sets them).
 */
export async function startTestApp(options: { dataDir?: string; env?: Record<string, string>; matcher?: boolean } = {}): Promise<TestApp> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'sleutel-e2e-'));
  const saved = { ...process.env };
  delete process.env.EVENTSTORE_CONNECTION_STRING;
  delete process.env.REDIS_URL;
  Object.assign(process.env, {
    DATA_DIR: dataDir, MATCHER_IN_PROCESS: String(options.matcher ?? false), RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_PER_IP_PER_MINUTE: '0', ...options.env,
  });
  let app: INestApplication;
  try {
    app = await createApp({ logger: ['error', 'warn'] });
    await app.init();
  } finally {
    process.env = saved;
  }
  const tokens = app.get(TokenService);
  const store = app.get<EventStore>(EVENT_STORE);
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await app.close();
  };
  return {
    app,
    dataDir,
    http: request(app.getHttpServer()),
    store,
    token: (role, { sub = 'tester', municipalities } = {}) =>
      tokens.issue({ subject: sub, roles: Array.isArray(role) ? role : [role], municipalities, ttlSeconds: 600 }),
    logLength: async () => (await store.readAll()).length,
    stop,
    close: async () => {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
