import { FieldMessages } from '../app/ui';

interface TextFieldProps {
  /** The input's id; its hint and messages are `${id}-hint` and `${id}-error`. */
  readonly id: string;
  readonly label: string;
  readonly hint: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** What the API (or the page) said about the value, shown beside the field. */
  readonly messages: readonly string[] | undefined;
  readonly name?: string;
  readonly className?: string;
  readonly inputMode?: 'numeric';
  readonly required?: boolean;
  /** Ids, positions and digests: no autocomplete, no spell check. */
  readonly verbatim?: boolean;
}

/** One labelled text input of an audit form, with its hint and its messages tied to it for screen readers. */
export function TextField({ id, label, hint, value, onChange, messages, name, className, inputMode, required, verbatim = false }: TextFieldProps) {
  const invalid = messages !== undefined && messages.length > 0;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <span className="field-hint" id={`${id}-hint`}>
        {hint}
      </span>
      <input
        id={id}
        name={name}
        className={className}
        inputMode={inputMode}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={invalid ? `${id}-hint ${id}-error` : `${id}-hint`}
        autoComplete={verbatim ? 'off' : undefined}
        spellCheck={verbatim ? false : undefined}
        required={required}
      />
      <FieldMessages id={`${id}-error`} messages={messages} />
    </div>
  );
}
