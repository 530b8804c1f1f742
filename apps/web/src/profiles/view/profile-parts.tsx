/** Building blocks of a readable profile: titled cards of label–value pairs, with names for codes. */
import { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguageLabels, useReferenceNames } from '../fields/reference';
import { useSlotText } from '../fields/slot-text';
import { sortSlots } from '../model/week-slots';
import type { Availability, LanguageSkill } from '../model/profile.types';

export function ProfileCard({ title, children, wide }: { title: string; children: ReactNode; wide?: boolean }) {
  return (
    <section className={`card profiles-card${wide ? ' profiles-wide' : ''}`} aria-label={title}>
      <h2>{title}</h2>
      <dl className="profiles-facts">{children}</dl>
    </section>
  );
}

/** One label–value pair; `hideLabel` when the card's title already says it (the label stays for screen readers). */
export function Fact({ label, children, hideLabel }: { label: string; children: ReactNode; hideLabel?: boolean }) {
  const { t } = useTranslation();
  const empty = children === null || children === undefined || children === '';
  return (
    <div className="profiles-fact">
      <dt className={hideLabel ? 'visually-hidden' : undefined}>{label}</dt>
      <dd>{empty ? <span className="muted">{t('none')}</span> : children}</dd>
    </div>
  );
}

export function LanguagesText({ languages }: { languages: readonly LanguageSkill[] | undefined }) {
  const { t } = useTranslation('profiles');
  const labelOf = useLanguageLabels((languages ?? []).map((language) => language.code));
  if (!languages || languages.length === 0) return null;
  return (
    <ul className="profiles-plain-list">
      {languages.map((language) => {
        const label = labelOf(language.code);
        return (
          <li key={language.code}>
            {/* An English name on a Dutch page says so, for screen readers. */}
            <span lang={label.lang}>{label.name}</span> — {t(`levels.${language.level}`)}
          </li>
        );
      })}
    </ul>
  );
}

/** A calendar date (`2026-12-01`) as people write it: 1 Dec 2026, 1 dec 2026. */
export function formatDate(date: string, language: string): string {
  const parsed = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime())) return date;
  return new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(parsed);
}

export function AvailabilityText({ availability }: { availability: Availability | undefined }) {
  const { t, i18n } = useTranslation('profiles');
  const slotText = useSlotText();
  if (!availability) return null;
  const from = availability.from ? formatDate(availability.from, i18n.language) : null;
  const until = availability.until ? formatDate(availability.until, i18n.language) : null;
  let range: string | null = null;
  if (from && until) range = t('view.dateRange', { from, until });
  else if (from) range = t('view.dateFrom', { from });
  else if (until) range = t('view.dateUntil', { until });
  return (
    <>
      <ul className="profiles-plain-list">
        {sortSlots(availability.slots).map((slot) => (
          <li key={`${slot.day}-${slot.start}-${slot.end}`}>{slotText(slot)}</li>
        ))}
      </ul>
      {range ? <p className="profiles-range">{range}</p> : null}
    </>
  );
}

export function CodeName({ kind, code }: { kind: 'countries' | 'municipalities'; code: string | null | undefined }) {
  const nameOf = useReferenceNames(kind, code ? [code] : []);
  if (!code) return null;
  return (
    <>
      {nameOf(code)} <span className="muted">({code})</span>
    </>
  );
}
