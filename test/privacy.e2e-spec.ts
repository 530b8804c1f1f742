import { randomBytes, randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { exportLog } from '@sleutel/audit';
import { derivedId } from '@sleutel/eventsourcing';
import { KEY_STORE, ReadSide } from '@sleutel/platform';
import { KeyStore } from '@sleutel/privacy';
import { IdempotencyKeys } from '../apps/api/src/common/idempotency-key';
import { keyPersonBody, newcomerBody } from './support/bodies';
import { eventually } from './support/eventually';
import { proposedPair } from './support/proposed-pair';
import { sharedInstallationEnv, TEST_REDIS_URL } from './support/replicas';
import { startTestApp, TestApp } from './support/test-app';

const REDIS_URL = TEST_REDIS_URL;

/**
 * SPEC §7, issue 6: no personal value at rest in clear — not in any file of
 * DATA_DIR (event log, its WAL, read models, key store) nor in any Redis key —
 * and after erasure the person's data is unreadable through every endpoint and
 * in an export, while the log keeps its shape and its hash chain.
 */
const setups: [string, () => Record<string, string>][] = [
  ['the embedded default (SQLite key store, in-process queue)', () => ({})],
  ['Redis (key store and BullMQ queue on Redis)', () => ({ REDIS_URL, KEY_STORE: 'redis', KEY_STORE_PREFIX: `test-keys-${randomUUID()}:`, MATCHER_QUEUE: `test-${randomUUID()}` })],
];

describe.each(setups)('personal data with %s', (_setup, env) => {
  let t: TestApp;
  let redis: Redis;
  const as = (role: 'intake' | 'coordinator' | 'auditor' | 'admin') => ({ Authorization: `Bearer ${t.token(role)}` });
  // Values nobody else writes, so finding one anywhere means it leaked.
  const mark = randomBytes(6).toString('hex');
  const secrets = {
    newcomerName: `Nadia Qx${mark}`,
    newcomerNotes: `Prefers mornings; asked about ${mark}-housing`,
    newcomerEmail: `nadia.${mark}@example.org`,
    keyPersonName: `Kidane Zv${mark}`,
    keyPersonPhone: `+3161${parseInt(mark.slice(0, 7), 16).toString().padStart(7, '0').slice(0, 7)}`,
  };
  const evenings = { slots: [{ day: 'tue', start: '18:00', end: '21:00' }] };
  let newcomerId: string;
  let keyPersonId: string;
  let matchId: string;

  beforeAll(async () => {
    t = await startTestApp({ matcher: true, env: env() });
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 2 });
    keyPersonId = (await t.http.post('/api/v1/key-persons').set(as('coordinator')).send(keyPersonBody({
      displayName: secrets.keyPersonName, contact: { phone: secrets.keyPersonPhone }, languages: [{ code: 'tir', level: 'native' }], availability: evenings,
    })).expect(201)).body.id;
    newcomerId = (await t.http.post('/api/v1/newcomers').set(as('intake')).send(newcomerBody({
      displayName: secrets.newcomerName, notes: secrets.newcomerNotes, contact: { email: secrets.newcomerEmail },
      languages: [{ code: 'tir', level: 'native' }], availability: evenings,
      preferences: { keyPersonGender: 'any', genderRequired: false, sameOrigin: 'no-preference', remoteOk: false },
    })).expect(201)).body.id;
    matchId = await eventually(async () => {
      const items = (await t.http.get(`/api/v1/matches?newcomerId=${newcomerId}`).set(as('coordinator')).expect(200)).body.items as { id: string }[];
      return items[0]?.id;
    }, { what: 'a proposal' });
  });
  afterAll(async () => {
    await t.close();
    await redis.quit();
  });

  /** Every place a value was found, as "file" or "redis key"; UTF-8 and UTF-16 alike. */
  async function leaks(values: readonly string[]): Promise<string[]> {
    const found: string[] = [];
    const needles = values.flatMap((value) => [Buffer.from(value, 'utf8'), Buffer.from(value, 'utf16le')]);
    for (const file of filesUnder(t.dataDir)) {
      const bytes = readFileSync(file);
      if (needles.some((needle) => bytes.includes(needle))) found.push(file);
    }
    for (const key of await redis.keys('*')) {
      const content = await redisContent(redis, key);
      if (values.some((value) => content.includes(value))) found.push(`redis ${key}`);
    }
    return found;
  }

  it('keeps no personal value in clear in any file of DATA_DIR or any Redis key, though the API shows them', async () => {
    const shown = (await t.http.get(`/api/v1/newcomers/${newcomerId}`).set(as('intake')).expect(200)).body;
    expect(shown).toMatchObject({ displayName: secrets.newcomerName, notes: secrets.newcomerNotes });
    expect(await leaks(Object.values(secrets))).toEqual([]);
  });

  it('erases a newcomer: unreadable through every endpoint and in an export, the log whole, idempotent', async () => {
    // A token limited to the newcomer's municipality reads them until the erasure.
    const scoped = { Authorization: `Bearer ${t.token('intake', { municipalities: ['GM0344'] })}` };
    await t.http.get(`/api/v1/newcomers/${newcomerId}`).set(scoped).expect(200);
    const erased = await t.http.post('/api/v1/erasures').set(as('admin')).send({ subjectType: 'newcomer', subjectId: newcomerId }).expect(200);
    expect(erased.body).toMatchObject({ subjectType: 'newcomer', subjectId: newcomerId, status: 'erased', basis: 'data-subject-request' });
    const again = await t.http.post('/api/v1/erasures').set(as('admin')).send({ subjectType: 'newcomer', subjectId: newcomerId }).expect(200);
    expect(again.body.erasedAt).toBe(erased.body.erasedAt);

    // The open proposal is withdrawn, as for a withdrawal.
    await eventually(async () => {
      const match = (await t.http.get(`/api/v1/matches/${matchId}`).set(as('coordinator')).expect(200)).body;
      return match.status === 'withdrawn';
    }, { what: 'the proposal to be withdrawn' });
    // Its explanation was sealed under the newcomer's key: it says so, alone and in lists, rather than going missing.
    const shown = (await t.http.get(`/api/v1/matches/${matchId}`).set(as('coordinator')).expect(200)).body;
    expect(shown).toMatchObject({ id: matchId, status: 'withdrawn', score: expect.any(Number), explanation: { erased: true } });
    const listedMatches = (await t.http.get('/api/v1/matches?status=withdrawn&limit=100').set(as('coordinator')).expect(200)).body.items as { id: string; explanation: unknown }[];
    expect(listedMatches.find((match) => match.id === matchId)?.explanation).toEqual({ erased: true });

    const newcomerValues = [secrets.newcomerName, secrets.newcomerNotes, secrets.newcomerEmail];
    // SPEC §9: afterwards GET of that subject answers 410 Gone, for every role that may read it, and a change does too whatever revision it names.
    for (const role of ['intake', 'coordinator'] as const) {
      const gone = await t.http.get(`/api/v1/newcomers/${newcomerId}`).set(as(role)).expect(410);
      expect(gone.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(gone.body).toMatchObject({ status: 410, code: 'NEWCOMER.ERASED', detail: expect.stringContaining(erased.body.erasedAt) });
      expect(JSON.stringify(gone.body)).not.toContain(secrets.newcomerName);
    }
    // The municipality was personal data: a scoped token can no longer tell the person was in its scope, so it answers
    // exactly as for an id that never existed (SPEC §7), not 410, which would tell another municipality the id was a person.
    const asUnknown = async (id: string) => {
      const response = await t.http.get(`/api/v1/newcomers/${id}`).set(scoped);
      return { status: response.status, body: { ...response.body, instance: undefined } };
    };
    expect(await asUnknown(newcomerId)).toEqual(await asUnknown(randomUUID()));
    expect((await asUnknown(newcomerId)).status).toBe(404);
    for (const revision of ['"0"', '"1"', '"99"']) {
      await t.http.patch(`/api/v1/newcomers/${newcomerId}`).set(as('intake')).set('If-Match', revision).send({ notes: 'again' }).expect(410);
    }
    // Every operation on the newcomer says so alike, asking for matching again included; a scoped token still cannot tell.
    await t.http.post(`/api/v1/newcomers/${newcomerId}/withdraw`).set(as('intake')).send({}).expect(410);
    for (const role of ['intake', 'coordinator'] as const) {
      const gone = await t.http.post(`/api/v1/newcomers/${newcomerId}/match-requests`).set(as(role)).expect(410);
      expect(gone.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(gone.body).toMatchObject({ status: 410, code: 'NEWCOMER.ERASED' });
    }
    const requestAsUnknown = async (id: string) => {
      const response = await t.http.post(`/api/v1/newcomers/${id}/match-requests`).set(scoped);
      return { status: response.status, body: { ...response.body, instance: undefined } };
    };
    expect(await requestAsUnknown(newcomerId)).toEqual(await requestAsUnknown(randomUUID()));
    expect((await requestAsUnknown(newcomerId)).status).toBe(404);
    // Nor is it listed any more.
    const listed = (await t.http.get('/api/v1/newcomers?limit=100').set(as('intake')).expect(200)).body.items as { id: string }[];
    expect(listed.map((item) => item.id)).not.toContain(newcomerId);

    const list = (await t.http.get('/api/v1/newcomers?limit=100').set(as('intake')).expect(200)).body.items as { id: string }[];
    expect(list.map((n) => n.id)).not.toContain(newcomerId);

    // Every auditor's view keeps the shape (types, ids, times, the score) without the personal data.
    const bodies = await Promise.all([
      `/api/v1/audit/trails/newcomers/${newcomerId}`,
      `/api/v1/audit/trails/matches/${matchId}`,
      `/api/v1/audit/newcomers/${newcomerId}`,
      `/api/v1/audit/newcomers/${newcomerId}?asOf=1`,
      `/api/v1/audit/matches/${matchId}/explanation`,
      '/api/v1/audit/events?limit=1000',
    ].map(async (path) => [path, (await t.http.get(path).set(as('auditor'))).body] as const));
    for (const [path, body] of bodies) {
      const text = JSON.stringify(body);
      expect({ path, leaked: newcomerValues.filter((value) => text.includes(value)) }).toEqual({ path, leaked: [] });
    }
    const trail = bodies[0][1] as { events: { type: string; streamId: string }[] };
    expect(trail.events.map((e) => e.type)).toEqual(expect.arrayContaining(['NewcomerRegistered', 'NewcomerErased']));
    // The explanation described the newcomer: gone with them; the score and the pair stay.
    const explanation = bodies[4][1] as { score: number; explanation: object; reproduction: { reason: string } };
    expect(explanation).toMatchObject({ score: expect.any(Number), reproduction: { reason: "the newcomer's personal data was erased" } });
    expect(explanation.explanation).toEqual({ erased: true });

    const exported: string[] = [];
    await exportLog(t.store, (line) => void exported.push(line));
    const ownStream = exported.map((line) => JSON.parse(line) as { streamId: string; type: string }).filter((e) => e.streamId === `newcomer-${newcomerId}`);
    expect(ownStream.map((e) => e.type)).toEqual(expect.arrayContaining(['NewcomerRegistered', 'NewcomerErased']));
    expect(newcomerValues.filter((value) => exported.join('').includes(value))).toEqual([]);

    // The hash chain covers the stored (sealed) bytes: erasure changed none of them.
    expect((await t.http.get('/api/v1/audit/verify').set(as('auditor')).expect(200)).body).toMatchObject({ intact: true });
    // Projections rebuilt from the log agree with the live ones: the subject is gone from both.
    const replay = await t.http.post('/api/v1/audit/replays').set(as('auditor')).expect(202);
    const done = await eventually(async () => {
      const body = (await t.http.get(`/api/v1/audit/replays/${replay.body.id}`).set(as('auditor'))).body;
      return body.status === 'running' ? undefined : body;
    }, { what: 'the replay' });
    expect(done.projections.map((p: { name: string; equal: boolean; firstDifference: unknown }) => [p.name, p.equal, p.firstDifference])).toEqual([['directory', true, null], ['match-board', true, null], ['cohort-runs', true, null]]);
  });

  it('erases a key person: gone from the matcher too, so nobody is proposed to them again', async () => {
    await t.http.post('/api/v1/erasures').set(as('admin')).send({ subjectType: 'key-person', subjectId: keyPersonId, basis: 'retention-ended' }).expect(200);
    const gone = await t.http.get(`/api/v1/key-persons/${keyPersonId}`).set(as('coordinator')).expect(410);
    expect(gone.body).toMatchObject({ status: 410, code: 'KEY_PERSON.ERASED' });
    expect(JSON.stringify(gone.body)).not.toContain(secrets.keyPersonName);
    // A newcomer who only this key person could serve is now deferred, with a reason.
    const newcomer = (await t.http.post('/api/v1/newcomers').set(as('intake')).send(newcomerBody({
      languages: [{ code: 'tir', level: 'native' }], availability: evenings,
      preferences: { keyPersonGender: 'any', genderRequired: false, sameOrigin: 'no-preference', remoteOk: false },
    })).expect(201)).body.id as string;
    await eventually(async () => {
      const events = await t.store.readStream(`newcomer-${newcomer}`);
      return events.some((e) => e.type === 'NewcomerMatchingDeferred' || e.type === 'NewcomerMatchReserved') && events;
    }, { what: 'a matching answer' });
    const matches = (await t.http.get(`/api/v1/matches?newcomerId=${newcomer}`).set(as('coordinator')).expect(200)).body.items as { keyPersonId: string }[];
    expect(matches.map((m) => m.keyPersonId)).not.toContain(keyPersonId);
    expect(await leaks([secrets.keyPersonName, secrets.keyPersonPhone])).toEqual([]);
  });

  it('erases a key person\'s facts from the explanations of their matches, and the newcomer\'s part of the match stays', async () => {
    const amharic = { languages: [{ code: 'amh', level: 'native' }], availability: evenings };
    const keyPerson = (await t.http.post('/api/v1/key-persons').set(as('coordinator')).send(keyPersonBody({ ...amharic, expertise: ['health'] })).expect(201)).body.id as string;
    const newcomer = (await t.http.post('/api/v1/newcomers').set(as('intake')).send(newcomerBody({
      ...amharic, preferences: { keyPersonGender: 'any', genderRequired: false, sameOrigin: 'no-preference', remoteOk: false },
    })).expect(201)).body.id as string;
    type Shown = { id: string; keyPersonId: string; status: string; score: number; explanation: { components?: { name: string; raw: { keyPersonLanguage?: string } }[]; erased?: boolean } };
    const match = await eventually(async () => ((await t.http.get(`/api/v1/matches?newcomerId=${newcomer}`).set(as('coordinator')).expect(200)).body.items as Shown[])[0], { what: 'a proposal' });
    expect(match.keyPersonId).toBe(keyPerson);
    expect(match.explanation.components?.find((c) => c.name === 'language')?.raw.keyPersonLanguage).toBe('amh');

    // What a coordinator writes when closing a match is about both people too.
    const reason = `Spoke about ${mark}-health with the key person`;
    await t.http.post(`/api/v1/matches/${match.id}/reject`).set(as('coordinator')).send({ reason }).expect(200);
    expect((await t.http.get(`/api/v1/matches/${match.id}`).set(as('coordinator')).expect(200)).body.closing).toMatchObject({ status: 'rejected', reason });

    await t.http.post('/api/v1/erasures').set(as('admin')).send({ subjectType: 'key-person', subjectId: keyPerson }).expect(200);
    const after = (await t.http.get(`/api/v1/matches/${match.id}`).set(as('coordinator')).expect(200)).body as Shown;
    expect(after).toMatchObject({ id: match.id, keyPersonId: keyPerson, score: match.score, explanation: { erased: true }, closing: { status: 'rejected', reason: { erased: true } } });
    const listed = (await t.http.get(`/api/v1/matches?newcomerId=${newcomer}&status=rejected`).set(as('coordinator')).expect(200)).body.items as Shown[];
    expect(listed.find((item) => item.id === match.id)).toMatchObject({ closing: { reason: { erased: true } } });
    expect(JSON.stringify((await t.http.get(`/api/v1/audit/trails/matches/${match.id}`).set(as('auditor')).expect(200)).body)).not.toContain(`${mark}-health`);
    const audited = (await t.http.get(`/api/v1/audit/matches/${match.id}/explanation`).set(as('auditor')).expect(200)).body;
    expect(audited).toMatchObject({ matchId: match.id, score: match.score, explanation: { erased: true } });
    expect(JSON.stringify((await t.http.get(`/api/v1/audit/trails/matches/${match.id}`).set(as('auditor')).expect(200)).body)).not.toContain('"keyPersonLanguage"');
    // The newcomer is untouched, and a rebuild of the read models from the log agrees with the live ones.
    await t.http.get(`/api/v1/newcomers/${newcomer}`).set(as('intake')).expect(200);
    const replay = (await t.http.post('/api/v1/audit/replays').set(as('auditor')).send({}).expect(202)).body.id as string;
    const done = await eventually(async () => {
      const body = (await t.http.get(`/api/v1/audit/replays/${replay}`).set(as('auditor')).expect(200)).body;
      return body.status !== 'running' && body;
    }, { what: 'the replay' });
    expect(done).toMatchObject({ status: 'done' });
    expect(done.projections.every((p: { equal: boolean }) => p.equal)).toBe(true);
  });

  it('leaves no copy of an erased person\'s read-model rows in the read models\' files, their WAL included', async () => {
    // Nobody in this suite speaks Levantine Arabic as a key person: no match, so only the directory holds a row of theirs.
    const newcomer = (await t.http.post('/api/v1/newcomers').set(as('intake')).send(newcomerBody({ languages: [{ code: 'apc', level: 'native' }] })).expect(201)).body.id as string;
    await t.http.patch(`/api/v1/newcomers/${newcomer}`).set(as('intake')).set('If-Match', '"0"').send({ postcodeArea: '3512' }).expect(200);
    const readModelFiles = () => readdirSync(t.dataDir).filter((name) => name.startsWith('read-models.sqlite')).map((name) => join(t.dataDir, name));
    const holding = () => readModelFiles().filter((file) => readFileSync(file).includes(Buffer.from(newcomer)));
    expect(holding()).not.toEqual([]);

    await t.http.post('/api/v1/erasures').set(as('admin')).send({ subjectType: 'newcomer', subjectId: newcomer }).expect(200);
    // The rows were deleted with the erasure; their bytes (id, municipality, languages) are zeroed, not left in free space.
    await eventually(async () => holding().length === 0, { what: `no read-model file holding the erased newcomer's row (found in ${holding().join(', ')})` });
  });

  it('answers 410 to a retried registration of an erased person, whatever the body, so retries cannot test guesses of it', async () => {
    const key = `intake-form-${randomUUID()}`;
    const body = newcomerBody({ birthYear: 1941 });
    const first = await t.http.post('/api/v1/newcomers').set(as('intake')).set('Idempotency-Key', key).send(body).expect(201);
    await t.http.post('/api/v1/erasures').set(as('admin')).send({ subjectType: 'newcomer', subjectId: first.body.id }).expect(200);
    for (const retried of [body, { ...body, birthYear: 1950 }]) {
      const gone = await t.http.post('/api/v1/newcomers').set(as('intake')).set('Idempotency-Key', key).send(retried);
      expect({ status: gone.status, code: gone.body.code }).toEqual({ status: 410, code: 'NEWCOMER.ERASED' });
    }
  });

  it('keys a registration’s fingerprint by the person’s data key, so after the erasure not even the token secret can test a guessed profile against the log', async () => {
    const key = `intake-form-${randomUUID()}`;
    const body = newcomerBody({ birthYear: 1939 });
    const first = await t.http.post('/api/v1/newcomers').set(as('intake')).set('Idempotency-Key', key).send(body).expect(201);
    const [registered] = await t.store.readStream(`newcomer-${first.body.id}`);
    const stored = registered.metadata.idempotency!.fingerprint;
    // What anyone holding the token secret computes for the right guess: not what the log holds.
    expect(stored).not.toBe(t.app.get(IdempotencyKeys).fingerprint(body));
    expect(stored).toMatch(/^s1:/);
    // Retries are answered as before: the same body the first answer, another body 422.
    expect((await t.http.post('/api/v1/newcomers').set(as('intake')).set('Idempotency-Key', key).send(body).expect(201)).body.id).toBe(first.body.id);
    await t.http.post('/api/v1/newcomers').set(as('intake')).set('Idempotency-Key', key).send({ ...body, birthYear: 1940 }).expect(422);
  });

  it('makes no data key for a registration the domain refuses, even with an Idempotency-Key that derives its id', async () => {
    const key = `intake-form-${randomUUID()}`;
    const intake = { Authorization: `Bearer ${t.token('intake', { sub: 'intake-refused-key' })}` };
    await t.http.post('/api/v1/newcomers').set(intake).set('Idempotency-Key', key).send(newcomerBody({ municipality: 'GM9999' })).expect(400);
    const id = derivedId(`newcomer|intake-refused-key|${key}`);
    expect(await t.store.readStream(`newcomer-${id}`)).toEqual([]);
    expect(await t.app.get<KeyStore>(KEY_STORE).get({ type: 'newcomer', id })).toBeNull();
    // The corrected form, sent with the same key, registers the person.
    expect((await t.http.post('/api/v1/newcomers').set(intake).set('Idempotency-Key', key).send(newcomerBody()).expect(201)).body.id).toBe(id);
  });

  it('erases a subject named by its id in upper case, as the same id (RFC 9562 §4)', async () => {
    const id = (await t.http.post('/api/v1/newcomers').set(as('intake')).send(newcomerBody()).expect(201)).body.id as string;
    const erased = await t.http.post('/api/v1/erasures').set(as('admin')).send({ subjectType: 'newcomer', subjectId: id.toUpperCase() }).expect(200);
    expect(erased.body.subjectId).toBe(id);
    await t.http.get(`/api/v1/newcomers/${id}`).set(as('intake')).expect(410);
  });

  it('answers a repeated erasure with the basis recorded the first time, not the one the repeat names', async () => {
    const id = (await t.http.post('/api/v1/key-persons').set(as('coordinator')).send(keyPersonBody()).expect(201)).body.id as string;
    const first = (await t.http.post('/api/v1/erasures').set(as('admin')).send({ subjectType: 'key-person', subjectId: id, basis: 'retention-ended' }).expect(200)).body;
    for (const body of [{}, { basis: 'unlawful-processing' }]) {
      const again = (await t.http.post('/api/v1/erasures').set(as('admin')).send({ subjectType: 'key-person', subjectId: id, ...body }).expect(200)).body;
      expect(again).toEqual(first);
    }
    const recorded = (await t.store.readStream(`key-person-${id}`)).filter((event) => event.type === 'KeyPersonErased').map((event) => event.data.basis);
    expect(recorded).toEqual(['retention-ended']);
  });

  it('refuses what cannot be erased: unknown subjects 404, bad bodies 400, other roles 403', async () => {
    await t.http.post('/api/v1/erasures').set(as('admin')).send({ subjectType: 'newcomer', subjectId: randomUUID() }).expect(404);
    const bad = await t.http.post('/api/v1/erasures').set(as('admin')).send({ subjectType: 'match', subjectId: 'x' }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['subjectType', 'subjectId']));
    // `data-key-lost` is recorded by the operator's `keys lost --record` only, for people whose key the key store lost.
    const kept = (await t.http.post('/api/v1/newcomers').set(as('intake')).send(newcomerBody()).expect(201)).body.id as string;
    const lostKey = await t.http.post('/api/v1/erasures').set(as('admin')).send({ subjectType: 'newcomer', subjectId: kept, basis: 'data-key-lost' }).expect(400);
    expect(lostKey.body.errors.map((e: { field: string }) => e.field)).toEqual(['basis']);
    await t.http.get(`/api/v1/newcomers/${kept}`).set(as('intake')).expect(200);
    await t.http.post('/api/v1/erasures').set(as('coordinator')).send({ subjectType: 'newcomer', subjectId: newcomerId }).expect(403);
  });
});

