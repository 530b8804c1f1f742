import { JsonObject } from '@sleutel/event-store';
import { noExclusions } from '@sleutel/matching';
import { compareRanking, RankingFigures } from './ranking-comparison';

/**
 * The stored figures of a ranking of five key persons (a, b, c, d and the
 * chosen one) plus three excluded; what leaving out the key persons erased
 * since would give, and what it could not.
 */
const alternative = (keyPersonId: string, score: number) => ({ keyPersonId, score, gap: 0.6 - score });
const stored: RankingFigures = {
  considered: 8,
  excluded: { ...noExclusions(), 'out-of-radius': 2, 'no-shared-language': 1 },
  bestAttainable: 0.9,
  shareOfBest: 0.6 / 0.9,
  alternatives: [alternative('a', 0.7), alternative('b', 0.5), alternative('c', 0.4)],
};
const asStored = stored as unknown as JsonObject;
const none = { count: 0, ids: new Set<string>() };

describe('compareRanking', () => {
  it('is equal, with nothing to explain, when the figures come back bit for bit', () => {
    expect(compareRanking(asStored, stored, none)).toEqual({ equal: true, differences: [], unexplained: [] });
  });

  it('puts fewer considered and excluded down to a key person erased since who had been excluded', () => {
    const reproduced = { ...stored, considered: 7, excluded: { ...stored.excluded, 'out-of-radius': 1 } };

    const comparison = compareRanking(asStored, reproduced, { count: 1, ids: new Set(['excluded-one']) });

    expect(comparison).toMatchObject({ equal: false, differences: ['considered', 'excluded'], unexplained: [] });
    expect(comparison.reason).toMatch(/^1 key person known at the recorded position was erased since and is left out/);
    expect(comparison.reason).toMatch(/; considered and excluded differ only as leaving them out accounts for, though how they themselves were scored or excluded can no longer be checked$/);
  });

  it('puts an erased alternative down to the erasure when the others move up unchanged and the next in line fills the gap', () => {
    const reproduced = { ...stored, considered: 7, alternatives: [alternative('b', 0.5), alternative('c', 0.4), alternative('d', 0.3)] };

    expect(compareRanking(asStored, reproduced, { count: 1, ids: new Set(['a']) })).toMatchObject({ equal: false, differences: ['considered', 'alternatives'], unexplained: [] });
  });

  it('still names what an erasure cannot account for: a count off by more, a changed score, an alternative gone who was not erased, the best attainable', () => {
    const erased = { count: 1, ids: new Set(['a']) };
    const tooFew = { ...stored, considered: 6, excluded: { ...stored.excluded, 'out-of-radius': 0 } };
    expect(compareRanking(asStored, tooFew, erased)).toMatchObject({ unexplained: ['considered', 'excluded'] });
    const rescored = { ...stored, considered: 7, alternatives: [alternative('b', 0.45), alternative('c', 0.4), alternative('d', 0.3)] };
    expect(compareRanking(asStored, rescored, erased)).toMatchObject({ differences: ['considered', 'alternatives'], unexplained: ['alternatives'] });
    const moreExcluded = { ...stored, considered: 7, excluded: { ...stored.excluded, 'no-capacity': 1 } };
    expect(compareRanking(asStored, moreExcluded, erased)).toMatchObject({ unexplained: ['excluded'] });
    // b was not erased, yet is gone from the alternatives.
    const lost = { ...stored, considered: 7, alternatives: [alternative('c', 0.4), alternative('d', 0.3), alternative('e', 0.2)] };
    expect(compareRanking(asStored, lost, erased)).toMatchObject({ unexplained: ['alternatives'] });
    const best = { ...stored, considered: 7, alternatives: [alternative('b', 0.5), alternative('c', 0.4)], bestAttainable: 0.8, shareOfBest: 0.75 };

    const comparison = compareRanking(asStored, best, erased);

    expect(comparison).toMatchObject({ differences: ['considered', 'bestAttainable', 'shareOfBest', 'alternatives'], unexplained: ['bestAttainable', 'shareOfBest'] });
    expect(comparison.reason).toMatch(/; leaving them out accounts for considered and alternatives, not for bestAttainable and shareOfBest$/);
  });

  it('puts nothing down to erasure when nobody was erased, and says so', () => {
    const comparison = compareRanking(asStored, { ...stored, considered: 7 }, none);

    expect(comparison).toMatchObject({ equal: false, differences: ['considered'], unexplained: ['considered'] });
    expect(comparison.reason).toBe('considered differs from the stored explanation, and no key person known at the recorded position was erased since: nothing accounts for it');
  });

  it('explains nothing when the proposed key person is not in the ranking computed again', () => {
    expect(compareRanking(asStored, null, { count: 1, ids: new Set(['a']) })).toEqual({
      equal: false,
      differences: ['considered', 'excluded', 'bestAttainable', 'shareOfBest', 'alternatives'],
      unexplained: ['considered', 'excluded', 'bestAttainable', 'shareOfBest', 'alternatives'],
      reason: 'the proposed key person is not among the feasible key persons of the ranking computed again',
    });
  });
});
