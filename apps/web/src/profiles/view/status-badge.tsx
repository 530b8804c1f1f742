import { useTranslation } from 'react-i18next';

/** A subject's status as a badge; the word carries the meaning, the colour only helps. */
export function StatusBadge({ status }: { status: string }) {
  const { t, i18n } = useTranslation('profiles');
  const key = `statuses.${status}`;
  return <span className={`badge ${status} profiles-status-${status}`}>{i18n.exists(`profiles:${key}`) ? t(key) : status}</span>;
}