describe('an erasure made by another API process on the same log and key store', () => {
  const { dir: shared, env } = sharedInstallationEnv();
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await startTestApp({ env });
    b = await startTestApp({ env });
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
    rmSync(shared, { recursive: true, force: true });
  });
  const as = (replica: TestApp, role: 'intake' | 'auditor' | 'admin') => ({ Authorization: `Bearer ${replica.token(role)}` });

  it('stops the other process decrypting the person as soon as its read side sees the erasure, not when its cached key expires', async () => {
    const name = `Samira Wq${randomBytes(6).toString('hex')}`;
    const id = (await a.http.post('/api/v1/newcomers').set(as(a, 'intake')).send(newcomerBody({ displayName: name })).expect(201)).body.id as string;
    const listedOnB = async () => ((await b.http.get('/api/v1/newcomers?limit=100').set(as(b, 'intake')).expect(200)).body.items as { id: string }[]).some((n) => n.id === id);
    await eventually(async () => ((await listedOnB()) ? true : undefined), { what: "the newcomer in B's read models" });
    // B reads the person, so its cache holds their data key (kept for 60 s unless told otherwise).
    const [registration] = await b.store.readStream(`newcomer-${id}`);
    const asOf = `/api/v1/audit/newcomers/${id}?asOf=${registration.position}`;
    expect(JSON.stringify((await b.http.get(asOf).set(as(b, 'auditor')).expect(200)).body)).toContain(name);

    await a.http.post('/api/v1/erasures').set(as(a, 'admin')).send({ subjectType: 'newcomer', subjectId: id }).expect(200);
    // B's read side, which forgets the key as it passes the erasure event. (Not B's list: that leaves the person out
    // as soon as B reads the erased stream, before its read side has got there.)
    const erasure = (await a.store.readStream(`newcomer-${id}`)).find((event) => event.type === 'NewcomerErased')!;
    await eventually(async () => ((b.app.get(ReadSide).position ?? 0) >= erasure.position ? true : undefined), { what: "the erasure in B's read models" });
    expect(await listedOnB()).toBe(false);
    // Gone on B at once, as on A: the state then can no longer be read, and the trail keeps only its shape.
    for (const replica of [a, b]) {
      const gone = await replica.http.get(asOf).set(as(replica, 'auditor'));
      expect({ status: gone.status, type: gone.headers['content-type'], code: gone.body.code }).toEqual({ status: 410, type: expect.stringMatching(/^application\/problem\+json/), code: 'AUDIT.ERASED' });
      expect(JSON.stringify(gone.body)).not.toContain(name);
      const trail = await replica.http.get(`/api/v1/audit/trails/newcomers/${id}`).set(as(replica, 'auditor')).expect(200);
      expect(trail.body.events.map((e: { type: string }) => e.type)).toEqual(['NewcomerRegistered', 'NewcomerErased']);
      expect(JSON.stringify(trail.body)).not.toContain(name);
    }
  });
});

