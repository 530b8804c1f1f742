import { Random } from './random';

const draws = (random: Random, count: number): number[] => Array.from({ length: count }, () => random.float());

describe('Random (sfc32 seeded by cyrb128)', () => {
  it('gives the same sequence for the same name, a different one for another name', () => {
    expect(draws(Random.for('42|newcomer|0'), 50)).toEqual(draws(Random.for('42|newcomer|0'), 50));
    expect(draws(Random.for('42|newcomer|0'), 50)).not.toEqual(draws(Random.for('42|newcomer|1'), 50));
  });

  it('stays in [0, 1) and spreads evenly over ten buckets', () => {
    const values = draws(Random.for('uniformity'), 100_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const buckets = new Array<number>(10).fill(0);
    for (const value of values) buckets[Math.floor(value * 10)]++;
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });

  it('draws integers within inclusive bounds, reaching both ends', () => {
    const random = Random.for('ints');
    const seen = new Set(Array.from({ length: 1000 }, () => random.int(3, 7)));
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
  });

  it('never draws a value of weight zero and follows the weights', () => {
    const random = Random.for('weights');
    const picks = Array.from({ length: 10_000 }, () => random.weighted([['a', 3], ['b', 1], ['never', 0]] as const));
    expect(picks).not.toContain('never');
    expect(picks.filter((pick) => pick === 'a').length / picks.length).toBeCloseTo(0.75, 1);
  });

  it('samples distinct values, no more than there are', () => {
    const random = Random.for('sample');
    const table = [['x', 1], ['y', 1], ['z', 1]] as const;
    expect(new Set(random.sample(table, 2)).size).toBe(2);
    expect(random.sample(table, 5).sort()).toEqual(['x', 'y', 'z']);
  });

  it('refuses an empty choice rather than inventing a value', () => {
    expect(() => Random.for('empty').pick([])).toThrow();
    expect(() => Random.for('empty').weighted([])).toThrow();
  });
});
