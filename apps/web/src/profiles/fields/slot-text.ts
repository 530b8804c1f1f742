import { useTranslation } from 'react-i18next';
import type { Slot } from '../model/profile.types';

/** "Monday 09:00–12:00" in the console's language. */
export function useSlotText(): (slot: Slot) => string {
  const { t } = useTranslation('profiles');
  return (slot) => t('weekGrid.slot', { day: t(`days.${slot.day}`), start: slot.start, end: slot.end });
}