describe('a list on an API process whose read side has not yet seen another process\'s changes', () => {
  const { dir: shared, env } = sharedInstallationEnv();
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    // A looks for other processes' appends once a minute: B's changes stay out of A's read models for the whole test.
    a = await startTestApp({ env: { ...env, SQLITE_POLL_INTERVAL_MS: '60000' } });
    b = await startTestApp({ env });
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
    rmSync(shared, { recursive: true, force: true });
  });
  const bearer = (replica: TestApp, role: 'intake' | 'admin', municipalities?: string[]) => ({ Authorization: `Bearer ${replica.token(role, { municipalities })}` });

  it('leaves out whom B erased or moved out of the token\'s municipalities, and answers the page (not a 404 for all of it)', async () => {
    const register = async () => (await a.http.post('/api/v1/newcomers').set(bearer(a, 'intake')).send(newcomerBody()).expect(201)).body.id as string;
    const [kept, erased, moved] = [await register(), await register(), await register()];
    const ids = async (municipalities?: string[]) => {
      const page = await a.http.get('/api/v1/newcomers?limit=100').set(bearer(a, 'intake', municipalities));
      expect({ status: page.status, type: page.headers['content-type'] }).toEqual({ status: 200, type: expect.stringMatching(/^application\/json/) });
      return (page.body.items as { id: string }[]).map((n) => n.id);
    };
    expect(await ids(['GM0344'])).toEqual(expect.arrayContaining([kept, erased, moved]));

    await eventually(async () => ((await b.http.get(`/api/v1/newcomers/${moved}`).set(bearer(b, 'intake'))).status === 200 ? true : undefined), { what: 'the newcomers on B' });
    await b.http.post('/api/v1/erasures').set(bearer(b, 'admin')).send({ subjectType: 'newcomer', subjectId: erased }).expect(200);
    await b.http.patch(`/api/v1/newcomers/${moved}`).set(bearer(b, 'intake')).set('If-Match', '"0"').send({ municipality: 'GM0363' }).expect(200);
    const behind = a.app.get(ReadSide).position ?? 0;
    expect(behind).toBeLessThan((await a.store.headPosition()) ?? 0);

    expect(await ids(['GM0344'])).toEqual([kept]);
    expect(await ids()).toEqual(expect.arrayContaining([kept, moved]));
    expect(await ids()).not.toContain(erased);
    // Still behind: the page came from A's stale directory, each entry checked against the log.
    expect(a.app.get(ReadSide).position).toBe(behind);
  });
});

