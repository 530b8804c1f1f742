import { DEFAULT_POLICY } from './default.policy';
import { isValidPolicy, validatePolicy } from './policy.validation';
import { GENDER_WEIGHT_RECOMMENDED } from './gender-weight';
import { ScoringPolicy } from './scoring-policy';
import { SEPARATE_MACROLANGUAGES_RECOMMENDED } from './separate-macrolanguages';

/** The default policy as JSON, with one path set to `value` (or removed for `undefined`). */
function changed(path: string, value: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(DEFAULT_POLICY)) as Record<string, unknown>;
  const keys = path.split('.');
  const parent = keys.slice(0, -1).reduce((node, key) => node[key] as Record<string, unknown>, copy);
  if (value === undefined) delete parent[keys[keys.length - 1]];
  else parent[keys[keys.length - 1]] = value;
  return copy;
}

const rules = (policy: unknown): string[] => validatePolicy(policy).map((v) => `${v.field} ${v.rule}`);

describe('validatePolicy', () => {
  it('accepts the default policy, also after a JSON round trip', () => {
    expect(validatePolicy(DEFAULT_POLICY)).toEqual([]);
    expect(isValidPolicy(JSON.parse(JSON.stringify(DEFAULT_POLICY)))).toBe(true);
  });

  it('refuses what is not an object', () => {
    expect(rules(null)).toEqual(['policy required']);
    expect(rules([])).toEqual(['policy type']);
    expect(rules('policy')).toEqual(['policy type']);
  });

  it.each([
    ['version', 0, 'range'],
    ['version', 1.5, 'integer'],
    ['weights.language', -1, 'range'],
    ['weights.load', Number.NaN, 'type'],
    ['weights.load', Number.POSITIVE_INFINITY, 'type'],
    ['weights.waiting', '10', 'type'],
    ['weights.origin', 1e9, 'range'],
    ['weights.gender', -1, 'range'],
    ['weights.gender', 1e9, 'range'],
    ['weights.gender', '10', 'type'],
    ['weights.gender', null, 'type'],
    ['weights.gender', Number.NaN, 'type'],
    ['weights.expertise', undefined, 'required'],
    ['constraints.minSharedLevel', 'basic', 'enum'],
    ['constraints.minOverlapMinutes', 30, 'range'],
    ['constraints.minOverlapMinutes', 60.5, 'integer'],
    ['constraints.allowAsynchronousRemote', 'yes', 'type'],
    ['parameters.language.macrolanguageCredit', 1.2, 'range'],
    ['parameters.language.levelCredit.fluent', -0.1, 'range'],
    ['parameters.expertise.priorityWeights.1', 0, 'range'],
    ['parameters.availability.fullCreditHours', 0, 'range'],
    ['parameters.proximity.halfDistanceKm', -5, 'range'],
    ['parameters.waiting.fullBonusDays', 0, 'range'],
  ])('names %s = %p as breaking %s', (path, value, rule) => {
    expect(rules(changed(path, value))).toEqual([`policy.${path} ${rule}`]);
  });

  describe('parameters.language.separateMacrolanguages', () => {
    const FIELD = 'parameters.language.separateMacrolanguages';

    it('may be left out (as in version 1 and every policy stored before it existed), empty, or name macrolanguages', () => {
      expect(DEFAULT_POLICY.parameters.language).not.toHaveProperty('separateMacrolanguages');
      expect(rules(changed(FIELD, []))).toEqual([]);
      expect(rules(changed(FIELD, ['kur']))).toEqual([]);
      expect(rules(changed(FIELD, ['kur', 'zho', 'ara']))).toEqual([]);
      expect(rules(changed(FIELD, [...SEPARATE_MACROLANGUAGES_RECOMMENDED]))).toEqual([]);
    });

    it.each([
      ['a member language', ['kur', 'kmr'], `policy.${FIELD}[1] iso-639-3-macrolanguage`],
      ['an individual language', ['nld'], `policy.${FIELD}[0] iso-639-3-macrolanguage`],
      ['upper case', ['KUR'], `policy.${FIELD}[0] iso-639-3-macrolanguage`],
      ['a special code', ['mul'], `policy.${FIELD}[0] iso-639-3-macrolanguage`],
      ['no code at all', ['xx', ''], `policy.${FIELD}[0] iso-639-3-macrolanguage,policy.${FIELD}[1] iso-639-3-macrolanguage`],
      ['a repeated entry', ['kur', 'zho', 'kur'], `policy.${FIELD}[2] unique`],
      ['an entry that is not text', ['kur', 7], `policy.${FIELD}[1] type`],
      ['one code instead of a list', 'kur', `policy.${FIELD} type`],
      ['null', null, `policy.${FIELD} type`],
      ['a list longer than there are macrolanguages', Array.from({ length: 63 }, () => 'kur'), `policy.${FIELD} max-items`],
    ])('refuses %s, naming the entry and the rule', (_what, value, expected) => {
      expect(rules(changed(FIELD, value)).join(',')).toBe(expected);
    });

    it('says what it wants in the message', () => {
      expect(validatePolicy(changed(FIELD, ['kmr']))).toEqual([
        {
          field: `policy.${FIELD}[0]`,
          rule: 'iso-639-3-macrolanguage',
          message: `policy.${FIELD}[0] must be an ISO 639-3 macrolanguage code, e.g. 'kur' (Kurdish) or 'zho' (Chinese); 'kmr' is a member of 'kur'`,
        },
      ]);
    });
  });

  it('takes weights.gender left out (as in version 1 and every policy stored before it existed), 0 or more', () => {
    expect(DEFAULT_POLICY.weights).not.toHaveProperty('gender');
    expect(rules(changed('weights.gender', 0))).toEqual([]);
    expect(rules(changed('weights.gender', GENDER_WEIGHT_RECOMMENDED))).toEqual([]);
    expect(rules(changed('weights.gender', 1_000_000))).toEqual([]);
    expect(validatePolicy(changed('weights.gender', -0.5))).toEqual([
      { field: 'policy.weights.gender', rule: 'range', message: 'policy.weights.gender must be at least 0 and at most 1000000' },
    ]);
  });

  it('counts no gender weight towards a weight on a component that applies to every pair', () => {
    const weights = { language: 0, expertise: 0, availability: 0, proximity: 0, load: 0, waiting: 0, origin: 0, gender: 10 };
    expect(rules({ ...DEFAULT_POLICY, weights })).toEqual(['policy.weights at-least-one']);
  });

  it('refuses unknown fields rather than dropping them', () => {
    expect(rules(changed('weights.langauge', 30))).toEqual(['policy.weights.langauge unknown']);
  });

  it('needs a weight above 0 on a component that applies to every pair', () => {
    const weights = { language: 0, expertise: 5, availability: 0, proximity: 0, load: 0, waiting: 0, origin: 5 };
    expect(rules({ ...DEFAULT_POLICY, weights })).toEqual(['policy.weights at-least-one']);
    expect(rules({ ...DEFAULT_POLICY, weights: { ...weights, waiting: 0.1 } })).toEqual([]);
  });

  it('needs level credit that does not rise as the shared level falls', () => {
    const language = { ...DEFAULT_POLICY.parameters.language, levelCredit: { native: 0.8, fluent: 0.9, conversational: 0.5 } };
    const policy: ScoringPolicy = { ...DEFAULT_POLICY, parameters: { ...DEFAULT_POLICY.parameters, language } };
    expect(rules(policy)).toEqual(['policy.parameters.language.levelCredit order']);
  });

  it('needs priority weights that do not rise as a need becomes less urgent (priority 1 is the most urgent)', () => {
    const withPriorities = (priorityWeights: ScoringPolicy['parameters']['expertise']['priorityWeights']): ScoringPolicy =>
      ({ ...DEFAULT_POLICY, parameters: { ...DEFAULT_POLICY.parameters, expertise: { priorityWeights } } });
    expect(rules(withPriorities({ '1': 1, '2': 2, '3': 3 }))).toEqual(['policy.parameters.expertise.priorityWeights order']);
    expect(rules(withPriorities({ '1': 3, '2': 1, '3': 2 }))).toEqual(['policy.parameters.expertise.priorityWeights order']);
    expect(rules(withPriorities({ '1': 2, '2': 2, '3': 2 }))).toEqual([]);
  });

  it('reports every problem at once, with a message naming the field', () => {
    const violations = validatePolicy({ ...DEFAULT_POLICY, version: -1, weights: { ...DEFAULT_POLICY.weights, load: -2 } });
    expect(violations).toHaveLength(2);
    expect(violations[1]).toEqual({ field: 'policy.weights.load', rule: 'range', message: 'policy.weights.load must be at least 0 and at most 1000000' });
  });
});
