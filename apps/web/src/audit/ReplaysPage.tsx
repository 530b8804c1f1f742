import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Api, ApiError } from '../app/api';
import { useApi } from '../app/session';
import { BusyButton, Loading, Page, ProblemAlert, useLoad, usePoll } from '../app/ui';
import type { ProjectionComparison, ReplayStatus } from './audit.types';
import { formatCount, formatPercent, Instant } from './format';
import { Same } from './ScoreComparison';

const LAST_REPLAY = 'sleutel.audit.lastReplay';
const POLL_MS = 500;

/** Starts a replay; when one is running already the API answers 409 with that one's `Location`, and the console follows it. */
async function startReplay(api: Api): Promise<string> {
  try {
    const { body } = await api.post<{ id: string }>('/audit/replays');
    return body.id;
  } catch (failure) {
    const running = failure instanceof ApiError && failure.status === 409 ? failure.location?.split('/').pop() : undefined;
    if (running) return running;
    throw failure;
  }
}

function StartButton({ label }: { label: string }) {
  const { t } = useTranslation('audit');
  const api = useApi();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function start() {
    setBusy(true);
    setError(null);
    try {
      const id = await startReplay(api);
      sessionStorage.setItem(LAST_REPLAY, id);
      navigate(`/audit/replays/${id}`);
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  }
  return (
    <>
      <ProblemAlert error={error} />
      <div className="form-actions">
        <BusyButton className="primary" onClick={() => void start()} busy={busy}>
          {busy ? t('replay.starting') : label}
        </BusyButton>
      </div>
    </>
  );
}

/** `/audit/replays`: what a replay is, and the button to start one. */
export function ReplaysPage() {
  const { t } = useTranslation('audit');
  const last = sessionStorage.getItem(LAST_REPLAY);
  return (
    <Page title={t('replay.title')}>
      <p className="audit-intro">{t('replay.intro')}</p>
      <p className="muted">{t('replay.safe')}</p>
      <StartButton label={t('replay.start')} />
      {last ? (
        <p>
          <Link to={`/audit/replays/${last}`}>{t('replay.last')}</Link>
        </p>
      ) : null}
    </Page>
  );
}

/** `/audit/replays/:id`: a replay followed while it runs, then each projection's live and rebuilt digests. */
export function ReplayPage() {
  const id = useParams().id ?? '';
  return <ReplayOf key={id} id={id} />;
}

function ReplayOf({ id }: { id: string }) {
  const { t, i18n } = useTranslation('audit');
  const api = useApi();
  const { data, error, reload } = useLoad(async () => (await api.get<ReplayStatus>(`/audit/replays/${id}`)).body, [id]);
  const running = data?.status === 'running' && !error;
  usePoll(reload, POLL_MS, running);
  const language = i18n.language;
  const different = data?.projections.filter((p) => !p.equal) ?? [];

  return (
    <Page title={t('replay.followTitle')} actions={<Link to="/audit/replays">{t('replay.back')}</Link>}>
      {!data && !error ? <Loading /> : null}
      {error instanceof ApiError && error.status === 404 ? (
        <div className="alert alert-warn" role="alert">
          <p>{t('replay.notFound')}</p>
        </div>
      ) : error ? (
        <ProblemAlert error={error} onRetry={reload} />
      ) : null}
      {data ? (
        <>
          <div className="card audit-replay-progress">
            <label htmlFor="audit-replay-progress" id="audit-replay-progress-label">
              {t('replay.progress')}
            </label>
            <div className="audit-progress-row">
              <progress id="audit-replay-progress" max={1} value={data.progress} aria-labelledby="audit-replay-progress-label" aria-valuetext={formatPercent(data.progress, language)} />
              <span className="audit-progress-number" aria-hidden="true">
                {formatPercent(data.progress, language)}
              </span>
            </div>
            <p role="status" className="audit-replay-status">
              <span className={`badge ${data.status}`}>{t(`replay.status.${data.status}`)}</span>{' '}
              {data.status === 'done'
                ? different.length === 0
                  ? t('replay.allEqual', { count: data.projections.length })
                  : t('replay.someDiffer', { count: different.length, total: data.projections.length })
                : data.status === 'failed'
                  ? t('replay.failed', { error: data.error ?? '—' })
                  : t('replay.runningWords')}
            </p>
            <dl className="audit-facts">
              <div>
                <dt>{t('replay.startedAt')}</dt>
                <dd>
                  <Instant iso={data.startedAt} />
                </dd>
              </div>
              <div>
                <dt>{t('replay.finishedAt')}</dt>
                <dd>
                  <Instant iso={data.finishedAt} />
                </dd>
              </div>
              <div>
                <dt>{t('replay.events')}</dt>
                <dd>{formatCount(data.events, language)}</dd>
              </div>
              <div>
                <dt>{t('replay.rate')}</dt>
                <dd>{data.eventsPerSecond ? t('replay.perSecond', { rate: formatCount(data.eventsPerSecond, language) }) : '—'}</dd>
              </div>
              <div>
                <dt>{t('replay.position')}</dt>
                <dd>{formatCount(data.position, language)}</dd>
              </div>
            </dl>
          </div>
          {data.projections.length > 0 ? <Projections projections={data.projections} /> : null}
          {data.status !== 'running' ? <StartButton label={t('replay.startAnother')} /> : null}
        </>
      ) : null}
    </Page>
  );
}

const short = (digest: string) => digest.slice(0, 12);

function Projections({ projections }: { projections: readonly ProjectionComparison[] }) {
  const { t, i18n } = useTranslation('audit');
  const language = i18n.language;
  return (
    <section aria-labelledby="audit-projections-heading" className="audit-section">
      <h2 id="audit-projections-heading">{t('replay.projections')}</h2>
      <table className="table audit-projections">
        <caption className="audit-caption">{t('replay.projectionsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('replay.projection')}</th>
            <th scope="col" className="number">
              {t('replay.liveRows')}
            </th>
            <th scope="col" className="number">
              {t('replay.rebuiltRows')}
            </th>
            <th scope="col">{t('replay.liveDigest')}</th>
            <th scope="col">{t('replay.rebuiltDigest')}</th>
            <th scope="col">{t('compare.result')}</th>
            <th scope="col">{t('replay.firstDifference')}</th>
          </tr>
        </thead>
        <tbody>
          {projections.map((projection) => (
            <tr key={projection.name} data-projection={projection.name}>
              <th scope="row">
                {t(`projections.${projection.name}`, { defaultValue: projection.name })} <code className="muted">{projection.name}</code>
              </th>
              <td className="number">{formatCount(projection.liveRows, language)}</td>
              <td className="number">{formatCount(projection.rebuiltRows, language)}</td>
              <td>
                <code>{short(projection.liveDigest)}…</code>
              </td>
              <td>
                <code>{short(projection.rebuiltDigest)}…</code>
              </td>
              <td>
                <Same equal={projection.equal} />
              </td>
              <td>
                {projection.firstDifference ? (
                  <>
                    {t(`replay.differenceReasons.${projection.firstDifference.reason}`, { defaultValue: projection.firstDifference.reason })}:{' '}
                    <code>{projection.firstDifference.table}</code> <code className="audit-key">{JSON.stringify(projection.firstDifference.key)}</code>
                  </>
                ) : (
                  <span className="muted">{t('replay.noDifference')}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <details className="audit-digests">
        <summary>{t('replay.fullDigests')}</summary>
        <dl>
          {projections.map((projection) => (
            <div key={projection.name}>
              <dt>{t(`projections.${projection.name}`, { defaultValue: projection.name })}</dt>
              <dd>
                {t('replay.liveDigest')}: <code className="audit-hash">{projection.liveDigest}</code>
              </dd>
              <dd>
                {t('replay.rebuiltDigest')}: <code className="audit-hash">{projection.rebuiltDigest}</code>
              </dd>
            </div>
          ))}
        </dl>
      </details>
    </section>
  );
}
