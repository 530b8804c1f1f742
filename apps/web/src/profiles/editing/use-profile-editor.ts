/**
 * Editing a subject's profile under optimistic concurrency: the form starts
 * from the version read (its ETag), a save sends only the changed sections
 * with `If-Match`. When someone else saved in between (412) nothing is lost:
 * the user's edits stay in the form, and "load the latest version" merges
 * them over it (mergeLatest) with the new ETag, ready to be saved again.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, FieldViolation } from '../../app/api';
import { useApi } from '../../app/session';
import { useFormViolations } from '../../app/use-form-violations';
import { changedSections, mergeLatest, sameValue } from '../model/form-values';
import type { SubjectRecord } from '../model/profile.types';

export interface EditorOptions<V extends SubjectRecord, F extends object> {
  /** `/newcomers/{id}` */
  readonly path: string;
  formOf(view: V): F;
  bodyOf(values: F): Record<string, unknown>;
  missing(values: F): FieldViolation[];
  violationOf(violation: FieldViolation, body: Record<string, unknown>): FieldViolation;
}

export type SaveOutcome<V> = { readonly kind: 'saved'; readonly view: V } | { readonly kind: 'unchanged' } | { readonly kind: 'failed' };

export interface Merge<F> {
  readonly revision: number;
  /** Fields both the user and someone else changed: the form shows the user's version. */
  readonly both: readonly (keyof F)[];
}

export interface ProfileEditor<V, F> {
  readonly view: V | undefined;
  readonly loadError: unknown;
  readonly values: F | undefined;
  setValues(change: (values: F) => F): void;
  /** The form differs from the version it was filled from (after a conflict: the latest, with the user's edits over it). */
  readonly dirty: boolean;
  /** The fields that differ from that version: the user's edits not saved yet. */
  readonly changed: readonly (keyof F)[];
  readonly saving: boolean;
  readonly violations: readonly FieldViolation[];
  readonly error: unknown;
  /** The save met a newer version (412): offer `loadLatest`. */
  readonly stale: boolean;
  /** The latest version was loaded over the user's edits. */
  readonly merged: Merge<F> | null;
  save(): Promise<SaveOutcome<V>>;
  loadLatest(): Promise<void>;
}

interface Loaded<V, F> {
  readonly view: V;
  readonly etag: string | null;
  /** The form as the loaded version fills it: what "changed" is measured against. */
  readonly base: F;
}

export function useProfileEditor<V extends SubjectRecord, F extends object>(options: EditorOptions<V, F>): ProfileEditor<V, F> {
  const { path, formOf, bodyOf, missing, violationOf } = options;
  const api = useApi();
  const [loaded, setLoaded] = useState<Loaded<V, F> | null>(null);
  const [values, setValuesState] = useState<F | undefined>(undefined);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  // The latest `missing`, which says what is missing in the page's language now.
  const missingNow = useRef(missing);
  missingNow.current = missing;
  const { violations, own, fromApi } = useFormViolations();
  const [error, setError] = useState<unknown>(null);
  const [stale, setStale] = useState(false);
  const [merged, setMerged] = useState<Merge<F> | null>(null);

  useEffect(() => {
    let current = true;
    api.get<V>(path).then(
      ({ body, etag }) => {
        if (!current) return;
        const base = formOf(body);
        setLoaded({ view: body, etag, base });
        setValuesState(base);
      },
      (failure: unknown) => current && setLoadError(failure),
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, path]);

  const setValues = useCallback((change: (values: F) => F) => setValuesState((previous) => (previous === undefined ? previous : change(previous))), []);

  async function save(): Promise<SaveOutcome<V>> {
    if (!loaded || values === undefined) return { kind: 'failed' };
    const absent = missing(values);
    setError(null);
    own(() => missingNow.current(values));
    if (absent.length > 0) return { kind: 'failed' };
    const body = bodyOf(values);
    const changes = changedSections(body, bodyOf(loaded.base));
    if (Object.keys(changes).length === 0) return { kind: 'unchanged' };
    setSaving(true);
    try {
      const { body: view } = await api.patch<V>(path, changes, { ifMatch: loaded.etag ?? `"${loaded.view.revision}"` });
      return { kind: 'saved', view };
    } catch (failure) {
      if (failure instanceof ApiError && failure.isConflict) setStale(true);
      if (failure instanceof ApiError && !failure.isConflict && failure.errors.length > 0) fromApi(failure.errors, (v) => violationOf(v, body));
      else setError(failure);
      return { kind: 'failed' };
    } finally {
      setSaving(false);
    }
  }

  async function loadLatest(): Promise<void> {
    if (!loaded || values === undefined) return;
    setSaving(true);
    try {
      const { body, etag } = await api.get<V>(path);
      const latest = formOf(body);
      const merge = mergeLatest(values, loaded.base, latest);
      setLoaded({ view: body, etag, base: latest });
      setValuesState(merge.form);
      setMerged({ revision: body.revision, both: merge.both });
      setStale(false);
      setError(null);
      // What the API said of the fields was said of an older version; the next save asks again.
      own(() => []);
    } catch (failure) {
      setError(failure);
    } finally {
      setSaving(false);
    }
  }

  const dirty = loaded !== null && values !== undefined && !sameValue(values, loaded.base);
  const changed = dirty ? (Object.keys(values) as (keyof F)[]).filter((key) => !sameValue(values[key], loaded.base[key])) : [];
  return { view: loaded?.view, loadError, values, setValues, dirty, changed, saving, violations, error, stale, merged, save, loadLatest };
}
