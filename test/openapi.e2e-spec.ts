import { randomUUID } from 'node:crypto';
import { keyPersonBody, newcomerBody } from './support/bodies';
import { eventually } from './support/eventually';
import { startTestApp, TestApp } from './support/test-app';

type Operation = { summary?: string; responses: Record<string, { content?: Record<string, { schema?: unknown }> }> };
type Doc = { openapi: string; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } };

/** The OpenAPI document is the public contract: every operation and answer documented. */
describe('OpenAPI document', () => {
  let t: TestApp;
  let doc: Doc;
  beforeAll(async () => {
    t = await startTestApp({ env: { HTTP_BODY_LIMIT: '4kb' } });
    doc = (await t.http.get('/docs-json').expect(200)).body as Doc;
  });
  afterAll(() => t.close());

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ key: `${method.toUpperCase()} ${path}`, operation })));

  it('serves the UI at /docs', async () => {
    const response = await t.http.get('/docs/').expect(200);
    expect(response.text).toContain('swagger-ui');
  });

  it('gives every API operation a summary and a documented success schema', () => {
    for (const { key, operation } of operations().filter(({ key }) => key.includes('/api/v1/'))) {
      expect({ key, summary: typeof operation.summary }).toEqual({ key, summary: 'string' });
      const success = Object.entries(operation.responses).filter(([status]) => status.startsWith('2'));
      expect({ key, successes: success.length }).not.toEqual({ key, successes: 0 });
      for (const [status, response] of success) {
        expect({ key, status, schema: Boolean(response.content?.['application/json']?.schema) }).toEqual({ key, status, schema: true });
      }
    }
  });

  it('documents every error answer as application/problem+json with the ProblemDto schema, the probes and metrics too', () => {
    // A problem type with members of its own (RFC 9457 §3.2) documents them in a schema of its own: ProblemDto's members and its.
    const withMembers = { 'POST /api/v1/cohort-runs 409': 'OverlappingRunProblemDto' } as Record<string, string>;
    for (const { key, operation } of operations()) {
      for (const [status, response] of Object.entries(operation.responses).filter(([s]) => /^[45]/.test(s))) {
        const schema = withMembers[`${key} ${status}`] ?? 'ProblemDto';
        expect({ key, status, content: response.content }).toEqual({
          key, status, content: { 'application/problem+json': { schema: { $ref: `#/components/schemas/${schema}` } } },
        });
      }
    }
    type Properties = { properties: Record<string, unknown> };
    const problem = doc.components.schemas.ProblemDto as Properties;
    expect(problem).toBeDefined();
    for (const [answer, schema] of Object.entries(withMembers)) {
      const [method, path, status] = answer.split(' ');
      expect(doc.paths[path][method.toLowerCase()].responses[status]).toBeDefined();
      expect((doc.components.schemas[schema] as Properties).properties).toMatchObject(problem.properties);
    }
    expect(doc.components.schemas.FieldViolationDto).toBeDefined();
  });

  /**
   * Asks every API operation what the middleware and the common checks refuse
   * alike (a body that is not JSON, too large, malformed, with an unknown
   * field; an id that names nothing; an erased person), and expects each
   * status it answered to be declared for that operation.
   */
  it('declares every status an operation answered when probed', async () => {
    const all = t.token(['admin', 'intake', 'coordinator', 'auditor']);
    const newcomer = (await t.http.post('/api/v1/newcomers').set('Authorization', `Bearer ${all}`).send(newcomerBody()).expect(201)).body.id as string;
    const keyPerson = (await t.http.post('/api/v1/key-persons').set('Authorization', `Bearer ${all}`).send(keyPersonBody()).expect(201)).body.id as string;
    await t.http.post('/api/v1/erasures').set('Authorization', `Bearer ${all}`).send({ subjectType: 'newcomer', subjectId: newcomer }).expect(200);
    await t.http.post('/api/v1/erasures').set('Authorization', `Bearer ${all}`).send({ subjectType: 'key-person', subjectId: keyPerson }).expect(200);
    const erasedIn = (path: string): string | undefined => (/\/newcomers\/\{id\}/.test(path) || /\/audit\/\{kind\}/.test(path) ? newcomer : /\/key-persons\/\{id\}/.test(path) ? keyPerson : undefined);
    const url = (path: string, id: string) => path.replace('{id}', id).replace('{kind}', 'newcomers');
    // A body each write accepts, so an erased person's operation gets as far as the erasure.
    const validBody = (path: string): Record<string, unknown> => (path.endsWith('/newcomers/{id}') ? { notes: 'Changed.' } : path.endsWith('/key-persons/{id}') ? { capacity: 2 } : {});

    const answered: { key: string; probe: string; status: number; declared: boolean }[] = [];
    for (const { key, operation } of operations().filter(({ key }) => key.includes('/api/v1/'))) {
      const [method, path] = key.split(' ');
      const send = (id: string) => t.http[method.toLowerCase() as 'get' | 'post' | 'put' | 'patch'](url(path, id)).set('Authorization', `Bearer ${all}`);
      const probes: [string, () => Promise<{ status: number }>][] = [];
      const writes = method !== 'GET';
      if (path.includes('{id}')) {
        probes.push(['unknown id', () => (writes ? send(randomUUID()).send(validBody(path)).set('If-Match', '"1"') : send(randomUUID()))]);
        probes.push(['malformed id', () => send('not-a-uuid')]);
        const erased = erasedIn(path);
        if (erased) probes.push(['erased', () => (writes ? send(erased).send(validBody(path)).set('If-Match', '"1"') : send(erased))]);
      }
      if (writes) {
        const id = randomUUID();
        probes.push(['text body', () => send(id).set('Content-Type', 'text/plain').send('hello')]);
        probes.push(['malformed JSON', () => send(id).set('Content-Type', 'application/json').send('{"foo":')]);
        probes.push(['unknown field', () => send(id).send({ foo: 1 })]);
        probes.push(['too large', () => send(id).send({ notes: 'x'.repeat(8_000) })]);
      }
      for (const [probe, call] of probes) {
        const { status } = await call();
        answered.push({ key, probe, status, declared: String(status) in operation.responses });
      }
    }
    expect(answered.filter(({ declared }) => !declared).map(({ key, probe, status }) => `${key}, ${probe}: ${status}`)).toEqual([]);
    // The probes reached what they were for: each status below was answered at least once.
    const seen = (probe: string) => new Set(answered.filter((a) => a.probe === probe).map((a) => a.status));
    expect([...seen('text body')]).toEqual([415]);
    expect([...seen('too large')]).toEqual([413]);
    expect([...seen('malformed JSON')]).toEqual([400]);
    expect([...seen('erased')]).toEqual([410]);
  });

  /**
   * A `string | null` or `number | null` property whose type is not named comes
   * out as a bare `type: object`; an object whose keys are open on purpose
   * (event data, a policy) says so with `additionalProperties`.
   */
  it('types every object schema: with its properties, or free-form on purpose', () => {
    const untyped: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (Array.isArray(node)) return node.forEach((item, i) => walk(item, `${path}[${i}]`));
      if (node === null || typeof node !== 'object') return;
      const schema = node as Record<string, unknown>;
      const described = ['properties', 'additionalProperties', '$ref', 'allOf', 'oneOf', 'anyOf'].some((key) => key in schema);
      if (schema.type === 'object' && !described) untyped.push(path);
      for (const [key, value] of Object.entries(schema)) if (key !== 'example' && key !== 'examples') walk(value, `${path}/${key}`);
    };
    walk(doc, '');
    expect(untyped).toEqual([]);
    const schemas = doc.components.schemas as Record<string, { properties: Record<string, { type?: string; nullable?: boolean }> }>;
    expect(schemas.RegisterNewcomerRequest.properties.postcodeArea).toMatchObject({ type: 'string', nullable: true });
    expect(schemas.ChangeNewcomerRequest.properties.notes).toMatchObject({ type: 'string', nullable: true });
    expect(schemas.ReasonRequest.properties.reason).toMatchObject({ type: 'string', nullable: true });
    expect(schemas.RegisterKeyPersonRequest.properties.travelRadiusKm).toMatchObject({ type: 'number', nullable: true });
    expect(schemas.NewcomerResponse.properties.withdrawnAt).toMatchObject({ type: 'string', format: 'date-time', nullable: true });
  });

  /** A body is required in the document exactly where its schema requires a field: accept, withdraw, pause, retire and a cohort run take none. */
  it('requires a request body only where the operation cannot do without one', async () => {
    type Body = { required?: boolean; content: Record<string, { schema: { $ref?: string; required?: string[]; example?: unknown } }> };
    const requirements = operations().flatMap(({ key, operation }) => {
      const body = (operation as { requestBody?: Body }).requestBody;
      if (!body) return [];
      const schema = body.content['application/json'].schema;
      const resolved = schema.$ref ? (doc.components.schemas[schema.$ref.split('/').pop()!] as { required?: string[] }) : schema;
      // PUT /policy is free-form, and the whole policy is required.
      const needsOne = key === 'PUT /api/v1/policy' || (resolved.required ?? []).length > 0 || key.startsWith('PATCH ');
      return [{ key, required: body.required === true, needsOne }];
    });
    expect(requirements.filter(({ required, needsOne }) => required !== needsOne)).toEqual([]);
    expect(requirements.filter(({ required }) => !required).map(({ key }) => key)).toEqual(expect.arrayContaining([
      'POST /api/v1/matches/{id}/accept', 'POST /api/v1/newcomers/{id}/withdraw', 'POST /api/v1/key-persons/{id}/pause',
      'POST /api/v1/key-persons/{id}/retire', 'POST /api/v1/cohort-runs',
    ]));
    // …and the server takes them without one.
    const coordinator = `Bearer ${t.token('coordinator')}`;
    const keyPerson = (await t.http.post('/api/v1/key-persons').set('Authorization', coordinator).send(keyPersonBody()).expect(201)).body.id as string;
    await t.http.post(`/api/v1/key-persons/${keyPerson}/pause`).set('Authorization', coordinator).expect(200);
    await t.http.post(`/api/v1/key-persons/${keyPerson}/retire`).set('Authorization', coordinator).expect(200);
    const intake = `Bearer ${t.token('intake')}`;
    const newcomer = (await t.http.post('/api/v1/newcomers').set('Authorization', intake).send(newcomerBody()).expect(201)).body.id as string;
    await t.http.post(`/api/v1/newcomers/${newcomer}/withdraw`).set('Authorization', intake).expect(200);
    await t.http.post('/api/v1/cohort-runs').set('Authorization', coordinator).expect(202);
  });

  it('resolves every schema reference', () => {
    const refs = JSON.stringify(doc).match(/#\/components\/schemas\/[A-Za-z0-9_]+/g) ?? [];
    for (const ref of new Set(refs)) expect(doc.components.schemas[ref.split('/').pop()!]).toBeDefined();
  });
});

