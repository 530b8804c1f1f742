import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { JwtService } from '@nestjs/jwt';
import { Response } from 'supertest';
import { keyPersonBody, newcomerBody } from './support/bodies';
import { eventually } from './support/eventually';
import { startTestApp, TestApp } from './support/test-app';

/**
 * SPEC §9 as an outside team reads it: only the paths, methods, roles, bodies,
 * headers and answer shapes the spec names, with tokens signed by the client
 * itself (HS256, claims `sub` and `roles`) with the configured secret.
 */
const SECRET = 'spec-contract-secret-of-at-least-32-characters';
const ROOT = resolve(__dirname, '..');
const CLI_TIMEOUT_MS = 120_000;
const jwt = new JwtService({ secret: SECRET });
type Role = 'intake' | 'coordinator' | 'auditor' | 'admin';
/** Only the claims §9 names; the library adds `iat`, as JWT libraries do by default. */
const as = (role: Role, sub = `spec-${role}`) => ({ Authorization: `Bearer ${jwt.sign({ sub, roles: [role] }, { algorithm: 'HS256' })}` });

type Match = {
  id: string; newcomerId: string; keyPersonId: string; status: string; score: number; policyVersion: number; proposedAt: string;
  explanation: { components: { name: string; raw: unknown; weight: number; contribution: number }[]; excluded: Record<string, number>; considered: number; alternatives: { keyPersonId: string; score: number }[] };
};
type AuditEvent = { position: number; streamId: string; revision: number; id: string; type: string; schemaVersion: number; data: unknown; metadata: unknown };

/** An RFC 9457 problem. */
function expectProblem(response: Response, status: number): void {
  expect({ status: response.status, type: response.headers['content-type'] }).toEqual({ status, type: expect.stringMatching(/^application\/problem\+json/) });
  expect(response.body).toMatchObject({ type: expect.any(String), title: expect.any(String), status });
}
/** Status and body together, so a failure shows what the API answered. */
const answer = (response: Response) => ({ status: response.status, body: response.body });
const ETAG_OF = (revision: number) => new RegExp(`^(W/)?"${revision}"$`);

