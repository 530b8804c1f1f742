import { DEFAULT_NEWCOMER_PREFERENCES, mergePreferences, preferencesViolations } from './preferences.rules';

const check = (partial: unknown) =>
  preferencesViolations(partial, mergePreferences(DEFAULT_NEWCOMER_PREFERENCES, partial as never)).map((v) => `${v.field} ${v.rule}`);

describe('preferences rules', () => {
  it('accepts any valid partial', () => {
    expect(check({})).toEqual([]);
    expect(check({ keyPersonGender: 'female', genderRequired: true })).toEqual([]);
    expect(check({ sameOrigin: 'yes', remoteOk: true })).toEqual([]);
  });

  it('names each invalid field', () => {
    expect(check({ keyPersonGender: 'other', genderRequired: 'yes', sameOrigin: 'maybe', remoteOk: null })).toEqual([
      'preferences.keyPersonGender one-of',
      'preferences.genderRequired type',
      'preferences.sameOrigin one-of',
      'preferences.remoteOk required',
    ]);
  });

  it('refuses a required gender without a gender', () => {
    expect(check({ genderRequired: true })).toEqual(['preferences.genderRequired gender-for-required-preference']);
  });

  it('merges over the base, field by field', () => {
    expect(mergePreferences(DEFAULT_NEWCOMER_PREFERENCES, { remoteOk: true })).toStrictEqual({ ...DEFAULT_NEWCOMER_PREFERENCES, remoteOk: true });
    expect(mergePreferences(DEFAULT_NEWCOMER_PREFERENCES, null)).toStrictEqual(DEFAULT_NEWCOMER_PREFERENCES);
  });
});
