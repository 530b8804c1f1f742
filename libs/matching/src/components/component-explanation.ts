/**
 * One line of an explanation: a component's raw value, the policy weight and
 * its contribution to the score. `raw` always has `value`, the normalised
 * value in [0, 1], beside the human-meaningful measurement it came from
 * (shared level, covered needs, overlap hours, km, load, days, same country,
 * matches the gender preference).
 */
import type { AvailabilityRaw } from './availability.component';
import type { ExpertiseRaw } from './expertise.component';
import type { GenderRaw } from './gender.component';
import type { LanguageRaw } from './language.component';
import type { LoadRaw } from './load.component';
import type { OriginRaw } from './origin.component';
import type { ProximityRaw } from './proximity.component';
import type { WaitingRaw } from './waiting.component';

interface ComponentLine<N extends string, R> {
  readonly name: N;
  readonly raw: R;
  /** The policy's weight, as configured (not normalised). */
  readonly weight: number;
  /** weight · value / Σ weights of the components that apply, in fixed point (see contributions.ts). */
  readonly contribution: number;
}

export type ComponentExplanation =
  | ComponentLine<'language', LanguageRaw>
  | ComponentLine<'expertise', ExpertiseRaw>
  | ComponentLine<'availability', AvailabilityRaw>
  | ComponentLine<'proximity', ProximityRaw>
  | ComponentLine<'load', LoadRaw>
  | ComponentLine<'waiting', WaitingRaw>
  | ComponentLine<'origin', OriginRaw>
  | ComponentLine<'gender', GenderRaw>;
