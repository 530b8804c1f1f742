import { municipalityViolations, postcodeAreaViolations, travelRadiusViolations } from './residence.rules';

const rules = (violations: readonly { field: string; rule: string }[]) => violations.map((v) => `${v.field} ${v.rule}`);

describe('residence rules', () => {
  it('knows CBS municipality codes', () => {
    expect(rules(municipalityViolations('GM0344'))).toEqual([]);
    expect(rules(municipalityViolations('GM9999'))).toEqual(['municipality cbs-municipality']);
    expect(rules(municipalityViolations('Utrecht'))).toEqual(['municipality cbs-municipality']);
    expect(rules(municipalityViolations(undefined))).toEqual(['municipality required']);
  });

  it.each(['1000', '3511', '9999'])('accepts the postcode area %s', (area) => expect(postcodeAreaViolations(area)).toEqual([]));

  it.each(['0999', '999', '10000', '3511AB', 3511])('refuses the postcode area %p', (area) =>
    expect(rules(postcodeAreaViolations(area))).toEqual(['postcodeArea postcode-area']));

  it('treats no postcode area as unknown', () => expect(postcodeAreaViolations(null)).toEqual([]));

  it('requires a travel radius of 0–300 km unless remote only', () => {
    expect(travelRadiusViolations(0, false)).toEqual([]);
    expect(travelRadiusViolations(7.5, false)).toEqual([]);
    expect(travelRadiusViolations(300, false)).toEqual([]);
    expect(rules(travelRadiusViolations(300.5, false))).toEqual(['travelRadiusKm range']);
    expect(rules(travelRadiusViolations(-1, true))).toEqual(['travelRadiusKm range']);
    expect(rules(travelRadiusViolations(null, false))).toEqual(['travelRadiusKm required']);
    expect(travelRadiusViolations(null, true)).toEqual([]);
  });
});
