import fc from 'fast-check';
import type { MatchingNewcomer } from '../matching-newcomer';
import { fairnessFacts, fairnessReport, gini, loadSpread } from './fairness-report';

const newcomer = (id: string, overrides: Partial<MatchingNewcomer> = {}): MatchingNewcomer => ({
  id, gender: 'female', birthYear: 1990, municipality: 'GM0344', postcodeArea: null,
  languages: [{ code: 'apc', level: 'native' }, { code: 'eng', level: 'basic' }], origin: { country: 'SY' },
  needs: [], availability: { slots: [{ day: 'mon', start: '09:00', end: '12:00' }], from: null, until: null },
  preferences: { keyPersonGender: 'any', genderRequired: false, sameOrigin: 'no-preference', remoteOk: false },
  doNotMatch: [], excludedKeyPersons: [], waitingSince: '2026-11-01T00:00:00.000Z', ...overrides,
});

describe('fairness report', () => {
  const NOW = '2026-12-01T00:00:00.000Z';
  const facts = [
    newcomer('a'),
    newcomer('b', { gender: 'male', birthYear: 2001, waitingSince: '2026-11-21T00:00:00.000Z' }),
    newcomer('c', { languages: [{ code: 'tir', level: 'native' }], birthYear: 1960 }),
    newcomer('d', { languages: [{ code: 'tir', level: 'native' }], gender: null }),
  ].map((n) => fairnessFacts(n, NOW));
  const scores = new Map([['a', 0.9], ['b', 0.5], ['c', 0.7]]);
  const load = loadSpread([{ load: 2, capacity: 2 }, { load: 1, capacity: 3 }, { load: 0, capacity: 1 }]);
  const report = fairnessReport({ newcomers: facts, scores, load, basis: 'proposed', erasedNewcomers: 0 });

  it('knows of each newcomer only their groups and how long they waited', () => {
    expect(facts[1]).toEqual({ newcomerId: 'b', languages: ['apc'], gender: 'male', ageBand: '18–25', waitingDays: 10 });
    expect(facts[3]).toMatchObject({ languages: ['tir'], gender: 'not given', ageBand: '36–50', waitingDays: 30 });
    expect(fairnessFacts(newcomer('e', { languages: [] }), NOW).languages).toEqual(['none']);
    // Half past midnight on New Year's Day in Amsterdam: a child born that year is under 18, not of no known age.
    expect(fairnessFacts(newcomer('f', { birthYear: 2027 }), '2026-12-31T23:30:00.000Z').ageBand).toBe('under 18');
  });

  it('gives match rate, waiting days and mean score per primary language', () => {
    expect(report.byLanguage).toEqual([
      { group: 'apc', newcomers: 2, matched: 2, matchRate: 1, meanWaitingDays: 20, meanScore: 0.7 },
      { group: 'tir', newcomers: 2, matched: 1, matchRate: 0.5, meanWaitingDays: 30, meanScore: 0.7 },
    ]);
    expect(report.overall).toMatchObject({ newcomers: 4, matched: 3, matchRate: 0.75 });
  });

  it('counts a newcomer under every language they speak best, so the language groups overlap; a weaker language counts for nothing', () => {
    const both = newcomer('t', { languages: [{ code: 'tir', level: 'native' }, { code: 'apc', level: 'native' }] });
    const fluentEnglish = newcomer('f', { languages: [{ code: 'tir', level: 'basic' }, { code: 'eng', level: 'fluent' }] });
    const run = [both, fluentEnglish].map((n) => fairnessFacts(n, NOW));
    expect(run.map((f) => f.languages)).toEqual([['apc', 'tir'], ['eng']]);

    const overlapping = fairnessReport({ newcomers: run, scores: new Map([['t', 0.8]]), load, basis: 'proposed', erasedNewcomers: 0 });
    expect(overlapping.byLanguage.map((g) => [g.group, g.newcomers, g.matched, g.meanScore])).toEqual([
      ['apc', 1, 1, 0.8], ['eng', 1, 0, null], ['tir', 1, 1, 0.8],
    ]);
    // Overall and the other dimensions still count each newcomer once.
    expect(overlapping.overall).toMatchObject({ newcomers: 2, matched: 1 });
    expect(overlapping.byGender).toEqual([expect.objectContaining({ group: 'female', newcomers: 2 })]);
  });

  it('groups by gender (including not given) and by age band', () => {
    expect(report.byGender.map((g) => [g.group, g.newcomers, g.matched])).toEqual([['female', 2, 2], ['male', 1, 1], ['not given', 1, 0]]);
    expect(report.byAgeBand.map((g) => [g.group, g.newcomers])).toEqual([['18–25', 1], ['36–50', 2], ['over 65', 1]]);
    expect(report.byAgeBand.find((g) => g.group === '18–25')?.meanScore).toBe(0.5);
  });

  it('leaves out the newcomers erased since, and says how many', () => {
    const without = fairnessReport({ newcomers: facts.filter((f) => f.newcomerId !== 'c'), scores, load, basis: 'proposed', erasedNewcomers: 1 });
    expect(without.erasedNewcomers).toBe(1);
    expect(without.overall).toMatchObject({ newcomers: 3, matched: 2 });
    expect(without.byLanguage.find((g) => g.group === 'tir')).toEqual({ group: 'tir', newcomers: 1, matched: 0, matchRate: 0, meanWaitingDays: 30, meanScore: null });
    expect(without.byAgeBand.map((g) => g.group)).not.toContain('over 65');
  });

  it('describes how the load spreads over key persons', () => {
    expect(report.load).toMatchObject({ keyPersons: 3, minLoad: 0, maxLoad: 2 });
    expect(report.load.meanUtilisation).toBeCloseTo((1 + 1 / 3 + 0) / 3, 12);
    expect(report.load.gini).toBeCloseTo(4 / 9, 12);
  });

  it('describes the load of more key persons than a call can take arguments (a run over 200,000 of them)', () => {
    // Math.min(...loads) threw RangeError (maximum call stack size) from about 125,000 values: the run's solve then failed.
    const loads = Array.from({ length: 200_000 }, (_, i) => ({ load: i % 7 === 0 ? 3 : 1, capacity: 3 }));
    loads[123_456] = { load: 0, capacity: 3 };
    expect(loadSpread(loads)).toMatchObject({ keyPersons: 200_000, minLoad: 0, maxLoad: 3 });
  });

  it('gini is 0 for an even spread, in [0, 1) otherwise, and blind to order', () => {
    expect(gini([2, 2, 2])).toBe(0);
    fc.assert(fc.property(fc.array(fc.nat(20), { minLength: 1, maxLength: 30 }), (loads) => {
      const g = gini(loads);
      expect(g).toBeGreaterThanOrEqual(0);
      expect(g).toBeLessThan(1);
      expect(gini([...loads].reverse())).toBeCloseTo(g, 12);
    }));
  });
});
