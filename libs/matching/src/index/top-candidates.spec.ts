import { TopCandidates } from './top-candidates';

describe('TopCandidates', () => {
  const ids = ['e', 'd', 'c', 'b', 'a'];

  it('keeps the best `limit` offers, score first, then id', () => {
    const top = new TopCandidates(3, (slot) => ids[slot]);
    [0.5, 0.9, 0.5, 0.1, 0.5].forEach((score, slot) => top.offer(slot, score));
    expect(top.best()).toEqual([
      { slot: 1, score: 0.9 },
      { slot: 4, score: 0.5 },
      { slot: 2, score: 0.5 },
    ]);
  });

  it('keeps everything without a limit and nothing with limit 0', () => {
    const all = new TopCandidates(Number.POSITIVE_INFINITY, (slot) => ids[slot]);
    const none = new TopCandidates(0, (slot) => ids[slot]);
    ids.forEach((_, slot) => {
      all.offer(slot, slot / 10);
      none.offer(slot, slot / 10);
    });
    expect(all.best().map((c) => c.slot)).toEqual([4, 3, 2, 1, 0]);
    expect(none.best()).toEqual([]);
  });
});
