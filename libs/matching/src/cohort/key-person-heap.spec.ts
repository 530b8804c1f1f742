import fc from 'fast-check';
import { KeyPersonHeap } from './key-person-heap';

describe('KeyPersonHeap', () => {
  it('pops in (distance, index) order after any inserts and decreases', () => {
    const operations = fc.array(fc.tuple(fc.integer({ min: 0, max: 19 }), fc.integer({ min: 0, max: 5 })), { maxLength: 60 });
    fc.assert(
      fc.property(operations, (updates) => {
        const distance = new Float64Array(20).fill(Number.POSITIVE_INFINITY);
        const heap = new KeyPersonHeap(20);
        for (const [k, d] of updates) {
          if (d >= distance[k]) continue;
          distance[k] = d;
          heap.update(k, d);
        }
        const popped: number[] = [];
        while (heap.size > 0) {
          expect(heap.peekDistance()).toBe(distance[heap.peek()]);
          popped.push(heap.pop());
        }
        const expected = [...new Set(updates.map(([k]) => k))].sort((a, b) => distance[a] - distance[b] || a - b);
        expect(popped).toEqual(expected);
      }),
    );
  });

  it('is empty after clear and can be filled again', () => {
    const distance = [3, 1, 2];
    const heap = new KeyPersonHeap(3);
    [0, 1, 2].forEach((k) => heap.update(k, distance[k]));
    heap.clear();
    expect(heap.size).toBe(0);
    heap.update(2, 5);
    expect(heap.pop()).toBe(2);
  });
});
