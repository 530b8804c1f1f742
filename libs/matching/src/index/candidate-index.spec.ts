import { DEFAULT_POLICY } from '../policy/default.policy';
import { rank } from '../ranking/rank';
import { aKeyPerson, aNewcomer, NOW, policyWith } from '../testing/matching.fixtures';
import { CandidateIndex } from './candidate-index';

const remoteOk = aNewcomer({ preferences: { ...aNewcomer().preferences, remoteOk: true } });

describe('CandidateIndex', () => {
  it('keeps the latest version of a key person', () => {
    const index = new CandidateIndex([aKeyPerson()]);
    index.upsert(aKeyPerson({ languages: [{ code: 'tir', level: 'native' }] }));
    expect(index.size).toBe(1);
    expect(index.get('k-1')?.languages).toEqual([{ code: 'tir', level: 'native' }]);
    expect(index.rank(aNewcomer(), DEFAULT_POLICY, NOW).excluded['no-shared-language']).toBe(1);
  });

  it('follows status, load and removal in its counts', () => {
    const index = new CandidateIndex([aKeyPerson({ id: 'k-1' }), aKeyPerson({ id: 'k-2' })]);
    index.upsert(aKeyPerson({ id: 'k-2', status: 'paused' }));
    expect(index.setLoad('k-1', 3)).toBe(true);
    expect(index.rank(aNewcomer(), DEFAULT_POLICY, NOW)).toMatchObject({ ranking: [], excluded: { 'not-active': 1, 'no-capacity': 1 } });
    index.setLoad('k-1', 0);
    expect(index.rank(aNewcomer(), DEFAULT_POLICY, NOW).ranking.map((c) => c.keyPersonId)).toEqual(['k-1']);
    expect(index.remove('k-1')).toBe(true);
    expect(index.remove('k-1')).toBe(false);
    expect(index.setLoad('k-1', 1)).toBe(false);
    expect(index.rank(aNewcomer(), DEFAULT_POLICY, NOW)).toMatchObject({ considered: 1, ranking: [] });
  });

  it('reuses the slot of a removed key person without mixing them up', () => {
    const index = new CandidateIndex([aKeyPerson({ id: 'k-1' }), aKeyPerson({ id: 'k-2', remoteOnly: true, travelRadiusKm: null })]);
    index.remove('k-1');
    index.upsert(aKeyPerson({ id: 'k-3', municipality: 'GM0014' }));
    const keyPersons = [index.get('k-2'), index.get('k-3')].flatMap((k) => (k === undefined ? [] : [k]));
    for (const newcomer of [aNewcomer(), remoteOk]) {
      expect(index.rank(newcomer, DEFAULT_POLICY, NOW)).toEqual(rank(newcomer, keyPersons, DEFAULT_POLICY, NOW));
    }
  });

  it('counts key persons out of reach without visiting them, minus those the newcomer already excluded', () => {
    const far = [0, 1, 2].map((i) => aKeyPerson({ id: `k-far-${i}`, municipality: 'GM0014' }));
    const index = new CandidateIndex([...far, aKeyPerson({ id: 'k-remote', remoteOnly: true, travelRadiusKm: null })]);
    const newcomer = aNewcomer({ doNotMatch: ['k-far-0'] });
    expect(index.rank(newcomer, DEFAULT_POLICY, NOW).excluded).toMatchObject({ 'do-not-match': 1, 'out-of-radius': 3 });
    expect(index.rank({ ...newcomer, preferences: remoteOk.preferences }, DEFAULT_POLICY, NOW).excluded).toMatchObject({ 'out-of-radius': 2 });
  });

  it('returns only the best `limit` candidates, with the full counts', () => {
    const index = new CandidateIndex([0, 1, 2].map((load) => aKeyPerson({ id: `k-${load}`, load })));
    const top = index.rank(aNewcomer(), DEFAULT_POLICY, NOW, { limit: 1 });
    expect(top.ranking.map((c) => c.keyPersonId)).toEqual(['k-0']);
    expect(index.rank(aNewcomer(), DEFAULT_POLICY, NOW, { limit: 0 }).ranking).toEqual([]);
    expect(() => index.rank(aNewcomer(), DEFAULT_POLICY, NOW, { limit: 1.5 })).toThrow(RangeError);
  });
});

