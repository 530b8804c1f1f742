/**
 * A log of meaningful size for `reads.bench.ts`, built through the real API
 * process in this one (the same `createApp` as `npm start`, the in-process
 * matcher, SQLite in a temporary DATA_DIR). In cohort mode, so that the
 * matcher proposes only when asked and a freed place sets off no retry of
 * every waiting newcomer: key persons and newcomers from the seed generator
 * registered through the command runner, as `npm run cli -- seed` does; then
 * rounds in which a slice of the newcomers is asked a match for over HTTP
 * (on-demand proposals, with their explanations) and every proposal is
 * rejected by a coordinator (freeing the place, so the next round's newcomer
 * gets another key person), but for the last round's; then every key
 * person paused, and cohort runs over everyone still waiting, whose solution
 * pages hold a row per newcomer and who are all left out (proposing a run's
 * pairs is not what is measured here: `cohort-run-at-scale.bench.ts` does).
 */
import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { TokenService } from '@sleutel/auth';
import { keyPersonStream, newcomerStream, RegisterKeyPerson, RegisterNewcomer } from '@sleutel/domain';
import { EventStore } from '@sleutel/event-store';
import { CommandContext, CommandRunner } from '@sleutel/eventsourcing';
import { EVENT_STORE, keyPersonAggregate, newcomerAggregate } from '@sleutel/platform';
import { generateKeyPerson, generateNewcomer } from '@sleutel/seed';
import { createApp } from '../../apps/api/src/create-app';
import { inParallel } from '../matcher/people';

export const READS_SEED = 'bench-reads';

export interface ReadsApp {
  readonly app: INestApplication;
  readonly base: string;
  readonly store: EventStore;
  token(role: 'coordinator' | 'auditor' | 'admin' | 'intake'): string;
  get(path: string, token: string): Promise<{ status: number; body: string }>;
  post(path: string, token: string, body: unknown): Promise<{ status: number; body: string }>;
}

/** The API on `dataDir`, listening on a free port of 127.0.0.1. */
export async function startReadsApp(dataDir: string): Promise<ReadsApp> {
  const saved = { ...process.env };
  delete process.env.EVENTSTORE_CONNECTION_STRING;
  delete process.env.REDIS_URL;
  Object.assign(process.env, {
    DATA_DIR: dataDir, MATCHER_IN_PROCESS: 'true', MATCHING_MODE: 'cohort', RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_PER_IP_PER_MINUTE: '0',
  });
  let app: INestApplication;
  try {
    app = await createApp({ logger: ['error'] });
    await app.listen(0, '127.0.0.1');
  } finally {
    process.env = saved;
  }
  // Longer than the client's own idle timeout (undici: 4 s), so that the server never closes a kept-alive
  // connection just as the client sends on it (ECONNRESET halfway through a long build).
  const server = app.getHttpServer() as { keepAliveTimeout: number; address(): { port: number } };
  server.keepAliveTimeout = 65_000;
  const address = server.address();
  const base = `http://127.0.0.1:${address.port}`;
  const tokens = app.get(TokenService);
  const request = async (method: string, path: string, token: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.text() };
  };
  return {
    app,
    base,
    store: app.get<EventStore>(EVENT_STORE),
    token: (role) => tokens.issue({ subject: `bench-${role}`, roles: [role], ttlSeconds: 86_400 }),
    get: (path, token) => request('GET', path, token),
    post: (path, token, body) => request('POST', path, token, body),
  };
}

function context(): CommandContext {
  const id = randomUUID();
  return { actor: { id: 'cli:seed', role: 'admin' }, source: 'cli', correlationId: id, causationId: 'cli:seed', commandId: id };
}

export interface LogShape {
  readonly newcomers: number;
  readonly keyPersons: number;
  /** Rounds of match requests, each answered and then rejected. */
  readonly rounds: number;
  /** Newcomers asked a match for per round. */
  readonly requestsPerRound: number;
  readonly cohortRuns: number;
}

export interface BuiltLog {
  readonly events: number;
  readonly matches: number;
  readonly seconds: number;
  readonly steps: readonly string[];
}

