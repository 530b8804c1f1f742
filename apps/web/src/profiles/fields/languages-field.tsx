/** Languages with a level each (SPEC §3): one row per language, added and removed by buttons. */
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldMessages } from '../../app/ui';
import { LanguageRow, newLanguageRow } from '../model/form-values';
import { LANGUAGE_LEVELS, LanguageLevel } from '../model/profile.types';
import { useField, useFormId } from './form-context';
import { fieldId } from './form-errors';
import { SelectField } from './inputs';
import { ReferencePicker } from './reference-picker';

/** `onChange` is given a function of the rows as they are when it is applied (see FormChange). */
export function LanguagesField({ rows, onChange, hint }: { rows: readonly LanguageRow[]; onChange(update: (rows: readonly LanguageRow[]) => LanguageRow[]): void; hint?: string }) {
  const { t } = useTranslation('profiles');
  const form = useFormId();
  const section = useField('languages');
  const addButton = useRef<HTMLButtonElement>(null);
  const levels = LANGUAGE_LEVELS.map((level) => ({ value: level, label: t(`levels.${level}`) }));

  // By the row's key, not its position: a removal may be applied first.
  const update = (key: string, change: Partial<LanguageRow>) => onChange((current) => current.map((row) => (row.key === key ? { ...row, ...change } : row)));
  function add() {
    onChange((current) => [...current, newLanguageRow()]);
    // Focus follows the new row, once it is rendered.
    setTimeout(() => document.getElementById(fieldId(form, `languages[${rows.length}].code`))?.focus());
  }
  function remove(key: string) {
    onChange((current) => current.filter((row) => row.key !== key));
    addButton.current?.focus();
  }

  return (
    <fieldset className="profiles-languages" id={section.id} tabIndex={-1} aria-describedby={section.messages.length > 0 ? section.errorId : undefined}>
      <legend>{t('fields.languages')}</legend>
      {hint ? <p className="field-hint">{hint}</p> : null}
      <FieldMessages id={section.errorId} messages={section.messages} />
      <ol className="profiles-rows">
        {rows.map((row, index) => (
          <LanguageRowFields key={row.key} index={index} row={row} levels={levels} onChange={(change) => update(row.key, change)} onRemove={rows.length > 1 ? () => remove(row.key) : undefined} />
        ))}
      </ol>
      <button type="button" ref={addButton} onClick={add}>
        {t('languagesField.add')}
      </button>
    </fieldset>
  );
}

function LanguageRowFields({ index, row, levels, onChange, onRemove }: {
  index: number;
  row: LanguageRow;
  levels: { value: string; label: string }[];
  onChange(change: Partial<LanguageRow>): void;
  onRemove?: () => void;
}) {
  const { t } = useTranslation('profiles');
  const item = useField(`languages[${index}]`);
  const number = index + 1;
  return (
    <li className="profiles-row">
      <ReferencePicker
        kind="languages"
        path={`languages[${index}].code`}
        label={<>{t('languagesField.language')}<span className="visually-hidden"> {number}</span></>}
        value={row.code}
        onChange={(code) => onChange({ code })}
        className="profiles-row-grow"
      />
      <SelectField
        path={`languages[${index}].level`}
        label={<>{t('languagesField.level')}<span className="visually-hidden"> {t('languagesField.ofLanguage', { number })}</span></>}
        value={row.level}
        placeholder={t('form.choose')}
        choices={levels}
        onChange={(level) => onChange({ level: level as LanguageLevel | '' })}
      />
      {onRemove ? (
        <button type="button" className="profiles-row-remove" onClick={onRemove}>
          {t('languagesField.remove')}
          <span className="visually-hidden"> {t('languagesField.language')} {number}</span>
        </button>
      ) : null}
      <FieldMessages id={item.errorId} messages={item.messages} />
    </li>
  );
}
