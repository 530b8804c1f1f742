import { FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError, fieldErrors } from '../app/api';
import { useApi } from '../app/session';
import { FieldMessages, Page, ProblemAlert } from '../app/ui';
import type { Verification } from './audit.types';
import { formatCount, Instant } from './format';
import { subjectOfStream, trailPath } from './subjects';

type Outcome = { readonly result: Verification; readonly stream: string; readonly at: string };

/**
 * `/audit/verify`: recompute the hash chain of every stream (or one) from the
 * stored bytes. Runs when asked, or at once when opened for one stream
 * (`?stream=`, the link on a trail).
 */
export function VerifyPage() {
  const { t, i18n } = useTranslation('audit');
  const api = useApi();
  const [params, setParams] = useSearchParams();
  const [stream, setStream] = useState(params.get('stream') ?? '');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [error, setError] = useState<unknown>(null);
  const started = useRef(false);

  const run = useCallback(
    async (which: string) => {
      setBusy(true);
      setError(null);
      setOutcome(null);
      try {
        const { body } = await api.get<Verification>('/audit/verify', { stream: which || undefined });
        setOutcome({ result: body, stream: which, at: new Date().toISOString() });
      } catch (failure) {
        setError(failure);
      } finally {
        setBusy(false);
      }
    },
    [api],
  );

  useEffect(() => {
    const initial = params.get('stream');
    if (initial && !started.current) {
      started.current = true;
      void run(initial);
    }
  }, [params, run]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const which = stream.trim();
    setParams(which ? { stream: which } : {}, { replace: true });
    void run(which);
  }

  const unsupported = error instanceof ApiError && error.status === 501;
  const streamErrors = fieldErrors(error).stream;
  const result = outcome?.result;
  const language = i18n.language;

  return (
    <Page title={t('verify.title')}>
      <p className="audit-intro">{t('verify.intro')}</p>
      <form onSubmit={submit} noValidate className="card audit-verify-form">
        <div className="field">
          <label htmlFor="audit-verify-stream">{t('verify.stream')}</label>
          <span className="field-hint" id="audit-verify-stream-hint">
            {t('verify.streamHint')}
          </span>
          <input
            id="audit-verify-stream"
            name="stream"
            className="audit-id-input"
            value={stream}
            onChange={(event) => setStream(event.target.value)}
            aria-invalid={streamErrors ? true : undefined}
            aria-describedby={streamErrors ? 'audit-verify-stream-hint audit-verify-stream-error' : 'audit-verify-stream-hint'}
            autoComplete="off"
            spellCheck={false}
          />
          <FieldMessages id="audit-verify-stream-error" messages={streamErrors} />
        </div>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {stream.trim() ? t('verify.runOne') : t('verify.runAll')}
          </button>
        </div>
      </form>

      <div role="status" className="audit-status">
        {busy ? <p className="loading">{t('verify.running')}</p> : null}
        {result ? (
          <p className={`alert ${result.intact ? 'alert-ok' : 'alert-error'} audit-verify-result`}>
            <span className={`badge ${result.intact ? 'intact' : 'broken'}`}>{result.intact ? t('verify.intact') : t('verify.broken')}</span>{' '}
            {result.intact
              ? t('verify.intactWords', { streams: formatCount(result.streams, language), events: formatCount(result.events, language), count: result.events })
              : t('verify.brokenWords', { count: result.broken.length, streams: formatCount(result.streams, language), events: formatCount(result.events, language) })}
          </p>
        ) : null}
      </div>
      {unsupported ? (
        <div className="alert alert-warn" role="alert">
          <p>
            <strong>{t('verify.unsupportedTitle')}</strong> {t('verify.unsupported')}
          </p>
        </div>
      ) : error && !streamErrors ? (
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
              <dt>{t('verify.checkedAt')}</dt>
              <dd>
                <Instant iso={outcome.at} />
              </dd>
            </div>
          </dl>
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
