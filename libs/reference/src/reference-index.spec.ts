import fc from 'fast-check';
import { foldText, ReferenceIndex } from './reference-index';

type Entry = { code: string; name: string; alias?: string };

/** A small list where each tier of the ranking has a candidate for `ar`. */
const LIST: Entry[] = [
  { code: 'zza', name: 'Zarma' }, // substring of the name
  { code: 'arz', name: 'Egyptian Arabic' }, // code prefix
  { code: 'ar', name: 'Xhosa-like' }, // exact code
  { code: 'kar', name: 'Karen' }, // substring of the code only
  { code: 'apc', name: 'North Levantine Arabic' }, // word prefix
  { code: 'ara', name: 'Arabic' }, // code prefix
  { code: 'ard', name: 'Arabana' }, // code prefix
  { code: 'bbb', name: 'Aramaic' }, // name prefix
  { code: 'ccc', name: 'Árabe', alias: 'Spanish for Arabic' }, // name prefix, with a diacritic
  { code: 'ddd', name: 'Dutch' }, // no match
];
const index = new ReferenceIndex(LIST, (entry) => (entry.alias ? [entry.name, entry.alias] : [entry.name]));
const codes = (query: Parameters<typeof index.search>[0], where?: (entry: Entry) => boolean) => index.search(query, where).items.map((entry) => entry.code);

describe('foldText', () => {
  it.each([
    ['Curaçao', 'curacao'],
    ['Noardeast-Fryslân', 'noardeast-fryslan'],
    ['CÔTE D’IVOIRE', "cote d'ivoire"],
    ['Ngäbere', 'ngabere'],
    ['Færøerne', 'faeroerne'],
    ['Łódź', 'lodz'],
    ['Straße', 'strasse'],
    ['  North   Levantine\tArabic ', 'north levantine arabic'],
    ['ﬁ', 'fi'],
    ['㎁', 'na'],
    ['İstanbul', 'istanbul'],
  ])('folds %j to %j', (text, folded) => expect(foldText(text)).toBe(folded));

  it('is idempotent and never throws, whatever the input', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => {
      const once = foldText(text);
      expect(foldText(once)).toBe(once);
    }));
  });
});

describe('ReferenceIndex', () => {
  it('ranks exact code, then code prefix, then name prefix, then word prefix, then substring; ties by name', () => {
    expect(codes({ q: 'ar', limit: 20 })).toEqual(['ar', 'ard', 'ara', 'arz', 'ccc', 'bbb', 'apc', 'kar', 'zza']);
  });

  it('ignores case and diacritics in the text and the names alike', () => {
    expect(codes({ q: 'ÁRAB', limit: 20 })).toEqual(['ard', 'ccc', 'ara', 'arz', 'apc']);
    expect(codes({ q: 'arabe', limit: 20 })).toEqual(['ccc']);
    expect(codes({ q: 'AR', limit: 1 })).toEqual(['ar']);
  });

  it('finds a text spanning words at the start of a later word, and by any of the names', () => {
    expect(codes({ q: 'levantine arab', limit: 20 })).toEqual(['apc']);
    expect(codes({ q: 'spanish', limit: 20 })).toEqual(['ccc']);
    expect(codes({ q: 'ntine', limit: 20 })).toEqual(['apc']);
  });

  it('without a text, lists everything in name order; limit cuts the answer', () => {
    expect(codes({ limit: 20 })).toEqual(['ard', 'ccc', 'ara', 'bbb', 'ddd', 'arz', 'kar', 'apc', 'ar', 'zza']);
    expect(codes({ q: '   ', limit: 3 })).toEqual(['ard', 'ccc', 'ara']);
    expect(codes({ q: 'ar', limit: 0 })).toEqual([]);
  });

  it('answers asked codes once each, in the order asked, and reports the unknown ones', () => {
    const answer = index.search({ codes: ['ddd', 'apc', 'xx', 'ddd', 'APC', ''], limit: 20 });
    expect(answer.items.map((entry) => entry.code)).toEqual(['ddd', 'apc']);
    expect(answer.unknownCodes).toEqual(['xx', 'APC', '']);
    expect(answer.excludedCodes).toEqual([]);
  });

  it('ranks asked codes by a text when both are given', () => {
    expect(codes({ codes: ['zza', 'ddd', 'ara', 'apc'], q: 'ar', limit: 20 })).toEqual(['ara', 'apc', 'zza']);
  });

  it('keeps what `where` hides out of every answer, and names asked codes it hid', () => {
    const visible = (entry: Entry) => entry.code.startsWith('a');
    expect(codes({ q: 'ar', limit: 20 }, visible)).toEqual(['ar', 'ard', 'ara', 'arz', 'apc']);
    const answer = index.search({ codes: ['ara', 'bbb'], limit: 20 }, visible);
    expect(answer.items.map((entry) => entry.code)).toEqual(['ara']);
    expect(answer.excludedCodes).toEqual(['bbb']);
    expect(answer.unknownCodes).toEqual([]);
  });

  it('only ever answers entries the text matches, at most limit of them, each once', () => {
    fc.assert(fc.property(fc.string({ maxLength: 4 }), fc.integer({ min: 0, max: 12 }), (q, limit) => {
      const items = index.search({ q, limit }).items;
      expect(items.length).toBeLessThanOrEqual(limit);
      expect(new Set(items).size).toBe(items.length);
      const folded = foldText(q);
      for (const entry of items) {
        const haystack = [entry.code, entry.name, entry.alias ?? ''].map(foldText);
        expect(haystack.some((text) => text.includes(folded))).toBe(true);
      }
    }));
  });
});