describe('a match read on an API process whose read side has not yet seen another process\'s erasure', () => {
  const { dir: shared, env } = sharedInstallationEnv();
  let a: TestApp | undefined;
  let b: TestApp;
  beforeAll(async () => {
    b = await startTestApp({ env, matcher: true });
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b.close()]);
    rmSync(shared, { recursive: true, force: true });
  });
  const as = (replica: TestApp, role: 'coordinator' | 'admin') => ({ Authorization: `Bearer ${replica.token(role)}` });

  it('shows what either person\'s erasure made unreadable as erased, though its cached keys would still open it', async () => {
    const pairs = { newcomer: await proposedPair(b, 'tir'), 'key-person': await proposedPair(b, 'prs') };
    // A looks for other processes' appends once a minute: the erasures below stay out of its read side.
    a = await startTestApp({ env: { ...env, SQLITE_POLL_INTERVAL_MS: '60000' } });
    const replica = a;
    const head = (await replica.store.headPosition()) ?? 0;
    await eventually(async () => ((replica.app.get(ReadSide).position ?? 0) >= head ? true : undefined), { what: "the log in A's read models" });
    const read = async (matchId: string) => (await replica.http.get(`/api/v1/matches/${matchId}`).set(as(replica, 'coordinator')).expect(200)).body;
    const listed = async (newcomerId: string) =>
      (await replica.http.get(`/api/v1/matches?newcomerId=${newcomerId}`).set(as(replica, 'coordinator')).expect(200)).body.items;
    // A reads both matches, so its cache holds the data keys of all four people.
    for (const { matchId } of Object.values(pairs)) expect((await read(matchId)).explanation.components).toEqual(expect.any(Array));

    for (const [subjectType, pair] of Object.entries(pairs)) {
      const subjectId = subjectType === 'newcomer' ? pair.newcomerId : pair.keyPersonId;
      await b.http.post('/api/v1/erasures').set(as(b, 'admin')).send({ subjectType, subjectId }).expect(200);
    }
    expect(replica.app.get(ReadSide).position ?? 0).toBeLessThan((await replica.store.headPosition()) ?? 0);

    for (const { matchId, newcomerId } of Object.values(pairs)) {
      const match = await read(matchId);
      expect({ status: match.status, explanation: match.explanation }).toEqual({ status: 'withdrawn', explanation: { erased: true } });
      expect(await listed(newcomerId)).toEqual([expect.objectContaining({ id: matchId, explanation: { erased: true } })]);
    }
  });

  it('answers a repeated closing there with what the erasure made unreadable as erased, as a read does', async () => {
    const pair = await proposedPair(b, 'kat');
    const coordinator = (replica: TestApp) => ({ Authorization: `Bearer ${replica.token('coordinator', { sub: 'coordinator-repeating' })}` });
    const reason = 'Zij wonen te ver uit elkaar';
    await b.http.post(`/api/v1/matches/${pair.matchId}/reject`).set(coordinator(b)).send({ reason }).expect(200);
    const replica = await startTestApp({ env: { ...env, SQLITE_POLL_INTERVAL_MS: '60000' } });
    try {
      const head = (await replica.store.headPosition()) ?? 0;
      await eventually(async () => ((replica.app.get(ReadSide).position ?? 0) >= head ? true : undefined), { what: "the log in the replica's read models" });
      // The replica reads the match, so its cache holds both people's data keys.
      expect((await replica.http.get(`/api/v1/matches/${pair.matchId}`).set(coordinator(replica)).expect(200)).body.explanation.components).toEqual(expect.any(Array));

      await b.http.post('/api/v1/erasures').set(as(b, 'admin')).send({ subjectType: 'key-person', subjectId: pair.keyPersonId }).expect(200);
      expect(replica.app.get(ReadSide).position ?? 0).toBeLessThan((await replica.store.headPosition()) ?? 0);

      // A client's retry of the rejection: the same closing, so nothing is appended and the match is answered.
      const repeated = (await replica.http.post(`/api/v1/matches/${pair.matchId}/reject`).set(coordinator(replica)).send({ reason }).expect(200)).body;
      expect({ status: repeated.status, explanation: repeated.explanation, reason: repeated.closing.reason }).toEqual({ status: 'rejected', explanation: { erased: true }, reason: { erased: true } });
    } finally {
      await replica.close();
    }
  });
});

