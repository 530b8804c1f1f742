import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../app/api';
import { useApi } from '../app/session';
import { Loading, Page, ProblemAlert, useLoad } from '../app/ui';
import type { Trail, TrailEvent } from './audit.types';
import { eventTypeWords, searchableText } from './event-words';
import { Instant } from './format';
import { isStateKind, statePath, TrailKind, trailKindOf } from './subjects';
import { TrailEventItem } from './TrailEventItem';

const ERASURES = new Set(['NewcomerErased', 'KeyPersonErased']);

/** `/audit/trails/:kind/:id`: one subject's trail as a timeline, in log order (which is causal order). */
export function TrailPage() {
  const { t } = useTranslation('audit');
  const params = useParams();
  const kind = trailKindOf(params.kind);
  const id = (params.id ?? '').toLowerCase();
  if (kind === null) {
    return (
      <Page title={t('trail.unknownKindTitle')}>
        <div className="alert alert-error" role="alert">
          <p>{t('trail.unknownKind', { kind: params.kind })}</p>
        </div>
        <Link to="/audit/trails">{t('trail.lookupAnother')}</Link>
      </Page>
    );
  }
  return <TrailOf key={`${kind}/${id}`} kind={kind} id={id} />;
}

function TrailOf({ kind, id }: { kind: TrailKind; id: string }) {
  const { t } = useTranslation('audit');
  const api = useApi();
  const { data, error, loading, reload } = useLoad(async () => (await api.get<Trail>(`/audit/trails/${kind}/${id}`)).body, [kind, id]);
  const title = t(`trail.title.${kind}`);

  return (
    <Page title={title} actions={<Link to="/audit/trails">{t('trail.lookupAnother')}</Link>}>
      {loading && !data ? <Loading /> : null}
      {error ? (
        error instanceof ApiError && error.status === 404 ? (
          <div className="alert alert-warn" role="alert">
            <p>{t(`trail.notFound.${kind}`, { id })}</p>
          </div>
        ) : (
          <ProblemAlert error={error} onRetry={reload} />
        )
      ) : null}
      {data ? <TrailTimeline trail={data} kind={kind} onReload={reload} /> : null}
    </Page>
  );
}

function TrailTimeline({ trail, kind, onReload }: { trail: Trail; kind: TrailKind; onReload(): void }) {
  const { t, i18n } = useTranslation('audit');
  const [type, setType] = useState('');
  const [search, setSearch] = useState('');
  const [expanded, setExpanded] = useState(false);
  const searchInput = useRef<HTMLInputElement>(null);

  const erasures = useMemo(() => trail.events.filter((event) => ERASURES.has(event.type)), [trail]);
  const erased = useMemo(
    () => new Set(erasures.flatMap((event) => [event.metadata.subject?.id, event.data.newcomerId, event.data.keyPersonId].filter((v): v is string => typeof v === 'string'))),
    [erasures],
  );
  const subjectErasure = erasures.find((event) => event.relation === 'own');
  const types = useMemo(
    () => [...new Set(trail.events.map((event) => event.type))].sort((a, b) => eventTypeWords(t, a).localeCompare(eventTypeWords(t, b), i18n.language)),
    [trail, t, i18n.language],
  );
  const needle = search.trim().toLowerCase();
  const shown: TrailEvent[] = trail.events.filter((event) => (type === '' || event.type === type) && (needle === '' || searchableText(t, event).includes(needle)));
  const filtered = type !== '' || needle !== '';
  const first = trail.events[0];
  const last = trail.events[trail.events.length - 1];

  function showCorrelation(correlationId: string) {
    setType('');
    setSearch(correlationId);
    searchInput.current?.focus();
  }

  return (
    <>
      <dl className="audit-summary card">
        <div>
          <dt>{t('trail.subject')}</dt>
          <dd>
            {t(`kindsSingular.${kind}`)} <code>{trail.id}</code>
          </dd>
        </div>
        <div>
          <dt>{t('trail.stream')}</dt>
          <dd>
            <code>{trail.streamId}</code>
          </dd>
        </div>
        <div>
          <dt>{t('trail.span')}</dt>
          <dd>
            {t('trail.eventCount', { count: trail.events.length })}
            {first ? (
              <>
                {', '}
                <Instant iso={first.metadata.occurredAt} /> – <Instant iso={last.metadata.occurredAt} />
              </>
            ) : null}
          </dd>
        </div>
        <div className="audit-summary-links">
          <dt className="visually-hidden">{t('trail.more')}</dt>
          <dd>
            <ul className="audit-inline-links">
              {isStateKind(kind) ? (
                <li>
                  <Link to={statePath(kind, trail.id)}>{t(`trail.stateNow.${kind}`)}</Link>
                </li>
              ) : null}
              <li>
                <Link to={`/audit/verify?stream=${encodeURIComponent(trail.streamId)}`}>{t('trail.verifyStream')}</Link>
              </li>
              <li>
                <button type="button" className="audit-link-button" onClick={onReload}>
                  {t('trail.reload')}
                </button>
              </li>
            </ul>
          </dd>
        </div>
      </dl>

      {subjectErasure ? (
        <div className="alert alert-warn">
          <p>
            {t(`trail.erased.${kind}`, { basis: t(`erasureBasis.${String(subjectErasure.data.basis)}`, { defaultValue: String(subjectErasure.data.basis) }) })}{' '}
            <Instant iso={subjectErasure.metadata.occurredAt} />.
          </p>
        </div>
      ) : null}
      <p className="muted audit-note">{t('trail.sealedNote')}</p>

      <form className="audit-filter" role="search" aria-label={t('trail.filter')} onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor="audit-filter-type">{t('trail.filterType')}</label>
          <select id="audit-filter-type" value={type} onChange={(event) => setType(event.target.value)}>
            <option value="">{t('trail.allTypes')}</option>
            {types.map((option) => (
              <option key={option} value={option}>
                {eventTypeWords(t, option)}
              </option>
            ))}
          </select>
        </div>
        <div className="field audit-filter-search">
          <label htmlFor="audit-filter-search">{t('trail.search')}</label>
          <input id="audit-filter-search" type="search" ref={searchInput} value={search} onChange={(event) => setSearch(event.target.value)} aria-describedby="audit-filter-search-hint" />
          <span className="field-hint" id="audit-filter-search-hint">
            {t('trail.searchHint')}
          </span>
        </div>
        <div className="audit-filter-actions">
          {filtered ? (
            <button
              type="button"
              onClick={() => {
                setType('');
                setSearch('');
              }}
            >
              {t('trail.clearFilter')}
            </button>
          ) : null}
          <button type="button" onClick={() => setExpanded((open) => !open)} aria-pressed={expanded}>
            {t('trail.expandAll')}
          </button>
        </div>
      </form>

      <h2 className="audit-timeline-title">{t('trail.timeline')}</h2>
      <p role="status" className="audit-count">
        {filtered ? t('trail.showing', { shown: shown.length, count: trail.events.length }) : t('trail.eventCount', { count: trail.events.length })}
      </p>
      {shown.length > 0 ? (
        <ol className="audit-timeline">
          {shown.map((event) => (
            <TrailEventItem key={event.id} event={event} trailKind={kind} trailId={trail.id} erased={erased} expanded={expanded} onCorrelation={showCorrelation} />
          ))}
        </ol>
      ) : (
        <p>{t('trail.noneMatch')}</p>
      )}
    </>
  );
}
