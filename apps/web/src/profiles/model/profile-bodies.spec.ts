import { describe, expect, it } from '@jest/globals';
import { changedSections } from './form-values';
import { keyPersonBodyOf, keyPersonFormOf } from './key-person-form.model';
import { newcomerBodyOf, newcomerFormOf } from './newcomer-form.model';
import { KeyPersonView, NewcomerView } from './profile.types';

/*
 * The API merges an object section of a PATCH over the stored one (RFC 7396):
 * a member left out is kept. A field the user empties must therefore travel
 * as `null`, or the save would keep what the user removed.
 */
const record = { id: '0b6c4f7e-3d1a-4c55-9a0e-5d8f7f0b2a11', status: 'active', revision: 3, registeredAt: '2026-11-30T09:15:00.000Z' };
const slots = [{ day: 'mon', start: '09:00', end: '12:00' }] as const;

describe('profile bodies for a PATCH', () => {
  it('sends a newcomer’s emptied phone and date bound as null, beside what stays', () => {
    const view: NewcomerView = {
      ...record, displayName: 'Amal Haddad', contact: { phone: '+31612345678', email: 'amal@example.org' }, birthYear: 1990,
      municipality: 'GM0344', languages: [{ code: 'apc', level: 'native' }], origin: { country: 'SY' }, needs: [],
      availability: { slots, from: '2026-12-01', until: '2027-06-30' },
    };
    const base = newcomerFormOf(view);
    const changes = changedSections(newcomerBodyOf({ ...base, phone: ' ', until: '' }), newcomerBodyOf(base));
    expect(changes).toEqual({
      contact: { phone: null, email: 'amal@example.org' },
      availability: { slots, from: '2026-12-01', until: null },
    });
  });

  it('sends a key person’s emptied email and date bound as null, beside what stays', () => {
    const view: KeyPersonView = {
      ...record, displayName: 'Yonas Tesfay', contact: { phone: '+31687654321', email: 'yonas@example.org' }, gender: 'male',
      municipality: 'GM0344', travelRadiusKm: 15, remoteOnly: false, languages: [{ code: 'tir', level: 'native' }], origin: { country: 'ER' },
      expertise: ['health'], capacity: 3, maxHoursPerMonth: 30, availability: { slots, from: '2026-12-01', until: null }, engagement: 'volunteer',
    };
    const base = keyPersonFormOf(view, 'en');
    const changes = changedSections(keyPersonBodyOf({ ...base, email: '', from: '' }), keyPersonBodyOf(base));
    expect(changes).toEqual({
      contact: { phone: '+31687654321', email: null },
      availability: { slots, from: null, until: null },
    });
  });
});
