/** A proposal of Yonas for Amal and the events of its lifecycle, for specs. */
import {
  AcceptMatch, ApproveMatch, DeclineMatch, EndMatch, ExpireMatch, ProposeMatch, RejectMatch, WithdrawMatch,
} from './match.commands';
import { ACCEPTANCE_RULES, MatchEvent, MatchProposed } from './match.events';
import { MatchParty } from './match.status';

export const MATCH_ID = '3f2a9c1e-6b7d-4e0f-8a1b-2c3d4e5f6a7b';
export const NEWCOMER_ID = '0b6c4f7e-3d1a-4c55-9a0e-5d8f7f0b2a11';
export const KEY_PERSON_ID = '7d4e1c2a-9b3f-4e8d-a6c5-1f2e3d4c5b6a';
export const OTHER_KEY_PERSON_ID = '5c4b3a29-1807-4f6e-9d5c-4b3a29180706';
export const COORDINATOR = 'coordinator-17';

export const PROPOSED_AT = '2026-12-01T10:00:00.000Z';
/** The coordinator's deadline, a week after the proposal. */
export const REVIEW_DEADLINE = '2026-12-08T10:00:00.000Z';
export const APPROVED_AT = '2026-12-02T09:00:00.000Z';
/** The parties' deadline, two weeks after approval. */
export const ANSWER_DEADLINE = '2026-12-16T09:00:00.000Z';
export const LATER = '2026-12-03T12:00:00.000Z';

export const explanation = {
  keyPersonId: KEY_PERSON_ID,
  components: [{ name: 'language', raw: 1, weight: 0.35, contribution: 0.35 }],
  score: 0.83,
  shareOfBest: 0.9,
  policyVersion: 1,
  considered: 40,
  excluded: { 'no-capacity': 12, 'no-shared-language': 20 },
  alternatives: [{ keyPersonId: OTHER_KEY_PERSON_ID, score: 0.7, gap: 0.13 }],
};

export const proposeMatch: ProposeMatch = {
  type: 'ProposeMatch',
  data: {
    matchId: MATCH_ID,
    at: PROPOSED_AT,
    newcomerId: NEWCOMER_ID,
    keyPersonId: KEY_PERSON_ID,
    score: 0.83,
    policyVersion: 1,
    logPosition: 4711,
    expiresAt: REVIEW_DEADLINE,
    explanation,
  },
};

const pair = { matchId: MATCH_ID, newcomerId: NEWCOMER_ID, keyPersonId: KEY_PERSON_ID };

export const proposed: MatchProposed = {
  type: 'MatchProposed',
  data: { ...pair, score: 0.83, policyVersion: 1, logPosition: 4711, expiresAt: REVIEW_DEADLINE, explanation, proposedAt: PROPOSED_AT },
};

export const approved: MatchEvent = {
  type: 'MatchApproved',
  data: { ...pair, approvedBy: COORDINATOR, expiresAt: ANSWER_DEADLINE, approvedAt: APPROVED_AT },
};

export const partyAccepted = (party: MatchParty, at = LATER): MatchEvent => ({ type: 'MatchPartyAccepted', data: { ...pair, party, acceptedAt: at } });
export const accepted = (at = LATER): MatchEvent => ({ type: 'MatchAccepted', data: { ...pair, acceptedAt: at, acceptanceRules: ACCEPTANCE_RULES } });
/** Both parties said yes. */
export const bothAccepted: readonly MatchEvent[] = [partyAccepted('newcomer'), partyAccepted('key-person'), accepted()];

export const rejected = (reason = 'Too far apart', at = LATER): MatchEvent => ({
  type: 'MatchRejected',
  data: { ...pair, rejectedBy: COORDINATOR, reason, rejectedAt: at },
});
export const declined = (party: MatchParty | null = 'newcomer', reason = 'Prefers someone else', at = LATER): MatchEvent => ({
  type: 'MatchDeclined',
  data: { ...pair, party, reason, declinedAt: at },
});
export const expired = (deadline: string, at: string): MatchEvent => ({ type: 'MatchExpired', data: { ...pair, expiresAt: deadline, expiredAt: at } });
export const ended = (reason = 'Goals reached', at = LATER): MatchEvent => ({
  type: 'MatchEnded',
  data: { ...pair, outcome: 'completed', reason, endedAt: at },
});
export const withdrawn = (reason = 'Newcomer withdrawn', at = LATER): MatchEvent => ({
  type: 'MatchWithdrawn',
  data: { ...pair, reason, withdrawnAt: at },
});

/** One command of every kind, as a person or the worker would send it. */
export const commands: {
  readonly propose: ProposeMatch;
  readonly approve: ApproveMatch;
  readonly reject: RejectMatch;
  readonly acceptByNewcomer: AcceptMatch;
  readonly acceptByKeyPerson: AcceptMatch;
  readonly decline: DeclineMatch;
  readonly expire: ExpireMatch;
  readonly end: EndMatch;
  readonly withdraw: WithdrawMatch;
} = {
  propose: proposeMatch,
  approve: { type: 'ApproveMatch', data: { matchId: MATCH_ID, at: APPROVED_AT, by: COORDINATOR, expiresAt: ANSWER_DEADLINE } },
  reject: { type: 'RejectMatch', data: { matchId: MATCH_ID, at: LATER, by: COORDINATOR, reason: 'Too far apart' } },
  acceptByNewcomer: { type: 'AcceptMatch', data: { matchId: MATCH_ID, at: LATER, party: 'newcomer' } },
  acceptByKeyPerson: { type: 'AcceptMatch', data: { matchId: MATCH_ID, at: LATER, party: 'key-person' } },
  decline: { type: 'DeclineMatch', data: { matchId: MATCH_ID, at: LATER, party: 'newcomer', reason: 'Prefers someone else' } },
  expire: { type: 'ExpireMatch', data: { matchId: MATCH_ID, at: ANSWER_DEADLINE } },
  end: { type: 'EndMatch', data: { matchId: MATCH_ID, at: LATER, outcome: 'completed', reason: 'Goals reached' } },
  withdraw: { type: 'WithdrawMatch', data: { matchId: MATCH_ID, at: LATER, reason: 'Newcomer withdrawn' } },
};
