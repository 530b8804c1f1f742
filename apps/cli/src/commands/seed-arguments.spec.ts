import { InvalidArgumentError } from 'commander';
import { parseConcurrency, parseCount, parseSeed } from './seed-arguments';

describe('seed arguments', () => {
  it.each([['0', 0], ['7', 7], [' 100000 ', 100_000]])('takes the count %j as %d', (text, count) => {
    expect(parseCount(text)).toBe(count);
  });

  it.each(['-1', 'abc', '', '2.5', '1e3', '0x10', '100001'])('refuses the count %j', (text) => {
    expect(() => parseCount(text)).toThrow(InvalidArgumentError);
  });

  it('needs at least one registration in flight', () => {
    expect(parseConcurrency('1')).toBe(1);
    expect(() => parseConcurrency('0')).toThrow(InvalidArgumentError);
    expect(() => parseConcurrency('65')).toThrow(InvalidArgumentError);
  });

  it('takes a seed as text and refuses a blank or spaced one', () => {
    expect(parseSeed(' demo-2026 ')).toBe('demo-2026');
    expect(() => parseSeed('  ')).toThrow(InvalidArgumentError);
    expect(() => parseSeed('two words')).toThrow(InvalidArgumentError);
    expect(() => parseSeed('x'.repeat(65))).toThrow(InvalidArgumentError);
  });
});
