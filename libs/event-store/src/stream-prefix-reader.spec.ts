import { prefixUpperBound } from './stream-prefix-reader';

describe('the upper end of a prefix', () => {
  it('is the least string above every string that starts with it, in code point order', () => {
    expect(prefixUpperBound('key-person-')).toBe('key-person.');
    expect(prefixUpperBound('caf\u00e9')).toBe('caf\u00ea');
    expect(prefixUpperBound('a\u{10ffff}')).toBe('b');
    expect(prefixUpperBound('a\ud7ff')).toBe('a\ue000');
    expect(prefixUpperBound('')).toBeNull();
    expect(prefixUpperBound('\u{10ffff}')).toBeNull();
  });
});
