import { FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ApiError, fieldErrors } from '../app/api';
import { useApi } from '../app/session';
import { FieldMessages, Loading, Page, ProblemAlert, useLoad } from '../app/ui';
import type { JsonObject, StateAsOf } from './audit.types';
import { amsterdamLocal, instantOfAmsterdamLocal } from './amsterdam-time';
import { DataView } from './DataView';
import { formatCount, Instant } from './format';
import { closingWords } from '../matching/closing-reason';
import type { MatchClosing } from '../matching/match-types';
import { formatDateTime } from '../app/ui';
import { isStateKind, StateKind, trailKindOf, trailPath } from './subjects';

type Moment = 'now' | 'position' | 'time';

/** What the form shows for an `asOf` from the address: a position, an instant (in Amsterdam time, as the page shows times), or now. */
function momentOf(asOf: string | null): { moment: Moment; position: string; time: string } {
  if (asOf === null || asOf === '') return { moment: 'now', position: '', time: '' };
  if (/^\d+$/.test(asOf)) return { moment: 'position', position: asOf, time: '' };
  return { moment: 'time', position: '', time: amsterdamLocal(asOf) ?? '' };
}

/** `/audit/states/:kind/:id?asOf=`: a newcomer, key person or match as the log made them at a past moment. */
export function StateAsOfPage() {
  const { t } = useTranslation('audit');
  const params = useParams();
  const kind = trailKindOf(params.kind);
  if (!isStateKind(kind)) {
    return (
      <Page title={t('state.unknownKindTitle')}>
        <div className="alert alert-error" role="alert">
          <p>{t('trail.unknownKind', { kind: params.kind })}</p>
        </div>
      </Page>
    );
  }
  const id = (params.id ?? '').toLowerCase();
  return <StateOf key={`${kind}/${id}`} kind={kind} id={id} />;
}

function StateOf({ kind, id }: { kind: StateKind; id: string }) {
  const { t, i18n } = useTranslation('audit');
  const api = useApi();
  const [params, setParams] = useSearchParams();
  const asOf = params.get('asOf');
  const initial = momentOf(asOf);
  const [moment, setMoment] = useState<Moment>(initial.moment);
  const [position, setPosition] = useState(initial.position);
  const [time, setTime] = useState(initial.time);
  /** The key of the form's own message: said in the page's language, also after a switch. */
  const [formError, setFormError] = useState<'state.positionInvalid' | 'state.timeInvalid' | null>(null);
  useEffect(() => {
    const next = momentOf(asOf);
    setMoment(next.moment);
    setPosition(next.position);
    setTime(next.time);
  }, [asOf]);

  const { data, error, loading, reload } = useLoad(async () => (await api.get<StateAsOf>(`/audit/${kind}/${id}`, { asOf })).body, [kind, id, asOf]);
  const apiFieldErrors = fieldErrors(error, i18n.language).asOf;
  const messages = formError ? [t(formError)] : apiFieldErrors;

  function submit(event: FormEvent) {
    event.preventDefault();
    let next: string | null = null;
    if (moment === 'position') {
      if (!/^\d+$/.test(position.trim())) return setFormError('state.positionInvalid');
      next = position.trim();
    } else if (moment === 'time') {
      const instant = instantOfAmsterdamLocal(time);
      if (instant === null) return setFormError('state.timeInvalid');
      next = instant;
    }
    setFormError(null);
    setParams(next === null ? {} : { asOf: next });
  }

  const notFound = error instanceof ApiError && error.status === 404;
  return (
    <Page title={t(`state.title.${kind}`)} actions={<Link to={trailPath(kind, id)}>{t(`state.backToTrail.${kind}`)}</Link>}>
      <p className="audit-intro">
        {t(`kindsSingular.${kind}`)} <code>{id}</code>
      </p>
      <form onSubmit={submit} noValidate className="audit-moment card">
        <fieldset>
          <legend>{t('state.moment')}</legend>
          <div className="audit-moment-options">
            <label className="audit-radio">
              <input type="radio" name="moment" value="now" checked={moment === 'now'} onChange={() => setMoment('now')} />
              {t('state.now')}
            </label>
            <label className="audit-radio">
              <input type="radio" name="moment" value="position" checked={moment === 'position'} onChange={() => setMoment('position')} />
              {t('state.atPosition')}
            </label>
            <label className="audit-radio">
              <input type="radio" name="moment" value="time" checked={moment === 'time'} onChange={() => setMoment('time')} />
              {t('state.atTime')}
            </label>
          </div>
          {moment === 'position' ? (
            <div className="field">
              <label htmlFor="audit-asof-position">{t('state.position')}</label>
              <input
                id="audit-asof-position"
                inputMode="numeric"
                value={position}
                onChange={(event) => setPosition(event.target.value)}
                aria-invalid={messages ? true : undefined}
                aria-describedby={messages ? 'audit-asof-error' : undefined}
              />
            </div>
          ) : null}
          {moment === 'time' ? (
            <div className="field">
              <label htmlFor="audit-asof-time">{t('state.time')}</label>
              <input
                id="audit-asof-time"
                type="datetime-local"
                step={1}
                value={time}
                onChange={(event) => setTime(event.target.value)}
                aria-invalid={messages ? true : undefined}
                aria-describedby={messages ? 'audit-asof-time-hint audit-asof-error' : 'audit-asof-time-hint'}
              />
              <span className="field-hint" id="audit-asof-time-hint">
                {t('state.timeHint')}
              </span>
            </div>
          ) : null}
          <FieldMessages id="audit-asof-error" messages={messages} />
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="primary">
            {t('state.show')}
          </button>
        </div>
      </form>

      {loading && !data ? <Loading /> : null}
      {error && !apiFieldErrors ? (
        notFound ? (
          <div className="alert alert-warn" role="alert">
            <p>{t(`state.notFound.${kind}`)}</p>
          </div>
        ) : (
          <ProblemAlert error={error} onRetry={reload} />
        )
      ) : null}
      {data && !error ? (
        <section aria-labelledby="audit-state-heading" className="audit-state">
          <h2 id="audit-state-heading">
            {'position' in data.asOf ? t('state.asOfPosition', { position: data.asOf.position }) : t('state.asOfTime')}{' '}
            {'time' in data.asOf ? <Instant iso={data.asOf.time} /> : null}
          </h2>
          <p role="status">
            {t('state.folded', { revision: data.revision, position: formatCount(data.position, i18n.language) })} <Instant iso={data.occurredAt} />.
          </p>
          {kind === 'matches' ? <MatchStateView state={data.state} erasedSince={data.erasedSince ?? []} /> : <StateView state={data.state} />}
        </section>
      ) : null}
    </Page>
  );
}

