import municipalityData from '../data/cbs-municipalities-2026.json';
import { isMunicipalityCode, listMunicipalities, municipalitiesInfo, municipality } from './municipalities';

const PROVINCES = [
  'Drenthe', 'Flevoland', 'Fryslân', 'Gelderland', 'Groningen', 'Limburg',
  'Noord-Brabant', 'Noord-Holland', 'Overijssel', 'Utrecht', 'Zeeland', 'Zuid-Holland',
];

describe('CBS municipalities', () => {
  it.each([
    ['GM0344', 'Utrecht', 'Utrecht'],
    ['GM0363', 'Amsterdam', 'Noord-Holland'],
    ['GM0599', 'Rotterdam', 'Zuid-Holland'],
    ['GM0518', "'s-Gravenhage", 'Zuid-Holland'],
    ['GM0014', 'Groningen', 'Groningen'],
    ['GM1992', 'Voorne aan Zee', 'Zuid-Holland'],
  ])('knows %s %s in %s', (code, name, province) => {
    expect(isMunicipalityCode(code)).toBe(true);
    expect(municipality(code)).toMatchObject({ code, name, province });
  });

  it.each(['GM9999', 'GM0000', '', 'gm0344', '0344', 'GM344', 'GM03440', 'PV26', 'xx', 'ZZ', 'sy'])(
    'rejects %j',
    (code) => {
      expect(isMunicipalityCode(code)).toBe(false);
      expect(municipality(code)).toBeUndefined();
    },
  );

  it('rejects municipalities merged away before the reference date', () => {
    expect(isMunicipalityCode('GM0501')).toBe(false); // Brielle, into Voorne aan Zee (2023)
    expect(isMunicipalityCode('GM0457')).toBe(false); // Weesp, into Amsterdam (2022)
  });

  it('lists unique GMxxxx codes in code order, each in one of the twelve provinces', () => {
    const all = listMunicipalities();
    const codes = all.map((m) => m.code);
    for (const code of codes) expect(code).toMatch(/^GM\d{4}$/);
    expect(new Set(codes).size).toBe(codes.length);
    expect([...codes].sort()).toEqual(codes);
    expect([...new Set(all.map((m) => m.province))].sort()).toEqual(PROVINCES);
  });

  it('gives every municipality a centroid inside the Netherlands', () => {
    for (const m of listMunicipalities()) {
      expect(m.lat).toBeGreaterThan(50.7);
      expect(m.lat).toBeLessThan(53.6);
      expect(m.lon).toBeGreaterThan(3.3);
      expect(m.lon).toBeLessThan(7.3);
    }
    expect(municipality('GM0344')?.lat).toBeCloseTo(52.09, 1);
    expect(municipality('GM0344')?.lon).toBeCloseTo(5.07, 1);
  });

  it('agrees with its header: 342 municipalities on 1 January 2026', () => {
    expect(municipalitiesInfo.count).toBe(municipalityData.records.length);
    expect(listMunicipalities()).toHaveLength(municipalitiesInfo.count);
    expect(municipalitiesInfo.count).toBe(342);
    expect(municipalitiesInfo.date).toBe('2026-01-01');
    expect(municipalitiesInfo.version).toBe('2026');
  });
});
