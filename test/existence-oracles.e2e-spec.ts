import { randomUUID } from 'node:crypto';
import { Role } from '@sleutel/auth';
import { keyPersonBody, newcomerBody } from './support/bodies';
import { startTestApp, TestApp } from './support/test-app';

/**
 * SPEC §7: to a token limited to some municipalities, a subject outside them answers exactly as an id that never
 * existed, and so does one erased since (a 410 would tell any municipality that the id had been a person). These
 * tests put the cases side by side for the operations that name a person by id without reading it through
 * `GET /newcomers/{id}` or `GET /key-persons/{id}`: the answer to each must be the same for all of them.
 */
describe('a token limited to some municipalities cannot tell which ids are or were people', () => {
  let t: TestApp;
  const bearer = (role: Role, options: { sub?: string; municipalities?: string[] } = {}) => ({ Authorization: `Bearer ${t.token(role, options)}` });
  const utrecht = { municipalities: ['GM0344'] };
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  /** An answer without what differs between any two requests (`instance` names the request's path). */
  const answer = (response: { status: number; headers: Record<string, string>; body: Record<string, unknown> }) => ({
    status: response.status, type: response.headers['content-type'], etag: response.headers.etag, body: { ...response.body, instance: undefined },
  });

  const subjectTypes = [['newcomer', 'newcomers', newcomerBody, 'intake'], ['key-person', 'key-persons', keyPersonBody, 'coordinator']] as const;

  describe.each(subjectTypes)('POST /erasures of a %s by an admin limited to Utrecht (GM0344)', (subjectType, path, body, registrar) => {
    const register = async (municipality: string) =>
      (await t.http.post(`/api/v1/${path}`).set(bearer(registrar)).send(body({ municipality })).expect(201)).body.id as string;
    const erase = (subjectId: string, who: Record<string, string>) => t.http.post('/api/v1/erasures').set(who).send({ subjectType, subjectId });

    it('answers a person of another municipality, and one erased by someone else (in Utrecht or not), as an id that never existed, and erases nothing', async () => {
      const elsewhere = await register('GM0363');
      const erasedInUtrecht = await register('GM0344');
      const erasedElsewhere = await register('GM0363');
      for (const id of [erasedInUtrecht, erasedElsewhere]) await erase(id, bearer('admin')).expect(200);
      const scopedAdmin = bearer('admin', { sub: 'admin-utrecht', ...utrecht });
      const before = await t.logLength();

      const never = answer(await erase(randomUUID(), scopedAdmin));
      expect(never).toMatchObject({ status: 404, type: expect.stringMatching(/^application\/problem\+json/) });
      for (const id of [elsewhere, erasedInUtrecht, erasedElsewhere]) {
        expect({ id, ...answer(await erase(id, scopedAdmin)) }).toEqual({ id, ...never });
      }
      expect(await t.logLength()).toBe(before);
      // The person elsewhere is untouched.
      await t.http.get(`/api/v1/${path}/${elsewhere}`).set(bearer(registrar)).expect(200);
    });

    it('still answers the scoped admin\'s own repeated erasure as the first, as the idempotent contract says', async () => {
      const mine = await register('GM0344');
      const scopedAdmin = bearer('admin', { sub: 'admin-utrecht-repeating', ...utrecht });
      const first = (await erase(mine, scopedAdmin).expect(200)).body;
      expect((await erase(mine, scopedAdmin).expect(200)).body).toEqual(first);
      // Another admin of Utrecht did not erase them: to that one it is an id like any other.
      const colleague = bearer('admin', { sub: 'admin-utrecht-colleague', ...utrecht });
      expect(answer(await erase(mine, colleague))).toEqual(answer(await erase(randomUUID(), colleague)));
      // An admin over every municipality sees every erasure, and is answered as the first time.
      expect((await erase(mine, bearer('admin')).expect(200)).body).toEqual(first);
    });
  });

  describe('a newcomer\'s doNotMatch list, sent by an intake worker', () => {
    it('is answered alike whether an id names a key person in their municipalities, one elsewhere, one erased, or nobody', async () => {
      const keyPerson = async (municipality: string) =>
        (await t.http.post('/api/v1/key-persons').set(bearer('coordinator')).send(keyPersonBody({ municipality })).expect(201)).body.id as string;
      const erased = await keyPerson('GM0344');
      await t.http.post('/api/v1/erasures').set(bearer('admin')).send({ subjectType: 'key-person', subjectId: erased }).expect(200);
      const ids = { here: await keyPerson('GM0344'), elsewhere: await keyPerson('GM0363'), erased, nobody: randomUUID() };

      for (const intake of [bearer('intake', utrecht), bearer('intake')]) {
        const newcomer = (await t.http.post('/api/v1/newcomers').set(intake).send(newcomerBody()).expect(201)).body.id as string;
        const answers = [];
        for (const [who, id] of Object.entries(ids)) {
          const registered = await t.http.post('/api/v1/newcomers').set(intake).send(newcomerBody({ doNotMatch: [id] }));
          const patched = await t.http.patch(`/api/v1/newcomers/${newcomer}`).set(intake).set('If-Match', '*').send({ doNotMatch: [id] });
          answers.push({
            who,
            registered: { ...answer(registered), body: { ...registered.body, id: undefined } },
            patched: { ...answer(patched), etag: undefined, body: { ...patched.body, doNotMatch: patched.body.doNotMatch?.length, revision: undefined, instance: undefined } },
          });
        }
        const [first] = answers;
        expect(first.registered.status).toBe(201);
        expect(first.patched.status).toBe(200);
        for (const other of answers) expect(other).toEqual({ ...first, who: other.who });
      }
    });
  });
});
