/**
 * What the registration form says about an attempt whose answer was lost:
 * that it may have registered the person, and once it is known that it did,
 * where that record is (the form's later corrections are not in it, which
 * the notice says: following its link is not asked about again, `onLeave`).
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { followedInTab } from '../../app/unsaved-changes';
import type { EarlierAttempt } from './use-registration';

export function EarlierAttemptNotice({ earlier, listPath, onLeave }: { earlier: EarlierAttempt | null; listPath: string; onLeave(): void }) {
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
      <Link to={earlier.id ? `${listPath}/${earlier.id}` : listPath} onClick={(event) => followedInTab(event) && onLeave()}>
        {earlier.id ? t('register.open') : t('register.findInList')}
      </Link>
    </div>
  );
}
