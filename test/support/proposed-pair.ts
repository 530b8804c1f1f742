import { keyPersonBody, newcomerBody } from './bodies';
import { eventually } from './eventually';
import { TestApp } from './test-app';

/**
 * A key person and a newcomer who fit only each other (a language no other
 * pair of the calling spec speaks), registered through the API of an app
 * running its matcher, and the match it proposed to them.
 */
export async function proposedPair(t: TestApp, language: string): Promise<{ keyPersonId: string; newcomerId: string; matchId: string }> {
  const as = (role: 'intake' | 'coordinator') => ({ Authorization: `Bearer ${t.token(role)}` });
  const evenings = { slots: [{ day: 'tue', start: '18:00', end: '21:00' }] };
  const keyPersonId = (await t.http.post('/api/v1/key-persons').set(as('coordinator'))
    .send(keyPersonBody({ languages: [{ code: language, level: 'native' }], availability: evenings, capacity: 1 })).expect(201)).body.id as string;
  const newcomerId = (await t.http.post('/api/v1/newcomers').set(as('intake')).send(newcomerBody({
    languages: [{ code: language, level: 'native' }], availability: evenings,
    preferences: { keyPersonGender: 'any', genderRequired: false, sameOrigin: 'no-preference', remoteOk: false },
  })).expect(201)).body.id as string;
  const matchId = await eventually(async () => ((await t.http.get(`/api/v1/matches?newcomerId=${newcomerId}`).set(as('coordinator')).expect(200)).body.items as { id: string; keyPersonId: string }[])
    .find((match) => match.keyPersonId === keyPersonId)?.id, { what: 'the proposal' });
  return { keyPersonId, newcomerId, matchId };
}
