import { describe, expect, it } from '@jest/globals';
import { ProposalExplanation, RankingReproduction } from './audit.types';
import { verdictOf } from './verdict';

const sameRanking: RankingReproduction = {
  equal: true, differences: [], erasedSince: 0, unexplained: [], place: 1, feasible: 2, considered: 3,
  excluded: { language: 1 }, bestAttainable: 0.9, shareOfBest: 0.8, alternatives: [],
};

const proposal = (reproduction: Partial<ProposalExplanation['reproduction']>): ProposalExplanation => ({
  matchId: 'm', newcomerId: 'n', keyPersonId: 'k', score: 0.72, policyVersion: 1, logPosition: 10, proposedAt: '2026-01-01T00:00:00.000Z',
  reproduction: {
    score: 0.72, equal: true, scoreEqual: true, policyVersion: 1, logPosition: 10, scoredAt: '2026-01-01T00:00:00.000Z', scoredAtSource: 'recorded',
    newcomerRevision: 1, keyPersonRevision: 1, ranking: sameRanking, ...reproduction,
  },
});

describe('the verdict on a reproduction', () => {
  it('is equal only when the score and the whole ranking are', () => {
    expect(verdictOf(proposal({}))).toBe('equal');
    expect(verdictOf(proposal({ ranking: undefined }))).toBe('equal');
  });

  it('sets apart a ranking that differs only as the key persons erased since account for (the API\'s equal is false then, scoreEqual true)', () => {
    const ranking = { ...sameRanking, equal: false, differences: ['considered', 'excluded'], erasedSince: 1, unexplained: [] };
    expect(verdictOf(proposal({ equal: false, reason: 'the score is equal; the ranking differs: …', ranking }))).toBe('erased-since');
  });

  it('says it differs when anything is left that the erasures do not account for, or nobody was erased', () => {
    const partly = { ...sameRanking, equal: false, differences: ['considered', 'bestAttainable'], erasedSince: 1, unexplained: ['bestAttainable'] };
    const unerased = { ...sameRanking, equal: false, differences: ['alternatives'], erasedSince: 0, unexplained: ['alternatives'] };
    expect(verdictOf(proposal({ equal: false, ranking: partly }))).toBe('different');
    expect(verdictOf(proposal({ equal: false, ranking: unerased }))).toBe('different');
  });

  it('puts a different score before anything the erasures explain, and no score before all', () => {
    const explained = { ...sameRanking, equal: false, differences: ['considered'], erasedSince: 1, unexplained: [] };
    expect(verdictOf(proposal({ equal: false, scoreEqual: false, score: 0.7, ranking: explained }))).toBe('different');
    expect(verdictOf(proposal({ score: null, equal: false, scoreEqual: false, reason: "the key person's personal data was erased", ranking: undefined }))).toBe('unreproducible');
  });
});
