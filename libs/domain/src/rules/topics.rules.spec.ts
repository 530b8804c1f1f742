import { expertiseViolations, needsViolations } from './topics.rules';

const needRules = (value: unknown) => needsViolations(value).map((v) => `${v.field} ${v.rule}`);
const expertiseRules = (value: unknown) => expertiseViolations(value).map((v) => `${v.field} ${v.rule}`);

describe('needs rules', () => {
  it('accepts no needs, or topics with priority 1–3', () => {
    expect(needRules([])).toEqual([]);
    expect(needRules([{ topic: 'health', priority: 1 }, { topic: 'legal', priority: 3 }])).toEqual([]);
  });

  it('refuses unknown topics, priorities outside 1–3 and repeated topics', () => {
    expect(
      needRules([
        { topic: 'religion', priority: 1 },
        { topic: 'work', priority: 0 },
        { topic: 'housing', priority: 1.5 },
        { topic: 'work', priority: 2 },
        { topic: 'family' },
      ]),
    ).toEqual([
      'needs[0].topic one-of',
      'needs[1].priority range',
      'needs[2].priority integer',
      'needs[4].priority required',
      'needs[3].topic unique',
    ]);
  });
});

describe('expertise rules', () => {
  it('requires at least one known topic, each once', () => {
    expect(expertiseRules(['health', 'work'])).toEqual([]);
    expect(expertiseRules([])).toEqual(['expertise min-items']);
    expect(expertiseRules(['health', 'cooking', 'health'])).toEqual(['expertise[1] one-of', 'expertise[2] unique']);
  });
});
