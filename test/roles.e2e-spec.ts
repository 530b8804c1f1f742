import { Role, ROLES } from '@sleutel/auth';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The role table of SPEC §9, checked for every operation of the OpenAPI
 * document: no token is a 401, a role outside the row a 403, a role inside it
 * passes the guard. An operation missing from this table fails the test, so a
 * new endpoint cannot slip through unguarded.
 */
const ROLE_TABLE: Record<string, readonly Role[]> = {
  'POST /api/v1/newcomers': ['intake'],
  'GET /api/v1/newcomers': ['intake', 'coordinator'],
  'GET /api/v1/newcomers/{id}': ['intake', 'coordinator'],
  'PATCH /api/v1/newcomers/{id}': ['intake'],
  'POST /api/v1/newcomers/{id}/withdraw': ['intake'],
  'POST /api/v1/key-persons': ['coordinator'],
  'GET /api/v1/key-persons': ['coordinator'],
  'GET /api/v1/key-persons/{id}': ['coordinator'],
  'PATCH /api/v1/key-persons/{id}': ['coordinator'],
  'POST /api/v1/key-persons/{id}/pause': ['coordinator'],
  'POST /api/v1/key-persons/{id}/resume': ['coordinator'],
  'POST /api/v1/key-persons/{id}/retire': ['coordinator'],
  'POST /api/v1/newcomers/{id}/match-requests': ['intake', 'coordinator'],
  'GET /api/v1/matches': ['coordinator', 'intake'],
  'GET /api/v1/matches/{id}': ['coordinator', 'intake'],
  'POST /api/v1/matches/{id}/approve': ['coordinator'],
  'POST /api/v1/matches/{id}/reject': ['coordinator'],
  'POST /api/v1/matches/{id}/accept': ['coordinator'],
  'POST /api/v1/matches/{id}/decline': ['coordinator'],
  'POST /api/v1/matches/{id}/end': ['coordinator'],
  'POST /api/v1/cohort-runs': ['coordinator'],
  'GET /api/v1/cohort-runs': ['coordinator'],
  'GET /api/v1/cohort-runs/{id}': ['coordinator'],
  'GET /api/v1/policy': ['coordinator', 'auditor', 'admin'],
  'PUT /api/v1/policy': ['admin'],
  'POST /api/v1/erasures': ['admin'],
  'GET /api/v1/audit/events': ['auditor'],
  'GET /api/v1/audit/verify': ['auditor'],
  'GET /api/v1/audit/trails/{kind}/{id}': ['auditor'],
  'GET /api/v1/audit/matches/{id}/explanation': ['auditor'],
  'GET /api/v1/audit/matches/{id}': ['auditor'],
  'GET /api/v1/audit/{kind}/{id}': ['auditor'],
  'POST /api/v1/audit/replays': ['auditor'],
  'GET /api/v1/audit/replays/{id}': ['auditor'],
  // Every role fills in or reads the codes these lists explain.
  'GET /api/v1/reference/languages': ['intake', 'coordinator', 'auditor', 'admin'],
  'GET /api/v1/reference/countries': ['intake', 'coordinator', 'auditor', 'admin'],
  'GET /api/v1/reference/municipalities': ['intake', 'coordinator', 'auditor', 'admin'],
  // Operations, outside /api/v1: admins, or the static METRICS_TOKEN (test/ops-metrics.e2e-spec.ts).
  'GET /metrics': ['admin'],
};

/**
 * Calls past the guard must change nothing, so each sends a body its
 * operation refuses: `{}` for most, something else where `{}` is valid.
 */
const INVALID_BODY: Record<string, object> = {
  'POST /api/v1/cohort-runs': { loadCost: -1 },
};

/** Open on purpose: orchestrators probe these without credentials. */
const PUBLIC = new Set(['GET /health/live', 'GET /health/ready']);

type Operation = { method: string; path: string; key: string };

