/** Weekly availability (SPEC §3): the week grid, times that do not fit it, and an optional date range. */
import { useTranslation } from 'react-i18next';
import { FieldMessages } from '../../app/ui';
import type { FormChange } from '../model/form-values';
import { onGrid, sortSlots } from '../model/week-slots';
import { Slot } from '../model/profile.types';
import { useField } from './form-context';
import { TextField } from './inputs';
import { WeekGrid } from './week-grid';
import { useSlotText } from './slot-text';

export interface AvailabilityValue {
  readonly slots: readonly Slot[];
  readonly from: string;
  readonly until: string;
}

export function AvailabilityField({ value, onChange, withDates = true }: {
  value: AvailabilityValue;
  onChange(change: FormChange<AvailabilityValue>): void;
  withDates?: boolean;
}) {
  const { t } = useTranslation('profiles');
  const slotText = useSlotText();
  const section = useField('availability');
  const slotsField = useField('availability.slots', { within: true });
  const legendId = `${section.id}-legend`;
  const hintId = `${slotsField.id}-hint`;
  const summaryId = `${slotsField.id}-summary`;
  const others = value.slots.filter((slot) => !onGrid(slot));
  const chosen = sortSlots(value.slots);
  const messages = [...section.messages, ...slotsField.messages];
  const describedBy = [hintId, messages.length > 0 ? slotsField.errorId : undefined].filter(Boolean).join(' ');

  return (
    <fieldset className="profiles-availability" id={section.id} tabIndex={-1}>
      <legend id={legendId}>{t('fields.availability')}</legend>
      <p className="field-hint" id={hintId}>
        {t('weekGrid.hint')}
      </p>
      <div className="profiles-week-scroll">
        <WeekGrid id={slotsField.id} slots={value.slots} onChange={(update) => onChange((previous) => ({ slots: update(previous.slots) }))} labelledBy={legendId} describedBy={describedBy} />
      </div>
      <FieldMessages id={slotsField.errorId} messages={messages} />
      <div className="profiles-week-summary">
        <p id={summaryId}>
          <strong>{t('weekGrid.chosen')}</strong> {chosen.length > 0 ? chosen.map(slotText).join('; ') : t('weekGrid.nothingChosen')}
        </p>
        {value.slots.length > 0 ? (
          <button type="button" onClick={() => onChange({ slots: [] })}>
            {t('weekGrid.clear')}
          </button>
        ) : null}
      </div>
      {others.length > 0 ? (
        <div className="profiles-week-others">
          <p className="field-hint">{t('weekGrid.others')}</p>
          <ul>
            {others.map((slot) => (
              <li key={`${slot.day}-${slot.start}-${slot.end}`}>
                {slotText(slot)}{' '}
                <button type="button" onClick={() => onChange((previous) => ({ slots: previous.slots.filter((other) => other !== slot) }))}>
                  {t('weekGrid.remove')}
                  <span className="visually-hidden"> {slotText(slot)}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {withDates ? (
        <div className="profiles-inline">
          <TextField path="availability.from" type="date" label={t('fields.from')} optional value={value.from} onChange={(from) => onChange({ from })} />
          <TextField path="availability.until" type="date" label={t('fields.until')} optional value={value.until} onChange={(until) => onChange({ until })} />
        </div>
      ) : null}
    </fieldset>
  );
}
