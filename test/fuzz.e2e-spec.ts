import { Role } from '@sleutel/auth';
import { DEFAULT_POLICY, GENDER_WEIGHT_RECOMMENDED } from '@sleutel/matching';
import fc from 'fast-check';
import { keyPersonBody, newcomerBody } from './support/bodies';
import { eventually } from './support/eventually';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Property-based fuzzing of every write operation of the OpenAPI document
 * (issue 6): malformed and hostile bodies — wrong types, huge strings,
 * prototype-pollution keys, deep nesting, unicode edge cases, arrays for
 * objects, and valid bodies with one field broken — sent with a token of a
 * role allowed to call the operation, at an existing subject or a random id.
 * Every answer is a 4xx problem+json, never a 5xx, and the log is unchanged.
 * The same for the query of every read that takes one (lists, searches, the
 * reference lists): hostile values, repeated and bracketed keys, broken
 * percent-escapes; there a 200 is a fine answer too.
 */

type Subject = 'newcomer' | 'key-person' | 'match' | 'none';
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface WriteOperation {
  readonly role: Role;
  /** Whose id goes into `{id}`. */
  readonly subject: Subject;
  /** A body the operation accepts (before it is broken); null: it takes no body. */
  readonly valid: (() => { [key: string]: Json }) | null;
  readonly headers?: (t: Revisions) => Record<string, string>;
}

type Revisions = { newcomer: number; keyPerson: number };

const reason = () => ({ reason: 'Moved to another municipality' });
const newcomerSections = () => newcomerBody() as { [key: string]: Json };
const keyPersonSections = () => keyPersonBody() as { [key: string]: Json };

/** Every POST/PUT/PATCH of the document; a new write operation fails the first test until it is listed here. */
const WRITES: Record<string, WriteOperation> = {
  'POST /api/v1/newcomers': { role: 'intake', subject: 'none', valid: newcomerSections },
  'PATCH /api/v1/newcomers/{id}': { role: 'intake', subject: 'newcomer', valid: newcomerSections, headers: (r) => ({ 'If-Match': `"${r.newcomer}"` }) },
  'POST /api/v1/newcomers/{id}/withdraw': { role: 'intake', subject: 'newcomer', valid: reason },
  'POST /api/v1/newcomers/{id}/match-requests': { role: 'coordinator', subject: 'newcomer', valid: null },
  'POST /api/v1/key-persons': { role: 'coordinator', subject: 'none', valid: keyPersonSections },
  'PATCH /api/v1/key-persons/{id}': { role: 'coordinator', subject: 'key-person', valid: keyPersonSections, headers: (r) => ({ 'If-Match': `"${r.keyPerson}"` }) },
  'POST /api/v1/key-persons/{id}/pause': { role: 'coordinator', subject: 'key-person', valid: reason },
  'POST /api/v1/key-persons/{id}/resume': { role: 'coordinator', subject: 'key-person', valid: null },
  'POST /api/v1/key-persons/{id}/retire': { role: 'coordinator', subject: 'key-person', valid: reason },
  'POST /api/v1/matches/{id}/approve': { role: 'coordinator', subject: 'match', valid: null },
  'POST /api/v1/matches/{id}/reject': { role: 'coordinator', subject: 'match', valid: reason },
  'POST /api/v1/matches/{id}/accept': { role: 'coordinator', subject: 'match', valid: () => ({ party: 'newcomer' }) },
  'POST /api/v1/matches/{id}/decline': { role: 'coordinator', subject: 'match', valid: () => ({ party: 'key-person', reason: 'No time after all' }) },
  'POST /api/v1/matches/{id}/end': { role: 'coordinator', subject: 'match', valid: () => ({ outcome: 'completed', reason: 'Finished the programme' }) },
  'POST /api/v1/cohort-runs': { role: 'coordinator', subject: 'none', valid: () => ({ candidatesPerNewcomer: 8, waitingBonusPerDay: 0.01, loadCost: 0.05 }) },
  // With the optional weights.gender, so that it is broken too.
  'PUT /api/v1/policy': { role: 'admin', subject: 'none', valid: () => ({ ...(JSON.parse(JSON.stringify(DEFAULT_POLICY)) as { [key: string]: Json }), weights: { ...DEFAULT_POLICY.weights, gender: GENDER_WEIGHT_RECOMMENDED }, version: 2, reason: 'A preferred gender counts' }), headers: () => ({ 'If-Match': '"1"' }) },
  'POST /api/v1/audit/replays': { role: 'auditor', subject: 'none', valid: null },
  // Nobody's id: even a body the fuzzer left valid erases no one (404), so the log stays unchanged.
  'POST /api/v1/erasures': { role: 'admin', subject: 'none', valid: () => ({ subjectType: 'newcomer', subjectId: '00000000-0000-4000-8000-000000000001', basis: 'other' }) },
};

