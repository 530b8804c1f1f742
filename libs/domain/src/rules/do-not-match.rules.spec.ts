import { doNotMatchViolations, toKeyPersonIds } from './do-not-match.rules';

const rulesOf = (value: unknown) => doNotMatchViolations(value).map((v) => `${v.field} ${v.rule}`);
const ID = '7d4e1c2a-9b3f-4e8d-a6c5-1f2e3d4c5b6a';

describe('do-not-match rules', () => {
  it('accepts an empty list or unique key person ids', () => {
    expect(rulesOf([])).toEqual([]);
    expect(rulesOf([ID, '0b6c4f7e-3d1a-4c55-9a0e-5d8f7f0b2a11'])).toEqual([]);
  });

  it('refuses what is not a uuid, and repetitions whatever their case', () => {
    expect(rulesOf(['Yonas', ID, 42, ID.toUpperCase()])).toEqual(['doNotMatch[0] uuid', 'doNotMatch[2] uuid', 'doNotMatch[3] unique']);
  });

  it('stores ids in lower case, as in stream names', () => expect(toKeyPersonIds([ID.toUpperCase()])).toEqual([ID]));
});
