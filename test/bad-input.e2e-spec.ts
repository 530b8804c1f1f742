import { gzipSync } from 'node:zlib';
import { keyPersonBody, newcomerBody } from './support/bodies';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Bad input of any kind: a clear 4xx problem+json naming the field and the
 * rule, and the event log exactly as long as before.
 */
describe('Bad input is refused, named and changes nothing', () => {
  let t: TestApp;
  let newcomerId: string;
  let keyPersonId: string;

  beforeAll(async () => {
    t = await startTestApp();
    newcomerId = (await t.http.post('/api/v1/newcomers').set('Authorization', `Bearer ${t.token('intake')}`).send(newcomerBody()).expect(201)).body.id;
    keyPersonId = (await t.http.post('/api/v1/key-persons').set('Authorization', `Bearer ${t.token('coordinator')}`).send(keyPersonBody()).expect(201)).body.id;
  });
  afterAll(() => t.close());

  type Case = {
    name: string;
    method: 'post' | 'patch';
    path: () => string;
    role: 'intake' | 'coordinator';
    body?: unknown;
    raw?: { contentType: string; text: string };
    headers?: Record<string, string>;
    status: number;
    field: string | RegExp;
    rule?: string;
  };

  const newcomer = (body: unknown, field: string | RegExp, rule?: string, status = 400): Case => ({
    name: `newcomer ${field}${rule ? ` (${rule})` : ''}`, method: 'post', path: () => '/api/v1/newcomers', role: 'intake', body, status, field, rule,
  });
  const keyPerson = (body: unknown, field: string | RegExp, rule?: string): Case => ({
    name: `key person ${field}${rule ? ` (${rule})` : ''}`, method: 'post', path: () => '/api/v1/key-persons', role: 'coordinator', body, status: 400, field, rule,
  });
  const patchNewcomer = (name: string, body: unknown, field: string | RegExp, status = 400, headers: Record<string, string> = { 'If-Match': '"0"' }): Case => ({
    name: `PATCH newcomer ${name}`, method: 'patch', path: () => `/api/v1/newcomers/${newcomerId}`, role: 'intake', body, status, field, headers,
  });

  const cases: Case[] = [
    newcomer(newcomerBody({ displayName: 42 }), 'displayName', 'string'),
    newcomer(newcomerBody({ birthYear: '1990' }), 'birthYear', 'int'),
    newcomer(newcomerBody({ birthYear: 1800 }), 'birthYear'),
    newcomer(newcomerBody({ religion: 'none' }), 'religion', 'unknown-field'),
    newcomer(newcomerBody({ origin: { country: 'SY', ethnicity: 'x' } }), 'origin.ethnicity', 'unknown-field'),
    newcomer(newcomerBody({ displayName: undefined }), 'displayName', 'required'),
    newcomer(newcomerBody({ languages: 'apc' }), 'languages', 'array'),
    newcomer(newcomerBody({ languages: [{ code: 'xxq', level: 'native' }] }), 'languages[0].code'),
    newcomer(newcomerBody({ languages: [{ code: 'apc', level: 'expert' }] }), 'languages[0].level', 'in'),
    newcomer(newcomerBody({ languages: [] }), 'languages'),
    newcomer(newcomerBody({ origin: { country: 'ZZ' } }), 'origin.country'),
    newcomer(newcomerBody({ municipality: 'GM9999' }), 'municipality'),
    newcomer(newcomerBody({ postcodeArea: '35AB' }), 'postcodeArea'),
    newcomer(newcomerBody({ needs: [{ topic: 'religion', priority: 1 }] }), 'needs[0].topic', 'in'),
    newcomer(newcomerBody({ needs: [{ topic: 'health', priority: 5 }] }), 'needs[0].priority'),
    newcomer(newcomerBody({ availability: { slots: [{ day: 'mon', start: '12:00', end: '09:00' }] } }), /^availability\.slots\[0\]/),
    newcomer(newcomerBody({ availability: { slots: [{ day: 'mon', start: '09:00', end: '12:00' }, { day: 'mon', start: '11:00', end: '13:00' }] } }), /^availability\.slots/),
    newcomer(newcomerBody({ availability: { slots: [] } }), 'availability.slots'),
    newcomer(newcomerBody({ availability: { slots: [{ day: 'mon', start: '9am', end: '12:00' }] } }), 'availability.slots[0].start'),
    newcomer(newcomerBody({ availability: { slots: [{ day: 'funday', start: '09:00', end: '12:00' }] } }), 'availability.slots[0].day', 'in'),
    newcomer(newcomerBody({ preferences: { keyPersonGender: 'robot' } }), 'preferences.keyPersonGender', 'in'),
    newcomer(newcomerBody({ contact: { email: 'not-an-email' } }), 'contact.email'),
    newcomer(newcomerBody({ doNotMatch: ['not-a-uuid'] }), /^doNotMatch/),
    // Dates that leave the slots no day to apply on: the matcher would count no contact at all, so nobody would ever be proposed.
    newcomer(newcomerBody({ availability: { slots: [{ day: 'mon', start: '09:00', end: '12:00' }], until: '2020-06-30' } }), 'availability.until', 'date-order'),
    keyPerson(keyPersonBody({ availability: { slots: [{ day: 'tue', start: '18:00', end: '21:00' }], from: '2099-06-06', until: '2099-06-07' } }), 'availability.until', 'slot-in-date-range'),
    keyPerson(keyPersonBody({ capacity: 0 }), 'capacity'),
    keyPerson(keyPersonBody({ capacity: 21 }), 'capacity'),
    keyPerson(keyPersonBody({ capacity: 2.5 }), 'capacity', 'int'),
    keyPerson(keyPersonBody({ maxHoursPerMonth: 0 }), 'maxHoursPerMonth'),
    keyPerson(keyPersonBody({ maxHoursPerMonth: 37.25 }), 'maxHoursPerMonth', 'multiple-of'),
    keyPerson(keyPersonBody({ travelRadiusKm: -1 }), 'travelRadiusKm'),
    keyPerson(keyPersonBody({ expertise: ['cooking'] }), 'expertise', 'in'),
    keyPerson(keyPersonBody({ engagement: 'freelance' }), 'engagement', 'in'),
    // SPEC §3: a key person's contact, unlike a newcomer's, is no option.
    keyPerson(keyPersonBody({ contact: undefined }), 'contact.phone', 'required'),
    keyPerson(keyPersonBody({ contact: {} }), 'contact.phone', 'required'),
    { name: 'PATCH key person contact emptied', method: 'patch', path: () => `/api/v1/key-persons/${keyPersonId}`, role: 'coordinator', body: { contact: null }, headers: { 'If-Match': '"0"' }, status: 400, field: 'contact.phone', rule: 'required' },
    keyPerson(keyPersonBody({ languages: [{ code: 'tir', level: 'native' }, { code: 'tir', level: 'basic' }] }), /^languages/),
    { name: 'malformed JSON', method: 'post', path: () => '/api/v1/newcomers', role: 'intake', raw: { contentType: 'application/json', text: '{"displayName": "Amal",' }, status: 400, field: 'body', rule: 'json' },
    { name: 'a JSON array body', method: 'post', path: () => '/api/v1/newcomers', role: 'intake', body: [newcomerBody()], status: 400, field: 'body', rule: 'object' },
    { name: 'a text body', method: 'post', path: () => '/api/v1/newcomers', role: 'intake', raw: { contentType: 'text/plain', text: 'Amal Haddad' }, status: 415, field: 'content-type' },
    { name: 'an oversized body', method: 'post', path: () => '/api/v1/newcomers', role: 'intake', body: newcomerBody({ notes: 'x'.repeat(200_000) }), status: 413, field: 'body', rule: 'max-size' },
    { name: 'an unparseable Idempotency-Key', method: 'post', path: () => '/api/v1/newcomers', role: 'intake', body: newcomerBody(), headers: { 'Idempotency-Key': 'é' }, status: 400, field: 'Idempotency-Key' },
    newcomer(newcomerBody({ availability: { slots: Array.from({ length: 101 }, () => ({ day: 'mon', start: '09:00', end: '10:00' })) } }), 'availability.slots', 'max-items'),
    newcomer(newcomerBody({ doNotMatch: Array(101).fill('00000000-0000-4000-8000-000000000000') }), 'doNotMatch', 'max-items'),
    { name: 'a body that is not what its Content-Encoding says', method: 'post', path: () => '/api/v1/newcomers', role: 'intake', raw: { contentType: 'application/json', text: JSON.stringify(newcomerBody()) }, headers: { 'Content-Encoding': 'gzip' }, status: 400, field: 'content-encoding', rule: 'content-coding' },
    { name: 'an unknown Content-Encoding', method: 'post', path: () => '/api/v1/newcomers', role: 'intake', raw: { contentType: 'application/json', text: JSON.stringify(newcomerBody()) }, headers: { 'Content-Encoding': 'compress' }, status: 415, field: 'content-encoding', rule: 'content-coding' },
    patchNewcomer('with 101 slots', { availability: { slots: Array.from({ length: 101 }, (_, index) => ({ day: 'mon', start: '09:00', end: '10:00', index })) } }, 'availability.slots'),
    patchNewcomer('with an unknown language', { languages: [{ code: 'qqq', level: 'native' }] }, 'languages[0].code'),
    patchNewcomer('with an unknown field', { nationality: 'SY' }, 'nationality'),
    patchNewcomer('with availability that ended', { availability: { slots: [{ day: 'mon', start: '09:00', end: '12:00' }], from: '2020-01-01', until: '2020-06-30' } }, 'availability.until'),
    patchNewcomer('with nothing to change', {}, 'body'),
    patchNewcomer('with a null display name', { displayName: null }, 'displayName'),
    patchNewcomer('with a garbage If-Match', { notes: 'x' }, 'If-Match', 400, { 'If-Match': 'yesterday' }),
    patchNewcomer('with a stale weak If-Match', { notes: 'x' }, 'If-Match', 412, { 'If-Match': 'W/"7"' }),
    patchNewcomer('with a stale If-Match', { notes: 'x' }, 'If-Match', 412, { 'If-Match': '"7"' }),
    patchNewcomer('without If-Match', { notes: 'x' }, 'If-Match', 428, {}),
    { name: 'PATCH key person capacity out of range', method: 'patch', path: () => `/api/v1/key-persons/${keyPersonId}`, role: 'coordinator', body: { capacity: 50 }, headers: { 'If-Match': '"0"' }, status: 400, field: 'capacity' },
    { name: 'pause with a wrong reason type', method: 'post', path: () => `/api/v1/key-persons/${keyPersonId}/pause`, role: 'coordinator', body: { reason: 7 }, status: 400, field: 'reason' },
    { name: 'resume (takes no body) with a reason', method: 'post', path: () => `/api/v1/key-persons/${keyPersonId}/resume`, role: 'coordinator', body: { reason: 'back' }, status: 400, field: 'reason', rule: 'unknown-field' },
  ];

  it.each(cases)('$name → $status', async (c) => {
    const before = await t.logLength();
    let call = t.http[c.method](c.path()).set('Authorization', `Bearer ${t.token(c.role)}`).set(c.headers ?? {});
    call = c.raw ? call.set('Content-Type', c.raw.contentType).send(c.raw.text) : call.send(c.body as object);
    const response = await call;

    expect(response.status).toBe(c.status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: c.status, title: expect.any(String), type: expect.any(String), code: expect.any(String) });
    const fields = (response.body.errors ?? []).map((e: { field: string }) => e.field);
    const named = fields.some((field: string) => (typeof c.field === 'string' ? field === c.field : c.field.test(field)));
    if (!named) throw new Error(`expected a violation of ${String(c.field)}, got ${JSON.stringify(response.body.errors)}`);
    if (c.rule) expect(response.body.errors).toContainEqual(expect.objectContaining({ rule: c.rule }));
    for (const error of response.body.errors) expect(error).toEqual({ field: expect.any(String), rule: expect.any(String), message: expect.any(String) });
    expect(await t.logLength()).toBe(before);
  });

  it('checks who calls before what an operation that takes no body was sent: 401 without a token, 403 for a role that may not call it', async () => {
    const path = `/api/v1/key-persons/${keyPersonId}/resume`;
    const before = await t.logLength();
    const anonymous = await t.http.post(path).send({ reason: 'back' });
    const intake = await t.http.post(path).set('Authorization', `Bearer ${t.token('intake')}`).send({ reason: 'back' });
    expect([anonymous.status, intake.status]).toEqual([401, 403]);
    expect(await t.logLength()).toBe(before);
  });

  it('reports every violation of a body at once', async () => {
    const response = await t.http.post('/api/v1/newcomers').set('Authorization', `Bearer ${t.token('intake')}`)
      .send(newcomerBody({ languages: [{ code: 'xxq', level: 'native' }], origin: { country: 'ZZ' }, municipality: 'GM9999' }));
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['languages[0].code', 'origin.country', 'municipality']));
  });

  it.each([
    ['/api/v1/newcomers?limit=abc', 'intake', [{ field: 'limit', rule: 'int' }]],
    ['/api/v1/key-persons?limit=1.5', 'coordinator', [{ field: 'limit', rule: 'int' }]],
    ['/api/v1/matches?limit=abc', 'coordinator', [{ field: 'limit', rule: 'int' }]],
    ['/api/v1/newcomers?limit=0', 'intake', [{ field: 'limit', rule: 'min' }]],
    ['/api/v1/newcomers?limit=101', 'intake', [{ field: 'limit', rule: 'max' }]],
  ])('names only the type rule of a value of the wrong type, not the range it cannot be in: %s', async (path, role, expected) => {
    const response = await t.http.get(path).set('Authorization', `Bearer ${t.token(role as 'intake' | 'coordinator')}`);
    expect(response.status).toBe(400);
    expect(response.body.errors.map(({ field, rule }: { field: string; rule: string }) => ({ field, rule }))).toEqual(expected);
  });

  it('answers a small compressed body of a great many empty items with one bounded refusal, not one error per item', async () => {
    const bomb = gzipSync(JSON.stringify({ availability: { slots: Array(33_000).fill({}) } }), { level: 9 });
    expect(bomb.length).toBeLessThan(1_000);
    const before = await t.logLength();
    const response = await t.http.post('/api/v1/newcomers').set('Authorization', `Bearer ${t.token('intake')}`)
      .set('Content-Type', 'application/json').set('Content-Encoding', 'gzip').serialize((raw: unknown) => raw as string).send(bomb);
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field: 'availability.slots', rule: 'max-items', message: 'must have at most 100 items' }]);
    expect(await t.logLength()).toBe(before);
  });

  it('lists at most 20 violations, and says how many there were', async () => {
    const response = await t.http.post('/api/v1/newcomers').set('Authorization', `Bearer ${t.token('intake')}`)
      .send(newcomerBody({ availability: { slots: Array(100).fill({}) } }));
    expect(response.status).toBe(400);
    expect(response.body.errors).toHaveLength(20);
    expect(response.body.detail).toMatch(/The first 20 of \d{3} violations are listed\./);
  });

  it('never echoes submitted personal values in an error', async () => {
    const response = await t.http.post('/api/v1/newcomers').set('Authorization', `Bearer ${t.token('intake')}`)
      .send(newcomerBody({ contact: { email: 'Zarghuna.Secret@example' } }));
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).not.toContain('Zarghuna');
  });
});