describe('Every endpoint is guarded by the role table', () => {
  let t: TestApp;
  let operations: Operation[];

  beforeAll(async () => {
    t = await startTestApp();
    const doc = (await t.http.get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path, key: `${method.toUpperCase()} ${path}` })),
    );
  });
  afterAll(() => t.close());

  it('the OpenAPI document lists exactly the operations of the table (plus the public probes)', () => {
    const guarded = operations.map((o) => o.key).filter((key) => !PUBLIC.has(key)).sort();
    expect(guarded).toEqual(Object.keys(ROLE_TABLE).sort());
  });

  it('documents bearer auth and the 401/403 answers on every guarded operation', async () => {
    const doc = (await t.http.get('/docs-json')).body as { paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, unknown> }>> };
    for (const { method, path, key } of operations) {
      if (PUBLIC.has(key)) continue;
      const operation = doc.paths[path][method.toLowerCase()];
      expect({ key, security: operation.security }).toEqual({ key, security: [{ bearer: [] }] });
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['401', '403']));
    }
  });

  it('tells a client reading the OpenAPI document which roles may call each operation (x-roles, the description and the 403)', async () => {
    type Documented = { description?: string; 'x-roles'?: unknown; responses: Record<string, { description?: string }> };
    const doc = (await t.http.get('/docs-json')).body as { paths: Record<string, Record<string, Documented>> };
    for (const { method, path, key } of operations) {
      if (PUBLIC.has(key)) continue;
      const operation = doc.paths[path][method.toLowerCase()];
      const roles = [...ROLE_TABLE[key]].sort();
      expect({ key, roles: operation['x-roles'] }).toEqual({ key, roles });
      expect({ key, says: operation.description?.startsWith(`Roles: ${roles.join(', ')}.`) }).toEqual({ key, says: true });
      expect({ key, forbidden: operation.responses['403'].description }).toEqual({ key, forbidden: expect.stringContaining(roles.join(', ')) });
    }
  });

  const call = (operation: Operation, token?: string) => {
    const path = operation.path.replace('{id}', '00000000-0000-4000-8000-000000000000');
    const method = operation.method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete';
    const request = t.http[method](path);
    if (token) request.set('Authorization', `Bearer ${token}`);
    return ['post', 'patch', 'put'].includes(method) ? request.send(INVALID_BODY[operation.key] ?? {}) : request;
  };

  it('no token: 401 with a Bearer challenge, on every guarded operation', async () => {
    for (const operation of operations.filter((o) => !PUBLIC.has(o.key))) {
      const response = await call(operation);
      expect({ op: operation.key, status: response.status }).toEqual({ op: operation.key, status: 401 });
      expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it('a forged or expired token: 401 on every guarded operation', async () => {
    const forged = `${t.token('admin').slice(0, -4)}AAAA`;
    for (const operation of operations.filter((o) => !PUBLIC.has(o.key))) {
      expect({ op: operation.key, status: (await call(operation, forged)).status }).toEqual({ op: operation.key, status: 401 });
    }
  });

  it('every role outside an operation\'s row: 403; every role inside: past the guard', async () => {
    const log = await t.logLength();
    for (const operation of operations.filter((o) => !PUBLIC.has(o.key))) {
      const allowed = ROLE_TABLE[operation.key];
      for (const role of ROLES) {
        const status = (await call(operation, t.token(role))).status;
        if (allowed.includes(role)) expect({ op: operation.key, role, passedGuard: status !== 401 && status !== 403 }).toEqual({ op: operation.key, role, passedGuard: true });
        else expect({ op: operation.key, role, status }).toEqual({ op: operation.key, role, status: 403 });
      }
    }
    expect(await t.logLength()).toBe(log);
  });

  it('the public probes answer without a token', async () => {
    for (const key of PUBLIC) {
      const [, path] = key.split(' ');
      await t.http.get(path).expect(200);
    }
  });
});
