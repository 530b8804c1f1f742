import { jsonStructureViolations, MAX_ARRAY_ITEMS, MAX_JSON_DEPTH } from './json-structure';

describe('jsonStructureViolations', () => {
  it('passes ordinary bodies, right-to-left marks, emoji and line breaks included', () => {
    expect(jsonStructureViolations({ displayName: '\u200fأمل حداد 👩🏽‍⚕️', notes: 'line one\nline two\ttabbed', languages: [{ code: 'apc' }] })).toEqual([]);
  });

  it.each(['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty'])('refuses an own %s key at any depth, naming it', (key) => {
    const body = JSON.parse(`{"contact":{${JSON.stringify(key)}:{"isAdmin":true}}}`) as unknown;
    expect(jsonStructureViolations(body)).toEqual([{ field: `contact.${key}`, rule: 'forbidden-key', message: expect.any(String) }]);
  });

  it(`refuses nesting deeper than ${MAX_JSON_DEPTH} levels without recursing further`, () => {
    let deep: unknown = 1;
    for (let level = 0; level < 100_000; level++) deep = [deep];
    expect(jsonStructureViolations({ a: deep })).toEqual([{ field: `a${'[0]'.repeat(MAX_JSON_DEPTH - 1)}`, rule: 'max-depth', message: expect.any(String) }]);
  });

  it('refuses lone surrogates and control characters in values and keys, escaping them in the field named', () => {
    expect(jsonStructureViolations({ displayName: 'Amal\u0000', notes: 'x\ud800', ['a\u0007']: 1 })).toEqual([
      { field: 'displayName', rule: 'control-character', message: expect.any(String) },
      { field: 'notes', rule: 'well-formed-unicode', message: expect.any(String) },
      { field: 'a\\u0007', rule: 'control-character', message: expect.any(String) },
    ]);
  });

  it('reports at most 20 violations', () => {
    const body = Object.fromEntries(Array.from({ length: 50 }, (_, index) => [`k${index}`, '\u0000']));
    expect(jsonStructureViolations(body)).toHaveLength(20);
  });

  it(`refuses an array of more than ${MAX_ARRAY_ITEMS} items at any depth without visiting its items`, () => {
    const slots = (count: number) => Array.from({ length: count }, () => ({ day: '\u0000' }));
    expect(jsonStructureViolations({ availability: { slots: slots(MAX_ARRAY_ITEMS + 1) } })).toEqual([
      { field: 'availability.slots', rule: 'max-items', message: `must have at most ${MAX_ARRAY_ITEMS} items` },
    ]);
    expect(jsonStructureViolations({ doNotMatch: Array(MAX_ARRAY_ITEMS).fill('x') })).toEqual([]);
    expect(jsonStructureViolations({ a: [Array(MAX_ARRAY_ITEMS + 1).fill(0)] })).toEqual([expect.objectContaining({ field: 'a[0]', rule: 'max-items' })]);
  });
});
