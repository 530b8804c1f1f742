import { fold } from '../decider';
import { DeciderSpecification } from '../decider-specification';
import { MatchCommand } from './match.commands';
import { matchDecider } from './match.decider';
import { MatchEvent } from './match.events';
import {
  ANSWER_DEADLINE, APPROVED_AT, COORDINATOR, KEY_PERSON_ID, LATER, MATCH_ID, NEWCOMER_ID, OTHER_KEY_PERSON_ID, PROPOSED_AT,
  REVIEW_DEADLINE, accepted, approved, bothAccepted, commands, declined, ended, expired, explanation, partyAccepted, proposeMatch,
  proposed, rejected, withdrawn,
} from './match.fixtures';

const spec = () => DeciderSpecification.for(matchDecider);
const withData = <C extends MatchCommand>(command: C, data: Partial<C['data']>): C => ({ ...command, data: { ...command.data, ...data } });

describe('match decider', () => {
  describe('proposing', () => {
    it('records the proposal with its score, policy version, log position, deadline and explanation', () =>
      spec().given([]).when(proposeMatch).then([proposed]));

    it('stores the deadline in UTC and the explanation as plain JSON', () =>
      spec()
        .given([])
        .when(withData(proposeMatch, { expiresAt: '2026-12-08T11:00:00+01:00', explanation: { ...explanation, score: -0 } }))
        .then([{ ...proposed, data: { ...proposed.data, explanation: { ...explanation, score: 0 } } }]));

    it('emits nothing for the same pair again, as from a resumed job that scored anew', () =>
      spec()
        .given([proposed])
        .when(withData(proposeMatch, { at: LATER, score: 0.8, logPosition: 5000, expiresAt: ANSWER_DEADLINE, explanation: {} }))
        .thenNothing());

    it('emits nothing for the same pair even after the match closed: the job had its effect', () =>
      spec().given([proposed, rejected()]).when(proposeMatch).thenNothing());

    it('refuses a different proposal under the same id', () =>
      spec().given([proposed]).when(withData(proposeMatch, { keyPersonId: OTHER_KEY_PERSON_ID })).thenThrows('MATCH.ALREADY_PROPOSED'));

    it('reports every invalid field at once', () =>
      spec()
        .given([])
        .when(
          withData(proposeMatch, {
            newcomerId: 'amal',
            keyPersonId: undefined as unknown as string,
            score: 1.2,
            policyVersion: 1.5,
            logPosition: -1,
            expiresAt: PROPOSED_AT,
            explanation: { score: Number.NaN },
            cohortRunId: 'last-week',
          }),
        )
        .thenThrows('MATCH.INVALID', [
          { field: 'newcomerId', rule: 'uuid' },
          { field: 'keyPersonId', rule: 'required' },
          { field: 'score', rule: 'range' },
          { field: 'policyVersion', rule: 'integer' },
          { field: 'logPosition', rule: 'range' },
          { field: 'expiresAt', rule: 'date-order' },
          { field: 'explanation.score', rule: 'json' },
          { field: 'cohortRunId', rule: 'uuid' },
        ]));

    it('records the cohort run that chose the pair, an id kept in clear beside the explanation', () => {
      const runId = '0b9a3c55-7f43-4c1e-9d55-0d8f1f3f2a10';
      spec().given([]).when(withData(proposeMatch, { cohortRunId: runId })).then([{ ...proposed, data: { ...proposed.data, cohortRunId: runId } }]);
      expect(fold(matchDecider, [{ ...proposed, data: { ...proposed.data, cohortRunId: runId } }])).toMatchObject({ cohortRunId: runId });
    });
  });

  describe('approving (a human decides first, GDPR art. 22)', () => {
    it('approves a proposal with the approver and the parties’ deadline', () =>
      spec().given([proposed]).when(commands.approve).then([approved]));

    it('trims the approver id', () => spec().given([proposed]).when(withData(commands.approve, { by: ` ${COORDINATOR} ` })).then([approved]));

    it('emits nothing when approved again, even by someone else: the first approval stands', () => {
      spec().given([proposed, approved]).when(withData(commands.approve, { by: 'coordinator-2' })).thenNothing();
      spec().given([proposed, approved, ...bothAccepted]).when(commands.approve).thenNothing();
    });

    it('refuses a blank approver and a deadline that has passed', () =>
      spec()
        .given([proposed])
        .when(withData(commands.approve, { by: ' ', expiresAt: PROPOSED_AT }))
        .thenThrows('MATCH.INVALID', [
          { field: 'by', rule: 'required' },
          { field: 'expiresAt', rule: 'date-order' },
        ]));
  });

  describe('deadlines', () => {
    it('refuses an approval at or after the review deadline, though the expiry sweep has not run yet', () => {
      spec().given([proposed]).when(withData(commands.approve, { at: REVIEW_DEADLINE, expiresAt: '2026-12-20T10:00:00.000Z' })).thenThrows('MATCH.DEADLINE_PASSED');
      spec().given([proposed]).when(withData(commands.approve, { at: '2026-12-08T09:59:59.999Z', expiresAt: ANSWER_DEADLINE })).then([
        { ...approved, data: { ...approved.data, approvedAt: '2026-12-08T09:59:59.999Z' } } as MatchEvent,
      ]);
    });

    it('refuses an answer at or after the answer deadline; one already recorded stays a no-op', () => {
      spec().given([proposed, approved]).when(withData(commands.acceptByNewcomer, { at: ANSWER_DEADLINE })).thenThrows('MATCH.DEADLINE_PASSED');
      spec().given([proposed, approved, partyAccepted('newcomer')]).when(withData(commands.acceptByNewcomer, { at: ANSWER_DEADLINE })).then([]);
    });

    it('still lets the expiry close it, and a coordinator reject or a party decline it', () => {
      spec().given([proposed, approved]).when(commands.expire).then([expired(ANSWER_DEADLINE, ANSWER_DEADLINE)]);
      spec().given([proposed]).when(withData(commands.reject, { at: '2026-12-09T10:00:00.000Z' })).then([rejected('Too far apart', '2026-12-09T10:00:00.000Z')]);
    });
  });

  describe('accepting', () => {
    it('refuses an answer before a coordinator approved', () =>
      spec().given([proposed]).when(commands.acceptByNewcomer).thenThrows('MATCH.NOT_APPROVED'));

    it('records the first party’s acceptance only', () =>
      spec().given([proposed, approved]).when(commands.acceptByKeyPerson).then([partyAccepted('key-person')]));

    it('accepts the match with the second party’s acceptance, in either order', () => {
      spec().given([proposed, approved, partyAccepted('newcomer')]).when(commands.acceptByKeyPerson).then(bothAccepted.slice(1));
      spec()
        .given([proposed, approved, partyAccepted('key-person')])
        .when(commands.acceptByNewcomer)
        .then([partyAccepted('newcomer'), accepted()]);
    });

    it('emits nothing when a party accepts again', () => {
      spec().given([proposed, approved, partyAccepted('newcomer')]).when(commands.acceptByNewcomer).thenNothing();
      spec().given([proposed, approved, ...bothAccepted]).when(commands.acceptByKeyPerson).thenNothing();
    });

    it('refuses an unknown party', () =>
      spec()
        .given([proposed, approved])
        .when(withData(commands.acceptByNewcomer, { party: 'coordinator' as 'newcomer' }))
        .thenThrows('MATCH.INVALID', [{ field: 'party', rule: 'one-of' }]));
  });

  describe('rejecting', () => {
    it('rejects a proposed or an approved match, with a trimmed reason', () => {
      spec().given([proposed]).when(commands.reject).then([rejected()]);
      spec().given([proposed, approved]).when(withData(commands.reject, { reason: ' Too far apart ' })).then([rejected()]);
    });

    it('refuses once both parties accepted: such a match ends instead', () =>
      spec().given([proposed, approved, ...bothAccepted]).when(commands.reject).thenThrows('MATCH.ALREADY_ACCEPTED'));

    it('requires a reason', () =>
      spec().given([proposed]).when(withData(commands.reject, { reason: '  ' })).thenThrows('MATCH.INVALID', [{ field: 'reason', rule: 'required' }]));
  });

  describe('declining', () => {
    it('declines a proposed or approved match, by either party', () => {
      spec().given([proposed]).when(commands.decline).then([declined()]);
      spec()
        .given([proposed, approved, partyAccepted('newcomer')])
        .when(withData(commands.decline, { party: 'key-person' }))
        .then([declined('key-person')]);
    });

    it('declines without saying by whom, as SPEC §9 lets a coordinator record it', () => {
      spec().given([proposed]).when(withData(commands.decline, { party: null })).then([declined(null)]);
      // A redelivery is the same decision; naming a party afterwards is another one.
      spec().given([proposed, declined(null)]).when(withData(commands.decline, { party: null })).then([]);
      spec().given([proposed, declined(null)]).when(commands.decline).thenThrows('MATCH.CLOSED');
    });

    it('takes a redelivered decline as the same once its reason was erased with either person, and another party as another decision', () => {
      // The reason is sealed under both people's keys: after an erasure the stored event reads `{ erased: true }` there.
      const erasedReason = { ...declined('newcomer'), data: { ...declined('newcomer').data, reason: { erased: true } as never } } as MatchEvent;
      spec().given([proposed, erasedReason]).when(commands.decline).then([]);
      spec().given([proposed, erasedReason]).when(withData(commands.decline, { party: 'key-person' })).thenThrows('MATCH.CLOSED');
    });

    it('refuses a party that is neither', () =>
      spec().given([proposed]).when(withData(commands.decline, { party: 'coordinator' as never })).thenThrows('MATCH.INVALID', [{ field: 'party', rule: 'one-of' }]));

    it('refuses once both parties accepted', () =>
      spec().given([proposed, approved, ...bothAccepted]).when(commands.decline).thenThrows('MATCH.ALREADY_ACCEPTED'));

    it('requires a reason of 1 to 1000 characters', () => {
      spec().given([proposed]).when(withData(commands.decline, { reason: '' })).thenThrows('MATCH.INVALID', [{ field: 'reason', rule: 'required' }]);
      spec()
        .given([proposed])
        .when(withData(commands.decline, { reason: 'x'.repeat(1001) }))
        .thenThrows('MATCH.INVALID', [{ field: 'reason', rule: 'max-length' }]);
      spec().given([proposed]).when(withData(commands.decline, { reason: 'x'.repeat(1000) })).then([declined('newcomer', 'x'.repeat(1000))]);
    });
  });

  describe('expiring', () => {
    it('expires a proposal the coordinator left past its deadline', () =>
      spec()
        .given([proposed])
        .when({ type: 'ExpireMatch', data: { matchId: MATCH_ID, at: REVIEW_DEADLINE } })
        .then([expired(REVIEW_DEADLINE, REVIEW_DEADLINE)]));

    it('judges an approved match by the parties’ deadline', () => {
      spec().given([proposed, approved]).when({ type: 'ExpireMatch', data: { matchId: MATCH_ID, at: REVIEW_DEADLINE } }).thenThrows('MATCH.NOT_DUE');
      spec().given([proposed, approved, partyAccepted('newcomer')]).when(commands.expire).then([expired(ANSWER_DEADLINE, ANSWER_DEADLINE)]);
    });

    it('refuses before the deadline', () =>
      spec().given([proposed]).when({ type: 'ExpireMatch', data: { matchId: MATCH_ID, at: '2026-12-08T09:59:59.999Z' } }).thenThrows('MATCH.NOT_DUE'));

    it('refuses once both parties accepted', () =>
      spec().given([proposed, approved, ...bothAccepted]).when(commands.expire).thenThrows('MATCH.ALREADY_ACCEPTED'));
  });

  describe('ending', () => {
    it('ends an accepted match with its outcome and reason', () =>
      spec().given([proposed, approved, ...bothAccepted]).when(commands.end).then([ended()]));

    it('refuses a match not accepted yet', () => {
      spec().given([proposed]).when(commands.end).thenThrows('MATCH.NOT_ACCEPTED');
      spec().given([proposed, approved, partyAccepted('newcomer')]).when(commands.end).thenThrows('MATCH.NOT_ACCEPTED');
    });

    it('refuses an unknown outcome and a missing reason', () =>
      spec()
        .given([proposed, approved, ...bothAccepted])
        .when(withData(commands.end, { outcome: 'done' as 'completed', reason: null as unknown as string }))
        .thenThrows('MATCH.INVALID', [
          { field: 'outcome', rule: 'one-of' },
          { field: 'reason', rule: 'required' },
        ]));
  });

  describe('withdrawing', () => {
    it.each([
      ['proposed', [proposed]],
      ['approved', [proposed, approved]],
      ['accepted', [proposed, approved, ...bothAccepted]],
    ])('withdraws a %s match', (_, history) => spec().given(history).when(commands.withdraw).then([withdrawn()]));

    it('requires a reason', () =>
      spec().given([proposed]).when(withData(commands.withdraw, { reason: '' })).thenThrows('MATCH.INVALID', [{ field: 'reason', rule: 'required' }]));
  });

  describe('a closed match', () => {
    const closings: readonly [string, readonly MatchEvent[], MatchCommand][] = [
      ['rejected', [proposed, rejected()], commands.reject],
      ['declined', [proposed, approved, declined()], commands.decline],
      ['expired', [proposed, approved, expired(ANSWER_DEADLINE, ANSWER_DEADLINE)], commands.expire],
      ['ended', [proposed, approved, ...bothAccepted, ended()], commands.end],
      ['withdrawn', [proposed, approved, withdrawn()], commands.withdraw],
    ];
    const others = Object.values(commands).filter((command) => command.type !== 'ProposeMatch');

    it.each(closings)('emits nothing when the very closing to %s is repeated later', (_, history, command) =>
      spec()
        .given(history)
        .when({ ...command, data: { ...command.data, at: '2027-01-01T00:00:00.000Z' } } as MatchCommand)
        .thenNothing());

    it.each(closings)('refuses everything else once %s', (_, history, closing) => {
      for (const command of others.filter((other) => other !== closing)) spec().given(history).when(command).thenThrows('MATCH.CLOSED');
    });

    it('refuses the same transition with a different decision', () => {
      spec().given([proposed, rejected()]).when(withData(commands.reject, { reason: 'Another reason' })).thenThrows('MATCH.CLOSED');
      spec().given([proposed, declined('newcomer')]).when(withData(commands.decline, { party: 'key-person' })).thenThrows('MATCH.CLOSED');
      spec().given([proposed, approved, ...bothAccepted, ended()]).when(withData(commands.end, { outcome: 'ended-early' })).thenThrows('MATCH.CLOSED');
    });
  });

  it.each(Object.values(commands).filter((command) => command.type !== 'ProposeMatch').map((command) => [command.type, command] as const))(
    '%s on an unknown match is not found',
    (_, command) => spec().given([]).when(command).thenThrows('MATCH.NOT_FOUND'),
  );

  it('folds the lifecycle into the state', () => {
    expect(fold(matchDecider, [proposed, approved, partyAccepted('newcomer')])).toStrictEqual({
      status: 'approved',
      matchId: MATCH_ID,
      newcomerId: NEWCOMER_ID,
      keyPersonId: KEY_PERSON_ID,
      score: 0.83,
      policyVersion: 1,
      logPosition: 4711,
      explanation,
      cohortRunId: null,
      proposedAt: PROPOSED_AT,
      expiresAt: ANSWER_DEADLINE,
      approvedBy: COORDINATOR,
      approvedAt: APPROVED_AT,
      acceptedBy: ['newcomer'],
      closing: null,
      closedAt: null,
    });
    expect(fold(matchDecider, [proposed, approved, ...bothAccepted, ended()])).toMatchObject({
      status: 'ended',
      acceptedBy: ['newcomer', 'key-person'],
      closing: { status: 'ended', outcome: 'completed', reason: 'Goals reached' },
      closedAt: LATER,
    });
  });

  it('treats an event before the proposal as a corrupt stream', () => expect(() => fold(matchDecider, [approved])).toThrow(/corrupt/));
});
