import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { TrailEvent } from './audit.types';
import { DataView, PERSONAL_FIELD } from './DataView';
import { actorWords, eventTypeWords, relationReason, sourceWords } from './event-words';
import { Instant, shortId } from './format';
import { explanationPath, StateKind, statePath, subjectOfStream, TrailKind } from './subjects';

export interface TrailEventItemProps {
  readonly event: TrailEvent;
  readonly trailKind: TrailKind;
  readonly trailId: string;
  /** Ids of subjects whose erasure is in the trail: their sealed data can no longer be read. */
  readonly erased: ReadonlySet<string>;
  /** Remounts the collapsible parts open or closed when the user expands or collapses all. */
  readonly expanded: boolean;
  onCorrelation(correlationId: string): void;
}

/** One event of a trail: when, what, who, why it is here, its ids and its data. */
export function TrailEventItem({ event, trailKind, trailId, erased, expanded, onCorrelation }: TrailEventItemProps) {
  const { t } = useTranslation('audit');
  const { metadata } = event;
  const stream = subjectOfStream(event.streamId);
  const reason = relationReason(event, trailKind);
  const subjectErased = metadata.subject !== undefined && erased.has(metadata.subject.id);
  const hasPersonal = PERSONAL_FIELD in event.data;
  const headingId = `audit-event-${event.position}`;
  const matchId = stream?.kind === 'matches' ? stream.id : null;

  return (
    <li className={`audit-event audit-relation-${reason}`}>
      <div className="audit-event-marker" aria-hidden="true" />
      <div className="audit-event-body">
        <div className="audit-event-head">
          <h3 id={headingId}>
            <span className="audit-event-kind">{stream ? t(`kindsSingular.${stream.kind}`) : t('kindsSingular.other')}</span>{' '}
            {eventTypeWords(t, event.type)}
          </h3>
          <span className={`audit-relation badge audit-relation-badge-${reason}`}>{t(`relation.${reason}`)}</span>
          {hasPersonal && subjectErased ? <span className="badge erased">{t('data.erasedBadge')}</span> : null}
        </div>
        <p className="audit-event-meta">
          <Instant iso={metadata.occurredAt} />
          <span aria-hidden="true"> · </span>
          <span className="audit-actor">{t('event.by', { actor: actorWords(t, event) })}</span>
          <span aria-hidden="true"> · </span>
          <span>{t('event.via', { source: sourceWords(t, metadata.source) })}</span>
          <span aria-hidden="true"> · </span>
          <span className="muted">
            {t('event.position', { position: event.position })} <code className="audit-type">{event.type}</code>
          </span>
        </p>

        <details className="audit-ids" key={`ids-${expanded}`} open={expanded}>
          <summary>
            <span className="audit-summary-label">{t('event.ids')}</span>{' '}
            <span className="audit-ids-compact">
              {t('event.command')} <code>{metadata.command}</code> · {t('event.correlation')} <code>{shortId(metadata.correlationId)}</code> ·{' '}
              {t('event.causation')} <code>{shortId(metadata.causationId)}</code>
            </span>
          </summary>
          <dl className="audit-id-list">
            <dt>{t('event.eventId')}</dt>
            <dd>
              <code>{event.id}</code>
            </dd>
            <dt>{t('event.stream')}</dt>
            <dd>
              <code>{event.streamId}</code> {t('event.revision', { revision: event.revision })}, {t('event.schema', { version: event.schemaVersion })}
            </dd>
            <dt>{t('event.command')}</dt>
            <dd>
              <code>{metadata.command}</code>
            </dd>
            <dt>{t('event.correlation')}</dt>
            <dd>
              <code>{metadata.correlationId}</code>{' '}
              <button type="button" className="audit-link-button" onClick={() => onCorrelation(metadata.correlationId)}>
                {t('event.sameCorrelation')}
              </button>
            </dd>
            <dt>{t('event.causation')}</dt>
            <dd>
              <code>{metadata.causationId}</code>
            </dd>
            {metadata.idempotency ? (
              <>
                <dt>{t('event.idempotencyKey')}</dt>
                <dd>
                  <code>{metadata.idempotency.key}</code>
                </dd>
              </>
            ) : null}
            <dt>{t('event.hash')}</dt>
            <dd>
              <code className="audit-hash">{event.chain.hash}</code>
            </dd>
          </dl>
        </details>

        <details className="audit-event-data" key={`data-${expanded}`} open={expanded}>
          <summary>
            <span className="audit-summary-label">{t('event.data')}</span>
          </summary>
          <DataView data={event.data} personal={subjectErased ? 'erased' : 'sealed'} />
        </details>

        <EventLinks event={event} trailKind={trailKind} trailId={trailId} matchId={matchId} />
      </div>
    </li>
  );
}

/** Where to go from an event: the proposal's explanation, and the people as they were right after it. */
function EventLinks({ event, trailKind, trailId, matchId }: { event: TrailEvent; trailKind: TrailKind; trailId: string; matchId: string | null }) {
  const { t } = useTranslation('audit');
  const states: { kind: StateKind; id: string }[] = [];
  // A match's own event: the match as of it first (why it closed), then its two people.
  const ownMatch = subjectOfStream(event.streamId)?.kind === 'matches' ? subjectOfStream(event.streamId)!.id : null;
  if (ownMatch !== null) states.push({ kind: 'matches', id: ownMatch });
  if (trailKind !== 'matches') states.push({ kind: trailKind, id: trailId });
  else {
    const { newcomerId, keyPersonId } = event.data;
    if (typeof newcomerId === 'string') states.push({ kind: 'newcomers', id: newcomerId });
    if (typeof keyPersonId === 'string') states.push({ kind: 'key-persons', id: keyPersonId });
  }
  const explain = matchId !== null && (event.type === 'MatchProposed' || trailKind !== 'matches');
  if (states.length === 0 && !explain && (matchId === null || trailKind === 'matches')) return null;
  return (
    <ul className="audit-event-links">
      {explain ? (
        <li>
          <Link to={explanationPath(matchId!)}>{t('event.explanation')}</Link>
        </li>
      ) : null}
      {matchId !== null && trailKind !== 'matches' ? (
        <li>
          <Link to={`/audit/trails/matches/${matchId}`}>{t('event.matchTrail')}</Link>
        </li>
      ) : null}
      {states.map((state) => (
        <li key={state.kind}>
          <Link to={statePath(state.kind, state.id, event.position)}>{t(`event.stateAsOf.${state.kind}`)}</Link>
        </li>
      ))}
    </ul>
  );
}
