import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { keyPersonBody, newcomerBody } from './support/bodies';
import { eventually } from './support/eventually';
import { deleteRedisKeys, TEST_REDIS_URL } from './support/replicas';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The hardening of issue 6 over HTTP: security headers, CORS closed by
 * default, body limits, rules every body keeps, pinned JWT verification, and
 * rate limits per token and per address answering 429 with Retry-After.
 * docs/security.md cites these tests by name.
 */
const SECRET = 's'.repeat(48);
const jwt = new JwtService({ secret: SECRET });
const now = () => Math.floor(Date.now() / 1000);
const header = (alg: string) => Buffer.from(JSON.stringify({ alg, typ: 'JWT' })).toString('base64url');
const claims = (extra: Record<string, unknown> = {}) => Buffer.from(JSON.stringify({ sub: 'mallory', roles: ['admin', 'intake'], ...extra })).toString('base64url');

const expectProblem = (response: { status: number; headers: Record<string, string> }, status: number) => {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
};

describe('Hardening', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { AUTH_JWT_SECRET: SECRET } });
  });
  afterAll(() => t.close());

  describe('security headers (helmet)', () => {
    it.each(['/api/v1/newcomers', '/health/live', '/api/v1/no-such-thing'])('are on every answer, e.g. %s', async (path) => {
      const response = await t.http.get(path).set('Authorization', `Bearer ${t.token('intake')}`);
      expect(response.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'strict-transport-security': expect.stringMatching(/max-age=\d+/),
        'content-security-policy': expect.stringContaining("default-src 'self'"),
        'cross-origin-resource-policy': 'same-origin',
        'referrer-policy': 'no-referrer',
      });
      expect(response.headers['x-powered-by']).toBeUndefined();
    });

    it.each([
      ['a profile', async (t: TestApp) => `/api/v1/newcomers/${(await t.http.post('/api/v1/newcomers').set('Authorization', `Bearer ${t.token('intake')}`).send(newcomerBody()).expect(201)).body.id}`],
      ['a list', async () => '/api/v1/newcomers'],
      ['a refusal', async () => '/api/v1/newcomers?limit=0'],
      ['an id that names nobody', async () => `/api/v1/newcomers/${randomUUID()}`],
    ])('tell browsers and proxies to keep no copy of an API answer, e.g. %s: it holds personal data an erasure cannot reach there', async (_what, pathOf) => {
      const response = await t.http.get(await pathOf(t)).set('Authorization', `Bearer ${t.token('intake')}`);
      expect(response.headers['cache-control']).toBe('no-store');
    });

    it('keep the CSP strict without upgrade-insecure-requests, which blanked the console served over plain HTTP', async () => {
      const csp = (await t.http.get('/health/live')).headers['content-security-policy'] as string;
      const directives = csp.split(';').map((directive) => directive.trim().split(/\s+/)[0]);
      expect(directives).not.toContain('upgrade-insecure-requests');
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'self'");
    });
  });

  describe('CORS', () => {
    it('is closed by default: no Access-Control-Allow-Origin, not even for a preflight', async () => {
      const preflight = await t.http.options('/api/v1/newcomers')
        .set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'POST').set('Access-Control-Request-Headers', 'authorization,content-type');
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
      expect(preflight.headers['access-control-allow-headers']).toBeUndefined();
      const read = await t.http.get('/api/v1/newcomers').set('Origin', 'https://evil.example').set('Authorization', `Bearer ${t.token('intake')}`).expect(200);
      expect(read.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('opens to exactly the origins in CORS_ORIGINS', async () => {
      const open = await startTestApp({ env: { CORS_ORIGINS: 'https://console.example.nl' } });
      try {
        const allowed = await open.http.options('/api/v1/newcomers')
          .set('Origin', 'https://console.example.nl').set('Access-Control-Request-Method', 'POST').set('Access-Control-Request-Headers', 'authorization,content-type,if-match');
        expect(allowed.status).toBe(204);
        expect(allowed.headers['access-control-allow-origin']).toBe('https://console.example.nl');
        expect(allowed.headers['access-control-allow-headers']).toMatch(/Authorization/);
        expect(allowed.headers['access-control-allow-credentials']).toBeUndefined();
        const read = await open.http.get('/api/v1/newcomers').set('Origin', 'https://console.example.nl').set('Authorization', `Bearer ${open.token('intake')}`).expect(200);
        expect(read.headers['access-control-allow-origin']).toBe('https://console.example.nl');
        expect(read.headers['access-control-expose-headers']).toMatch(/ETag/);
        const other = await open.http.options('/api/v1/newcomers').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'POST');
        expect(other.headers['access-control-allow-origin']).toBeUndefined();
      } finally {
        await open.close();
      }
    });
  });

  describe('body limits', () => {
    it('refuses a body over HTTP_BODY_LIMIT with 413 before anything reads it, and appends nothing', async () => {
      const small = await startTestApp({ env: { HTTP_BODY_LIMIT: '1kb' } });
      try {
        const intake = small.token('intake');
        const before = await small.logLength();
        const response = await small.http.post('/api/v1/newcomers').set('Authorization', `Bearer ${intake}`).send(newcomerBody({ notes: 'x'.repeat(2_000) }));
        expectProblem(response, 413);
        expect(response.body.errors).toEqual([{ field: 'body', rule: 'max-size', message: 'must be at most 1024 bytes' }]);
        expect(await small.logLength()).toBe(before);
        await small.http.post('/api/v1/newcomers').set('Authorization', `Bearer ${intake}`).send(newcomerBody({ notes: 'x'.repeat(100) })).expect(201);
      } finally {
        await small.close();
      }
    });

    it('holds 100kb by default', async () => {
      const response = await t.http.post('/api/v1/newcomers').set('Authorization', `Bearer ${t.token('intake')}`).send(newcomerBody({ notes: 'x'.repeat(101 * 1024) }));
      expectProblem(response, 413);
    });
  });

  describe('rules every body keeps', () => {
    const post = (path: string, role: 'intake' | 'coordinator', json: string) =>
      t.http.post(path).set('Authorization', `Bearer ${t.token(role)}`).set('Content-Type', 'application/json').send(json);

    it.each([
      ['an own __proto__ key', `{"__proto__":{"isAdmin":true},${JSON.stringify(newcomerBody()).slice(1)}`, '__proto__', 'forbidden-key'],
      ['a constructor key in a section', JSON.stringify(newcomerBody({ contact: { phone: '+31612345678' } })).replace('"phone"', '"constructor":{"prototype":{}},"phone"'), 'contact.constructor', 'forbidden-key'],
      ['an inherited method name as a key', `{"toString":"x",${JSON.stringify(newcomerBody()).slice(1)}`, 'toString', 'forbidden-key'],
      ['nesting beyond ten levels', JSON.stringify(newcomerBody({ notes: [[[[[[[[[[['deep']]]]]]]]]]] })), /^notes(\[0\])+$/, 'max-depth'],
      ['a lone surrogate', JSON.stringify(newcomerBody({ displayName: 'Amal \ud800' })), 'displayName', 'well-formed-unicode'],
      ['a NUL character', JSON.stringify(newcomerBody({ displayName: 'Amal\u0000Haddad' })), 'displayName', 'control-character'],
    ])('refuses %s with 400 naming the field, and appends nothing', async (_label, json, field, rule) => {
      const before = await t.logLength();
      const response = await post('/api/v1/newcomers', 'intake', json);
      expectProblem(response, 400);
      expect(response.body.errors).toContainEqual({ field: expect.stringMatching(typeof field === 'string' ? new RegExp(`^${field.replace(/[.[\]]/g, '\\$&')}$`) : field), rule, message: expect.any(String) });
      expect(await t.logLength()).toBe(before);
    });

    it('refuses a body on an operation that takes none, and accepts {} there', async () => {
      const keyPerson = (await t.http.post('/api/v1/key-persons').set('Authorization', `Bearer ${t.token('coordinator')}`).send(keyPersonBody()).expect(201)).body.id as string;
      await t.http.post(`/api/v1/key-persons/${keyPerson}/pause`).set('Authorization', `Bearer ${t.token('coordinator')}`).send({}).expect(200);
      const before = await t.logLength();
      const response = await post(`/api/v1/key-persons/${keyPerson}/resume`, 'coordinator', '{"reason":"back from leave"}');
      expectProblem(response, 400);
      expect(response.body.errors).toEqual([{ field: 'reason', rule: 'unknown-field', message: expect.any(String) }]);
      expect(await t.logLength()).toBe(before);
      await t.http.post(`/api/v1/key-persons/${keyPerson}/resume`).set('Authorization', `Bearer ${t.token('coordinator')}`).send({}).expect(200);
    });

    it('keeps the ValidationPipe strict: an unknown field is refused, not dropped', async () => {
      const response = await t.http.post('/api/v1/newcomers').set('Authorization', `Bearer ${t.token('intake')}`).send(newcomerBody({ isAdmin: true }));
      expectProblem(response, 400);
      expect(response.body.errors).toEqual([{ field: 'isAdmin', rule: 'unknown-field', message: 'is not a known field' }]);
    });
  });

  describe('rules every query keeps', () => {
    // class-transformer drops these names before the whitelist sees them, so `?constructor=1` passed silently
    // where `?isAdmin=1` is refused.
    it.each([
      ['/api/v1/newcomers?constructor=1', 'intake', 'constructor'],
      ['/api/v1/newcomers?__proto__=x', 'intake', '__proto__'],
      ['/api/v1/key-persons?hasOwnProperty=1&limit=5', 'coordinator', 'hasOwnProperty'],
      ['/api/v1/reference/countries?q=sy&toString=x', 'intake', 'toString'],
      ['/api/v1/audit/events?valueOf=1', 'auditor', 'valueOf'],
    ] as const)('refuses %s with 400 naming the parameter, as it refuses an unknown one', async (path, role, field) => {
      const response = await t.http.get(path).set('Authorization', `Bearer ${t.token(role)}`);
      expectProblem(response, 400);
      expect(response.body.errors).toEqual([{ field, rule: 'forbidden-key', message: 'is not a field name this API accepts' }]);
    });

    it('still refuses an unknown parameter as unknown-field, and takes the known ones', async () => {
      const unknown = await t.http.get('/api/v1/newcomers?isAdmin=1').set('Authorization', `Bearer ${t.token('intake')}`);
      expectProblem(unknown, 400);
      expect(unknown.body.errors).toEqual([{ field: 'isAdmin', rule: 'unknown-field', message: 'is not a known field' }]);
      await t.http.get('/api/v1/newcomers?limit=5&status=active').set('Authorization', `Bearer ${t.token('intake')}`).expect(200);
    });
  });

  describe('bearer tokens', () => {
    const refused: [string, () => string][] = [
      ['alg none', () => `${header('none')}.${claims({ exp: now() + 600 })}.`],
      ['HS512', () => jwt.sign({ roles: ['intake'] }, { subject: 'mallory', expiresIn: 600, algorithm: 'HS512' })],
      ['neither exp nor iat', () => jwt.sign({ roles: ['intake'] }, { subject: 'mallory', noTimestamp: true })],
      ['no exp, issued longer ago than AUTH_MAX_TOKEN_TTL_SECONDS', () => jwt.sign({ roles: ['intake'], iat: now() - 86400 - 60 }, { subject: 'mallory' })],
      ['exp further in the past than the clock-skew bound (30 s)', () => jwt.sign({ roles: ['intake'], exp: now() - 45 }, { subject: 'mallory' })],
      ['a lifetime beyond AUTH_MAX_TOKEN_TTL_SECONDS', () => jwt.sign({ roles: ['intake'] }, { subject: 'mallory', expiresIn: 40 * 86400 })],
      ['another secret', () => new JwtService({ secret: 'x'.repeat(48) }).sign({ roles: ['intake'] }, { subject: 'mallory', expiresIn: 600 })],
      // RFC 7515 §4.1.11: the right secret, but an extension the API would have to understand to take the token.
      ['a crit header', () => jwt.sign({ roles: ['intake'] }, { subject: 'mallory', expiresIn: 600, header: { alg: 'HS256', crit: ['exp'] } })],
    ];

    it.each(refused)('refuses a token with %s: 401 problem with a Bearer challenge', async (_label, make) => {
      const response = await t.http.get('/api/v1/newcomers').set('Authorization', `Bearer ${make()}`);
      expectProblem(response, 401);
      expect(response.headers['www-authenticate']).toMatch(/^Bearer .*error="invalid_token"/);
    });

    it('accepts a token with only sub and roles (SPEC §9) while its iat is within AUTH_MAX_TOKEN_TTL_SECONDS', async () => {
      await t.http.get('/api/v1/newcomers').set('Authorization', `Bearer ${jwt.sign({ sub: 'w-2', roles: ['intake'] })}`).expect(200);
    });

    it('takes the scheme in any case (RFC 9110 §11.1), and refuses another scheme', async () => {
      for (const scheme of ['bearer', 'BEARER', 'bEaReR']) {
        await t.http.get('/api/v1/newcomers').set('Authorization', `${scheme} ${jwt.sign({ roles: ['intake'] }, { subject: 'w-3', expiresIn: 600 })}`).expect(200);
      }
      expectProblem(await t.http.get('/api/v1/newcomers').set('Authorization', `Basic ${Buffer.from('w-3:secret').toString('base64')}`), 401);
    });

    it('accepts an HS256 token that expired within the clock-skew bound', async () => {
      await t.http.get('/api/v1/newcomers').set('Authorization', `Bearer ${jwt.sign({ roles: ['intake'], exp: now() - 10 }, { subject: 'w-1' })}`).expect(200);
    });
  });
});

