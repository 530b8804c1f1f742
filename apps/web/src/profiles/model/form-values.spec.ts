import { describe, expect, it } from '@jest/globals';
import { availabilityOf, changedSections, contactOf, decimalText, mergeLatest, numberOrText } from './form-values';
import { emptyKeyPersonForm, keyPersonBodyOf } from './key-person-form.model';
import { emptyNewcomerForm, newcomerBodyOf } from './newcomer-form.model';

describe('profile form values', () => {
  it('sends only the sections that changed', () => {
    const base: Record<string, unknown> = { displayName: 'Amal', languages: [{ code: 'apc', level: 'native' }], notes: null };
    expect(changedSections({ ...base, notes: 'Mornings' }, base)).toEqual({ notes: 'Mornings' });
    expect(changedSections({ ...base, languages: [{ code: 'apc', level: 'native' }] }, base)).toEqual({});
  });

  it('keeps the user’s edits over the latest version and names fields both changed', () => {
    const base = { name: 'Amal', notes: '', phone: '+31611111111' };
    const mine = { name: 'Amal', notes: 'Mornings', phone: '+31622222222' };
    const latest = { name: 'Amal H.', notes: '', phone: '+31633333333' };
    expect(mergeLatest(mine, base, latest)).toEqual({ form: { name: 'Amal H.', notes: 'Mornings', phone: '+31622222222' }, both: ['phone'] });
  });

  it('ignores row keys when comparing', () => {
    const base = { languages: [{ key: 'a', code: 'tir', level: 'native' }] };
    const mine = { languages: [{ key: 'b', code: 'tir', level: 'native' }] };
    const latest = { languages: [{ key: 'c', code: 'nld', level: 'basic' }] };
    // Same rows under other keys: not an edit, so the latest version wins.
    expect(mergeLatest(mine, base, latest)).toEqual({ form: latest, both: [] });
  });

  it('turns typed digits into numbers and leaves anything else for the API to judge', () => {
    expect(numberOrText(' 1990 ')).toBe(1990);
    expect(numberOrText('7,5')).toBe(7.5);
    expect(numberOrText('')).toBeNull();
    expect(numberOrText('19x0')).toBe('19x0');
    expect(numberOrText('37,25')).toBe(37.25);
  });

  it('writes a number for editing with a decimal comma on Dutch pages, reading back as it was', () => {
    expect(decimalText(37.5, 'nl')).toBe('37,5');
    expect(decimalText(37.5, 'en')).toBe('37.5');
    expect(decimalText(1200, 'nl')).toBe('1200');
    expect(decimalText(null, 'nl')).toBe('');
    expect(numberOrText(decimalText(12.5, 'nl'))).toBe(12.5);
  });

  it('sends a contact of what is filled in, trimmed, and an availability with the ends of the period given', () => {
    const slots = [{ day: 'mon' as const, start: '09:00', end: '12:00' }];
    expect(contactOf({ phone: ' +31611111111 ', email: '  ' })).toEqual({ phone: '+31611111111' });
    expect(contactOf({ phone: '', email: 'amal@example.org ' })).toEqual({ email: 'amal@example.org' });
    expect(contactOf({ phone: ' ', email: '' })).toEqual({});
    expect(availabilityOf({ slots, from: '2027-01-04', until: '' })).toEqual({ slots, from: '2027-01-04' });
    expect(availabilityOf({ slots: [], from: '', until: '2027-06-30' })).toEqual({ slots: [], until: '2027-06-30' });
  });

  it('builds the contact and availability of both profile bodies alike', () => {
    const slots = [{ day: 'tue' as const, start: '13:00', end: '17:00' }];
    const filled = { phone: ' +31622222222', email: ' ', slots, from: '', until: '2027-06-30' };
    for (const body of [newcomerBodyOf({ ...emptyNewcomerForm('GM0344'), ...filled }), keyPersonBodyOf({ ...emptyKeyPersonForm('GM0344'), ...filled })]) {
      expect({ contact: body.contact, availability: body.availability }).toEqual({ contact: { phone: '+31622222222' }, availability: { slots, until: '2027-06-30' } });
    }
  });
});
