/**
 * A cursor-paginated list (`{items, nextCursor}`), restarted when its query
 * changes, grown by "load more". Each answer belongs to the query it was
 * asked under: one that arrives after the query changed (or the list was
 * reloaded) is dropped, so a slow next page never lands in another list.
 */
import { RefObject, useCallback, useEffect, useRef, useState } from 'react';
import type { Query } from './api';
import { useAfterSignIn, useApi } from './session';
import { isRefusedToken } from './ui';

interface CursorPage<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

export interface PagedList<T> {
  readonly items: readonly T[];
  readonly loading: boolean;
  readonly error: unknown;
  readonly more: boolean;
  loadMore(): void;
  reload(): void;
}

/** `cursorParam`: the query parameter that takes `nextCursor` (`after` for the audit log). */
export function usePagedList<T>(path: string, query: Query, pageSize = 25, cursorParam = 'cursor'): PagedList<T> {
  const api = useApi();
  const [items, setItems] = useState<readonly T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  // Counts the lists asked for; an answer to an earlier one is stale.
  const asked = useRef(0);
  const signature = JSON.stringify(query);

  const fetchPage = useCallback(
    (after: string | null) => api.get<CursorPage<T>>(path, after === null ? { ...query, limit: pageSize } : { ...query, limit: pageSize, [cursorParam]: after }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, path, signature, pageSize, cursorParam],
  );

  useEffect(() => {
    const list = ++asked.current;
    setLoading(true);
    setError(null);
    fetchPage(null).then(
      ({ body }) => {
        if (list !== asked.current) return;
        setItems(body.items);
        setCursor(body.nextCursor);
        setLoading(false);
      },
      (failure: unknown) => {
        if (list !== asked.current) return;
        setItems([]);
        setCursor(null);
        setError(failure);
        setLoading(false);
      },
    );
    return () => {
      asked.current += 1;
    };
  }, [fetchPage, generation]);

  function loadMore() {
    if (!cursor) return;
    const list = asked.current;
    setLoading(true);
    setError(null);
    fetchPage(cursor).then(
      ({ body }) => {
        if (list !== asked.current) return;
        setItems((previous) => [...previous, ...body.items]);
        setCursor(body.nextCursor);
        setLoading(false);
      },
      (failure: unknown) => {
        if (list !== asked.current) return;
        setError(failure);
        setLoading(false);
      },
    );
  }

  // Refused because the session had expired: asked again once the user has signed in again.
  useAfterSignIn(() => {
    if (isRefusedToken(error)) setGeneration((g) => g + 1);
  });
  return { items, loading, error, more: cursor !== null, loadMore, reload: () => setGeneration((g) => g + 1) };
}

/**
 * "More" for a list shown as table rows: once the next page is shown, the
 * focus goes to the first row it added (its first link or button, else the
 * row), where the user reads on. Left on the button, it would be dropped to
 * the page when the last page takes the button away, and a keyboard user
 * would start again from the top. Put `rows` on the `<tbody>`.
 */
export function useMoreRows<T>(list: PagedList<T>): { rows: RefObject<HTMLTableSectionElement | null>; loadMore(): void } {
  const rows = useRef<HTMLTableSectionElement | null>(null);
  /** How many rows there were when "more" was pressed; null when it was not. */
  const from = useRef<number | null>(null);
  const { loading, items } = list;
  useEffect(() => {
    if (from.current === null || loading) return;
    const start = from.current;
    from.current = null;
    // Nothing added (the page failed): the button, with the error beside it, keeps the focus.
    const row = rows.current?.children[start];
    if (items.length <= start || !(row instanceof HTMLElement)) return;
    const target = row.querySelector<HTMLElement>('a[href], button, input, select, textarea');
    if (target) target.focus();
    else {
      row.tabIndex = -1;
      row.focus();
    }
  }, [loading, items]);
  const loadMore = () => {
    if (loading) return;
    from.current = items.length;
    list.loadMore();
  };
  return { rows, loadMore };
}
