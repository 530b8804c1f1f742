/**
 * A one-time announcement carried to a page by navigation state ("Newcomer
 * registered."), shown in a status region and then dropped from history, so a
 * reload does not announce it again.
 */
import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';

export interface NoticeState {
  readonly notice?: string;
}

export function useNotice(): [string | null, (notice: string | null) => void] {
  const location = useLocation();
  const navigate = useNavigate();
  const [notice, setNotice] = useState<string | null>(() => (location.state as NoticeState | null)?.notice ?? null);
  useEffect(() => {
    if ((location.state as NoticeState | null)?.notice) navigate(location.pathname + location.search, { replace: true, state: null });
  }, [location, navigate]);
  return [notice, setNotice];
}

/**
 * The status region is rendered empty first and filled a moment later: screen
 * readers announce changes to a live region, not one that arrives with its text.
 */
export function Notice({ text }: { text: string | null }) {
  const [shown, setShown] = useState<string | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setShown(text), 100);
    return () => clearTimeout(timer);
  }, [text]);
  return (
    <div role="status" className={shown ? 'alert alert-ok' : 'profiles-empty-status'}>
      {shown ? <p>{shown}</p> : null}
    </div>
  );
}
