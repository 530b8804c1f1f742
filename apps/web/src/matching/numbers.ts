/**
 * Scores and their parts with a fixed number of decimals, so that a column of
 * them lines up and 0.300 does not read as less precise than 0.112.
 */
export function formatFixed(value: number | null | undefined, language: string, digits: number): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return new Intl.NumberFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}
