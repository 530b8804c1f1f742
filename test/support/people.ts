import { keyPersonBody, newcomerBody } from './bodies';
import { TestApp } from './test-app';

/** `Authorization` for a token. */
export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/**
 * Registering people and reading a newcomer's matches over HTTP, as the
 * matching tests do again and again: a coordinator registers key persons and
 * reads matches, an intake worker registers newcomers. The tokens are read
 * when called, so they may be set in `beforeAll`.
 */
export function people<M>(t: () => TestApp, tokens: () => { coordinator: string; intake: string }) {
  return {
    registerKeyPerson: async (overrides: Record<string, unknown>): Promise<string> =>
      (await t().http.post('/api/v1/key-persons').set(bearer(tokens().coordinator)).send(keyPersonBody(overrides)).expect(201)).body.id,
    registerNewcomer: async (overrides: Record<string, unknown>): Promise<string> =>
      (await t().http.post('/api/v1/newcomers').set(bearer(tokens().intake)).send(newcomerBody(overrides)).expect(201)).body.id,
    matchesOf: async (newcomerId: string): Promise<M[]> =>
      (await t().http.get(`/api/v1/matches?newcomerId=${newcomerId}&limit=100`).set(bearer(tokens().coordinator)).expect(200)).body.items,
  };
}
