/**
 * The user's edits that can no longer be saved (the person was withdrawn or
 * retired meanwhile), read-only, field by field, so that they can be copied.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** Codes of the choice fields, as their labels in the form read. */
const CHOICES: Record<string, string> = { gender: 'genders', keyPersonGender: 'genderPreferences', sameOrigin: 'sameOrigin', engagement: 'engagements' };

function textOf(field: string, value: unknown, t: Translate, known: (key: string) => boolean): string {
  const named = (prefix: string, code: string) => (known(`profiles:${prefix}.${code}`) ? t(`${prefix}.${code}`) : code);
  if (typeof value === 'boolean') return value ? t('common:yes') : t('common:no');
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    if (value.trim() === '') return t('edit.unsavedEmpty');
    return CHOICES[field] ? named(CHOICES[field], value) : value;
  }
  if (Array.isArray(value)) {
    const lines = value.map((item: unknown) => {
      if (typeof item === 'string') return named('topics', item);
      const row = item as { code?: string; level?: string; day?: string; start?: string; end?: string };
      if (row.day !== undefined) return t('weekGrid.slot', { day: named('days', row.day), start: row.start, end: row.end });
      if (row.code !== undefined) return row.code === '' && !row.level ? '' : `${row.code}${row.level ? ` (${named('levels', row.level)})` : ''}`;
      return JSON.stringify(item);
    }).filter((line) => line !== '');
    return lines.length > 0 ? lines.join('\n') : t('edit.unsavedEmpty');
  }
  if (value && typeof value === 'object') {
    // A newcomer's needs: topic → priority.
    const lines = Object.entries(value as Record<string, unknown>).map(([topic, priority]) => t('view.need', { topic: named('topics', topic), priority }));
    return lines.length > 0 ? lines.join('\n') : t('edit.unsavedEmpty');
  }
  return t('edit.unsavedEmpty');
}

export function UnsavedEdits<F extends object>({ values, fields }: { values: F; fields: readonly (keyof F)[] }) {
  const { t, i18n } = useTranslation('profiles');
  const headingId = useId();
  const label = (field: string) => {
    const text = t(`formFields.${field}`);
    return text.charAt(0).toLocaleUpperCase(i18n.language) + text.slice(1);
  };
  return (
    <section className="card profiles-unsaved" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('edit.unsavedTitle')}</h2>
      <p>{t('edit.unsavedExplain')}</p>
      <dl>
        {fields.map((field) => (
          <div key={String(field)}>
            <dt>{label(String(field))}</dt>
            <dd>{textOf(String(field), values[field], t as Translate, (key) => i18n.exists(key))}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
