import { forEachBounded } from './seed-pool';

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('forEachBounded', () => {
  it('handles every item with at most `limit` in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const seen: number[] = [];
    await forEachBounded([1, 2, 3, 4, 5, 6, 7], 3, async (item) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await tick();
      seen.push(item);
      inFlight--;
    });
    expect(seen.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(peak).toBe(3);
  });

  it('pulls lazily, so a huge sequence is never materialised', async () => {
    let produced = 0;
    function* numbers(): Generator<number> {
      for (;;) yield produced++;
    }
    await expect(
      forEachBounded(numbers(), 2, async (item) => {
        if (item === 5) throw new Error('stop');
        await tick();
      }),
    ).rejects.toThrow('stop');
    expect(produced).toBeLessThan(10);
  });

  it('rethrows the first failure after the items in flight settle, starting no new ones', async () => {
    const started: number[] = [];
    const error = new Error('boom');
    await expect(
      forEachBounded([1, 2, 3, 4, 5, 6], 2, async (item) => {
        started.push(item);
        await tick();
        if (item === 1) throw error;
      }),
    ).rejects.toBe(error);
    expect(started).toEqual([1, 2]);
  });
});
