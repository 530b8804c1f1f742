import { ProblemException } from './problem';
import { etag, parseIfMatch, requireIfMatch } from './revision-headers';

describe('If-Match', () => {
  it.each([
    ['"3"', 3], ['W/"3"', 3], ['3', 3], ['"0"', 0], [' "12" ', 12], ['"999999999999999"', 999_999_999_999_999],
  ])('takes %s as revision %d', (header, revision) => {
    expect(parseIfMatch(header)).toBe(revision);
  });

  it('takes * and an absent header as whatever revision is current', () => {
    expect(parseIfMatch('*')).toBeUndefined();
    expect(parseIfMatch(undefined)).toBeUndefined();
    expect(requireIfMatch('*')).toBeUndefined();
  });

  it.each(['"3', '3"', 'W/"3', '"03"', '03', '"-1"', '"abc"', '""', '', '"1", "2"', 'W/*', '"1e3"'])(
    'refuses %j with a 400 naming the header and the rule, not as some revision',
    (header) => {
      let thrown: unknown;
      try {
        parseIfMatch(header);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ProblemException);
      expect(thrown).toMatchObject({ status: 400, code: 'REQUEST.INVALID_IF_MATCH', errors: [{ field: 'If-Match', rule: 'etag' }] });
    },
  );

  it('gives back what it hands out', () => {
    expect(parseIfMatch(etag(7))).toBe(7);
  });
});