describe('SPEC §9: the API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { AUTH_JWT_SECRET: SECRET } });
  });
  afterAll(() => t.close());

  const register = async (body = newcomerBody()) => (await t.http.post('/api/v1/newcomers').set(as('intake')).send(body).expect(201)).body.id as string;
  const registerKeyPerson = async (body = keyPersonBody()) => (await t.http.post('/api/v1/key-persons').set(as('coordinator')).send(body).expect(201)).body.id as string;
  async function allEvents(): Promise<AuditEvent[]> {
    const events: AuditEvent[] = [];
    let cursor: string | null = null;
    do {
      const page: Response = await t.http.get(`/api/v1/audit/events?limit=1000${cursor === null ? '' : `&after=${cursor}`}`).set(as('auditor')).expect(200);
      events.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor !== null);
    return events;
  }

  describe('operations', () => {
    it('serves /health/live, /health/ready, /metrics as Prometheus text and /docs-json', async () => {
      await t.http.get('/health/live').expect(200);
      await t.http.get('/health/ready').expect(200);
      const metrics = await t.http.get('/metrics').set(as('admin')).expect(200);
      expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
      expect(metrics.text).toMatch(/^# TYPE \w+ (counter|gauge|histogram|summary)$/m);
      const doc = await t.http.get('/docs-json').expect(200);
      expect(doc.body.openapi).toMatch(/^3\./);
    });

    it('documents every HTTP row of §9 in the OpenAPI document', async () => {
      const rows = [
        'post /newcomers', 'get /newcomers', 'get /newcomers/{id}', 'patch /newcomers/{id}', 'post /newcomers/{id}/withdraw', 'post /newcomers/{id}/match-requests',
        'post /key-persons', 'get /key-persons', 'get /key-persons/{id}', 'patch /key-persons/{id}', 'post /key-persons/{id}/pause', 'post /key-persons/{id}/resume', 'post /key-persons/{id}/retire',
        'get /matches', 'get /matches/{id}', 'post /matches/{id}/accept', 'post /matches/{id}/decline', 'post /matches/{id}/end', 'post /cohort-runs', 'get /cohort-runs/{id}',
        'get /audit/events', 'get /audit/trails/{newcomers|key-persons|matches}/{id}', 'get /audit/matches/{id}/explanation', 'get /audit/{newcomers|key-persons}/{id}',
        'post /audit/replays', 'get /audit/replays/{id}', 'get /audit/verify', 'get /policy', 'put /policy', 'post /erasures',
      ];
      const { paths } = (await t.http.get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
      const documented = Object.entries(paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method} ${path}`));
      for (const row of rows) {
        const pattern = new RegExp(`^${row.replace(/\{([^}]+)\}/g, (_, inner: string) => (inner.includes('|') ? `(${inner}|\\{[^}]+\\})` : '\\{[^}]+\\}')).replace(' /', ' /api/v1/')}$`);
        expect({ row, documented: documented.some((operation) => pattern.test(operation)) }).toEqual({ row, documented: true });
      }
    });
  });

  describe('auth and errors', () => {
    it('answers 401 problem+json without a bearer token', async () => {
      expectProblem(await t.http.get('/api/v1/newcomers'), 401);
    });

    it('accepts an HS256 token with sub and roles signed with the configured secret, and keeps each role to its rows', async () => {
      await t.http.get('/api/v1/newcomers').set(as('intake')).expect(200);
      expectProblem(await t.http.post('/api/v1/newcomers').set(as('auditor')).send(newcomerBody()), 403);
      expectProblem(await t.http.put('/api/v1/policy').set(as('intake')).send({}), 403);
    });

    it('refuses bad input with a 4xx problem+json whose errors [{field, rule, message}] name the field, and registers nothing', async () => {
      const bad = { languages: [{ code: 'qqq', level: 'native' }], needs: [{ topic: 'astrology', priority: 1 }], birthYear: 'ninety' };
      for (const [field, value] of Object.entries(bad)) {
        const response = await t.http.post('/api/v1/newcomers').set(as('intake')).send(newcomerBody({ municipality: 'GM0599', postcodeArea: '3011', [field]: value }));
        expect({ field, clientError: response.status >= 400 && response.status < 500 }).toEqual({ field, clientError: true });
        expectProblem(response, response.status);
        expect(response.body.errors.length).toBeGreaterThan(0);
        for (const error of response.body.errors) expect(error).toEqual({ field: expect.stringMatching(new RegExp(`^${field}`)), rule: expect.any(String), message: expect.any(String) });
      }
      expect((await t.http.get('/api/v1/newcomers?municipality=GM0599').set(as('intake')).expect(200)).body.items).toEqual([]);
    });
  });

  describe('newcomers', () => {
    it('POST registers the §9 body: 201, Location, {id, revision}; the same Idempotency-Key answers the same', async () => {
      const first = await t.http.post('/api/v1/newcomers').set(as('intake')).set('Idempotency-Key', 'spec-form-1').send(newcomerBody()).expect(201);
      expect(first.body).toEqual({ id: expect.any(String), revision: expect.any(Number) });
      expect(first.headers.location).toMatch(new RegExp(`/newcomers/${first.body.id}$`));
      const again = await t.http.post('/api/v1/newcomers').set(as('intake')).set('Idempotency-Key', 'spec-form-1').send(newcomerBody()).expect(201);
      expect(again.body).toEqual(first.body);
    });

    it('GET returns the same fields plus id, status, revision, registeredAt; the ETag is the revision', async () => {
      const id = await register();
      for (const role of ['intake', 'coordinator'] as const) {
        const response = await t.http.get(`/api/v1/newcomers/${id}`).set(as(role)).expect(200);
        expect(response.body).toMatchObject({ ...newcomerBody(), id, status: expect.any(String), revision: expect.any(Number) });
        expect(Date.parse(response.body.registeredAt)).not.toBeNaN();
        expect(response.headers.etag).toMatch(ETAG_OF(response.body.revision));
      }
    });

    it('lists by status and municipality as {items, nextCursor}, page by page', async () => {
      const ids = [await register(newcomerBody({ municipality: 'GM0363', postcodeArea: '1011' })), await register(newcomerBody({ municipality: 'GM0363', postcodeArea: '1012' }))];
      const seen: { id: string; municipality: string; status: string }[] = [];
      let cursor: string | null = null;
      do {
        const page: Response = await t.http.get(`/api/v1/newcomers?status=active&municipality=GM0363&limit=1${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`).set(as('coordinator')).expect(200);
        expect(Object.keys(page.body).sort()).toEqual(['items', 'nextCursor']);
        expect(page.body.nextCursor === null || typeof page.body.nextCursor === 'string').toBe(true);
        expect(page.body.items.length).toBeLessThanOrEqual(1);
        seen.push(...page.body.items);
        cursor = page.body.nextCursor;
      } while (cursor !== null);
      expect(seen.map((n) => n.id).sort()).toEqual([...ids].sort());
      expect(seen.every((n) => n.municipality === 'GM0363' && n.status === 'active')).toBe(true);
    });

    it('PATCH needs If-Match: 428 without, 412 when stale, 200 with the current one', async () => {
      const id = await register();
      const path = `/api/v1/newcomers/${id}`;
      expectProblem(await t.http.patch(path).set(as('intake')).send({ notes: 'Afternoons now.' }), 428);
      const { etag } = (await t.http.get(path).set(as('intake')).expect(200)).headers;
      const changed = await t.http.patch(path).set(as('intake')).set('If-Match', etag).send({ notes: 'Afternoons now.', postcodeArea: '3512' }).expect(200);
      expectProblem(await t.http.patch(path).set(as('intake')).set('If-Match', etag).send({ notes: 'Evenings.' }), 412);
      expect(changed.headers.etag).not.toBe(etag);
      expect((await t.http.get(path).set(as('coordinator')).expect(200)).body).toMatchObject({ notes: 'Afternoons now.', postcodeArea: '3512', displayName: 'Amal Haddad' });
    });

    it('POST withdraw stops matching: the status is withdrawn', async () => {
      const id = await register();
      expect((await t.http.post(`/api/v1/newcomers/${id}/withdraw`).set(as('intake'))).status).toBeLessThan(300);
      expect((await t.http.get(`/api/v1/newcomers/${id}`).set(as('intake')).expect(200)).body.status).toBe('withdrawn');
    });
  });

  describe('key persons', () => {
    it('POST registers the §9 body; GET returns it with id, status and the ETag; PATCH needs If-Match', async () => {
      const created = await t.http.post('/api/v1/key-persons').set(as('coordinator')).send(keyPersonBody()).expect(201);
      expect(created.body).toEqual({ id: expect.any(String), revision: expect.any(Number) });
      expect(created.headers.location).toMatch(new RegExp(`/key-persons/${created.body.id}$`));
      const path = `/api/v1/key-persons/${created.body.id}`;
      const read = await t.http.get(path).set(as('coordinator')).expect(200);
      expect(read.body).toMatchObject({ ...keyPersonBody(), id: created.body.id, status: 'active', revision: expect.any(Number) });
      expect(read.headers.etag).toMatch(ETAG_OF(read.body.revision));
      expectProblem(await t.http.patch(path).set(as('coordinator')).send({ capacity: 2 }), 428);
      await t.http.patch(path).set(as('coordinator')).set('If-Match', read.headers.etag).send({ capacity: 2 }).expect(200);
      expect((await t.http.get(path).set(as('coordinator')).expect(200)).body.capacity).toBe(2);
    });

    it('lists by status, municipality and language', async () => {
      const id = await registerKeyPerson();
      const list = async (query: string) => (await t.http.get(`/api/v1/key-persons?${query}&limit=100`).set(as('coordinator')).expect(200)).body;
      const found = await list('status=active&municipality=GM0344&language=tir');
      expect(found).toEqual({ items: expect.any(Array), nextCursor: null });
      expect(found.items.map((k: { id: string }) => k.id)).toContain(id);
      expect((await list('language=prs')).items.map((k: { id: string }) => k.id)).not.toContain(id);
      expect((await list('status=paused')).items.map((k: { id: string }) => k.id)).not.toContain(id);
    });

    it('pause, resume and retire set the status', async () => {
      const id = await registerKeyPerson();
      for (const [action, status] of [['pause', 'paused'], ['resume', 'active'], ['retire', 'retired']]) {
        expect((await t.http.post(`/api/v1/key-persons/${id}/${action}`).set(as('coordinator'))).status).toBeLessThan(300);
        expect({ action, status: (await t.http.get(`/api/v1/key-persons/${id}`).set(as('coordinator')).expect(200)).body.status }).toEqual({ action, status });
      }
    });
  });

  describe('policy and erasure', () => {
    it('GET /policy for coordinators and auditors; PUT by an admin, as read with one weight changed, raises the version', async () => {
      const read = await t.http.get('/api/v1/policy').set(as('coordinator')).expect(200);
      expect((await t.http.get('/api/v1/policy').set(as('auditor')).expect(200)).body).toEqual(read.body);
      const policy = structuredClone(read.body.policy);
      policy.weights.expertise += 5;
      const put = await t.http.put('/api/v1/policy').set(as('admin')).send(policy);
      expect(answer(put)).toMatchObject({ status: 200, body: { version: read.body.version + 1 } });
      const after = await t.http.get('/api/v1/policy').set(as('auditor')).expect(200);
      expect(after.body).toMatchObject({ version: read.body.version + 1, policy: { weights: { expertise: policy.weights.expertise } } });
    });

    it('POST /erasures takes {subjectType, subjectId}; afterwards GET of the subject answers 410 Gone', async () => {
      const newcomer = await register();
      const keyPerson = await registerKeyPerson();
      for (const [subjectType, subjectId, path] of [['newcomer', newcomer, `/api/v1/newcomers/${newcomer}`], ['key-person', keyPerson, `/api/v1/key-persons/${keyPerson}`]]) {
        expect((await t.http.post('/api/v1/erasures').set(as('admin')).send({ subjectType, subjectId })).status).toBeLessThan(300);
        expectProblem(await t.http.get(path).set(as('coordinator')), 410);
      }
    });
  });

  describe('audit', () => {
    it('GET /audit/events gives the log in order, in the §9 event shape, paged with after and limit', async () => {
      await register();
      const first = await t.http.get('/api/v1/audit/events?limit=2').set(as('auditor')).expect(200);
      expect(first.body).toEqual({ items: expect.any(Array), nextCursor: expect.any(String) });
      expect(first.body.items).toHaveLength(2);
      for (const event of first.body.items) {
        expect(Object.keys(event)).toEqual(expect.arrayContaining(['position', 'streamId', 'revision', 'id', 'type', 'schemaVersion', 'data', 'metadata']));
        expect(event).toMatchObject({ position: expect.any(Number), streamId: expect.any(String), revision: expect.any(Number), id: expect.any(String), type: expect.any(String), schemaVersion: expect.any(Number) });
      }
      const next = await t.http.get(`/api/v1/audit/events?after=${first.body.nextCursor}&limit=2`).set(as('auditor')).expect(200);
      expect(next.body.items[0].position).toBeGreaterThan(first.body.items[1].position);
    });

    it('gives a subject\'s trail and its state as of a log position or a time', async () => {
      const id = await register();
      const keyPerson = await registerKeyPerson();
      const { etag } = (await t.http.get(`/api/v1/newcomers/${id}`).set(as('intake')).expect(200)).headers;
      await t.http.patch(`/api/v1/newcomers/${id}`).set(as('intake')).set('If-Match', etag).send({ displayName: 'Amal H.' }).expect(200);
      const own = (await allEvents()).filter((event) => event.streamId.includes(id));
      expect(own.length).toBeGreaterThanOrEqual(2);

      const trail = JSON.stringify((await t.http.get(`/api/v1/audit/trails/newcomers/${id}`).set(as('auditor')).expect(200)).body);
      for (const event of own) expect(trail).toContain(event.id);
      expect(JSON.stringify((await t.http.get(`/api/v1/audit/trails/key-persons/${keyPerson}`).set(as('auditor')).expect(200)).body)).toContain(keyPerson);

      const then = await t.http.get(`/api/v1/audit/newcomers/${id}?asOf=${own[0].position}`).set(as('auditor')).expect(200);
      expect(JSON.stringify(then.body)).toContain('Amal Haddad');
      const now = await t.http.get(`/api/v1/audit/newcomers/${id}?asOf=${encodeURIComponent(new Date().toISOString())}`).set(as('auditor')).expect(200);
      expect(JSON.stringify(now.body)).toContain('Amal H.');
      expect(JSON.stringify(now.body)).not.toContain('Amal Haddad');
      expect(JSON.stringify((await t.http.get(`/api/v1/audit/key-persons/${keyPerson}?asOf=${encodeURIComponent(new Date().toISOString())}`).set(as('auditor')).expect(200)).body)).toContain('Yonas Tesfay');
    });

    it('GET /audit/verify answers {intact, streams, events, broken}', async () => {
      const { body } = await t.http.get('/api/v1/audit/verify').set(as('auditor')).expect(200);
      expect(body).toMatchObject({ intact: true, streams: expect.any(Number), events: (await allEvents()).length, broken: [] });
      expect(body.streams).toBeGreaterThan(0);
    });

    it('POST /audit/replays, then GET /audit/replays/{id}: status, progress and equal digests per projection', async () => {
      const started = await t.http.post('/api/v1/audit/replays').set(as('auditor'));
      expect(started.status).toBeLessThan(300);
      const done = await eventually(async () => {
        const { body } = await t.http.get(`/api/v1/audit/replays/${started.body.id}`).set(as('auditor')).expect(200);
        expect(['running', 'done', 'failed']).toContain(body.status);
        expect(body.progress).toBeGreaterThanOrEqual(0);
        expect(body.progress).toBeLessThanOrEqual(1);
        return body.status !== 'running' && body;
      }, { timeoutMs: 30_000, what: 'the replay' });
      expect(done).toMatchObject({ status: 'done', progress: 1 });
      expect(done.projections.length).toBeGreaterThan(0);
      for (const projection of done.projections) expect(projection).toEqual(expect.objectContaining({ name: expect.any(String), liveDigest: projection.rebuiltDigest, rebuiltDigest: expect.any(String), equal: true }));
    });
  });

  describe('command line', () => {
    const cli = (args: string[], env: Record<string, string> = {}) =>
      spawnSync('npm', ['run', '--silent', 'cli', '--', ...args], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', timeout: CLI_TIMEOUT_MS });

    it('token prints a token for the configured secret that the API accepts', async () => {
      const result = cli(['token', '--role', 'auditor', '--sub', 'cli-auditor'], { DATA_DIR: t.dataDir, AUTH_JWT_SECRET: SECRET });
      expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
      await t.http.get('/api/v1/audit/verify').set('Authorization', `Bearer ${result.stdout.trim()}`).expect(200);
    }, CLI_TIMEOUT_MS);

    it('assign solves the §9 example', () => {
      const dir = mkdtempSync(join(tmpdir(), 'sleutel-spec-assign-'));
      try {
        writeFileSync(join(dir, 'in.json'), '{"newcomers":[{"id":"n1"}], "keyPersons":[{"id":"k1","capacity":2}], "edges":[{"newcomer":"n1","keyPerson":"k1","score":0.83}]}');
        const result = cli(['assign', '--in', join(dir, 'in.json'), '--out', join(dir, 'out.json')]);
        expect(result.status).toBe(0);
        expect(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'))).toEqual({ assignments: [{ newcomer: 'n1', keyPerson: 'k1', score: 0.83 }], objective: 0.83, matched: 1 });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, CLI_TIMEOUT_MS);
  });
});

describe('SPEC §9: matches, with the matcher running', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ matcher: true, env: { AUTH_JWT_SECRET: SECRET } });
  });
  afterAll(() => t.close());

  /** The §9 bodies, with a language of their own per test so that pairs from other tests do not fit. */
  const newcomerSpeaking = (code: string) => newcomerBody({ languages: [{ code, level: 'native' }, { code: 'eng', level: 'basic' }] });
  const keyPersonFor = (code: string) => keyPersonBody({
    gender: 'female', languages: [{ code, level: 'native' }, { code: 'nld', level: 'fluent' }], availability: { slots: [{ day: 'mon', start: '09:00', end: '12:00' }] },
  });
  const registerNewcomer = async (code: string) => (await t.http.post('/api/v1/newcomers').set(as('intake')).send(newcomerSpeaking(code)).expect(201)).body.id as string;
  const registerKeyPerson = async (code: string) => (await t.http.post('/api/v1/key-persons').set(as('coordinator')).send(keyPersonFor(code)).expect(201)).body.id as string;
  const matchesOf = async (newcomerId: string): Promise<Match[]> => (await t.http.get(`/api/v1/matches?newcomerId=${newcomerId}&limit=100`).set(as('coordinator')).expect(200)).body.items;
  const proposalFor = (newcomerId: string, except: string[] = []) =>
    eventually(async () => (await matchesOf(newcomerId)).find((m) => m.status === 'proposed' && !except.includes(m.id)), { timeoutMs: 20_000, what: 'a proposal' });
  const lifecycle = (id: string, action: 'accept' | 'decline' | 'end', body?: object) => {
    const call = t.http.post(`/api/v1/matches/${id}/${action}`).set(as('coordinator'));
    return body === undefined ? call : call.send(body);
  };
  const statusOf = async (id: string) => (await t.http.get(`/api/v1/matches/${id}`).set(as('intake')).expect(200)).body.status as string;

  it('proposes a match in the §9 shape, with its explanation', async () => {
    const keyPerson = await registerKeyPerson('ckb');
    const newcomer = await registerNewcomer('ckb');
    const match = await proposalFor(newcomer);
    expect(match).toMatchObject({ id: expect.any(String), newcomerId: newcomer, keyPersonId: keyPerson, status: 'proposed', policyVersion: expect.any(Number) });
    expect(match.score).toBeGreaterThan(0);
    expect(match.score).toBeLessThanOrEqual(1);
    expect(Date.parse(match.proposedAt)).not.toBeNaN();
    const { components, excluded, considered, alternatives } = match.explanation;
    expect(components.length).toBeGreaterThan(0);
    for (const component of components) expect(component).toEqual(expect.objectContaining({ name: expect.any(String), raw: expect.anything(), weight: expect.any(Number), contribution: expect.any(Number) }));
    expect(Object.values(excluded).every((n) => Number.isInteger(n))).toBe(true);
    expect(considered).toBeGreaterThanOrEqual(1);
    for (const alternative of alternatives) expect(alternative).toEqual(expect.objectContaining({ keyPersonId: expect.any(String), score: expect.any(Number) }));
    expect((await t.http.get(`/api/v1/matches/${match.id}`).set(as('coordinator')).expect(200)).body).toMatchObject({ ...match });
  });

  it('GET /audit/matches/{id}/explanation gives the match\'s explanation plus reproduction {score, equal}; the match has a trail', async () => {
    await registerKeyPerson('lav');
    const match = await proposalFor(await registerNewcomer('lav'));
    const { body } = await t.http.get(`/api/v1/audit/matches/${match.id}/explanation`).set(as('auditor')).expect(200);
    expect(body).toMatchObject({ explanation: match.explanation, reproduction: { score: match.score, equal: true } });
    // Read the other way, the explanation's fields beside `reproduction` at the top level.
    const { components, excluded, considered, alternatives } = match.explanation;
    expect(body).toMatchObject({ components, excluded, considered, alternatives });
    expect(JSON.stringify((await t.http.get(`/api/v1/audit/trails/matches/${match.id}`).set(as('auditor')).expect(200)).body)).toContain(match.id);
  });

  it('lists matches by newcomerId, keyPersonId and status as {items, nextCursor}', async () => {
    const keyPerson = await registerKeyPerson('est');
    const newcomer = await registerNewcomer('est');
    const match = await proposalFor(newcomer);
    const list = (await t.http.get(`/api/v1/matches?keyPersonId=${keyPerson}&status=proposed&limit=10`).set(as('intake')).expect(200)).body;
    expect(list).toEqual({ items: [expect.objectContaining({ id: match.id, newcomerId: newcomer, keyPersonId: keyPerson })], nextCursor: null });
    expect((await t.http.get(`/api/v1/matches?keyPersonId=${keyPerson}&status=accepted`).set(as('coordinator')).expect(200)).body.items).toEqual([]);
  });

  it('POST /matches/{id}/accept by a coordinator, without a body, makes the match accepted', async () => {
    await registerKeyPerson('prs');
    const match = await proposalFor(await registerNewcomer('prs'));
    const accepted = await lifecycle(match.id, 'accept');
    expect(answer(accepted)).toMatchObject({ status: 200, body: { id: match.id, status: 'accepted' } });
    expect(await statusOf(match.id)).toBe('accepted');
  });

  it('POST /matches/{id}/decline with a reason declines, and the newcomer is matched again with another key person', async () => {
    await registerKeyPerson('som');
    await registerKeyPerson('som');
    const newcomer = await registerNewcomer('som');
    const first = await proposalFor(newcomer);
    const declined = await lifecycle(first.id, 'decline', { reason: 'The newcomer would rather meet someone else.' });
    expect(answer(declined)).toMatchObject({ status: 200, body: { id: first.id, status: 'declined' } });
    const second = await proposalFor(newcomer, [first.id]);
    expect(second.keyPersonId).not.toBe(first.keyPersonId);
  });

  it('POST /matches/{id}/end with a reason ends an accepted match', async () => {
    await registerKeyPerson('amh');
    const match = await proposalFor(await registerNewcomer('amh'));
    const accepted = await lifecycle(match.id, 'accept', {});
    const ended = await lifecycle(match.id, 'end', { reason: 'She finds her own way now.' });
    expect({ accept: answer(accepted), end: answer(ended) }).toMatchObject({ accept: { status: 200, body: { status: 'accepted' } }, end: { status: 200, body: { status: 'ended' } } });
    expect(await statusOf(match.id)).toBe('ended');
  });

  it('withdrawing a newcomer ends their open proposal', async () => {
    await registerKeyPerson('kmr');
    const newcomer = await registerNewcomer('kmr');
    const match = await proposalFor(newcomer);
    expect((await t.http.post(`/api/v1/newcomers/${newcomer}/withdraw`).set(as('intake'))).status).toBeLessThan(300);
    expect(await eventually(async () => {
      const status = await statusOf(match.id);
      return status !== 'proposed' && status;
    }, { what: 'the proposal to end' })).toBe('withdrawn');
  });

  it('POST /newcomers/{id}/match-requests answers 202 for a waiting newcomer, who is proposed once a key person fits', async () => {
    const newcomer = await registerNewcomer('lit');
    expect((await t.http.post(`/api/v1/newcomers/${newcomer}/match-requests`).set(as('intake'))).status).toBe(202);
    const keyPerson = await registerKeyPerson('lit');
    expect((await proposalFor(newcomer)).keyPersonId).toBe(keyPerson);
  });

  it('POST /cohort-runs starts a batch run; GET /cohort-runs/{id} shows its progress until done', async () => {
    const started = await t.http.post('/api/v1/cohort-runs').set(as('coordinator')).send({});
    expect(started.status).toBeLessThan(300);
    const run = await eventually(async () => {
      const { body } = await t.http.get(`/api/v1/cohort-runs/${started.body.id}`).set(as('coordinator')).expect(200);
      expect(body.progress).toBeGreaterThanOrEqual(0);
      expect(body.progress).toBeLessThanOrEqual(1);
      return body.status !== 'running' && body;
    }, { timeoutMs: 30_000, what: 'the cohort run' });
    expect(run).toMatchObject({ id: started.body.id, status: 'done', progress: 1 });
  });
});
