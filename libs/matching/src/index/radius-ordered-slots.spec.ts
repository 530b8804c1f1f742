import { RadiusOrderedSlots } from './radius-ordered-slots';

describe('RadiusOrderedSlots', () => {
  const make = (): RadiusOrderedSlots => {
    const slots = new RadiusOrderedSlots();
    [[1, 10], [2, 25], [3, 5], [4, 25], [5, 0]].forEach(([slot, radius]) => slots.add(slot, radius));
    return slots;
  };

  it('orders by radius, largest first, then by slot', () => {
    expect(make().slots).toEqual([2, 4, 1, 3, 5]);
  });

  it('counts those who would not travel a distance; all of them for an unknown one', () => {
    const slots = make();
    expect(slots.countBelow(0)).toBe(0);
    expect(slots.countBelow(10)).toBe(2);
    expect(slots.countBelow(10.5)).toBe(3);
    expect(slots.countBelow(30)).toBe(5);
    expect(slots.countBelow(Number.NaN)).toBe(5);
  });

  it('deletes exactly the given slot and ignores unknown ones', () => {
    const slots = make();
    slots.delete(4, 25);
    slots.delete(9, 25);
    slots.delete(1, 11);
    expect(slots.slots).toEqual([2, 1, 3, 5]);
  });
});