const RUNS = Number(process.env.FUZZ_RUNS ?? 100);

// ---- hostile values ---------------------------------------------------------

/** Strings that break decoders, renderers and C libraries; the first two are not even well-formed UTF-16. */
const UNICODE_EDGES = [
  '\ud800', 'a\udfffb', '\u0000', 'Amal\u0000Haddad', '\u202eahdaH lamA', '\u200f\u200e', '\ufeff', '\u0007\u001b[31m',
  'e\u0301\u0301\u0301', '👩🏽‍⚕️', '\u2028\u2029', 'ﷺ', '𒐫'.repeat(50), '%00', '../../etc/passwd', '${7*7}', '<script>alert(1)</script>', "' OR 1=1 --",
];
/** Prototype keys, and names every object inherits (class-transformer skips those silently). */
const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty'];

const unicodeEdge = fc.oneof(
  fc.constantFrom(...UNICODE_EDGES),
  fc.tuple(fc.constantFrom(...UNICODE_EDGES), fc.string({ maxLength: 8 })).map(([edge, rest]) => `${rest}${edge}${rest}`),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 16 }),
);

/** Well past every MaxLength of the API (4000 at most); the longest also pass the 100kb body limit. */
const hugeString = fc.integer({ min: 5_000, max: 120_000 }).map((length) => 'ẞ'.repeat(length));

/** `[[[…]]]` or `{"a":{"a":…}}`, a dozen levels or hundreds (thousands go as raw text below). */
const deepNest = fc.tuple(fc.integer({ min: 12, max: 300 }), fc.boolean()).map(([depth, arrays]): Json => {
  let value: Json = 'bottom';
  for (let level = 0; level < depth; level++) value = arrays ? [value] : { a: value };
  return value;
});

/** An object with an own `__proto__`/`constructor`/`prototype` key, as JSON.parse makes it (a literal would set the prototype instead). */
const polluting = fc.tuple(fc.constantFrom(...POLLUTION_KEYS), fc.constantFrom<Json>({ admin: true, roles: ['admin'] }, 'x', 1, [], { prototype: { polluted: true } }))
  .map(([key, value]) => JSON.parse(`{${JSON.stringify(key)}:${JSON.stringify(value)}}`) as { [key: string]: Json });

const scalar = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.string({ maxLength: 20 }));

/** Any value that is wrong in some way, or simply of an unexpected type. */
const hostile: fc.Arbitrary<Json> = fc.oneof(
  scalar,
  unicodeEdge,
  hugeString,
  deepNest,
  polluting,
  fc.array(scalar, { maxLength: 5 }),
  fc.array(polluting, { minLength: 1, maxLength: 2 }),
  fc.dictionary(fc.oneof(fc.string({ minLength: 1, maxLength: 10 }), unicodeEdge), scalar, { minKeys: 1, maxKeys: 4 }),
);

/** A replacement that cannot be valid where `original` was: another JSON type, a huge or ill-formed string, a polluted object. */
function breaking(original: Json): fc.Arbitrary<Json> {
  const type = typeOf(original);
  const others = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), scalar, { maxKeys: 2 }), deepNest, polluting)
    .filter((value) => typeOf(value) !== type && value !== null);
  const strings = fc.oneof(hugeString, fc.constantFrom('\ud800', 'x\u0000y', 'a\udc00'));
  return type === 'string' ? fc.oneof(others, strings) : fc.oneof(others, strings, polluting);
}

/** The JSON type; integers and other numbers are one type, since a number field may take an integer. */
function typeOf(value: Json): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

/** Every path of a body (objects and array items, at any depth) to a value. */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const children: [string | number, Json][] = Array.isArray(value) ? value.map((item, index) => [index, item]) : Object.entries(value);
  return [...(prefix.length ? [prefix] : []), ...children.flatMap(([key, child]) => paths(child, [...prefix, key]))];
}

function setAt(body: Json, path: readonly (string | number)[], value: Json): Json {
  const copy = JSON.parse(JSON.stringify(body)) as Json;
  let node = copy as { [key: string]: Json };
  for (const key of path.slice(0, -1)) node = node[key] as { [key: string]: Json };
  node[path[path.length - 1]] = value;
  return copy;
}

