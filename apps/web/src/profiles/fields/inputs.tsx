/** Labelled inputs wired to the API's messages for their path (see form-context). */
import { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldMessages } from '../../app/ui';
import { useField } from './form-context';

interface CommonProps {
  readonly path: string;
  readonly label: ReactNode;
  readonly hint?: ReactNode;
  /** Marks the label "(optional)"; every other field is required. */
  readonly optional?: boolean;
  /** Optional without saying so: filters, where nothing is ever required. */
  readonly unmarked?: boolean;
  readonly className?: string;
}

function Label({ htmlFor, label, optional }: { htmlFor: string; label: ReactNode; optional?: boolean }) {
  const { t } = useTranslation('profiles');
  return (
    <label htmlFor={htmlFor}>
      {label}
      {optional ? <span className="field-hint"> {t('form.optional')}</span> : null}
    </label>
  );
}

export function TextField({
  path, label, hint, optional, unmarked, className, value, onChange, type = 'text', inputMode, autoComplete = 'off', size,
}: CommonProps & {
  readonly value: string;
  onChange(value: string): void;
  readonly type?: 'text' | 'email' | 'tel' | 'date';
  readonly inputMode?: 'numeric' | 'decimal' | 'email' | 'tel';
  readonly autoComplete?: string;
  readonly size?: number;
}) {
  const field = useField(path);
  const hintId = hint ? `${field.id}-hint` : undefined;
  return (
    <div className={`field ${className ?? ''}`}>
      <Label htmlFor={field.id} label={label} optional={optional && !unmarked} />
      {hint ? <span className="field-hint" id={hintId}>{hint}</span> : null}
      <input
        {...field.inputProps(hintId)}
        name={path}
        type={type}
        inputMode={inputMode}
        autoComplete={autoComplete}
        size={size}
        value={value}
        required={!optional}
        onChange={(event) => onChange(event.target.value)}
      />
      <FieldMessages id={field.errorId} messages={field.messages} />
    </div>
  );
}

export function TextAreaField({ path, label, hint, optional, className, value, onChange, rows = 3 }: CommonProps & {
  readonly value: string;
  onChange(value: string): void;
  readonly rows?: number;
}) {
  const field = useField(path);
  const hintId = hint ? `${field.id}-hint` : undefined;
  return (
    <div className={`field ${className ?? ''}`}>
      <Label htmlFor={field.id} label={label} optional={optional} />
      {hint ? <span className="field-hint" id={hintId}>{hint}</span> : null}
      <textarea {...field.inputProps(hintId)} name={path} rows={rows} value={value} onChange={(event) => onChange(event.target.value)} />
      <FieldMessages id={field.errorId} messages={field.messages} />
    </div>
  );
}

export interface Choice {
  readonly value: string;
  readonly label: string;
}

export function SelectField({ path, label, hint, optional, unmarked, className, value, onChange, choices, placeholder }: CommonProps & {
  readonly value: string;
  onChange(value: string): void;
  readonly choices: readonly Choice[];
  /** The empty first option ("Choose…", "Not stated"). */
  readonly placeholder?: string;
}) {
  const field = useField(path);
  const hintId = hint ? `${field.id}-hint` : undefined;
  return (
    <div className={`field ${className ?? ''}`}>
      <Label htmlFor={field.id} label={label} optional={optional && !unmarked} />
      {hint ? <span className="field-hint" id={hintId}>{hint}</span> : null}
      <select {...field.inputProps(hintId)} name={path} value={value} required={!optional} onChange={(event) => onChange(event.target.value)}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
      <FieldMessages id={field.errorId} messages={field.messages} />
    </div>
  );
}

export function CheckboxField({ path, label, hint, checked, onChange, disabled }: Omit<CommonProps, 'optional'> & {
  readonly checked: boolean;
  onChange(checked: boolean): void;
  readonly disabled?: boolean;
}) {
  const field = useField(path);
  const hintId = hint ? `${field.id}-hint` : undefined;
  return (
    <div className="field profiles-check">
      <span className="profiles-check-line">
        <input {...field.inputProps(hintId)} name={path} type="checkbox" checked={checked} disabled={disabled} onChange={(event) => onChange(event.target.checked)} />
        <label htmlFor={field.id}>{label}</label>
      </span>
      {hint ? <span className="field-hint" id={hintId}>{hint}</span> : null}
      <FieldMessages id={field.errorId} messages={field.messages} />
    </div>
  );
}

/** A radio group is a fieldset: its legend names the question, each label an answer. */
export function RadioField({ path, label, hint, value, onChange, choices }: Omit<CommonProps, 'optional'> & {
  readonly value: string;
  onChange(value: string): void;
  readonly choices: readonly Choice[];
}) {
  const field = useField(path);
  const hintId = hint ? `${field.id}-hint` : undefined;
  const describedBy = [hintId, field.messages.length > 0 ? field.errorId : undefined].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset className="profiles-radios" id={field.id} tabIndex={-1} aria-describedby={describedBy}>
      <legend>{label}</legend>
      {hint ? <span className="field-hint" id={hintId}>{hint}</span> : null}
      <div className="profiles-radio-options">
        {choices.map((choice) => (
          <span key={choice.value} className="profiles-check-line">
            <input
              type="radio"
              id={`${field.id}-${choice.value}`}
              name={field.id}
              value={choice.value}
              checked={value === choice.value}
              aria-invalid={field.messages.length > 0 ? true : undefined}
              onChange={() => onChange(choice.value)}
            />
            <label htmlFor={`${field.id}-${choice.value}`}>{choice.label}</label>
          </span>
        ))}
      </div>
      <FieldMessages id={field.errorId} messages={field.messages} />
    </fieldset>
  );
}
