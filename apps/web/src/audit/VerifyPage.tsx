import { FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError, fieldErrors } from '../app/api';
import { useApi } from '../app/session';
import { BusyButton, Page, ProblemAlert } from '../app/ui';
import type { Verification } from './audit.types';
import { formatCount, Instant } from './format';
import { subjectOfStream, trailPath } from './subjects';
import { TextField } from './TextField';

type Outcome = { readonly result: Verification; readonly stream: string; readonly at: string };
type Request = { readonly stream: string; readonly anchor: string };

/**
 * `/audit/verify`: recompute the hash chain of every stream (or one) from the
 * stored bytes, and the digest of the whole log, checked against one written
 * down before when given. Runs when asked, or at once when opened for one
 * stream (`?stream=`, the link on a trail) or with a digest (`?anchor=`).
 */
/**
 * The verdict in words. The hash chains can all hold while the log is still
 * not what it was (a digest written down before differs, events are missing):
 * then it says which, rather than "every link holds" under a "broken" badge.
 */
function verdictWords(t: TFunction<'audit'>, result: Verification, language: string): string {
  const figures = { streams: formatCount(result.streams, language), events: formatCount(result.events, language), count: result.events };
  if (result.broken.length > 0) return t('verify.brokenWords', { ...figures, count: result.broken.length });
  if (result.intact) return t('verify.intactWords', figures);
  if (result.anchor && !result.anchor.matches) return t('verify.chainsHoldAnchorDiffers', figures);
  return t('verify.chainsHoldGaps', figures);
}

