/** A cursor-paginated list (`{items, nextCursor}`), restarted when its query changes, grown by "load more". */
import { useCallback, useEffect, useState } from 'react';
import type { Query } from '../../app/api';
import { useApi } from '../../app/session';
import type { Page } from '../model/profile.types';

export interface PagedList<T> {
  readonly items: readonly T[];
  readonly loading: boolean;
  readonly error: unknown;
  readonly more: boolean;
  loadMore(): void;
  reload(): void;
}

export function usePagedList<T>(path: string, query: Query, pageSize = 25): PagedList<T> {
  const api = useApi();
  const [items, setItems] = useState<readonly T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const signature = JSON.stringify(query);

  const fetchPage = useCallback(
    (after: string | null) => api.get<Page<T>>(path, { ...query, limit: pageSize, cursor: after ?? undefined }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, path, signature, pageSize],
  );

  useEffect(() => {
    let current = true;
    setLoading(true);
    setError(null);
    fetchPage(null).then(
      ({ body }) => {
        if (!current) return;
        setItems(body.items);
        setCursor(body.nextCursor);
        setLoading(false);
      },
      (failure: unknown) => {
        if (!current) return;
        setItems([]);
        setCursor(null);
        setError(failure);
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [fetchPage, generation]);

  function loadMore() {
    if (!cursor) return;
    setLoading(true);
    fetchPage(cursor).then(
      ({ body }) => {
        setItems((previous) => [...previous, ...body.items]);
        setCursor(body.nextCursor);
        setLoading(false);
      },
      (failure: unknown) => {
        setError(failure);
        setLoading(false);
      },
    );
  }

  return { items, loading, error, more: cursor !== null, loadMore, reload: () => setGeneration((g) => g + 1) };
}
