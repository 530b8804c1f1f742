import { useTranslation } from 'react-i18next';

const locale = (language: string) => (language === 'nl' ? 'nl-NL' : 'en-GB');

/**
 * An instant to the second, Europe/Amsterdam: an auditor orders events that
 * happened within one minute, so the shell's minute precision is too coarse.
 */
export function formatInstant(iso: string | null | undefined, language: string): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(language), { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'Europe/Amsterdam' }).format(date);
}

/** A `<time>` showing the instant to the second, with the exact stored value as its machine value and tooltip. */
export function Instant({ iso }: { iso: string | null | undefined }) {
  const { i18n } = useTranslation();
  if (!iso) return <>—</>;
  return (
    <time dateTime={iso} title={iso}>
      {formatInstant(iso, i18n.language)}
    </time>
  );
}

/** A score in [0, 1] to four decimals, in the user's language. */
export function formatScore(score: number | null | undefined, language: string): string {
  if (score === null || score === undefined || Number.isNaN(score)) return '—';
  return new Intl.NumberFormat(locale(language), { minimumFractionDigits: 4, maximumFractionDigits: 4 }).format(score);
}

/**
 * A number exactly as stored, every digit kept (the auditor compares them bit
 * for bit), written as the user's language writes decimals: `0.8625054262320191`
 * reads `0,8625054262320191` on a Dutch page. No grouping: a year stays 1990.
 */
export function formatExact(value: number, language: string): string {
  const text = String(value);
  return language === 'nl' && !/e/i.test(text) ? text.replace('.', ',') : text;
}

export function formatPercent(share: number | null | undefined, language: string): string {
  if (share === null || share === undefined || Number.isNaN(share)) return '—';
  return new Intl.NumberFormat(locale(language), { style: 'percent', maximumFractionDigits: 1 }).format(share);
}

export function formatCount(count: number | null | undefined, language: string): string {
  if (count === null || count === undefined) return '—';
  return new Intl.NumberFormat(locale(language)).format(count);
}

/** The first block of a uuid or digest: enough to tell ids apart on screen; the whole id is one click away. */
export function shortId(id: string): string {
  const colon = id.lastIndexOf(':');
  const prefix = colon >= 0 ? id.slice(0, colon + 1) : '';
  const rest = colon >= 0 ? id.slice(colon + 1) : id;
  return `${prefix}${rest.length > 8 ? rest.slice(0, 8) : rest}`;
}