export function VerifyPage() {
  const { t, i18n } = useTranslation('audit');
  const api = useApi();
  const [params, setParams] = useSearchParams();
  const [stream, setStream] = useState(params.get('stream') ?? '');
  const [anchor, setAnchor] = useState(params.get('anchor') ?? '');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [error, setError] = useState<unknown>(null);
  const started = useRef(false);

  const run = useCallback(
    async (which: Request) => {
      setBusy(true);
      setError(null);
      setOutcome(null);
      try {
        const { body } = await api.get<Verification>('/audit/verify', { stream: which.stream || undefined, anchor: which.anchor || undefined });
        setOutcome({ result: body, stream: which.stream, at: new Date().toISOString() });
      } catch (failure) {
        setError(failure);
      } finally {
        setBusy(false);
      }
    },
    [api],
  );

  useEffect(() => {
    const initial = { stream: params.get('stream') ?? '', anchor: params.get('anchor') ?? '' };
    if ((initial.stream || initial.anchor) && !started.current) {
      started.current = true;
      void run(initial);
    }
  }, [params, run]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const which = { stream: stream.trim(), anchor: anchor.trim() };
    setParams(Object.fromEntries(Object.entries(which).filter(([, value]) => value !== '')), { replace: true });
    void run(which);
  }

  const language = i18n.language;
  const unsupported = error instanceof ApiError && error.status === 501;
  // A stream the log holds no event of: the API answers 404 (an older one, "intact" over nothing).
  const noSuchStream = (error instanceof ApiError && error.status === 404) || (outcome !== null && outcome.stream !== '' && outcome.result.streams === 0);
  const streamErrors = noSuchStream ? [t('verify.noSuchStream')] : fieldErrors(error, language).stream;
  const anchorErrors = fieldErrors(error, language).anchor;
  const result = noSuchStream ? undefined : outcome?.result;
  const gaps = result?.gaps ?? [];

  return (
    <Page title={t('verify.title')}>
      <p className="audit-intro">{t('verify.intro')}</p>
      <form onSubmit={submit} noValidate className="card audit-verify-form">
        <TextField id="audit-verify-stream" name="stream" className="audit-id-input" label={t('verify.stream')} hint={t('verify.streamHint')} value={stream} onChange={setStream} messages={streamErrors} verbatim />
        <TextField
          id="audit-verify-anchor"
          name="anchor"
          className="audit-id-input audit-anchor-input"
          label={t('verify.anchor')}
          hint={t('verify.anchorHint')}
          value={anchor}
          onChange={setAnchor}
          messages={anchorErrors}
          verbatim
        />
        <div className="form-actions">
          <BusyButton type="submit" className="primary" busy={busy}>
            {stream.trim() ? t('verify.runOne') : t('verify.runAll')}
          </BusyButton>
        </div>
      </form>

      <div role="status" className="audit-status">
        {busy ? <p className="loading">{t('verify.running')}</p> : null}
        {result ? (
          <p className={`alert ${result.intact ? 'alert-ok' : 'alert-error'} audit-verify-result`}>
            <span className={`badge ${result.intact ? 'intact' : 'broken'}`}>{result.intact ? t('verify.intact') : t('verify.broken')}</span>{' '}
            {verdictWords(t, result, language)}
          </p>
        ) : null}
        {result && gaps.length > 0 ? <p className="alert alert-error">{t('verify.gapsWords', { count: gaps.length })}</p> : null}
        {result?.anchor ? (
          <p className={`alert ${result.anchor.matches ? 'alert-ok' : 'alert-error'}`} data-testid="verify-anchor-check">
            {t(result.anchor.matches ? 'verify.anchorMatches' : result.anchor.found === null ? 'verify.anchorMissing' : 'verify.anchorDiffers', {
              position: formatCount(result.anchor.position, language),
            })}
          </p>
        ) : null}
      </div>
      {unsupported ? (
        <div className="alert alert-warn" role="alert">
          <p>
            <strong>{t('verify.unsupportedTitle')}</strong> {t('verify.unsupported')}
          </p>
        </div>
      ) : error && !noSuchStream && !streamErrors && !anchorErrors ? (
        <ProblemAlert error={error} />
      ) : null}

      {result && outcome ? (
        <section aria-labelledby="audit-verify-details" className="audit-section">
          <h2 id="audit-verify-details">{t('verify.details')}</h2>
          <dl className="audit-facts">
            <div>
              <dt>{t('verify.scope')}</dt>
              <dd>{outcome.stream ? <code>{outcome.stream}</code> : t('verify.allStreams')}</dd>
            </div>
            <div>
              <dt>{t('verify.streams')}</dt>
              <dd data-testid="verify-streams">{formatCount(result.streams, language)}</dd>
            </div>
            <div>
              <dt>{t('verify.events')}</dt>
              <dd data-testid="verify-events">{formatCount(result.events, language)}</dd>
            </div>
            <div>
              <dt>{t('verify.brokenCount')}</dt>
              <dd>{formatCount(result.broken.length, language)}</dd>
            </div>
            <div>
              <dt>{t('verify.gapsCount')}</dt>
              <dd data-testid="verify-gaps">{result.gapsChecked === false ? t('verify.gapsNotChecked') : formatCount(gaps.length, language)}</dd>
            </div>
            <div>
              <dt>{t('verify.checkedAt')}</dt>
              <dd>
                <Instant iso={outcome.at} />
              </dd>
            </div>
          </dl>
          {result.head ? (
            <div className="audit-log-digest">
              <p>
                <strong>{t('verify.head')}</strong>{' '}
                <code data-testid="verify-anchor">{result.head.anchor}</code>
              </p>
              <p className="field-hint">{t('verify.headHint')}</p>
            </div>
          ) : null}
          {gaps.length > 0 ? (
            <table className="table">
              <caption className="audit-caption">{t('verify.gapsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col" className="number">
                    {t('verify.gapAfter')}
                  </th>
                  <th scope="col" className="number">
                    {t('verify.gapAt')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {gaps.map((gap) => (
                  <tr key={gap.position}>
                    <td className="number">{gap.afterPosition}</td>
                    <td className="number">{gap.position}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {result.broken.length > 0 ? (
            <table className="table">
              <caption className="audit-caption">{t('verify.brokenCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('verify.brokenStream')}</th>
                  <th scope="col" className="number">
                    {t('verify.revision')}
                  </th>
                  <th scope="col" className="number">
                    {t('verify.position')}
                  </th>
                  <th scope="col">{t('verify.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {result.broken.map((link) => {
                  const subject = subjectOfStream(link.streamId);
                  return (
                    <tr key={`${link.streamId}:${link.revision}`}>
                      <th scope="row">
                        {subject ? (
                          <Link to={trailPath(subject.kind, subject.id)}>
                            <code>{link.streamId}</code>
                          </Link>
                        ) : (
                          <code>{link.streamId}</code>
                        )}
                      </th>
                      <td className="number">{link.revision}</td>
                      <td className="number">{link.position ?? '—'}</td>
                      <td>{t(`verify.reasons.${link.reason}`, { defaultValue: link.reason })}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          ) : null}
        </section>
      ) : null}
    </Page>
  );
}
