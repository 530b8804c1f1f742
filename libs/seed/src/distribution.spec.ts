/**
 * Sanity of the distributions in a population of 2,000 newcomers and 600 key
 * persons: the tables show through, and the population is matchable.
 */
import { LanguageLevel, LanguageSkill, Slot, Topic } from '@sleutel/domain';
import { LARGE_MUNICIPALITIES } from './municipality-weights';
import { ORIGINS } from './origins';
import { generatePopulation } from './population';

const { newcomers, keyPersons } = generatePopulation({ newcomers: 2000, keyPersons: 600, seed: 'distribution' });
const share = <T>(items: readonly T[], test: (item: T) => boolean): number => items.filter(test).length / items.length;
const usable = (level: LanguageLevel): boolean => level !== 'basic';
const G4 = ['GM0363', 'GM0599', 'GM0518', 'GM0344'];

describe('the population of one seed', () => {
  it('has newcomers from every origin in the table, in roughly the table shares', () => {
    const total = ORIGINS.reduce((sum, { newcomerWeight }) => sum + newcomerWeight, 0);
    for (const origin of ORIGINS) {
      const observed = share(newcomers, ({ profile }) => profile.origin.country === origin.country);
      expect(observed).toBeGreaterThan(0);
      expect(Math.abs(observed - origin.newcomerWeight / total)).toBeLessThan(0.03);
    }
  });

  it('gives every newcomer exactly one mother tongue, one of those of their country', () => {
    for (const { profile } of newcomers) {
      const natives = profile.languages.filter(({ level }) => level === 'native');
      const origin = ORIGINS.find(({ country }) => country === profile.origin.country)!;
      const allowed = origin.communities.flatMap(({ native }) => native.map(([code]) => code));
      expect(natives).toHaveLength(1);
      expect(allowed).toContain(natives[0].code);
    }
  });

  it('gives newcomers little Dutch and key persons fluent or native Dutch', () => {
    const dutch = (languages: readonly LanguageSkill[]) => languages.find(({ code }) => code === 'nld')?.level;
    expect(share(newcomers, ({ profile }) => ['fluent', 'native'].includes(dutch(profile.languages) ?? ''))).toBe(0);
    expect(share(keyPersons, ({ profile }) => ['fluent', 'native'].includes(dutch(profile.languages) ?? ''))).toBe(1);
  });

  it('lets almost every newcomer share a usable language with some key person', () => {
    const spoken = new Set(keyPersons.flatMap(({ profile }) => profile.languages.filter(({ level }) => usable(level)).map(({ code }) => code)));
    const matchable = share(newcomers, ({ profile }) => profile.languages.some(({ code, level }) => usable(level) && spoken.has(code)));
    expect(matchable).toBeGreaterThan(0.95);
  });

  it('has mostly former newcomers as key persons', () => {
    expect(share(keyPersons, ({ profile }) => profile.origin.country !== 'NL')).toBeGreaterThan(0.75);
  });

  it('weighs municipalities by population: the four largest cities hold about 14%', () => {
    expect(share(newcomers, ({ profile }) => G4.includes(profile.municipality))).toBeGreaterThan(0.1);
    expect(share(newcomers, ({ profile }) => G4.includes(profile.municipality))).toBeLessThan(0.18);
    expect(share(newcomers, ({ profile }) => LARGE_MUNICIPALITIES[profile.municipality] === undefined)).toBeGreaterThan(0.35);
    expect(share(newcomers, ({ profile }) => profile.postcodeArea !== null && !G4.includes(profile.municipality))).toBe(0);
  });

  it('has birth years mostly between 1960 and 2008 and a mix of genders', () => {
    expect(share(newcomers, ({ profile }) => profile.birthYear >= 1960 && profile.birthYear <= 2008)).toBeGreaterThan(0.95);
    expect(share(newcomers, ({ profile }) => profile.birthYear >= 1955 && profile.birthYear <= 2008)).toBe(1);
    const female = share(newcomers, ({ profile }) => profile.gender === 'female');
    expect(female).toBeGreaterThan(0.3);
    expect(female).toBeLessThan(0.5);
    expect(share(newcomers, ({ profile }) => profile.gender === null)).toBeGreaterThan(0);
  });

  it('has language, health, housing and work as the most common needs', () => {
    const counts = new Map<Topic, number>();
    for (const { profile } of newcomers) for (const { topic } of profile.needs) counts.set(topic, (counts.get(topic) ?? 0) + 1);
    const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([topic]) => topic);
    expect(ranked.slice(0, 4).sort()).toEqual(['health', 'housing', 'language', 'work']);
  });

  it('has mostly open preferences, a required gender only with a chosen gender', () => {
    expect(share(newcomers, ({ profile }) => profile.preferences?.keyPersonGender === 'any')).toBeGreaterThan(0.8);
    expect(share(newcomers, ({ profile }) => profile.preferences?.sameOrigin === 'no-preference')).toBeGreaterThan(0.65);
    expect(share(newcomers, ({ profile }) => profile.preferences?.sameOrigin === 'yes')).toBeGreaterThan(0.1);
    expect(share(newcomers, ({ profile }) => profile.preferences?.sameOrigin === 'no')).toBeGreaterThan(0.02);
    expect(share(newcomers, ({ profile }) => profile.preferences?.genderRequired === true && profile.gender !== 'female')).toBeLessThan(0.01);
  });

  it('gives key persons small capacities and volunteers hours within the allowance', () => {
    expect(share(keyPersons, ({ profile }) => profile.capacity >= 1 && profile.capacity <= 5)).toBe(1);
    expect(share(keyPersons, ({ profile }) => profile.capacity <= 3)).toBeGreaterThan(0.7);
    const volunteers = keyPersons.filter(({ profile }) => profile.engagement === 'volunteer');
    expect(volunteers.length / keyPersons.length).toBeGreaterThan(0.75);
    expect(share(volunteers, ({ profile }) => profile.maxHoursPerMonth <= 37)).toBeGreaterThan(0.95);
  });

  it('gives key persons a travel radius of 5–40 km unless they work remotely only', () => {
    const radii = keyPersons.map(({ profile }) => profile.travelRadiusKm ?? null);
    expect(radii.filter((radius): radius is number => radius !== null).every((radius) => radius >= 5 && radius <= 40)).toBe(true);
    expect(keyPersons.filter(({ profile }) => (profile.travelRadiusKm ?? null) === null).every(({ profile }) => profile.remoteOnly)).toBe(true);
    expect(share(keyPersons, ({ profile }) => profile.remoteOnly === true)).toBeGreaterThan(0);
  });

  it('makes key persons available in evenings and weekends more often than newcomers', () => {
    const eveningOrWeekend = ({ day, start }: Slot): boolean => day === 'sat' || day === 'sun' || start >= '18:00';
    const slotShare = (slots: readonly Slot[]) => share(slots, eveningOrWeekend);
    const newcomerShare = slotShare(newcomers.flatMap(({ profile }) => profile.availability.slots));
    const keyPersonShare = slotShare(keyPersons.flatMap(({ profile }) => profile.availability.slots));
    expect(keyPersonShare).toBeGreaterThan(0.5);
    expect(keyPersonShare).toBeGreaterThan(newcomerShare + 0.2);
  });
});
