import { capacityViolations, engagementViolations, monthlyHoursViolations } from './commitment.rules';

const rules = (violations: readonly { field: string; rule: string }[]) => violations.map((v) => `${v.field} ${v.rule}`);

describe('commitment rules', () => {
  it('accepts capacity 1–20, whole', () => {
    expect([1, 20].flatMap((c) => capacityViolations(c))).toEqual([]);
    expect(rules([0, 21].flatMap((c) => capacityViolations(c)))).toEqual(['capacity range', 'capacity range']);
    expect(rules(capacityViolations(2.5))).toEqual(['capacity integer']);
  });

  it('accepts 1–200 whole hours a month', () => {
    expect([1, 37, 200].flatMap((h) => monthlyHoursViolations(h))).toEqual([]);
    expect(rules(monthlyHoursViolations(201))).toEqual(['maxHoursPerMonth range']);
    expect(rules(monthlyHoursViolations(Number.NaN))).toEqual(['maxHoursPerMonth type']);
  });

  it('knows the engagements', () => {
    expect(engagementViolations('paid')).toEqual([]);
    expect(rules(engagementViolations('intern'))).toEqual(['engagement one-of']);
  });
});
