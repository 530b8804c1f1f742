/**
 * Scores and their parts with a fixed number of decimals, so that a column of
 * them lines up and 0.300 does not read as less precise than 0.112.
 */
export function formatFixed(value: number | null | undefined, language: string, digits: number): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return new Intl.NumberFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/**
 * A number as stored, with every decimal of its shortest representation
 * (0.00002, not 0; 2e-7 as 0.0000002), in the page's language.
 */
export function formatStored(value: number | null | undefined, language: string): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  const [mantissa = '', exponent = '0'] = String(Math.abs(value)).split('e');
  const decimals = Math.max(0, (mantissa.split('.')[1]?.length ?? 0) - Number(exponent));
  // 20 is the most every browser takes (Intl.NumberFormat before v3 throws above it); smaller than 1e-20 shows as 0.
  return new Intl.NumberFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: Math.min(decimals, 20) }).format(value);
}