describe('an erasure after which the key store is restored from an older backup', () => {
  it('destroys the restored key at start-up, because the erasure is in the log, so the person stays unreadable', async () => {
    const name = `Hawa Jk${randomBytes(6).toString('hex')}`;
    const first = await startTestApp({ matcher: true });
    const fits = { languages: [{ code: 'tir', level: 'native' }], availability: { slots: [{ day: 'tue', start: '18:00', end: '21:00' }] } };
    await first.http.post('/api/v1/key-persons').set('Authorization', `Bearer ${first.token('coordinator')}`).send(keyPersonBody(fits)).expect(201);
    const id = (await first.http.post('/api/v1/newcomers').set('Authorization', `Bearer ${first.token('intake')}`).send(newcomerBody({
      ...fits, displayName: name, preferences: { keyPersonGender: 'any', genderRequired: false, sameOrigin: 'no-preference', remoteOk: false },
    })).expect(201)).body.id as string;
    // A proposal, whose explanation holds facts about the newcomer (sealed under both their keys).
    const matchId = await eventually(async () =>
      ((await first.http.get(`/api/v1/matches?newcomerId=${id}`).set('Authorization', `Bearer ${first.token('coordinator')}`).expect(200)).body.items as { id: string }[])[0]?.id, { what: 'a proposal' });
    await first.stop();
    // The nightly backup of the key store, taken with the process stopped: it holds the newcomer's key.
    const backup = mkdtempSync(join(tmpdir(), 'sleutel-keys-backup-'));
    const keyFiles = (dir: string) => readdirSync(dir).filter((file) => file.startsWith('keys.sqlite'));
    for (const file of keyFiles(first.dataDir)) copyFileSync(join(first.dataDir, file), join(backup, file));

    const second = await startTestApp({ dataDir: first.dataDir, matcher: true });
    await second.http.post('/api/v1/erasures').set('Authorization', `Bearer ${second.token('admin')}`).send({ subjectType: 'newcomer', subjectId: id }).expect(200);
    await second.stop();
    // The key store is lost and restored from that backup; the log, with the erasure event, is not.
    for (const file of keyFiles(first.dataDir)) rmSync(join(first.dataDir, file));
    for (const file of keyFiles(backup)) copyFileSync(join(backup, file), join(first.dataDir, file));
    rmSync(backup, { recursive: true, force: true });

    const third = await startTestApp({ dataDir: first.dataDir, matcher: true });
    try {
      const auditor = { Authorization: `Bearer ${third.token('auditor')}` };
      const match = await third.http.get(`/api/v1/matches/${matchId}`).set('Authorization', `Bearer ${third.token('coordinator')}`).expect(200);
      expect(match.body).toMatchObject({ status: 'withdrawn', explanation: { erased: true } });
      const trail = await third.http.get(`/api/v1/audit/trails/newcomers/${id}`).set(auditor).expect(200);
      expect(trail.body.events.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['NewcomerRegistered', 'MatchProposed', 'NewcomerErased']));
      expect(JSON.stringify(trail.body)).not.toContain(name);
      const log = await third.http.get('/api/v1/audit/events?limit=1000').set(auditor).expect(200);
      expect(JSON.stringify(log.body)).not.toContain(name);
      const [registration] = await third.store.readStream(`newcomer-${id}`);
      await third.http.get(`/api/v1/audit/newcomers/${id}?asOf=${registration.position}`).set(auditor).expect(410);
      await third.http.get(`/api/v1/newcomers/${id}`).set('Authorization', `Bearer ${third.token('intake')}`).expect(410);
    } finally {
      await third.close();
    }
  });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** A key's whole content as text, whatever its type. */
async function redisContent(redis: Redis, key: string): Promise<string> {
  const type = await redis.type(key);
  switch (type) {
    case 'string': return (await redis.getBuffer(key))?.toString('latin1') ?? '';
    case 'hash': return JSON.stringify(await redis.hgetall(key));
    case 'list': return JSON.stringify(await redis.lrange(key, 0, -1));
    case 'set': return JSON.stringify(await redis.smembers(key));
    case 'zset': return JSON.stringify(await redis.zrange(key, 0, -1, 'WITHSCORES'));
    case 'stream': return JSON.stringify(await redis.xrange(key, '-', '+'));
    default: return '';
  }
}
