import { aKeyPerson, aNewcomer, pairOf, policyWith } from '../testing/matching.fixtures';
import { scorePair } from './score-pair';

const names = (newcomer = aNewcomer(), policy = policyWith({})) => scorePair(pairOf(newcomer, aKeyPerson(), policy)).components.map((c) => c.name);

describe('scorePair', () => {
  it('lists the components that apply, in the fixed order', () => {
    expect(names()).toEqual(['language', 'expertise', 'availability', 'proximity', 'load', 'waiting']);
  });

  it('adds origin only when the newcomer chose same origin yes', () => {
    const asking = aNewcomer({ preferences: { ...aNewcomer().preferences, sameOrigin: 'yes' } });
    expect(names(asking)).toContain('origin');
    expect(names(aNewcomer({ preferences: { ...aNewcomer().preferences, sameOrigin: 'no' } }))).not.toContain('origin');
  });

  it('leaves expertise out for a newcomer without needs', () => {
    expect(names(aNewcomer({ needs: [] }))).not.toContain('expertise');
  });

  it('keeps a zero-weight component in the explanation, contributing nothing', () => {
    const scored = scorePair(pairOf(aNewcomer(), aKeyPerson(), policyWith({ weights: { load: 0 } })));
    expect(scored.components.find((c) => c.name === 'load')).toMatchObject({ weight: 0, contribution: 0 });
  });

  it('scores the fixture pair as the README works it out', () => {
    const scored = scorePair(pairOf(aNewcomer(), aKeyPerson()));
    // language 1·0.3 + expertise 0.6·0.2 + availability 0.5·0.15 + proximity 1·0.15 + load (2/3)·0.1 + waiting (29/90)·0.1
    expect(scored.score).toBeCloseTo(0.3 + 0.12 + 0.075 + 0.15 + 0.2 / 3 + 0.029 / 0.9, 10);
    expect(scored.score).toBe(scored.components.reduce((sum, c) => sum + c.contribution, 0));
  });
});
