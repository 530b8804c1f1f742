import { FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { fieldErrors } from '../app/api';
import { BusyButton, Loading, Page, ProblemAlert } from '../app/ui';
import { useMoreRows, usePagedList } from '../app/use-paged-list';
import type { AuditEvent } from './audit.types';
import { actorWords, eventTypeWords } from './event-words';
import { Instant, shortId } from './format';
import { explanationPath, subjectOfStream, trailPath } from './subjects';
import { TextField } from './TextField';

const PAGE_SIZE = 50;

/** `/audit/events`: the global log in order, a page at a time, from the start or after a position. */
export function EventLogPage() {
  const { t, i18n } = useTranslation('audit');
  const [params, setParams] = useSearchParams();
  const after = params.get('after') ?? '';
  const [from, setFrom] = useState(after);
  const log = usePagedList<AuditEvent>('/audit/events', { after: after || undefined }, PAGE_SIZE, 'after');
  const more = useMoreRows(log);
  const { items: events, loading, error } = log;

  useEffect(() => setFrom(after), [after]);

  function submit(event: FormEvent) {
    event.preventDefault();
    setParams(from.trim() ? { after: from.trim() } : {});
  }

  const afterErrors = fieldErrors(error, i18n.language).after;
  return (
    <Page title={t('log.title')}>
      <p className="audit-intro">{t('log.intro')}</p>
      <form onSubmit={submit} noValidate className="audit-log-form">
        <TextField id="audit-log-after" inputMode="numeric" label={t('log.after')} hint={t('log.afterHint')} value={from} onChange={setFrom} messages={afterErrors} />
        <button type="submit">{t('log.go')}</button>
      </form>
      {error && !afterErrors ? <ProblemAlert error={error} onRetry={log.reload} /> : null}
      <p role="status" className="audit-count">
        {loading ? t('common:loading') : error && events.length === 0 ? '' : t('log.shown', { count: events.length })}
      </p>
      {events.length > 0 ? (
        <table className="table audit-log">
          <caption className="audit-caption">{t('log.caption')}</caption>
          <thead>
            <tr>
              <th scope="col" className="number">
                {t('log.position')}
              </th>
              <th scope="col">{t('log.time')}</th>
              <th scope="col">{t('log.event')}</th>
              <th scope="col">{t('log.subject')}</th>
              <th scope="col">{t('log.actor')}</th>
              <th scope="col">{t('log.command')}</th>
            </tr>
          </thead>
          <tbody ref={more.rows}>
            {events.map((event) => (
              <LogRow key={event.id} event={event} />
            ))}
          </tbody>
        </table>
      ) : loading ? (
        <Loading />
      ) : error ? null : (
        <p>{t('log.empty')}</p>
      )}
      {log.more ? (
        <div className="form-actions">
          <BusyButton onClick={more.loadMore} busy={loading}>
            {t('common:more')}
          </BusyButton>
        </div>
      ) : events.length > 0 && !loading ? (
        <p className="muted">{t('log.end')}</p>
      ) : null}
    </Page>
  );
}

function LogRow({ event }: { event: AuditEvent }) {
  const { t } = useTranslation('audit');
  const subject = subjectOfStream(event.streamId);
  return (
    <tr>
      <td className="number">{event.position}</td>
      <td>
        <Instant iso={event.metadata.occurredAt} />
      </td>
      <td>
        {subject?.kind === 'matches' && event.type === 'MatchProposed' ? (
          <Link to={explanationPath(subject.id)}>{eventTypeWords(t, event.type)}</Link>
        ) : (
          eventTypeWords(t, event.type)
        )}
      </td>
      <td>
        {subject ? (
          <Link to={trailPath(subject.kind, subject.id)} title={event.streamId}>
            {t(`kindsSingular.${subject.kind}`)} <code>{shortId(subject.id)}</code>
          </Link>
        ) : (
          <code>{event.streamId}</code>
        )}
      </td>
      <td>{actorWords(t, event)}</td>
      <td>
        <code>{event.metadata.command}</code>
      </td>
    </tr>
  );
}
