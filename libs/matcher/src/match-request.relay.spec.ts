import { RecordedEvent } from '@sleutel/event-store';
import { jobFor, jobsFor, RELAY_EVENT_TYPES } from './match-request.relay';

const event = (type: string, data: Record<string, unknown>, streamId = 'newcomer-n1'): RecordedEvent => ({
  id: `e-${type}`, type, schemaVersion: 1, data: data as RecordedEvent['data'], streamId, revision: 0, position: 42,
  metadata: { actor: { id: 'a', role: 'intake' }, command: 'C', correlationId: 'corr', causationId: 'c', occurredAt: 'x', source: 'api' },
  chain: { previousHash: null, hash: 'h' },
});

describe('relay: which cause makes which job', () => {
  it.each([
    ['NewcomerRegistered', { newcomerId: 'n1' }, 'match-request'],
    ['NewcomerLanguagesChanged', { newcomerId: 'n1' }, 'match-request'],
    ['NewcomerMatchingRequested', { newcomerId: 'n1' }, 'match-request'],
    ['NewcomerWithdrawn', { newcomerId: 'n1' }, 'withdraw-matches'],
    ['MatchDeclined', { matchId: 'm1' }, 'settle-match'],
    ['MatchProposed', { matchId: 'm1' }, 'settle-match'],
    ['MatchAccepted', { matchId: 'm1' }, 'settle-match'],
    ['KeyPersonRetired', { keyPersonId: 'k1' }, 'withdraw-proposals'],
  ])('%s → %s, with an id derived from the cause and ids only in the data', (type, data, name) => {
    const job = jobFor(event(type, data));
    expect(job).toMatchObject({ name, id: `${name}-e-${type}`, data: { causePosition: 42, causeEventId: `e-${type}`, correlationId: 'corr' } });
    expect(Object.values(job!.data).every((value) => typeof value === 'string' || typeof value === 'number')).toBe(true);
  });

  it('gives every cause of a look at the waiting list a job of its own, whatever second its writer\'s clock said', () => {
    const at = (type: string, occurredAt: string) => ({ ...event(type, { keyPersonId: 'k1' }), metadata: { ...event(type, {}).metadata, occurredAt } });
    const first = jobFor(at('KeyPersonRegistered', '2026-12-01T10:00:00.100Z'));
    const sameSecond = jobFor(at('KeyPersonCapacityReleased', '2026-12-01T10:00:00.900Z'));
    expect(first).toMatchObject({ name: 'retry-waiting', id: 'retry-waiting-e-KeyPersonRegistered', data: { causePosition: 42 } });
    expect(sameSecond?.id).toBe('retry-waiting-e-KeyPersonCapacityReleased');
    expect(first?.id).not.toContain(':');
  });

  it('puts a newcomer back in line after a failed, cancelled or withdrawn match, not after an ended one', () => {
    expect(jobFor(event('NewcomerMatchReleased', { newcomerId: 'n1', outcome: 'failed' }))?.name).toBe('match-request');
    expect(jobFor(event('NewcomerMatchReleased', { newcomerId: 'n1', outcome: 'cancelled' }))?.name).toBe('match-request');
    expect(jobFor(event('NewcomerMatchReleased', { newcomerId: 'n1', outcome: 'withdrawn' }))).toMatchObject({ name: 'match-request', data: { newcomerId: 'n1' } });
    expect(jobFor(event('NewcomerMatchReleased', { newcomerId: 'n1', outcome: 'ended' }))).toBeNull();
  });

  it('makes no job of events nobody waits for', () => {
    expect(jobFor(event('NewcomerNotesChanged', { newcomerId: 'n1' }))).toBeNull();
    expect(jobFor(event('MatchApproved', { matchId: 'm1' }))).toBeNull();
  });

  it('starts a cohort-run job for a started run, once per event', () => {
    const job = jobFor(event('CohortRunStarted', { runId: 'r1' }));
    expect(job).toMatchObject({ name: 'cohort-run', data: { runId: 'r1' } });
    expect(jobFor(event('CohortRunStarted', { runId: 'r1' }))?.id).toBe(job?.id);
  });

  it('in cohort mode proposes at once only on an explicit request; settling, withdrawing and cohort runs go on', () => {
    for (const type of ['NewcomerRegistered', 'NewcomerLanguagesChanged', 'KeyPersonRegistered', 'KeyPersonCapacityReleased', 'ScoringPolicyChanged']) {
      expect({ type, job: jobFor(event(type, { newcomerId: 'n1' }), 'cohort') }).toEqual({ type, job: null });
    }
    expect(jobFor(event('NewcomerMatchReleased', { newcomerId: 'n1', outcome: 'failed' }), 'cohort')).toBeNull();
    expect(jobFor(event('NewcomerMatchReleased', { newcomerId: 'n1', outcome: 'withdrawn' }), 'cohort')).toBeNull();
    expect(jobFor(event('NewcomerMatchingRequested', { newcomerId: 'n1' }), 'cohort')?.name).toBe('match-request');
    expect(jobFor(event('MatchDeclined', { matchId: 'm1' }), 'cohort')?.name).toBe('settle-match');
    expect(jobFor(event('NewcomerWithdrawn', { newcomerId: 'n1' }), 'cohort')?.name).toBe('withdraw-matches');
    expect(jobFor(event('KeyPersonRetired', { keyPersonId: 'k1' }), 'cohort')?.name).toBe('withdraw-proposals');
    expect(jobFor(event('CohortRunStarted', { runId: 'r1' }), 'cohort')?.name).toBe('cohort-run');
  });

  it('checks the pairs already proposed after a profile change that may break one, in either mode, besides any matching job', () => {
    for (const mode of ['on-demand', 'cohort'] as const) {
      const doNotMatch = jobsFor(event('NewcomerDoNotMatchChanged', { newcomerId: 'n1' }), mode).map((job) => [job.name, job.data]);
      expect(doNotMatch).toContainEqual(['recheck-pairs', { causePosition: 42, causeEventId: 'e-NewcomerDoNotMatchChanged', correlationId: 'corr', newcomerId: 'n1' }]);
      expect(doNotMatch.some(([name]) => name === 'match-request')).toBe(mode === 'on-demand');
      const languages = jobsFor(event('KeyPersonLanguagesChanged', { keyPersonId: 'k1' }, 'key-person-k1'), mode);
      expect(languages.find((job) => job.name === 'recheck-pairs')).toMatchObject({ id: 'recheck-pairs-e-KeyPersonLanguagesChanged', data: { keyPersonId: 'k1' } });
    }
    for (const type of ['KeyPersonPersonalDetailsChanged', 'KeyPersonAvailabilityChanged', 'KeyPersonResidenceChanged', 'KeyPersonOriginChanged', 'NewcomerPreferencesChanged', 'NewcomerResidenceChanged']) {
      expect(RELAY_EVENT_TYPES).toContain(type);
      const whose = type.startsWith('Newcomer') ? { newcomerId: 'n1' } : { keyPersonId: 'k1' };
      expect(jobsFor(event(type, whose)).find((job) => job.name === 'recheck-pairs')?.data).toMatchObject(whose);
    }
    // Needs and expertise change the score, not whether the pair may stand.
    expect(jobsFor(event('NewcomerNeedsChanged', { newcomerId: 'n1' })).map((job) => job.name)).toEqual(['match-request']);
    expect(jobsFor(event('KeyPersonExpertiseChanged', { keyPersonId: 'k1' })).map((job) => job.name)).toEqual(['retry-waiting']);
    // A corrected gender or origin can make a key person a candidate for someone waiting, as well as break a pair.
    for (const type of ['KeyPersonPersonalDetailsChanged', 'KeyPersonOriginChanged']) {
      expect(jobsFor(event(type, { keyPersonId: 'k1' })).map((job) => job.name).sort()).toEqual(['recheck-pairs', 'retry-waiting']);
    }
    expect(new Set(RELAY_EVENT_TYPES).size).toBe(RELAY_EVENT_TYPES.length);
  });
});