/**
 * Real answers against the schemas the document gives for them: a client
 * generated from the document must find every field it is sent declared, and
 * may rely on a field not declared nullable never being null.
 */
describe('OpenAPI schemas against real answers', () => {
  let t: TestApp;
  let doc: Doc;
  beforeAll(async () => {
    t = await startTestApp({ matcher: true });
    doc = (await t.http.get('/docs-json').expect(200)).body as Doc;
  });
  afterAll(() => t.close());

  type Schema = { $ref?: string; allOf?: Schema[]; type?: string; nullable?: boolean; properties?: Record<string, Schema>; items?: Schema; additionalProperties?: unknown };
  /** The schema a reference leads to; nullable when any step on the way says so (`{ nullable, allOf: [{ $ref }] }` is how a nullable object is written). */
  const resolve = (schema: Schema): Schema => {
    let resolved = schema;
    let nullable = schema.nullable === true;
    while (resolved.$ref || resolved.allOf?.length === 1) {
      resolved = resolved.$ref ? doc.components.schemas[resolved.$ref.split('/').pop()!] as Schema : resolved.allOf![0];
      nullable ||= resolved.nullable === true;
    }
    return nullable ? { ...resolved, nullable } : resolved;
  };
  /** Where `value` leaves its schema: a field the schema does not declare, or a null it does not allow. */
  const departures = (value: unknown, schema: Schema, path = '$'): string[] => {
    const resolved = resolve(schema);
    if (value === null) return resolved.nullable || !resolved.type ? [] : [`${path}: null, not nullable`];
    if (Array.isArray(value)) return resolved.items ? value.flatMap((item, i) => departures(item, resolved.items!, `${path}[${i}]`)) : [];
    if (typeof value !== 'object' || !resolved.properties) return [];
    return Object.entries(value as Record<string, unknown>).flatMap(([key, field]) =>
      resolved.properties![key] ? departures(field, resolved.properties![key], `${path}.${key}`) : [`${path}.${key}: not declared`]);
  };
  const answerSchema = (path: string): Schema => (doc.paths[path].get.responses['200'].content!['application/json'].schema as Schema);

  it('sends newcomers, key persons and matches, one and listed, as documented', async () => {
    const intake = t.token('intake');
    const coordinator = t.token('coordinator');
    const { availability: _dates, ...withoutDates } = newcomerBody({ preferences: { keyPersonGender: 'any' } });
    const newcomer = (await t.http.post('/api/v1/newcomers').set('Authorization', `Bearer ${intake}`)
      .send({ ...withoutDates, availability: { slots: [{ day: 'tue', start: '18:00', end: '21:00' }] }, languages: [{ code: 'tir', level: 'native' }] }).expect(201)).body.id as string;
    const keyPerson = (await t.http.post('/api/v1/key-persons').set('Authorization', `Bearer ${coordinator}`).send(keyPersonBody()).expect(201)).body.id as string;
    const match = await eventually(async () => {
      const page = (await t.http.get(`/api/v1/matches?newcomerId=${newcomer}`).set('Authorization', `Bearer ${coordinator}`).expect(200)).body as { items: Array<{ id: string; status: string }> };
      return page.items.find((item) => item.status === 'proposed')?.id;
    }, { what: 'a proposal' });

    const answers: Array<[string, string]> = [
      ['/api/v1/newcomers/{id}', `/api/v1/newcomers/${newcomer}`],
      ['/api/v1/newcomers', '/api/v1/newcomers'],
      ['/api/v1/key-persons/{id}', `/api/v1/key-persons/${keyPerson}`],
      ['/api/v1/key-persons', '/api/v1/key-persons'],
      ['/api/v1/matches/{id}', `/api/v1/matches/${match}`],
      ['/api/v1/matches', '/api/v1/matches'],
    ];
    for (const [documented, path] of answers) {
      const body = (await t.http.get(path).set('Authorization', `Bearer ${coordinator}`).expect(200)).body as unknown;
      expect({ path, departures: departures(body, answerSchema(documented)) }).toEqual({ path, departures: [] });
    }
  }, 60_000);
});
