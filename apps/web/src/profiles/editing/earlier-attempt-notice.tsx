/**
 * What the registration form says about an attempt whose answer was lost:
 * that it may have registered the person, and once it is known that it did,
 * where that record is (the form's later corrections are not in it).
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { EarlierAttempt } from './use-registration';

export function EarlierAttemptNotice({ earlier, listPath }: { earlier: EarlierAttempt | null; listPath: string }) {
  const { t } = useTranslation('profiles');
  const notice = useRef<HTMLDivElement>(null);
  const registered = earlier?.kind === 'registered';
  useEffect(() => {
    if (registered) notice.current?.focus();
  }, [registered, earlier]);
  if (!earlier) return null;
  if (earlier.kind === 'unanswered') {
    return (
      <div className="alert alert-warn" role="status">
        <p>{t('register.unanswered')}</p>
      </div>
    );
  }
  return (
    <div className="alert alert-warn" role="alert" ref={notice} tabIndex={-1}>
      <h2>{t('register.earlierTitle')}</h2>
      <p>{t('register.earlier')}</p>
      {earlier.id ? <Link to={`${listPath}/${earlier.id}`}>{t('register.open')}</Link> : <Link to={listPath}>{t('register.findInList')}</Link>}
    </div>
  );
}
