import { FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError, newIdempotencyKey } from '../app/api';
import { useApi } from '../app/session';
import { localizedViolation } from '../app/violation-text';
import { BusyButton, FieldMessages, formatNumber, ProblemAlert } from '../app/ui';
import { COHORT_PARAMETER_FIELDS, CohortRun } from './cohort-run-types';

type Field = (typeof COHORT_PARAMETER_FIELDS)[number];
type FieldName = Field['name'];
const KNOWN_RULES = ['int', 'number', 'min', 'max', 'positive'];
type Values = Record<FieldName, string>;

/**
 * The API's 409 while a run over some of the same newcomers is running: that
 * run's id, from the answer's `Location` (absent when the run is outside the
 * user's municipalities), or null when the failure is another.
 */
function runningRun(failure: unknown): { readonly id: string | undefined } | null {
  if (!(failure instanceof ApiError) || failure.status !== 409 || failure.code !== 'COHORT_RUN.OVERLAPPING_RUN') return null;
  return { id: failure.location?.split('/').pop() || undefined };
}

/**
 * What the form sends for one field: nothing when empty (the API's default
 * applies), a number when it reads as one (a decimal comma too), otherwise the
 * text as typed, so that the API names what is wrong with it beside the field.
 */
function parsed(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const value = Number(trimmed.replace(',', '.'));
  return Number.isFinite(value) ? value : trimmed;
}

/**
 * Starts a cohort run (`POST /cohort-runs`) with its three knobs, showing the
 * API's defaults and ranges. One submission keeps one Idempotency-Key until
 * its values change, so a retry after a lost answer starts no second run.
 * The API's messages appear beside the fields they name; while a run over
 * some of the same newcomers is running it says so, with a link to that run.
 */
export function StartCohortRunForm() {
  const { t, i18n } = useTranslation('matching');
  const api = useApi();
  const navigate = useNavigate();
  const lang = i18n.language;
  const defaults = Object.fromEntries(COHORT_PARAMETER_FIELDS.map((f) => [f.name, formatNumber(f.defaultValue, lang, 4)])) as Values;
  const [values, setValues] = useState<Values>(defaults);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const key = useRef<{ key: string; body: string } | null>(null);
  const byField = messagesByField(error);
  const running = runningRun(error);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body: Record<string, number | string> = {};
    for (const field of COHORT_PARAMETER_FIELDS) {
      const value = parsed(values[field.name]);
      if (value !== undefined) body[field.name] = value;
    }
    const text = JSON.stringify(body);
    if (key.current?.body !== text) key.current = { key: newIdempotencyKey(), body: text };
    setBusy(true);
    setError(null);
    try {
      const { body: run } = await api.post<CohortRun>('/cohort-runs', body, { idempotencyKey: key.current.key });
      key.current = null;
      navigate(`/coordinator/cohort-runs/${run.id}`);
    } catch (failure) {
      setError(failure);
      const first = COHORT_PARAMETER_FIELDS.find((f) => failure instanceof ApiError && failure.errors.some((v) => v.field === f.name));
      if (first) document.getElementById(`matching-run-${first.name}`)?.focus();
    } finally {
      setBusy(false);
    }
  }

  /**
   * The API's violations per field, in the user's language where the rule is
   * one we know (the English texts are the API's own wording); a text that
   * is not a number is told so once, not also that it is out of range.
   */
  function messagesByField(failure: unknown): Partial<Record<FieldName, string[]>> {
    const result: Partial<Record<FieldName, string[]>> = {};
    if (!(failure instanceof ApiError)) return result;
    for (const field of COHORT_PARAMETER_FIELDS) {
      const violations = failure.errors.filter((v) => v.field === field.name);
      if (violations.length === 0) continue;
      const notANumber = violations.filter((v) => v.rule === 'number' || v.rule === 'int');
      result[field.name] = (notANumber.length ? notANumber : violations).map((v) =>
        KNOWN_RULES.includes(v.rule) ? t(`runs.rule.${v.rule}`, { min: formatNumber(field.min, lang, 4), max: formatNumber(field.max, lang, 4) }) : localizedViolation(v, lang).message,
      );
    }
    return result;
  }

  return (
    <form onSubmit={submit} noValidate className="card matching-start-form" aria-labelledby="matching-start-title">
      <h2 id="matching-start-title">{t('runs.start.title')}</h2>
      <p>{t('runs.start.intro')}</p>
      {running ? (
        <div className="alert alert-warn" role="alert">
          <p>
            <strong>{t('runs.start.runningTitle')}</strong> {t(running.id ? 'runs.start.running' : 'runs.start.runningElsewhere')}
          </p>
          {running.id ? (
            <p>
              <Link to={`/coordinator/cohort-runs/${encodeURIComponent(running.id)}`}>{t('runs.start.runningLink')}</Link>
            </p>
          ) : null}
        </div>
      ) : (
        <ProblemAlert error={error} fieldsShownBeside={COHORT_PARAMETER_FIELDS.some((f) => byField[f.name])} />
      )}
      <fieldset>
        <legend>{t('runs.start.parameters')}</legend>
        <div className="form-grid">
          {COHORT_PARAMETER_FIELDS.map((field) => {
            const id = `matching-run-${field.name}`;
            const messages = byField[field.name];
            return (
              <div className="field" key={field.name}>
                <label htmlFor={id}>{t(`runs.parameter.${field.name}.label`)}</label>
                <span className="field-hint" id={`${id}-hint`}>
                  {t(`runs.parameter.${field.name}.hint`)}{' '}
                  {t(field.aboveMin ? 'runs.start.rangeAboveMin' : 'runs.start.range', {
                    standard: formatNumber(field.defaultValue, lang, 4),
                    min: formatNumber(field.min, lang, 4),
                    max: formatNumber(field.max, lang, 4),
                  })}
                </span>
                <input
                  id={id}
                  name={field.name}
                  type="text"
                  inputMode={field.integer ? 'numeric' : 'decimal'}
                  autoComplete="off"
                  value={values[field.name]}
                  onChange={(event) => setValues((previous) => ({ ...previous, [field.name]: event.target.value }))}
                  aria-invalid={messages ? true : undefined}
                  aria-describedby={`${id}-hint${messages ? ` ${id}-error` : ''}`}
                />
                <FieldMessages id={`${id}-error`} messages={messages} />
              </div>
            );
          })}
        </div>
      </fieldset>
      <div className="form-actions">
        <BusyButton type="submit" className="primary" busy={busy}>
          {busy ? t('runs.start.starting') : t('runs.start.submit')}
        </BusyButton>
        <BusyButton onClick={() => { setValues(defaults); setError(null); }} busy={busy}>
          {t('runs.start.reset')}
        </BusyButton>
      </div>
    </form>
  );
}
