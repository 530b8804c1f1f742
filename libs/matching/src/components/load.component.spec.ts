import { loadOf, loadValue } from './load.component';

describe('load component', () => {
  it('prefers key persons with more room relative to their capacity', () => {
    expect(loadValue(0, 1)).toBe(1);
    expect(loadValue(1, 4)).toBe(0.75);
    expect(loadValue(2, 4)).toBe(0.5);
    expect(loadOf(1, 3)).toEqual({ value: 1 - 1 / 3, load: 1, capacity: 3 });
  });

  it('stays in [0, 1] for odd inputs', () => {
    expect(loadValue(5, 4)).toBe(0);
    expect(loadValue(-1, 4)).toBe(1);
    expect(loadValue(0, 0)).toBe(0);
  });
});