/** The profile first (what a person recognises), then the matching bookkeeping. */
function StateView({ state }: { state: JsonObject }) {
  const { t } = useTranslation('audit');
  const { profile, status, ...rest } = state;
  return (
    <>
      <p>
        {t('state.status')}{' '}
        <span className={`badge ${String(status)}`}>{t(`statuses.${String(status)}`, { defaultValue: String(status) })}</span>
        {state.erasedAt ? (
          <>
            {' '}
            <span className="badge erased">{t('data.erasedBadge')}</span>
          </>
        ) : null}
      </p>
      <div className="audit-state-grid">
        <section className="card" aria-labelledby="audit-state-profile">
          <h3 id="audit-state-profile">{t('state.profile')}</h3>
          {profile && typeof profile === 'object' && !Array.isArray(profile) ? <DataView data={profile as JsonObject} named /> : <p>{t('state.noProfile')}</p>}
        </section>
        <section className="card" aria-labelledby="audit-state-bookkeeping">
          <h3 id="audit-state-bookkeeping">{t('state.bookkeeping')}</h3>
          <DataView data={rest} named />
        </section>
      </div>
    </>
  );
}

/**
 * A match: how it closed first, in the page's language (the matcher's reason in the console's words, a
 * coordinator's quoted), with the reason as stored beside it as evidence; then the rest as folded.
 */
function MatchStateView({ state, erasedSince }: { state: JsonObject; erasedSince: readonly ('newcomer' | 'key-person')[] }) {
  const { t, i18n } = useTranslation('audit');
  const { t: tm } = useTranslation('matching');
  const { status, closing, ...rest } = state;
  const closed = closing && typeof closing === 'object' && !Array.isArray(closing) ? (closing as unknown as MatchClosing) : null;
  const stored = closed && 'reason' in closed ? closed.reason : undefined;
  return (
    <>
      <p>
        {t('state.status')}{' '}
        <span className={`badge ${String(status)}`}>{t(`statuses.${String(status)}`, { defaultValue: String(status) })}</span>
      </p>
      {erasedSince.map((party) => (
        <p key={party} className="alert alert-warn" role="note">
          {t(`state.erasedSince.${party}`)}
        </p>
      ))}
      <div className="audit-state-grid">
        <section className="card" aria-labelledby="audit-state-closing">
          <h3 id="audit-state-closing">{t('state.closing')}</h3>
          {closed === null ? (
            <p>{t('state.notClosed')}</p>
          ) : (
            <>
              <p data-testid="audit-state-closing-words">{closingWords(closed, formatDateTime(typeof state.closedAt === 'string' ? state.closedAt : null, i18n.language), tm)}</p>
              {stored === undefined ? null : (
                <p>
                  {t('state.storedReason')}{' '}
                  {typeof stored === 'string' ? <q data-testid="audit-state-stored-reason">{stored}</q> : <span className="badge erased">{t('state.reasonErased')}</span>}
                </p>
              )}
            </>
          )}
        </section>
        <section className="card" aria-labelledby="audit-state-bookkeeping">
          <h3 id="audit-state-bookkeeping">{t('state.match')}</h3>
          <DataView data={rest} named />
        </section>
      </div>
    </>
  );
}
