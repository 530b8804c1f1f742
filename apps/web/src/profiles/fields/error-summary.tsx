/**
 * The list of what the API refused, at the top of a form, each item a link to
 * its field (GOV.UK-style error summary). It takes focus when it appears, so a
 * keyboard or screen-reader user learns at once that the form was not saved.
 */
import { MouseEvent, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldViolation } from '../../app/api';
import { enclosingPaths, fieldId } from './form-errors';

export function ErrorSummary({ form, violations }: { form: string; violations: readonly FieldViolation[] }) {
  const { t } = useTranslation('profiles');
  const labelOf = useFieldLabel();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (violations.length > 0) box.current?.focus();
  }, [violations]);
  if (violations.length === 0) return null;

  function follow(event: MouseEvent<HTMLAnchorElement>, path: string) {
    const target = enclosingPaths(path)
      .map((candidate) => document.getElementById(fieldId(form, candidate)))
      .find((element): element is HTMLElement => element !== null);
    if (!target) return;
    event.preventDefault();
    // A section (the week grid, a list of rows) takes focus at its first control.
    const focusable = target.matches('input, select, textarea, button, [tabindex]')
      ? target
      : (target.querySelector<HTMLElement>('[tabindex="0"], input, select, textarea, button') ?? target);
    focusable.scrollIntoView({ block: 'center' });
    focusable.focus();
  }

  return (
    <div className="alert alert-error profiles-error-summary" role="alert" tabIndex={-1} ref={box} aria-labelledby={`${form}-error-summary-title`}>
      <h2 id={`${form}-error-summary-title`}>{t('errorSummary.title')}</h2>
      <ul>
        {violations.map((violation, index) => (
          <li key={`${violation.field}-${violation.rule}-${index}`}>
            <a href={`#${fieldId(form, violation.field)}`} onClick={(event) => follow(event, violation.field)}>
              {labelOf(violation.field)}
            </a>
            : {violation.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The name of a field path as the form labels it: `languages[1].level` → "Level of language 2". */
export function useFieldLabel(): (path: string) => string {
  const { t, i18n } = useTranslation('profiles');
  return (path) => {
    const language = /^languages\[(\d+)\](?:\.(code|level))?$/.exec(path);
    if (language) return t(language[2] === 'level' ? 'errorSummary.languageLevel' : 'errorSummary.language', { number: Number(language[1]) + 1 });
    const topic = /^(needs|expertise)\.([a-z]+)/.exec(path);
    if (topic && i18n.exists(`profiles:topics.${topic[2]}`)) return `${t(`fields.${topic[1]}`)}: ${t(`topics.${topic[2]}`)}`;
    const leaf = path.replace(/\[\d+\]/g, '').split('.');
    for (const key of [leaf[leaf.length - 1], leaf[0]]) {
      if (key && i18n.exists(`profiles:fields.${key}`)) return t(`fields.${key}`);
    }
    return path;
  };
}
