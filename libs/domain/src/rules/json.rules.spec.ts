import { jsonObjectViolations, toJsonObject } from './json.rules';

const rulesOf = (value: unknown, max = 1000) => jsonObjectViolations(value, 'explanation', 'Explanation', max).map((v) => `${v.field} ${v.rule}`);

describe('json rules', () => {
  it('accepts nested plain data', () => {
    expect(rulesOf({ components: [{ name: 'language', raw: 1, weight: 0.3 }], excluded: { 'no-capacity': 2 }, note: null, ok: true })).toEqual([]);
    expect(rulesOf(Object.assign(Object.create(null) as object, { a: 1 }))).toEqual([]);
  });

  it('refuses what is not an object', () => {
    expect(rulesOf(undefined)).toEqual(['explanation required']);
    expect(rulesOf([1, 2])).toEqual(['explanation type']);
    expect(rulesOf('{}')).toEqual(['explanation type']);
    expect(rulesOf(new Date())).toEqual(['explanation type']);
  });

  it('names every value JSON would change or lose, by its path', () =>
    expect(rulesOf({ a: undefined, b: [1, Number.NaN], c: { d: Infinity, e: new Map(), f: () => 1 } })).toEqual([
      'explanation.a json',
      'explanation.b[1] json',
      'explanation.c.d json',
      'explanation.c.e json',
      'explanation.c.f json',
    ]));

  it('refuses a cycle instead of looping', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(rulesOf(cyclic)).toHaveLength(1);
  });

  it('bounds the size as JSON text', () => {
    expect(rulesOf({ text: 'x'.repeat(20) }, 30)).toEqual(['explanation max-length']);
    expect(rulesOf({ text: 'x'.repeat(10) }, 30)).toEqual([]);
  });

  it('copies accepted data into plain objects', () => {
    const original = { list: [{ value: -0 }] };
    const copy = toJsonObject(original);
    expect(copy).toStrictEqual({ list: [{ value: 0 }] });
    expect(copy.list).not.toBe(original.list);
  });
});
