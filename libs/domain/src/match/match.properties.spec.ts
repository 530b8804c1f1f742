/**
 * Properties of the match decider over any sequence of commands after a
 * proposal: the status only ever moves along the lifecycle of SPEC §4, a
 * closed match never changes again, nobody accepts before a coordinator
 * approved (GDPR art. 22), the match is accepted exactly when both parties
 * are, and a command that was accepted emits nothing when repeated.
 */
import fc from 'fast-check';
import { fold } from '../decider';
import { DomainError } from '../domain-error';
import { MatchCommand } from './match.commands';
import { matchDecider } from './match.decider';
import { MatchEvent } from './match.events';
import { ANSWER_DEADLINE, MATCH_ID, PROPOSED_AT, REVIEW_DEADLINE, proposeMatch } from './match.fixtures';
import { MatchState } from './match.state';
import { MATCH_END_OUTCOMES, MATCH_PARTIES } from './match.status';

/** Times before, between and after the two deadlines, so expiry is sometimes due. */
const at = fc.constantFrom(PROPOSED_AT, '2026-12-05T00:00:00.000Z', REVIEW_DEADLINE, '2026-12-10T00:00:00.000Z', ANSWER_DEADLINE, '2027-01-01T00:00:00.000Z');
const reason = fc.constantFrom('Too far apart', 'Other plans');
const party = fc.constantFrom(...MATCH_PARTIES);
const ofType = (type: MatchCommand['type']) => (data: object) => ({ type, data: { matchId: MATCH_ID, ...data } }) as MatchCommand;

const command: fc.Arbitrary<MatchCommand> = fc.oneof(
  fc
    .record({ at: fc.constant(PROPOSED_AT), by: fc.constantFrom('coordinator-1', 'coordinator-2'), expiresAt: fc.constant(ANSWER_DEADLINE) })
    .map(ofType('ApproveMatch')),
  fc.record({ at, by: fc.constant('coordinator-1'), reason }).map(ofType('RejectMatch')),
  fc.record({ at, party }).map(ofType('AcceptMatch')),
  fc.record({ at, party }).map(ofType('AcceptMatch')),
  fc.record({ at, party, reason }).map(ofType('DeclineMatch')),
  fc.record({ at }).map(ofType('ExpireMatch')),
  fc.record({ at, outcome: fc.constantFrom(...MATCH_END_OUTCOMES), reason }).map(ofType('EndMatch')),
  fc.record({ at, reason }).map(ofType('WithdrawMatch')),
  fc.constant<MatchCommand>(proposeMatch),
);

/** Every status change the lifecycle allows; staying put is always allowed. */
const ALLOWED: Readonly<Record<MatchState['status'], readonly MatchState['status'][]>> = {
  unproposed: ['proposed'],
  proposed: ['approved', 'rejected', 'declined', 'expired', 'withdrawn'],
  approved: ['accepted', 'rejected', 'declined', 'expired', 'withdrawn'],
  accepted: ['ended', 'withdrawn'],
  ended: [],
  rejected: [],
  declined: [],
  expired: [],
  withdrawn: [],
};

function decide(events: readonly MatchEvent[], next: MatchCommand): readonly MatchEvent[] | null {
  try {
    const emitted = matchDecider.decide(next, fold(matchDecider, events));
    expect(JSON.parse(JSON.stringify(emitted))).toStrictEqual(emitted);
    return emitted;
  } catch (error: unknown) {
    if (error instanceof DomainError && error.kind === 'conflict') return null;
    throw error;
  }
}

describe('match decider properties', () => {
  it('only ever moves along the lifecycle, and a closed match never changes', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 25, size: 'max' }), (commands) => {
        const events: MatchEvent[] = [...matchDecider.decide(proposeMatch, matchDecider.initialState())];
        for (const next of commands) {
          const before = fold(matchDecider, events);
          const emitted = decide(events, next) ?? [];
          const after = fold(matchDecider, [...events, ...emitted]);
          if (after.status !== before.status) expect(ALLOWED[before.status]).toContain(after.status);
          if (before.status !== 'unproposed' && before.closing !== null) expect(emitted).toEqual([]);
          events.push(...emitted);
        }
      }),
    );
  });

  it('takes answers only after approval, and is accepted exactly when both parties accepted', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 25, size: 'max' }), (commands) => {
        const events: MatchEvent[] = [...matchDecider.decide(proposeMatch, matchDecider.initialState())];
        for (const next of commands) events.push(...(decide(events, next) ?? []));
        const types = events.map((e) => e.type);
        const approvedAt = types.indexOf('MatchApproved');
        const answers = events.flatMap((e, i) => (e.type === 'MatchPartyAccepted' ? [i] : []));
        if (answers.length > 0) expect(approvedAt).toBeGreaterThanOrEqual(0);
        expect(answers.every((i) => i > approvedAt)).toBe(true);
        const parties = events.flatMap((e) => (e.type === 'MatchPartyAccepted' ? [e.data.party] : []));
        expect(new Set(parties).size).toBe(parties.length);
        expect(types.includes('MatchAccepted')).toBe(parties.length === MATCH_PARTIES.length);
      }),
    );
  });

  it('emits nothing when a command that was accepted is repeated, as by a redelivered job', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 15, size: 'max' }), command, (before, repeated) => {
        const events: MatchEvent[] = [...matchDecider.decide(proposeMatch, matchDecider.initialState())];
        for (const next of before) events.push(...(decide(events, next) ?? []));
        const first = decide(events, repeated);
        if (first === null) return;
        expect(decide([...events, ...first], repeated)).toEqual([]);
      }),
    );
  });
});
