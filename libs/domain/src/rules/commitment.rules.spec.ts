import { capacityViolations, engagementViolations, monthlyHoursViolations } from './commitment.rules';

const rules = (violations: readonly { field: string; rule: string }[]) => violations.map((v) => `${v.field} ${v.rule}`);

describe('commitment rules', () => {
  it('accepts capacity 1–20, whole', () => {
    expect([1, 20].flatMap((c) => capacityViolations(c))).toEqual([]);
    expect(rules([0, 21].flatMap((c) => capacityViolations(c)))).toEqual(['capacity range', 'capacity range']);
    expect(rules(capacityViolations(2.5))).toEqual(['capacity integer']);
  });

  it('accepts 1–200 hours a month in half hours, so a volunteer\'s 37.5 fits', () => {
    expect([1, 37, 37.5, 199.5, 200].flatMap((h) => monthlyHoursViolations(h))).toEqual([]);
    expect(rules([37.25, 0.1 + 0.2].flatMap((h) => monthlyHoursViolations(h)))).toEqual(['maxHoursPerMonth multiple-of', 'maxHoursPerMonth multiple-of']);
    expect(rules(monthlyHoursViolations(0.5))).toEqual(['maxHoursPerMonth range']);
    expect(rules(monthlyHoursViolations(201))).toEqual(['maxHoursPerMonth range']);
    expect(rules(monthlyHoursViolations(Number.NaN))).toEqual(['maxHoursPerMonth type']);
  });

  it('knows the engagements', () => {
    expect(engagementViolations('paid')).toEqual([]);
    expect(rules(engagementViolations('intern'))).toEqual(['engagement one-of']);
  });
});
