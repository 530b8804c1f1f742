import { PostingList } from './posting-list';

describe('PostingList', () => {
  it('adds once, deletes by moving the last entry into the gap, and grows', () => {
    const list = new PostingList();
    for (let slot = 0; slot < 40; slot += 1) list.add(slot);
    list.add(3);
    list.delete(3);
    list.delete(3);
    list.delete(99);
    const live = [...list.slots.subarray(0, list.length)];
    expect(live).toHaveLength(39);
    expect(live[3]).toBe(39);
    expect(new Set(live)).toEqual(new Set(Array.from({ length: 40 }, (_, i) => i).filter((i) => i !== 3)));
  });
});
