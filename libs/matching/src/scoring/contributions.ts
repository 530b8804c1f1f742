/**
 * How components become a score. A contribution is
 *
 *   ⌊ value · (weight / W) · 2⁴⁰ ⌋ / 2⁴⁰,   W = Σ weights of the components that apply,
 *
 * and the score is the sum of the contributions. Rounding each contribution
 * down to a multiple of 2⁻⁴⁰ (about 10⁻¹²) makes that sum exact in any order,
 * so the contributions add up to the score bit for bit, and it can never
 * exceed 1 through rounding (the unrounded terms exceed their true values by
 * far less than 2⁻⁴⁰ in total).
 */
import { weightOf } from '../policy/gender-weight';
import { COMPONENT_NAMES, ComponentName, ScoringPolicy } from '../policy/scoring-policy';

export const CONTRIBUTION_SCALE = 2 ** 40;

export type ComponentApplicability = { readonly [K in ComponentName]: boolean };

/**
 * weight / W per component in `COMPONENT_NAMES` order; 0 for a component
 * that does not apply. A component that applies with weight 0 adds exactly
 * 0 to W, so it changes no other factor, and contributes ⌊value · 0⌋ = 0.
 */
export function componentFactors(policy: ScoringPolicy, applies: ComponentApplicability): readonly number[] {
  let total = 0;
  for (const name of COMPONENT_NAMES) if (applies[name]) total += weightOf(policy.weights, name);
  return COMPONENT_NAMES.map((name) => (applies[name] && total > 0 ? weightOf(policy.weights, name) / total : 0));
}

/** The index calls this too: keep it the only formula. */
export function contributionOf(value: number, factor: number): number {
  return Math.floor(value * factor * CONTRIBUTION_SCALE) / CONTRIBUTION_SCALE;
}