/** Builds the log through `reads`; answers what it holds. */
export async function buildReadsLog(reads: ReadsApp, shape: LogShape, say: (line: string) => void): Promise<BuiltLog> {
  const started = performance.now();
  const steps: string[] = [];
  const step = async (what: string, work: () => Promise<unknown>) => {
    const at = performance.now();
    await work();
    const line = `${what}: ${((performance.now() - at) / 1000).toFixed(1)} s, head ${(await reads.store.headPosition())?.toLocaleString('en-US')}`;
    steps.push(line);
    say(line);
  };
  const runner = reads.app.get(CommandRunner);
  const coordinator = reads.token('coordinator');

  await step(`${shape.keyPersons} key persons registered`, () => inParallel(range(shape.keyPersons), 16, async (index) => {
    const { id, profile } = generateKeyPerson(READS_SEED, index);
    await runner.run(keyPersonAggregate, keyPersonStream(id), (): RegisterKeyPerson[] => [{ type: 'RegisterKeyPerson', data: { keyPersonId: id, at: new Date().toISOString(), profile } }], context());
  }));
  const newcomerIds: string[] = [];
  await step(`${shape.newcomers} newcomers registered`, () => inParallel(range(shape.newcomers), 16, async (index) => {
    const { id, profile } = generateNewcomer(READS_SEED, index);
    newcomerIds.push(id);
    await runner.run(newcomerAggregate, newcomerStream(id), (): RegisterNewcomer[] => [{ type: 'RegisterNewcomer', data: { newcomerId: id, at: new Date().toISOString(), profile } }], context());
  }));
  const intake = reads.token('intake');
  for (let round = 0; round < shape.rounds; round++) {
    const asked = range(shape.requestsPerRound).map((index) => newcomerIds[(round * shape.requestsPerRound + index) % newcomerIds.length]);
    await step(`round ${round + 1}: ${asked.length} match requests answered${round === shape.rounds - 1 ? '' : ', every proposal rejected'}`, async () => {
      await inParallel(asked, 16, async (id) => {
        await expectOk(reads.post(`/api/v1/newcomers/${id}/match-requests`, intake, {}));
      });
      await quiet(reads.store);
      // The last round's proposals stay open, as on a working day.
      if (round === shape.rounds - 1) return;
      await inParallel(await openProposals(reads, coordinator), 16, async (id) => {
        await decided(reads.post(`/api/v1/matches/${id}/reject`, coordinator, { reason: 'Bench: another key person, please' }));
      });
      await quiet(reads.store);
    });
  }
  if (shape.cohortRuns > 0) {
    // Every key person paused: the runs then leave everyone out (their pages hold a row for each), and propose nothing.
    await step(`${shape.keyPersons} key persons paused`, () => inParallel(range(shape.keyPersons), 16, async (index) => {
      await expectOk(reads.post(`/api/v1/key-persons/${generateKeyPerson(READS_SEED, index).id}/pause`, coordinator, {}));
    }));
  }
  for (let run = 1; run <= shape.cohortRuns; run++) {
    await step(`cohort run ${run}`, async () => {
      const started = JSON.parse((await expectOk(reads.post('/api/v1/cohort-runs', coordinator, {}))).body) as { id: string };
      for (;;) {
        const state = JSON.parse((await expectOk(reads.get(`/api/v1/cohort-runs/${started.id}`, coordinator))).body) as { status: string };
        if (state.status !== 'running') break;
        await sleep(500);
      }
      await quiet(reads.store);
    });
  }
  const events = (await reads.store.headPosition()) ?? 0;
  const matches = (await reads.store.readAll({ filter: { eventTypes: ['MatchProposed'] } })).length;
  return { events, matches, seconds: (performance.now() - started) / 1000, steps };
}

/** Every proposal still awaiting a coordinator, read page by page from the match board. */
async function openProposals(reads: ReadsApp, token: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor === null ? '' : `&cursor=${cursor}`;
    const page = JSON.parse((await expectOk(reads.get(`/api/v1/matches?status=proposed&limit=100${query}`, token))).body) as { items: { id: string }[]; nextCursor: string | null };
    ids.push(...page.items.map((item) => item.id));
    cursor = page.nextCursor;
  } while (cursor !== null);
  return ids;
}

/** Until the log has not grown for 2 s: the matcher has answered whatever it was given. */
export async function quiet(store: EventStore, forMs = 2000): Promise<void> {
  let head = await store.headPosition();
  let since = Date.now();
  while (Date.now() - since < forMs) {
    await sleep(250);
    const next = await store.headPosition();
    if (next !== head) {
      head = next;
      since = Date.now();
    }
  }
}

/** True when recorded; false for a 409 (the match moved on meanwhile). */
async function decided(answer: Promise<{ status: number; body: string }>): Promise<boolean> {
  const response = await answer;
  if (response.status === 409) return false;
  if (response.status >= 300) throw new Error(`Unexpected ${response.status}: ${response.body.slice(0, 300)}`);
  return true;
}

async function expectOk(answer: Promise<{ status: number; body: string }>): Promise<{ status: number; body: string }> {
  const response = await answer;
  if (response.status >= 300) throw new Error(`Unexpected ${response.status}: ${response.body.slice(0, 300)}`);
  return response;
}

const range = (count: number): number[] => Array.from({ length: count }, (_, index) => index);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
