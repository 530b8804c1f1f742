import { useTranslation } from 'react-i18next';

/** A match's or run's status as a coloured label; the colour only repeats what the word says. */
export function StatusBadge({ status, kind = 'match' }: { status: string; kind?: 'match' | 'run' | 'stage' }) {
  const { t } = useTranslation('matching');
  return <span className={`badge ${status}`}>{t(`${kind === 'match' ? 'status' : kind === 'run' ? 'runStatus' : 'stage'}.${status}`, { defaultValue: status })}</span>;
}
