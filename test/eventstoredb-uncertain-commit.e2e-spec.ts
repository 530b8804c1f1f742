import { StreamsDouble } from '../libs/event-store/src/eventstoredb/testing/streams-double/streams-double.server';
import { newcomerBody } from './support/bodies';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The API on EventStoreDB, through the real client on the Streams TEST
 * DOUBLE, when the node does not confirm a commit in time: the 503 must not
 * say that nothing was changed (the append may have landed), and says how to
 * find out without doing it twice; a node that refused to lead changed
 * nothing, and its 503 says so. A retry with the same Idempotency-Key is
 * answered once.
 */
describe('a 503 from EventStoreDB (the Streams test double) says whether the change may have been made', () => {
  let double: StreamsDouble;
  let t: TestApp;
  beforeAll(async () => {
    double = await StreamsDouble.start({ batchAppend: false });
    t = await startTestApp({ env: { EVENTSTORE_CONNECTION_STRING: double.connectionString } });
  });
  afterAll(async () => {
    await t?.close();
    await double.stop();
  });
  const register = (key: string) => t.http.post('/api/v1/newcomers').set('Authorization', `Bearer ${t.token('intake')}`).set('Idempotency-Key', key).send(newcomerBody());

  it.each([
    ['commit-timeout', /may have been made.*same Idempotency-Key/],
    ['deadline-exceeded', /may have been made.*same Idempotency-Key/],
    ['not-leader', /nothing was changed/],
  ] as const)('after %s', async (fault, detail) => {
    const key = `uncertain-${fault}`;
    // The registration's own append, after the event-id guard's reservation of its id.
    double.failNext('append', fault, 1, 1);
    const refused = await register(key);
    expect({ status: refused.status, type: refused.headers['content-type'], retryAfter: refused.headers['retry-after'], code: refused.body.code })
      .toEqual({ status: 503, type: expect.stringMatching(/^application\/problem\+json/), retryAfter: expect.any(String), code: 'EVENT_STORE.UNAVAILABLE' });
    expect(refused.body.detail).toMatch(detail);
    const retried = await register(key);
    expect(retried.status).toBe(201);
    expect((await register(key)).body.id).toBe(retried.body.id);
  });
});