describe('Object-level authorisation (municipality scope)', () => {
  let t: TestApp;
  let keyPersonId: string;
  let newcomerId: string;
  let matchId: string;

  beforeAll(async () => {
    // The matcher makes a real proposal in Utrecht (GM0344) to aim at.
    t = await startTestApp({ matcher: true });
    const utrecht = t.token(['intake', 'coordinator'], { sub: 'utrecht', municipalities: ['GM0344'] });
    keyPersonId = (await t.http.post('/api/v1/key-persons').set('Authorization', `Bearer ${utrecht}`)
      .send(keyPersonBody({ languages: [{ code: 'apc', level: 'native' }], gender: 'female', availability: { slots: [{ day: 'mon', start: '09:00', end: '12:00' }] } })).expect(201)).body.id;
    newcomerId = (await t.http.post('/api/v1/newcomers').set('Authorization', `Bearer ${utrecht}`).send(newcomerBody()).expect(201)).body.id;
    matchId = await eventually(async () =>
      ((await t.http.get(`/api/v1/matches?newcomerId=${newcomerId}`).set('Authorization', `Bearer ${utrecht}`).expect(200)).body.items as { id: string }[])[0]?.id, { what: 'a proposal' });
    let last = -1;
    await eventually(async () => { const length = await t.logLength(); const settled = length === last; last = length; return settled; }, { intervalMs: 300, what: 'the matcher to settle' });
  });
  afterAll(() => t.close());

  it('answers 404 for every read and command on key persons, newcomers and matches of another municipality, and changes nothing', async () => {
    const amsterdam = t.token(['intake', 'coordinator'], { sub: 'amsterdam', municipalities: ['GM0363'] });
    const as = { Authorization: `Bearer ${amsterdam}` };
    const before = await t.logLength();
    const calls = [
      t.http.get(`/api/v1/key-persons/${keyPersonId}`).set(as),
      t.http.patch(`/api/v1/key-persons/${keyPersonId}`).set(as).set('If-Match', '"0"').send({ capacity: 5 }),
      t.http.post(`/api/v1/key-persons/${keyPersonId}/pause`).set(as).send({}),
      t.http.post(`/api/v1/key-persons/${keyPersonId}/retire`).set(as).send({}),
      t.http.get(`/api/v1/newcomers/${newcomerId}`).set(as),
      t.http.post(`/api/v1/newcomers/${newcomerId}/withdraw`).set(as).send({}),
      t.http.post(`/api/v1/newcomers/${newcomerId}/match-requests`).set(as),
      t.http.get(`/api/v1/matches/${matchId}`).set(as),
      t.http.post(`/api/v1/matches/${matchId}/approve`).set(as),
      t.http.post(`/api/v1/matches/${matchId}/reject`).set(as).send({ reason: 'not ours' }),
    ];
    for (const call of calls) {
      const response = await call;
      expect({ url: response.request.url, status: response.status }).toEqual({ url: response.request.url, status: 404 });
    }
    for (const list of ['/api/v1/key-persons', '/api/v1/newcomers', `/api/v1/matches?newcomerId=${newcomerId}`]) {
      expect((await t.http.get(list).set(as).expect(200)).body.items).toEqual([]);
    }
    expect(await t.logLength()).toBe(before);
    // The same reads with the right scope succeed: the 404s were the scope, not the ids.
    await t.http.get(`/api/v1/matches/${matchId}`).set('Authorization', `Bearer ${t.token('coordinator', { municipalities: ['GM0344'] })}`).expect(200);
  });
});

