import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useApi } from '../app/session';
import { formatDateTime, formatNumber, Loading, Page, ProblemAlert, useLoad, usePoll } from '../app/ui';
import { COHORT_PARAMETER_FIELDS, COHORT_RUN_STAGES, CohortRun, CohortRunSummary } from './cohort-run-types';
import { formatStored } from './numbers';
import { FairnessReport } from './FairnessReport';
import { StatusBadge } from './StatusBadge';
import { UnplacedNewcomers } from './UnplacedNewcomers';

const POLL_MS = 1000;

/** Figures of a solved run, in the order a coordinator reads them. */
const SUMMARY_FIGURES: readonly { key: keyof CohortRunSummary; digits: number }[] = [
  { key: 'newcomers', digits: 0 },
  { key: 'keyPersons', digits: 0 },
  { key: 'freePlaces', digits: 0 },
  { key: 'candidateEdges', digits: 0 },
  { key: 'assigned', digits: 0 },
  { key: 'unassigned', digits: 0 },
  { key: 'proposed', digits: 0 },
  { key: 'supersededNewcomer', digits: 0 },
  { key: 'supersededKeyPerson', digits: 0 },
  { key: 'totalScore', digits: 3 },
  { key: 'meanScore', digits: 3 },
  { key: 'objective', digits: 3 },
  { key: 'solveMs', digits: 0 },
  { key: 'policyVersion', digits: 0 },
];

/**
 * `/coordinator/cohort-runs/:id`: a run's progress while it runs (polled,
 * announced once per stage), then its figures, the proposals it made, the
 * newcomers it left out and why, and its fairness report.
 */
export function CohortRunPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('matching');
  const api = useApi();
  const lang = i18n.language;
  const loaded = useLoad(async () => (await api.get<CohortRun>(`/cohort-runs/${encodeURIComponent(id)}`)).body, [api, id]);
  const run = loaded.data;
  // A failed read stops the polling; the alert's retry starts it again.
  usePoll(loaded.reload, POLL_MS, run?.status === 'running' && !loaded.loading && !loaded.error);

  return (
    <Page
      title={run ? t('run.title', { date: formatDateTime(run.startedAt, lang) }) : t('run.titleLoading')}
      actions={<Link to="/coordinator/cohort-runs">{t('run.back')}</Link>}
    >
      {!run && loaded.loading ? <Loading /> : null}
      {loaded.error ? <ProblemAlert error={loaded.error} onRetry={loaded.reload} /> : null}
      {run ? (
        <>
          <div className="matching-run-layout">
            <RunProgress run={run} />
            <section className="card" aria-labelledby="matching-run-parameters">
              <h2 id="matching-run-parameters">{t('run.parameters')}</h2>
              <dl className="matching-facts">
                {COHORT_PARAMETER_FIELDS.map((field) => (
                  <div key={field.name} className="matching-fact">
                    <dt>{t(`runs.parameter.${field.name}.label`)}</dt>
                    <dd>{formatStored(run.parameters[field.name], lang)}</dd>
                  </div>
                ))}
                <div className="matching-fact">
                  <dt>{t('runs.requestedBy')}</dt>
                  <dd>{run.requestedBy === 'schedule' ? t('runs.schedule') : run.requestedBy}</dd>
                </div>
                <div className="matching-fact">
                  <dt>{t('runs.scope')}</dt>
                  <dd>{run.municipalities ? run.municipalities.join(', ') : t('common:allMunicipalities')}</dd>
                </div>
                <div className="matching-fact">
                  <dt>{t('runs.finishedAt')}</dt>
                  <dd>{formatDateTime(run.finishedAt, lang)}</dd>
                </div>
              </dl>
            </section>
          </div>

          {run.summary ? (
            <section aria-labelledby="matching-run-summary" className="matching-run-summary">
              <h2 id="matching-run-summary">{t('run.summary')}</h2>
              <dl className="matching-figures">
                {SUMMARY_FIGURES.filter(({ key }) => run.summary![key] !== undefined).map(({ key, digits }) => (
                  <div key={key} className="matching-figure-card" data-figure={key}>
                    <dt>{t(`summary.${key}`)}</dt>
                    <dd>{formatNumber(run.summary![key] as number | null, lang, digits)}</dd>
                  </div>
                ))}
              </dl>
              {run.status === 'done' && (run.summary.proposed ?? 0) > 0 ? (
                <p>
                  <Link to={`/coordinator/proposals?status=all&cohortRun=${run.id}`}>
                    {t('run.proposalsLink', { count: run.summary.proposed ?? 0 })}
                  </Link>
                </p>
              ) : null}
            </section>
          ) : null}

          {run.summary ? <UnplacedNewcomers unplaced={run.unplaced ?? null} /> : null}

          {run.fairness ? <FairnessReport report={run.fairness} /> : run.status === 'done' ? <p className="muted">{t('run.noFairness')}</p> : null}
        </>
      ) : null}
    </Page>
  );
}

/**
 * Where the run is: the three stages as a list, a progress bar of the current
 * one, and a status line that changes once per stage (not per poll), so a
 * screen reader hears each step and the end without a flood of percentages.
 */
function RunProgress({ run }: { run: CohortRun }) {
  const { t, i18n } = useTranslation('matching');
  const current = run.stage ? COHORT_RUN_STAGES.indexOf(run.stage) : -1;
  const stageText = run.stage ? t(`stage.${run.stage}`) : t('run.waitingForMatcher');
  let announcement: string;
  if (run.status === 'done') announcement = t('run.doneAnnouncement', { count: run.summary?.proposed ?? 0 });
  else if (run.status === 'failed') announcement = t('run.failedAnnouncement');
  else if (run.stage) announcement = t('run.stageAnnouncement', { number: current + 1, total: COHORT_RUN_STAGES.length, stage: stageText });
  else announcement = t('run.waitingForMatcher');
  const overall = run.status === 'done' ? 1 : run.stage ? (current + Math.max(0, Math.min(1, run.progress))) / COHORT_RUN_STAGES.length : 0;

  return (
    <section className="card matching-progress" aria-labelledby="matching-run-progress">
      <h2 id="matching-run-progress">{t('run.progress')}</h2>
      <p>
        <StatusBadge status={run.status} kind="run" />
      </p>
      <ol className="matching-stages">
        {COHORT_RUN_STAGES.map((stage, index) => {
          const state = run.status === 'done' || index < current ? 'done' : index === current ? (run.status === 'failed' ? 'failed' : 'current') : 'waiting';
          return (
            <li key={stage} className={`matching-stage matching-stage-${state}`} aria-current={state === 'current' ? 'step' : undefined}>
              <span>{t(`stage.${stage}`)}</span> <span className="matching-stage-state">({t(`run.stageState.${state}`)})</span>
            </li>
          );
        })}
      </ol>
      <label className="matching-progress-label" htmlFor="matching-run-progressbar">
        {t('run.progressLabel')}
      </label>
      <progress
        id="matching-run-progressbar"
        value={overall}
        max={1}
        aria-valuetext={t('run.progressValue', { percent: formatNumber(overall * 100, i18n.language, 0), stage: stageText })}
      />
      <span className="matching-progress-percent" aria-hidden="true">
        {formatNumber(overall * 100, i18n.language, 0)}%
      </span>
      <p role="status" className="matching-run-status" data-status={run.status}>
        {announcement}
      </p>
      {run.status === 'failed' ? (
        <div className="alert alert-error" role="alert">
          <p>
            <strong>{t('run.failed')}</strong> {run.reason ?? ''}
          </p>
        </div>
      ) : null}
    </section>
  );
}
