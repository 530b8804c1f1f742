import { clearFieldRule, splitPersonalData } from './personal-data.fields';

describe('which fields stay in clear', () => {
  const isClear = clearFieldRule();

  it.each(['newcomerId', 'matchIds', 'openMatchId', 'at', 'registeredAt', 'withdrawnAt', 'status', 'outcome', 'score', 'policyVersion', 'considered'])(
    'keeps %s in clear',
    (field) => expect(isClear(field)).toBe(true),
  );

  it.each(['excluded', 'keyPersonIds', 'profile', 'displayName', 'contact', 'reason', 'notes', 'capacity', 'paid', 'format', 'identity', 'atlas', 'personal', '__proto__'])(
    'seals %s',
    (field) => expect(isClear(field)).toBe(false),
  );

  it('takes other lists, but the allow-list cannot claim the sealed field', () => {
    expect(clearFieldRule(undefined, [])('keyPersonIds')).toBe(true);
    expect(clearFieldRule(undefined, ['registeredAt'])('registeredAt')).toBe(false);
    expect(clearFieldRule(['engagement'])('engagement')).toBe(true);
    expect(clearFieldRule(['engagement'])('status')).toBe(false);
    expect(() => clearFieldRule(['personal'])).toThrow('cannot be a clear field');
  });

  it('splits without letting a field named __proto__ become a prototype', () => {
    const data = JSON.parse('{"newcomerId":"n-1","__proto__":{"polluted":true},"notes":"x"}') as Record<string, never>;
    const { clear, personal } = splitPersonalData(data, isClear);
    expect(clear).toEqual({ newcomerId: 'n-1' });
    expect(Object.keys(personal ?? {})).toEqual(['__proto__', 'notes']);
    expect(Object.getPrototypeOf(personal)).toBe(Object.prototype);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('has no personal part when every field is clear', () => {
    expect(splitPersonalData({ newcomerId: 'n-1', requestedAt: 't' }, isClear)).toEqual({ clear: { newcomerId: 'n-1', requestedAt: 't' }, personal: null });
  });
});