describe('Rate limits', () => {
  describe('per token', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '3', RATE_LIMIT_PER_IP_PER_MINUTE: '1000' } });
    });
    afterAll(() => t.close());

    it('answers 429 problem+json with Retry-After once a token\'s subject spent its minute, and appends nothing', async () => {
      const token = t.token('intake', { sub: 'busy-worker' });
      for (let index = 0; index < 3; index++) await t.http.get('/api/v1/newcomers').set('Authorization', `Bearer ${token}`).expect(200);
      const before = await t.logLength();
      const response = await t.http.post('/api/v1/newcomers').set('Authorization', `Bearer ${token}`).send(newcomerBody());
      expectProblem(response, 429);
      expect(response.body).toMatchObject({ status: 429, code: 'REQUEST.RATE_LIMITED', title: 'Too Many Requests' });
      expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(response.headers['retry-after'])).toBeLessThanOrEqual(60);
      expect(await t.logLength()).toBe(before);
      // Another token of the same subject shares the budget: it is counted by `sub`, not by token string.
      expectProblem(await t.http.get('/api/v1/newcomers').set('Authorization', `Bearer ${t.token('coordinator', { sub: 'busy-worker' })}`), 429);
    });

    it('leaves other subjects from the same address alone', async () => {
      await t.http.get('/api/v1/newcomers').set('Authorization', `Bearer ${t.token('intake', { sub: 'colleague' })}`).expect(200);
    });

    it('counts a token by its subject whatever the case of its scheme', async () => {
      const token = t.token('intake', { sub: 'lower-case-worker' });
      for (let index = 0; index < 3; index++) await t.http.get('/api/v1/newcomers').set('Authorization', `bearer ${token}`).expect(200);
      expectProblem(await t.http.get('/api/v1/newcomers').set('Authorization', `BEARER ${token}`), 429);
      // Counted by address instead, the other subject would share the spent budget.
      await t.http.get('/api/v1/newcomers').set('Authorization', `bearer ${t.token('intake', { sub: 'lower-case-colleague' })}`).expect(200);
    });

    it('limits requests without a valid token by address, before authentication answers 401', async () => {
      const statuses: number[] = [];
      for (let index = 0; index < 5; index++) statuses.push((await t.http.get('/api/v1/newcomers').set('Authorization', 'Bearer forged.token.value')).status);
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
    });

    it('never limits the health probes', async () => {
      for (let index = 0; index < 10; index++) {
        await t.http.get('/health/live').expect(200);
        await t.http.get('/health/ready').expect(200);
      }
    });

    it('documents 429 on every guarded operation', async () => {
      const doc = (await t.http.get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
      for (const [path, methods] of Object.entries(doc.paths).filter(([path]) => path.startsWith('/api/v1/'))) {
        for (const [method, operation] of Object.entries(methods)) expect({ op: `${method} ${path}`, has429: '429' in operation.responses }).toEqual({ op: `${method} ${path}`, has429: true });
      }
    });
  });

  describe('shared by API processes through Redis', () => {
    const prefix = `test-rate-limit-${randomUUID()}:`;
    const env = { REDIS_URL: TEST_REDIS_URL, RATE_LIMIT_PER_MINUTE: '4', RATE_LIMIT_PER_IP_PER_MINUTE: '1000', RATE_LIMIT_REDIS_PREFIX: prefix };
    let replicas: TestApp[];
    beforeAll(async () => {
      replicas = [await startTestApp({ env }), await startTestApp({ env })];
    });
    afterAll(async () => {
      await Promise.all(replicas.map((replica) => replica.close()));
      await deleteRedisKeys(prefix);
    });

    it('allows a subject its limit once across two API processes, not once in each', async () => {
      const [a, b] = replicas;
      const get = (replica: TestApp) => replica.http.get('/api/v1/newcomers').set('Authorization', `Bearer ${replica.token('intake', { sub: 'worker-on-two-replicas' })}`);
      const statuses: number[] = [];
      for (const replica of [a, b, a, b, a, b]) statuses.push((await get(replica)).status);
      expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
      const refused = await get(b);
      expectProblem(refused, 429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(50);
      // Counted by subject: another one on the same replicas still has its whole budget.
      await a.http.get('/api/v1/newcomers').set('Authorization', `Bearer ${a.token('intake', { sub: 'colleague-on-two-replicas' })}`).expect(200);
      // And the operators can see where the counting happens.
      const metrics = (await b.http.get('/metrics').set('Authorization', `Bearer ${b.token('admin', { sub: 'prometheus' })}`).expect(200)).text;
      expect(metrics).toMatch(/^sleutel_rate_limit_shared 1$/m);
    });
  });

  describe('per address', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '100', RATE_LIMIT_PER_IP_PER_MINUTE: '4', HTTP_TRUST_PROXY_HOPS: '1' } });
    });
    afterAll(() => t.close());

    const from = (address: string, sub: string) =>
      t.http.get('/api/v1/newcomers').set('X-Forwarded-For', address).set('Authorization', `Bearer ${t.token('intake', { sub })}`);

    it('caps one address however many tokens it cycles through, and counts each client behind the trusted proxy apart', async () => {
      const statuses: number[] = [];
      for (let index = 0; index < 6; index++) statuses.push((await from('203.0.113.7', `worker-${index}`)).status);
      expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
      const limited = await from('203.0.113.7', 'worker-9');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      await from('198.51.100.23', 'worker-0').expect(200);
    });
  });
});
