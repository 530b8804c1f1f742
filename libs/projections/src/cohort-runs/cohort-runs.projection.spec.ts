import Database from 'better-sqlite3';
import { RecordedEvent } from '@sleutel/event-store';
import { CohortRunsProjection } from './cohort-runs.projection';

let position = 0;
function event(type: string, data: Record<string, unknown>): RecordedEvent {
  position += 1;
  return {
    id: `e${position}`, type, schemaVersion: 1, data: data as RecordedEvent['data'], streamId: 's', revision: 0, position,
    metadata: { actor: { id: 'a', role: 'coordinator' }, command: 'C', correlationId: 'c', causationId: 'c', occurredAt: '2026-11-30T10:00:00.000Z', source: 'api' },
    chain: { previousHash: null, hash: 'h' },
  };
}

const started = (runId: string, municipalities: string[] | null) =>
  event('CohortRunStarted', { runId, requestedBy: 'c-1', parameters: {}, municipalities, startedAt: `2026-11-30T10:00:0${position % 10}.000Z` });

describe('CohortRunsProjection', () => {
  let runs: CohortRunsProjection;
  beforeEach(() => {
    position = 0;
    runs = new CohortRunsProjection(new Database(':memory:'));
  });
  const ids = (query: Parameters<CohortRunsProjection['list']>[0]) => runs.list(query).entries.map((entry) => entry.id);

  it('lists runs newest first with status and scope', () => {
    for (const e of [started('all', null), started('utrecht', ['GM0344']), event('CohortRunCompleted', { runId: 'all' }), started('two', ['GM0344', 'GM0363'])]) runs.apply(e);
    expect(runs.list({ limit: 10 }).entries).toEqual([
      { id: 'two', status: 'running', municipalities: ['GM0344', 'GM0363'], startedAt: expect.any(String), startedPosition: 4 },
      { id: 'utrecht', status: 'running', municipalities: ['GM0344'], startedAt: expect.any(String), startedPosition: 2 },
      { id: 'all', status: 'done', municipalities: null, startedAt: expect.any(String), startedPosition: 1 },
    ]);
    runs.apply(event('CohortRunFailed', { runId: 'two', reason: 'x' }));
    expect(runs.list({ limit: 1 }).entries[0]).toMatchObject({ id: 'two', status: 'failed' });
  });

  it('shows a scoped token only the runs wholly within its municipalities, never a run over all', () => {
    for (const e of [started('all', null), started('utrecht', ['GM0344']), started('both', ['GM0344', 'GM0363']), started('amsterdam', ['GM0363']), started('none', [])]) runs.apply(e);
    expect(ids({ limit: 10 })).toEqual(['none', 'amsterdam', 'both', 'utrecht', 'all']);
    expect(ids({ municipalities: null, limit: 10 })).toEqual(['none', 'amsterdam', 'both', 'utrecht', 'all']);
    expect(ids({ municipalities: ['GM0344'], limit: 10 })).toEqual(['none', 'utrecht']);
    expect(ids({ municipalities: ['GM0363', 'GM0344'], limit: 10 })).toEqual(['none', 'amsterdam', 'both', 'utrecht']);
    expect(ids({ municipalities: [], limit: 10 })).toEqual(['none']);
  });

  it('pages before a start position and says whether more follow', () => {
    for (let i = 0; i < 5; i++) runs.apply(started(`r${i}`, null));
    const first = runs.list({ limit: 2 });
    expect({ ids: first.entries.map((e) => e.id), more: first.more }).toEqual({ ids: ['r4', 'r3'], more: true });
    const rest = runs.list({ limit: 10, before: first.entries[1].startedPosition });
    expect({ ids: rest.entries.map((e) => e.id), more: rest.more }).toEqual({ ids: ['r2', 'r1', 'r0'], more: false });
    expect(runs.list({ limit: 3, before: rest.entries[1].startedPosition }).entries.map((e) => e.id)).toEqual(['r0']);
  });

  it('finds the running runs a new run\'s scope overlaps, oldest first: a run over all overlaps every scope', () => {
    for (const e of [started('all', null), started('utrecht', ['GM0344']), started('both', ['GM0344', 'GM0363']), started('amsterdam', ['GM0363']), started('none', [])]) runs.apply(e);
    const overlapping = (scope: string[] | null) => runs.runningOverlapping(scope, '').map((entry) => entry.id);
    expect(overlapping(null)).toEqual(['all', 'utrecht', 'both', 'amsterdam', 'none']);
    expect(overlapping(['GM0344'])).toEqual(['all', 'utrecht', 'both']);
    expect(overlapping(['GM0363', 'GM0307'])).toEqual(['all', 'both', 'amsterdam']);
    expect(overlapping(['GM0307'])).toEqual(['all']);
    expect(overlapping([])).toEqual(['all', 'none']);

    // Finished runs hold nothing back; nor do runs started before `startedSince` (taken as stalled).
    runs.apply(event('CohortRunCompleted', { runId: 'all' }));
    runs.apply(event('CohortRunFailed', { runId: 'both', reason: 'x' }));
    expect(overlapping(null)).toEqual(['utrecht', 'amsterdam', 'none']);
    expect(overlapping(['GM0307'])).toEqual([]);
    const [utrecht, amsterdam] = runs.runningOverlapping(null, '');
    expect(runs.runningOverlapping(null, amsterdam.startedAt).map((entry) => entry.id)).toEqual(['amsterdam', 'none']);
    expect(runs.runningOverlapping(null, '', 1)).toEqual([{ ...utrecht, municipalities: ['GM0344'] }]);
  });

  it('handling an event twice changes nothing (at-least-once delivery)', () => {
    const start = started('r', ['GM0344']);
    const done = event('CohortRunCompleted', { runId: 'r' });
    for (const e of [start, done, start, done]) runs.apply(e);
    runs.apply({ ...started('r', null), position: start.position });
    expect(runs.list({ limit: 10 }).entries).toEqual([expect.objectContaining({ id: 'r', status: 'done', municipalities: ['GM0344'], startedPosition: start.position })]);
  });
});