function addKey(body: { [key: string]: Json }, key: string, value: Json): string {
  const text = JSON.stringify(body);
  return `${text.slice(0, -1)}${text.length > 2 ? ',' : ''}${JSON.stringify(key)}:${JSON.stringify(value)}}`;
}

type Sent = { readonly json: string; readonly what: string };

/** Counterexamples print what was sent and the start of the text, not 100 kB of it. */
function sent(json: string, what: string): Sent {
  return { json, what, [fc.toStringMethod]: () => `${what}: ${json.length > 300 ? `${json.slice(0, 300)}… (${json.length} characters)` : json}` } as Sent;
}

/** The bodies to send to an operation: JSON text, so own `__proto__` keys and ill-formed strings go over the wire as they are. */
function bodies(operation: WriteOperation): fc.Arbitrary<Sent> {
  const base = operation.valid;
  const whole = hostile.filter((value) => !isEmptyObject(value)).map((value) => sent(JSON.stringify(value), 'a hostile body'));
  const raw = fc.constantFrom('{', '{"a":', '[1,2', '{"displayName":"x",}', "{'a':1}", 'nul', '"\\ud800"', '{"a":"\\u0000"}', '{"__proto__":{"isAdmin":true}}', '{"constructor":{"prototype":{"x":1}}}')
    .map((json) => sent(json, 'malformed or hostile JSON text'));
  const deepText = fc.tuple(fc.integer({ min: 1_000, max: 20_000 }), fc.constantFrom(['[', ']'], ['{"a":', '}'])).map(([depth, [open, close]]) =>
    sent(`${open.repeat(depth)}1${close.repeat(depth)}`, `JSON nested ${depth} deep`));
  if (base === null) {
    const extra = fc.tuple(fc.oneof(fc.constantFrom(...POLLUTION_KEYS), fc.string({ minLength: 1, maxLength: 12 }), unicodeEdge), hostile)
      .map(([key, value]) => sent(addKey({}, key, value), `a body with ${JSON.stringify(key)}, where none is taken`));
    return fc.oneof(whole, raw, deepText, extra);
  }
  const valid = base();
  const broken = fc.constantFrom(...paths(valid)).chain((path) =>
    breaking(valueAt(valid, path)).map((value) => sent(JSON.stringify(setAt(valid, path, value)), `a valid body with ${path.join('.')} broken`)),
  );
  const sections = fc.subarray(Object.keys(valid), { minLength: 1 }).map((keys) => Object.fromEntries(keys.map((key) => [key, valid[key]])));
  const pollutedSection = fc.tuple(sections, fc.constantFrom(...POLLUTION_KEYS), hostile).map(([body, key, value]) =>
    sent(addKey(body, key, value), `a valid body with an own ${key} key`));
  const objectPaths = paths(valid).filter((path) => isObject(valueAt(valid, path)));
  const nestedPollution = objectPaths.length === 0 ? [] : [fc.tuple(fc.constantFrom(...objectPaths), fc.constantFrom(...POLLUTION_KEYS)).map(([path, key]) =>
    sent(JSON.stringify(setAt(valid, path, JSON.parse(addKey(valueAt(valid, path) as { [key: string]: Json }, key, { polluted: true })) as Json)), `${key} inside ${path.join('.')}`))];
  const unknownKey = fc.tuple(sections, unicodeEdge, scalar).map(([body, key, value]) => sent(addKey(body, key, value), `an unknown key ${JSON.stringify(key)}`));
  return fc.oneof(whole, raw, deepText, broken, broken, pollutedSection, unknownKey, ...nestedPollution);
}

function valueAt(body: Json, path: readonly (string | number)[]): Json {
  return path.reduce<Json>((node, key) => (node as { [key: string]: Json })[key], body);
}

const isObject = (value: Json): boolean => value !== null && typeof value === 'object' && !Array.isArray(value);
const isEmptyObject = (value: Json): boolean => isObject(value) && Object.keys(value as object).length === 0;

/** Ids that name no subject: random UUIDs and strings no router or pipe should choke on. */
const strangeId = fc.oneof(
  fc.uuid(),
  fc.uuid().map((id) => id.toUpperCase()),
  fc.constantFrom('0', 'null', '..%2F..%2Fetc', '%00', '%E0%A4%A', 'x'.repeat(2_000), '%F0%9F%91%A9', '__proto__', 'constructor'),
);

