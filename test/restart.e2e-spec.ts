import { keyPersonBody, newcomerBody } from './support/bodies';
import { startTestApp } from './support/test-app';

describe('Accepted data survives a restart', () => {
  it('every registered newcomer and key person is still there, in reads and lists', async () => {
    const first = await startTestApp();
    const token = first.token(['intake', 'coordinator']);
    const newcomers: string[] = [];
    for (let i = 0; i < 5; i++) {
      newcomers.push((await first.http.post('/api/v1/newcomers').set('Authorization', `Bearer ${token}`).send(newcomerBody({ birthYear: 1980 + i })).expect(201)).body.id);
    }
    const keyPerson = (await first.http.post('/api/v1/key-persons').set('Authorization', `Bearer ${token}`).send(keyPersonBody()).expect(201)).body.id;
    const log = await first.logLength();
    await first.stop();

    const second = await startTestApp({ dataDir: first.dataDir });
    try {
      expect(await second.logLength()).toBe(log);
      // The secret generated into DATA_DIR is the same after the restart: old tokens stay valid.
      for (const [i, id] of newcomers.entries()) {
        const response = await second.http.get(`/api/v1/newcomers/${id}`).set('Authorization', `Bearer ${token}`).expect(200);
        expect(response.body.birthYear).toBe(1980 + i);
      }
      await second.http.get(`/api/v1/key-persons/${keyPerson}`).set('Authorization', `Bearer ${token}`).expect(200);
      const list = await second.http.get('/api/v1/newcomers?limit=100').set('Authorization', `Bearer ${token}`).expect(200);
      expect(list.body.items.map((n: { id: string }) => n.id)).toEqual(newcomers);
    } finally {
      await second.close();
    }
  });

  it('refuses a second running process on the same DATA_DIR with one line naming it, and lets the next one start once the first stopped', async () => {
    const first = await startTestApp();
    try {
      await expect(startTestApp({ dataDir: first.dataDir })).rejects.toThrow(`DATA_DIR ${first.dataDir}: in use by another running API or matcher process`);
      // The refused start opened nothing: the first still answers.
      await first.http.get('/health/ready').expect(200);
    } finally {
      await first.stop();
    }
    const next = await startTestApp({ dataDir: first.dataDir });
    await next.close();
  });
});
