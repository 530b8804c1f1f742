/**
 * Where people live. Municipalities house status holders in proportion to
 * their population (the half-yearly "taakstelling"), so population is the
 * right weight. The shipped CBS list has no population, so the larger
 * municipalities carry their approximate population here (CBS, 1 January
 * 2024, rounded to thousands; good to a few per cent, which is all a weight
 * needs) and every other municipality shares what is left of the national
 * total equally: about 30,000 each, close to the median municipality.
 */
import { listMunicipalities } from '@sleutel/reference';
import { Weighted } from './random';

/** Inhabitants in thousands, by CBS code; the names are checked against the reference list in a spec. */
export const LARGE_MUNICIPALITIES: Readonly<Record<string, { readonly name: string; readonly thousands: number }>> = {
  GM0363: { name: 'Amsterdam', thousands: 931 },
  GM0599: { name: 'Rotterdam', thousands: 664 },
  GM0518: { name: "'s-Gravenhage", thousands: 560 },
  GM0344: { name: 'Utrecht', thousands: 374 },
  GM0772: { name: 'Eindhoven', thousands: 243 },
  GM0014: { name: 'Groningen', thousands: 241 },
  GM0855: { name: 'Tilburg', thousands: 229 },
  GM0034: { name: 'Almere', thousands: 222 },
  GM0758: { name: 'Breda', thousands: 186 },
  GM0268: { name: 'Nijmegen', thousands: 183 },
  GM0200: { name: 'Apeldoorn', thousands: 166 },
  GM0202: { name: 'Arnhem', thousands: 166 },
  GM0392: { name: 'Haarlem', thousands: 164 },
  GM0394: { name: 'Haarlemmermeer', thousands: 162 },
  GM0153: { name: 'Enschede', thousands: 161 },
  GM0307: { name: 'Amersfoort', thousands: 160 },
  GM0479: { name: 'Zaanstad', thousands: 160 },
  GM0796: { name: "'s-Hertogenbosch", thousands: 160 },
  GM0193: { name: 'Zwolle', thousands: 132 },
  GM0637: { name: 'Zoetermeer', thousands: 127 },
  GM0546: { name: 'Leiden', thousands: 127 },
  GM0080: { name: 'Leeuwarden', thousands: 126 },
  GM0935: { name: 'Maastricht', thousands: 122 },
  GM0505: { name: 'Dordrecht', thousands: 121 },
  GM0228: { name: 'Ede', thousands: 121 },
  GM0484: { name: 'Alphen aan den Rijn', thousands: 114 },
  GM1783: { name: 'Westland', thousands: 113 },
  GM0361: { name: 'Alkmaar', thousands: 111 },
  GM0114: { name: 'Emmen', thousands: 108 },
  GM0503: { name: 'Delft', thousands: 106 },
  GM0983: { name: 'Venlo', thousands: 103 },
  GM0150: { name: 'Deventer', thousands: 102 },
  GM0828: { name: 'Oss', thousands: 95 },
  GM0362: { name: 'Amstelveen', thousands: 95 },
  GM0794: { name: 'Helmond', thousands: 94 },
  GM0439: { name: 'Purmerend', thousands: 93 },
  GM0402: { name: 'Hilversum', thousands: 92 },
  GM1900: { name: 'Súdwest-Fryslân', thousands: 92 },
  GM1982: { name: 'Land van Cuijk', thousands: 92 },
  GM1883: { name: 'Sittard-Geleen', thousands: 91 },
  GM1980: { name: 'Dijk en Waard', thousands: 90 },
  GM0917: { name: 'Heerlen', thousands: 87 },
  GM1930: { name: 'Nissewaard', thousands: 86 },
  GM1948: { name: 'Meierijstad', thousands: 83 },
  GM0995: { name: 'Lelystad', thousands: 83 },
  GM0164: { name: 'Hengelo (O.)', thousands: 82 },
  GM0606: { name: 'Schiedam', thousands: 81 },
  GM1674: { name: 'Roosendaal', thousands: 78 },
  GM1916: { name: 'Leidschendam-Voorburg', thousands: 78 },
  GM0513: { name: 'Gouda', thousands: 75 },
  GM0622: { name: 'Vlaardingen', thousands: 75 },
  GM0405: { name: 'Hoorn', thousands: 75 },
  GM0141: { name: 'Almelo', thousands: 74 },
};

/** Inhabitants of the Netherlands on 1 January 2024, in thousands (CBS). */
export const NATIONAL_POPULATION_THOUSANDS = 17_942;

/** Every municipality in the reference list with its weight in thousands of inhabitants. */
export function municipalityWeights(): Weighted<string> {
  const all = listMunicipalities();
  const listed = all.filter(({ code }) => LARGE_MUNICIPALITIES[code] !== undefined);
  const listedTotal = listed.reduce((sum, { code }) => sum + LARGE_MUNICIPALITIES[code].thousands, 0);
  const other = (NATIONAL_POPULATION_THOUSANDS - listedTotal) / (all.length - listed.length);
  return all.map(({ code }) => [code, LARGE_MUNICIPALITIES[code]?.thousands ?? other] as const);
}