// ---- the property -----------------------------------------------------------

/** Until the log stops growing: the matcher has done what the events so far ask of it. */
async function matcherSettled(t: TestApp): Promise<void> {
  let last = -1;
  await eventually(async () => {
    const length = await t.logLength();
    const settled = length === last;
    last = length;
    return settled;
  }, { intervalMs: 500, what: 'the matcher to settle' });
}

/** A key person and a newcomer who fit, and the proposal the matcher makes them. */
async function proposal(t: TestApp): Promise<{ keyPerson: string; newcomer: string; match: string }> {
  const coordinator = t.token('coordinator');
  const keyPerson = (await t.http.post('/api/v1/key-persons').set('Authorization', `Bearer ${coordinator}`)
    .send(keyPersonBody({ languages: [{ code: 'apc', level: 'native' }], origin: { country: 'SY' }, gender: 'female', availability: { slots: [{ day: 'mon', start: '09:00', end: '12:00' }] } }))
    .expect(201)).body.id as string;
  const newcomer = (await t.http.post('/api/v1/newcomers').set('Authorization', `Bearer ${t.token('intake')}`).send(newcomerBody()).expect(201)).body.id as string;
  const match = await eventually(async () => {
    const items = (await t.http.get(`/api/v1/matches?newcomerId=${newcomer}`).set('Authorization', `Bearer ${coordinator}`).expect(200)).body.items as { id: string; status: string }[];
    return items.find((candidate) => candidate.status === 'proposed')?.id;
  }, { what: 'a proposal' });
  return { keyPerson, newcomer, match };
}

describe('Fuzzing every write operation with hostile bodies', () => {
  let t: TestApp;
  const ids: Partial<Record<Subject, string>> = {};
  const revisions: Revisions = { newcomer: 0, keyPerson: 0 };

  beforeAll(async () => {
    // With the matcher on, a key person and a newcomer who fit become a real proposal to aim at.
    t = await startTestApp({ matcher: true });
    const coordinator = t.token('coordinator');
    ({ keyPerson: ids['key-person'], newcomer: ids.newcomer, match: ids.match } = await proposal(t));
    await quiet();
    revisions.newcomer = Number(JSON.parse((await t.http.get(`/api/v1/newcomers/${ids.newcomer}`).set('Authorization', `Bearer ${coordinator}`).expect(200)).headers.etag));
    revisions.keyPerson = Number(JSON.parse((await t.http.get(`/api/v1/key-persons/${ids['key-person']}`).set('Authorization', `Bearer ${coordinator}`).expect(200)).headers.etag));
  });
  afterAll(() => t.close());

  /** The matcher has settled: the log did not grow for half a second. */
  const quiet = () => matcherSettled(t);

  it('fuzzes exactly the write operations of the OpenAPI document', async () => {
    const doc = (await t.http.get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const writes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).filter((method) => ['post', 'put', 'patch'].includes(method)).map((method) => `${method.toUpperCase()} ${path}`));
    expect(writes.sort()).toEqual(Object.keys(WRITES).sort());
  });

  it.each(Object.keys(WRITES))('%s: always a 4xx problem, never a 5xx, the log unchanged', async (key) => {
    const operation = WRITES[key];
    const [method, template] = key.split(' ');
    const token = t.token(operation.role);
    const id = operation.subject === 'none' ? fc.constant('') : fc.oneof(fc.constant(ids[operation.subject]!), strangeId);
    const before = await t.logLength();

    await fc.assert(
      fc.asyncProperty(id, bodies(operation), async (subjectId, body) => {
        const logBefore = await t.logLength();
        const path = template.replace('{id}', subjectId);
        const response = await t.http[method.toLowerCase() as 'post' | 'put' | 'patch'](path)
          .set('Authorization', `Bearer ${token}`)
          .set(operation.headers?.(revisions) ?? {})
          .set('Content-Type', 'application/json')
          .send(body.json);
        const status = response.status;
        const answer = { sent: body.what, status, clientError: status >= 400 && status < 500, problem: /^application\/problem\+json/.test(response.headers['content-type'] ?? '') };
        expect(answer).toEqual({ sent: body.what, status, clientError: true, problem: true });
        expect(response.body).toMatchObject({ status, type: expect.any(String), title: expect.any(String), code: expect.any(String) });
        for (const error of response.body.errors ?? []) expect(error).toEqual({ field: expect.any(String), rule: expect.any(String), message: expect.any(String) });
        const appended = (await t.store.readAll()).slice(logBefore).map((event) => event.type);
        expect({ sent: body.what, status, appended }).toEqual({ sent: body.what, status, appended: [] });
      }),
      { numRuns: RUNS },
    );
    expect(await t.logLength()).toBe(before);
  });

  it('still accepts what is merely unusual: right-to-left marks and emoji in a name', async () => {
    const name = '\u200fأمل حداد\u200f 👩🏽‍⚕️';
    const created = await t.http.post('/api/v1/newcomers').set('Authorization', `Bearer ${t.token('intake')}`).send(newcomerBody({ displayName: name })).expect(201);
    const read = await t.http.get(`/api/v1/newcomers/${created.body.id}`).set('Authorization', `Bearer ${t.token('intake')}`).expect(200);
    expect(read.body.displayName).toBe(name);
  });
});

