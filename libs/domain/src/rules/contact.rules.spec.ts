import { contactViolations, toContact } from './contact.rules';

const rulesOf = (value: unknown) => contactViolations(value).map((v) => `${v.field} ${v.rule}`);

describe('contact rules', () => {
  it('accepts no contact details at all', () => {
    expect(rulesOf(undefined)).toEqual([]);
    expect(rulesOf({})).toEqual([]);
    expect(rulesOf({ phone: null, email: '' })).toEqual([]);
  });

  it.each(['+31612345678', '+31 6 1234 5678', '+32-470-12-34-56', '+12025550123', '+963944123456'])('accepts the phone number %s', (phone) => {
    expect(rulesOf({ phone })).toEqual([]);
  });

  it.each(['0612345678', '+3161234', '+0612345678', '+31 (0)6 12345678', '+316123456789012345', 'call me'])('refuses the phone number %s', (phone) => {
    expect(rulesOf({ phone })).toEqual(['contact.phone phone']);
  });

  it.each(['amal@example.org', 'a.b+c@mail.example.nl'])('accepts the email %s', (email) => {
    expect(rulesOf({ email })).toEqual([]);
  });

  it.each(['amal', 'amal@', 'amal@example', 'am al@example.org', 'a@@example.org', 'amal@example..org', `${'a'.repeat(250)}@x.nl`])(
    'refuses the email %s',
    (email) => {
      expect(rulesOf({ email })).toHaveLength(1);
      expect(contactViolations({ email })[0].field).toBe('contact.email');
    },
  );

  it('never repeats the value in a message', () => {
    const messages = contactViolations({ phone: '0612345678', email: 'amal@' }).map((v) => v.message).join(' ');
    expect(messages).not.toContain('0612345678');
    expect(messages).not.toContain('amal@');
  });

  it('stores only the details given, the phone without spaces or dashes', () => {
    expect(toContact({ phone: '+31 6 1234-5678', email: ' amal@example.org ' })).toStrictEqual({ phone: '+31612345678', email: 'amal@example.org' });
    expect(toContact({ phone: null, email: '  ' })).toStrictEqual({});
    expect(toContact(undefined)).toStrictEqual({});
  });
});
