/** Valid bodies from SPEC §9, as factories so each test can vary them freely. */

export function newcomerBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    displayName: 'Amal Haddad',
    contact: { phone: '+31612345678', email: 'amal@example.org' },
    birthYear: 1990,
    gender: 'female',
    municipality: 'GM0344',
    postcodeArea: '3511',
    languages: [{ code: 'apc', level: 'native' }, { code: 'eng', level: 'basic' }],
    origin: { country: 'SY' },
    needs: [{ topic: 'health', priority: 1 }, { topic: 'housing', priority: 2 }],
    availability: { slots: [{ day: 'mon', start: '09:00', end: '12:00' }], from: '2026-12-01' },
    preferences: { keyPersonGender: 'female', genderRequired: true, sameOrigin: 'no-preference', remoteOk: false },
    doNotMatch: [],
    notes: 'Prefers morning meetings.',
    ...overrides,
  };
}

export function keyPersonBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    displayName: 'Yonas Tesfay',
    contact: { phone: '+31687654321' },
    gender: 'male',
    municipality: 'GM0344',
    postcodeArea: '3512',
    travelRadiusKm: 15,
    remoteOnly: false,
    languages: [{ code: 'tir', level: 'native' }, { code: 'nld', level: 'fluent' }],
    origin: { country: 'ER' },
    expertise: ['health', 'work'],
    capacity: 3,
    maxHoursPerMonth: 30,
    availability: { slots: [{ day: 'tue', start: '18:00', end: '21:00' }] },
    engagement: 'volunteer',
    ...overrides,
  };
}