/**
 * A policy that keeps Kurdish separate: the index holds one layout for every
 * policy (postings by macrolanguage), so the newcomer's query has to apply
 * the policy, and give exactly what the plain path gives.
 */
describe('CandidateIndex with a macrolanguage kept separate', () => {
  const kurdishSeparate = policyWith({ version: 2, language: { separateMacrolanguages: ['kur'] } });
  const kurmanji = aNewcomer({ languages: [{ code: 'kmr', level: 'native' }] });
  const sorani = aKeyPerson({ id: 'k-sorani', languages: [{ code: 'ckb', level: 'native' }] });

  it('does not rank a Sorani-only key person for a Kurmanji-only newcomer, and counts them under no-shared-language', () => {
    const index = new CandidateIndex([sorani]);
    const ranking = index.rank(kurmanji, kurdishSeparate, NOW);
    expect(ranking).toMatchObject({ ranking: [], considered: 1, excluded: { 'no-shared-language': 1 } });
    expect(ranking).toEqual(rank(kurmanji, [sorani], kurdishSeparate, NOW));
    expect(index.feasibleScores(kurmanji, kurdishSeparate, NOW)).toEqual({ scores: [], considered: 1, excluded: ranking.excluded });
  });

  it('ranks the same pair under version 1 as before, with 0.7 credit via Kurdish', () => {
    const ranking = new CandidateIndex([sorani]).rank(kurmanji, DEFAULT_POLICY, NOW);
    expect(ranking).toEqual(rank(kurmanji, [sorani], DEFAULT_POLICY, NOW));
    expect(ranking.ranking.map((c) => c.components.find((line) => line.name === 'language')?.raw)).toEqual([
      { value: 0.7, newcomerLanguage: 'kmr', keyPersonLanguage: 'ckb', sharedLevel: 'native', viaMacrolanguage: 'kur' },
    ]);
  });

  it('answers both policies from one index, in any order, as a worker holding several policy versions does', () => {
    const keyPersons = [
      sorani,
      aKeyPerson({ id: 'k-kurmanji', languages: [{ code: 'kmr', level: 'fluent' }] }),
      aKeyPerson({ id: 'k-kurmanji-basic', languages: [{ code: 'ckb', level: 'native' }, { code: 'kmr', level: 'basic' }] }),
      aKeyPerson({ id: 'k-kurdish', languages: [{ code: 'kur', level: 'native' }] }),
      // Reached through the Kurdish posting first, then shares Arabic: a visit must judge all the pair's languages at once.
      aKeyPerson({ id: 'k-sorani-arabic', languages: [{ code: 'ckb', level: 'native' }, { code: 'arb', level: 'fluent' }] }),
      aKeyPerson({ id: 'k-remote', remoteOnly: true, travelRadiusKm: null, languages: [{ code: 'ckb', level: 'native' }] }),
    ];
    const index = new CandidateIndex(keyPersons);
    const newcomers = [kurmanji, aNewcomer({ languages: [{ code: 'kmr', level: 'native' }, { code: 'apc', level: 'fluent' }], preferences: remoteOk.preferences })];
    for (const policy of [kurdishSeparate, DEFAULT_POLICY, kurdishSeparate]) {
      for (const newcomer of newcomers) {
        expect(index.rank(newcomer, policy, NOW)).toEqual(rank(newcomer, keyPersons, policy, NOW));
        expect(index.rank(newcomer, policy, NOW, { limit: 1 }).excluded).toEqual(rank(newcomer, keyPersons, policy, NOW).excluded);
      }
    }
    expect(index.rank(kurmanji, kurdishSeparate, NOW).ranking.map((c) => c.keyPersonId)).toEqual(['k-kurmanji']);
    expect(index.rank(newcomers[1], kurdishSeparate, NOW).ranking.map((c) => c.keyPersonId)).toEqual(['k-kurmanji', 'k-sorani-arabic']);
    expect(index.rank(kurmanji, DEFAULT_POLICY, NOW).ranking).toHaveLength(5);
  });
});
