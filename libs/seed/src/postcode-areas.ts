/**
 * Four-digit postcode areas (PC4), only where we can name them without a
 * data file: residential ranges of the four largest cities, taken
 * conservatively from within their well-known blocks (Amsterdam 10xx–110x,
 * Rotterdam 30xx, The Hague 25xx, Utrecht 35xx). Every other municipality gets
 * `null` ("not known"), which the profile allows: an invented postcode in the
 * wrong town would mislead the proximity score, a missing one only makes the
 * matcher fall back to the municipality.
 */
import { Random } from './random';

type Range = readonly [first: number, last: number];

export const POSTCODE_RANGES: Readonly<Record<string, readonly Range[]>> = {
  // Amsterdam: Centrum, Noord, West, Nieuw-West, Zuid, Oost, Zuidoost.
  GM0363: [[1011, 1018], [1021, 1025], [1031, 1034], [1051, 1058], [1061, 1068], [1071, 1079], [1091, 1098], [1102, 1108]],
  // Rotterdam: Centrum, Delfshaven, Noord, Kralingen, Prins Alexander, Feijenoord, IJsselmonde, Charlois.
  GM0599: [[3011, 3015], [3021, 3027], [3031, 3039], [3061, 3069], [3071, 3079], [3081, 3086]],
  // 's-Gravenhage: Centrum, Laak, Escamp, Loosduinen, Segbroek, Scheveningen, Haagse Hout.
  GM0518: [[2511, 2518], [2521, 2526], [2531, 2537], [2541, 2548], [2551, 2555], [2561, 2566], [2581, 2587], [2591, 2597]],
  // Utrecht: Binnenstad, Zuid, West, Noordwest, Overvecht, Oost, Leidsche Rijn.
  GM0344: [[3511, 3515], [3521, 3527], [3531, 3535], [3551, 3555], [3561, 3564], [3571, 3584], [3541, 3545]],
};

/** Intake forms leave the postcode empty now and then even where it is known. */
const KNOWN_SHARE = 0.85;

export function postcodeAreaFor(municipality: string, random: Random): string | null {
  const ranges = POSTCODE_RANGES[municipality];
  if (ranges === undefined || !random.chance(KNOWN_SHARE)) return null;
  const [first, last] = random.weighted(ranges.map((range) => [range, range[1] - range[0] + 1] as const));
  return String(random.int(first, last));
}
