/**
 * What the load bench sends: valid intake bodies that differ from one request
 * to the next (so no two registrations are the same person), and the mixed
 * sequence of reads and writes an intake office produces.
 */
import type autocannon from 'autocannon';
import { newcomerBody } from '../../test/support/bodies';

export const INTAKE_PATH = '/api/v1/newcomers';
const LANGUAGES = ['apc', 'arz', 'prs', 'pus', 'tir', 'ukr', 'som', 'amh', 'kmr', 'ckb'] as const;
const NEEDS = ['health', 'housing', 'work', 'education', 'language'] as const;

let sent = 0;

/** A valid registration; the n-th differs from its neighbours in name, age, languages, needs and postcode. */
export function distinctNewcomerBody(): Record<string, unknown> {
  const n = sent++;
  return newcomerBody({
    displayName: `Load ${process.pid}-${n}`,
    birthYear: 1950 + (n % 55),
    postcodeArea: String(3500 + (n % 90)),
    languages: [{ code: LANGUAGES[n % LANGUAGES.length], level: 'native' }, { code: 'eng', level: n % 2 ? 'basic' : 'fluent' }],
    needs: [{ topic: NEEDS[n % NEEDS.length], priority: 1 }],
    notes: null,
  });
}

function jsonHeaders(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
}

/** `POST /api/v1/newcomers` with a fresh body each time. */
export function intakeRequest(token: string): autocannon.Request {
  return {
    method: 'POST',
    path: INTAKE_PATH,
    headers: jsonHeaders(token),
    setupRequest: (request) => ({ ...request, body: JSON.stringify(distinctNewcomerBody()) }),
  };
}

/**
 * Four reads to one write: three `GET /newcomers/{id}` of newcomers
 * registered before the run (chosen at random), one list page, one intake.
 * autocannon cycles every connection through this sequence.
 */
export function mixedRequests(token: string, knownIds: readonly string[]): autocannon.Request[] {
  const readOne: autocannon.Request = {
    method: 'GET',
    path: INTAKE_PATH,
    headers: { authorization: `Bearer ${token}` },
    setupRequest: (request) => ({ ...request, path: `${INTAKE_PATH}/${knownIds[Math.floor(Math.random() * knownIds.length)]}` }),
  };
  const readList: autocannon.Request = { method: 'GET', path: `${INTAKE_PATH}?limit=20`, headers: { authorization: `Bearer ${token}` } };
  return [readOne, readOne, readList, readOne, intakeRequest(token)];
}

/** Registers `count` newcomers before a run, a few at a time; their ids feed the reads of the mixed workload. */
export async function registerBeforehand(urls: readonly string[], token: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  const inFlight = 8;
  for (let start = 0; start < count; start += inFlight) {
    const batch = Array.from({ length: Math.min(inFlight, count - start) }, async (_, index) => {
      const url = urls[(start + index) % urls.length];
      const response = await fetch(`${url}${INTAKE_PATH}`, { method: 'POST', headers: jsonHeaders(token), body: JSON.stringify(distinctNewcomerBody()) });
      if (response.status !== 201) throw new Error(`Registration before the run answered ${response.status}: ${await response.text()}`);
      return ((await response.json()) as { id: string }).id;
    });
    ids.push(...(await Promise.all(batch)));
  }
  return ids;
}
