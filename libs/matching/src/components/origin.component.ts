/**
 * Origin: 1 when both come from the same country, else 0 — and ONLY when the
 * newcomer chose same origin `yes`. Otherwise the component does not apply at
 * all: it is left out of the explanation and of the weight sum, so a
 * newcomer's origin can never move their ranking unless they asked for it
 * (SPEC §3; same origin is not always safe). The raw value says only "same or
 * not", never the countries.
 */
import type { MatchingNewcomer } from '../matching-newcomer';

export interface OriginRaw {
  /** Normalised value, 0 or 1. */
  readonly value: number;
  readonly sameCountry: boolean;
}

export function originApplies(newcomer: Pick<MatchingNewcomer, 'preferences'>): boolean {
  return newcomer.preferences.sameOrigin === 'yes';
}

export function originValue(sameCountry: boolean): number {
  return sameCountry ? 1 : 0;
}

export function originOf(sameCountry: boolean): OriginRaw {
  return { value: originValue(sameCountry), sameCountry };
}
