import Database from 'better-sqlite3';
import { RecordedEvent } from '@sleutel/event-store';
import { DirectoryProjection } from './directory.projection';

let position = 0;
function event(type: string, data: Record<string, unknown>): RecordedEvent {
  position += 1;
  return {
    id: `e${position}`, type, schemaVersion: 1, data: data as RecordedEvent['data'], streamId: 's', revision: 0, position,
    metadata: { actor: { id: 'a', role: 'intake' }, command: 'C', correlationId: 'c', causationId: 'c', occurredAt: '2026-11-30T10:00:00.000Z', source: 'api' },
    chain: { previousHash: null, hash: 'h' },
  };
}

describe('DirectoryProjection', () => {
  let directory: DirectoryProjection;
  beforeEach(() => {
    position = 0;
    directory = new DirectoryProjection(new Database(':memory:'));
  });

  const registered = (kind: 'Newcomer' | 'KeyPerson', id: string, municipality: string, languages: string[] = ['apc']) =>
    event(`${kind}Registered`, {
      [kind === 'Newcomer' ? 'newcomerId' : 'keyPersonId']: id,
      registeredAt: '2026-11-30T10:00:00.000Z',
      profile: { municipality, languages: languages.map((code) => ({ code, level: 'native' })) },
    });

  it('lists subjects of one kind in registration order with status, municipality and language filters', () => {
    for (const e of [registered('Newcomer', 'n1', 'GM0344'), registered('KeyPerson', 'k1', 'GM0344', ['tir', 'nld']), registered('Newcomer', 'n2', 'GM0363'),
      registered('KeyPerson', 'k2', 'GM0363', ['prs']), event('KeyPersonPaused', { keyPersonId: 'k1' }), event('NewcomerResidenceChanged', { newcomerId: 'n2', municipality: 'GM0344' })]) {
      directory.apply(e);
    }
    const ids = (query: Parameters<DirectoryProjection['list']>[0]) => directory.list(query).entries.map((entry) => entry.id);
    expect(ids({ kind: 'newcomer', limit: 10 })).toEqual(['n1', 'n2']);
    expect(ids({ kind: 'newcomer', municipalities: ['GM0344'], limit: 10 })).toEqual(['n1', 'n2']);
    expect(ids({ kind: 'key-person', status: 'active', limit: 10 })).toEqual(['k2']);
    expect(ids({ kind: 'key-person', language: 'nld', limit: 10 })).toEqual(['k1']);
    expect(ids({ kind: 'key-person', language: 'ti', limit: 10 })).toEqual([]);
    expect(ids({ kind: 'key-person', municipalities: [], limit: 10 })).toEqual([]);
  });

  it('pages after a registration position and says whether more follow', () => {
    for (let i = 0; i < 5; i++) directory.apply(registered('Newcomer', `n${i}`, 'GM0344'));
    const first = directory.list({ kind: 'newcomer', limit: 2 });
    expect(first.more).toBe(true);
    const rest = directory.list({ kind: 'newcomer', limit: 10, after: first.entries[1].registeredPosition });
    expect(rest.entries.map((e) => e.id)).toEqual(['n2', 'n3', 'n4']);
    expect(rest.more).toBe(false);
  });

  it('handling an event twice changes nothing (at-least-once delivery)', () => {
    const register = registered('KeyPerson', 'k1', 'GM0344');
    const pause = event('KeyPersonPaused', { keyPersonId: 'k1' });
    const resume = event('KeyPersonResumed', { keyPersonId: 'k1' });
    for (const e of [register, pause, resume, pause, register]) directory.apply(e);
    expect(directory.list({ kind: 'key-person', limit: 10 }).entries).toEqual([expect.objectContaining({ id: 'k1', status: 'active' })]);
  });

  it('a release of a match the newcomer no longer holds (barring its key person) leaves their open match, and the waiting list, as they are', () => {
    const waiting = () => directory.waitingNewcomers(-1, 10).map((entry) => entry.id);
    directory.apply(registered('Newcomer', 'n1', 'GM0344'));
    directory.apply(event('NewcomerMatchReserved', { newcomerId: 'n1', matchId: 'm1', keyPersonId: 'k1' }));
    directory.apply(event('NewcomerMatchReleased', { newcomerId: 'n1', matchId: 'm1', keyPersonId: 'k1', outcome: 'cancelled' }));
    directory.apply(event('NewcomerMatchReserved', { newcomerId: 'n1', matchId: 'm2', keyPersonId: 'k2' }));
    expect(waiting()).toEqual([]);
    directory.apply(event('NewcomerMatchReleased', { newcomerId: 'n1', matchId: 'm1', keyPersonId: 'k1', outcome: 'failed' }));
    expect(waiting()).toEqual([]);
    directory.apply(event('NewcomerMatchReleased', { newcomerId: 'n1', matchId: 'm2', keyPersonId: 'k2', outcome: 'failed' }));
    expect(waiting()).toEqual(['n1']);
  });
});
