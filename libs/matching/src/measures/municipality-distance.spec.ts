import { municipality } from '@sleutel/reference';
import { kmBetween } from './municipality-distance';

/** Great-circle distance, the textbook way, to check the fast formula against. */
function haversineKm(a: string, b: string): number {
  const [p, q] = [municipality(a), municipality(b)];
  const rad = Math.PI / 180;
  const [lat1, lon1, lat2, lon2] = [(p?.lat ?? 0) * rad, (p?.lon ?? 0) * rad, (q?.lat ?? 0) * rad, (q?.lon ?? 0) * rad];
  const h = Math.sin((lat2 - lat1) / 2) ** 2 + Math.cos(lat1) * Math.cos(lat2) * Math.sin((lon2 - lon1) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
}

describe('kmBetween', () => {
  it('is 0 within one municipality', () => {
    expect(kmBetween('GM0344', 'GM0344')).toBe(0);
  });

  it('is symmetric', () => {
    expect(kmBetween('GM0344', 'GM0363')).toBe(kmBetween('GM0363', 'GM0344'));
  });

  it.each([
    ['GM0344', 'GM0363'], // Utrecht – Amsterdam, about 35 km
    ['GM0344', 'GM0356'], // Utrecht – Nieuwegein, about 7 km
    ['GM0014', 'GM0935'], // Groningen – Maastricht, about 270 km
  ])('is within 0.1%% of the great-circle distance for %s – %s', (a, b) => {
    const km = kmBetween(a, b) ?? Number.NaN;
    expect(Math.abs(km - haversineKm(a, b)) / haversineKm(a, b)).toBeLessThan(0.001);
  });

  it('is unknown (null) for a code without a centroid', () => {
    expect(kmBetween('GM0344', 'GM9999')).toBeNull();
    expect(kmBetween('GM9999', 'GM9999')).toBeNull();
  });
});
