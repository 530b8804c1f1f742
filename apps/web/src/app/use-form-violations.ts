import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldViolation } from './api';
import { localizedViolation } from './violation-text';

type Readdress = (violation: FieldViolation) => FieldViolation;
/** The form's own violations as the page says them now: asked again when the user switches language. */
type OwnViolations = () => readonly FieldViolation[];

/**
 * What a form shows beside its fields: its own violations (written in the
 * page's language, and written again when the user switches), or the API's,
 * shown in the page's language as far as `violation-text.ts` knows their
 * rules (and again in the other language when the user switches), each then
 * re-addressed to the form's own fields.
 */
export function useFormViolations(): {
  readonly violations: readonly FieldViolation[];
  own(violations: OwnViolations): void;
  fromApi(violations: readonly FieldViolation[], readdress: Readdress): void;
} {
  const { i18n } = useTranslation();
  const [state, setState] = useState<{ list: readonly FieldViolation[] | OwnViolations; readdress: Readdress | null }>({ list: [], readdress: null });
  const violations = useMemo(() => {
    const { list, readdress } = state;
    if (typeof list === 'function') return list();
    return readdress === null ? list : list.map((violation) => readdress(localizedViolation(violation, i18n.language)));
  }, [state, i18n.language]);
  return useMemo(() => ({
    violations,
    own: (list: OwnViolations) => setState({ list, readdress: null }),
    fromApi: (list: readonly FieldViolation[], readdress: Readdress) => setState({ list, readdress }),
  }), [violations]);
}
