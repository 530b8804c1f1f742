import { createContext, ReactNode, useContext } from 'react';
import { fieldId, FormErrors } from './form-errors';

interface FormContextValue {
  /** Prefix of every input id in the form (`newcomer`, `key-person`). */
  readonly form: string;
  readonly errors: FormErrors;
}

const FormContext = createContext<FormContextValue>({ form: 'form', errors: FormErrors.none });

export function ProfileFormProvider({ form, errors, children }: FormContextValue & { children: ReactNode }) {
  return <FormContext.Provider value={{ form, errors }}>{children}</FormContext.Provider>;
}

export interface FieldWiring {
  readonly id: string;
  readonly errorId: string;
  readonly messages: string[];
  /** Props for the input: its id, aria-invalid, and aria-describedby naming the hint (if any) and the messages. */
  inputProps(hintId?: string): { id: string; 'aria-invalid': true | undefined; 'aria-describedby': string | undefined };
}

/**
 * The id and messages of the field at `path`. `within: true` also collects the
 * messages of everything inside it (a section that has no input per item).
 */
export function useField(path: string, options: { within?: boolean } = {}): FieldWiring {
  const { form, errors } = useContext(FormContext);
  const id = fieldId(form, path);
  const errorId = `${id}-error`;
  const messages = options.within ? errors.under(path) : errors.at(path);
  return {
    id,
    errorId,
    messages,
    inputProps: (hintId) => {
      const describedBy = [hintId, messages.length > 0 ? errorId : undefined].filter(Boolean).join(' ');
      return { id, 'aria-invalid': messages.length > 0 ? true : undefined, 'aria-describedby': describedBy || undefined };
    },
  };
}

export function useFormId(): string {
  return useContext(FormContext).form;
}