// ---- queries ----------------------------------------------------------------

interface QueryOperation {
  readonly role: Role;
  /** Values for the path's `{…}` parameters. */
  readonly path?: (ids: { newcomer: string; match: string }) => Record<string, string>;
}

/** Every GET of the document that takes query parameters; a new one fails the first test until it is listed here. */
const QUERIES: Record<string, QueryOperation> = {
  'GET /api/v1/newcomers': { role: 'intake' },
  'GET /api/v1/key-persons': { role: 'coordinator' },
  'GET /api/v1/matches': { role: 'coordinator' },
  'GET /api/v1/cohort-runs': { role: 'coordinator' },
  'GET /api/v1/audit/events': { role: 'auditor' },
  'GET /api/v1/audit/verify': { role: 'auditor' },
  'GET /api/v1/audit/{kind}/{id}': { role: 'auditor', path: (ids) => ({ kind: 'newcomers', id: ids.newcomer }) },
  'GET /api/v1/audit/matches/{id}': { role: 'auditor', path: (ids) => ({ id: ids.match }) },
  'GET /api/v1/reference/languages': { role: 'intake' },
  'GET /api/v1/reference/countries': { role: 'auditor' },
  'GET /api/v1/reference/municipalities': { role: 'coordinator' },
};

/** Percent-encodes every UTF-8 byte, so what is sent is exactly these bytes (a lone surrogate goes as U+FFFD, as a browser sends it). */
const percentEncoded = (text: string): string => [...Buffer.from(text, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0').toUpperCase()}`).join('');

/** A query value as sent on the wire: any string encoded, or escapes no decoder should accept. */
const queryValue: fc.Arbitrary<string> = fc.oneof(
  fc.oneof(scalar.map(String), unicodeEdge, fc.constantFrom('', ' ', '-1', '0', '1e3', '9007199254740993', 'NaN', 'null', 'true', '[]', '{}', 'GM0344', 'apc', ',,,', 'a,b,c'))
    .map(percentEncoded),
  // Long, but with four of them still under Node's 16 kB of headers (beyond that Node answers 431 before the app sees the request).
  fc.integer({ min: 1_000, max: 3_000 }).map((length) => 'x'.repeat(length)),
  fc.constantFrom('%', '%E0%A4%A', '%ED%A0%80', '%FF%FE', '%00', '%2', '%%41', '%C0%AF', '+', '%2B%2C%26%3D'),
);

/** A query: some of the operation's parameters (maybe twice, maybe with brackets) and maybe a key it does not take, each with a hostile value. */
function queries(names: readonly string[]): fc.Arbitrary<Sent> {
  const key = fc.oneof(
    fc.constantFrom(...names),
    fc.constantFrom(...names).map((name) => `${name}[]`),
    fc.constantFrom(...names).map((name) => `${name}%5Bx%5D`),
    fc.constantFrom(...POLLUTION_KEYS),
    unicodeEdge.map(percentEncoded),
  );
  return fc.array(fc.tuple(key, queryValue), { minLength: 1, maxLength: 4 })
    .map((pairs) => {
      const query = pairs.map(([name, value]) => `${name}=${value}`).join('&');
      return sent(query, query.length > 200 ? `?${query.slice(0, 200)}… (${query.length} characters)` : `?${query}`);
    });
}

describe('Fuzzing the query of every list and search with hostile parameters', () => {
  let t: TestApp;
  let doc: { paths: Record<string, Record<string, { parameters?: { name: string; in: string; schema?: { type?: string } }[] }>> };
  const ids = { newcomer: '', match: '' };

  beforeAll(async () => {
    // With the matcher on, a real proposal whose state as of a moment the audit's query is fuzzed against; settled
    // before, so that the log stays as it is while the queries run.
    t = await startTestApp({ matcher: true });
    ({ newcomer: ids.newcomer, match: ids.match } = await proposal(t));
    await matcherSettled(t);
    doc = (await t.http.get('/docs-json').expect(200)).body;
  });
  afterAll(() => t.close());

  const queryParameters = (key: string) => {
    const [method, path] = key.split(' ');
    return (doc.paths[path][method.toLowerCase()].parameters ?? []).filter((parameter) => parameter.in === 'query');
  };
  const queryNames = (key: string): string[] => queryParameters(key).map((parameter) => parameter.name);
  const pathOf = (key: string): string => {
    const [, template] = key.split(' ');
    return Object.entries(QUERIES[key].path?.(ids) ?? {}).reduce((url, [name, value]) => url.replace(`{${name}}`, value), template);
  };

  it('fuzzes exactly the GET operations of the OpenAPI document that take a query', () => {
    const withQuery = Object.keys(doc.paths).filter((path) => doc.paths[path].get !== undefined).map((path) => `GET ${path}`)
      .filter((key) => queryNames(key).length > 0);
    expect(withQuery.sort()).toEqual(Object.keys(QUERIES).sort());
  });

  it.each(Object.keys(QUERIES))('%s: an answer or a 4xx problem, never a 5xx, the log unchanged', async (key) => {
    const operation = QUERIES[key];
    const path = pathOf(key);
    const token = t.token(operation.role);
    const before = await t.logLength();

    await fc.assert(
      fc.asyncProperty(queries(queryNames(key)), async (query) => {
        const response = await t.http.get(`${path}?${query.json}`).set('Authorization', `Bearer ${token}`);
        const { status } = response;
        const type = response.headers['content-type'] ?? '';
        const answer = { sent: query.what, status, ok: status === 200 ? /^application\/json/.test(type) : status >= 400 && status < 500 && /^application\/problem\+json/.test(type) };
        expect(answer).toEqual({ sent: query.what, status, ok: true });
        if (status !== 200) expect(response.body).toMatchObject({ status, type: expect.any(String), title: expect.any(String), code: expect.any(String) });
      }),
      { numRuns: RUNS },
    );
    expect(await t.logLength()).toBe(before);
  });

  it('takes a number in a query as plain decimal digits only: hex, exponents, signs, decimals and blanks are refused naming the parameter', async () => {
    // What Number() reads as a number; `1.5` and `abc` were refused already.
    const lenient = ['0x10', '0b11', '0o7', '1e1', '1E1', '.5e1', '5.0', '5.', '+5', ' 5', '5 ', '\t5', '5\n', '\u00a05'];
    const refused = async (key: string, name: string, value: string) => {
      const response = await t.http.get(`${pathOf(key)}?${name}=${encodeURIComponent(value)}`).set('Authorization', `Bearer ${t.token(QUERIES[key].role)}`);
      const type = response.headers['content-type'] ?? '';
      return { key, name, value, status: response.status, problem: /^application\/problem\+json/.test(type), errors: response.body.errors };
    };
    const numeric = Object.keys(QUERIES).flatMap((key) => queryParameters(key)
      .filter((parameter) => parameter.schema?.type === 'integer' || parameter.schema?.type === 'number').map((parameter) => [key, parameter.name] as const));
    expect(numeric.map(([, name]) => name)).toContain('limit');
    for (const [key, name] of numeric) {
      for (const value of lenient) {
        expect(await refused(key, name, value)).toEqual({ key, name, value, status: 400, problem: true, errors: [{ field: name, rule: 'int', message: expect.any(String) }] });
      }
      await t.http.get(`${pathOf(key)}?${name}=5`).set('Authorization', `Bearer ${t.token(QUERIES[key].role)}`).expect(200);
    }
    // The log positions of the audit are strings of digits: as strict.
    for (const [key, name, rule] of [['GET /api/v1/audit/events', 'after', 'matches'], ['GET /api/v1/audit/{kind}/{id}', 'asOf', 'log-position-or-instant']] as const) {
      for (const value of lenient) {
        expect(await refused(key, name, value)).toEqual({ key, name, value, status: 400, problem: true, errors: [{ field: name, rule, message: expect.any(String) }] });
      }
    }
  });
});
