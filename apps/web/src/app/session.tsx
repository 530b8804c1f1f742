import { createContext, ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { Api, ApiError, createApi } from './api';

export const ROLES = ['intake', 'coordinator', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** What the console knows of its user: read from the token's claims, verified by the API on every call, never here. */
export interface Session {
  readonly token: string;
  readonly subject: string;
  readonly roles: readonly Role[];
  /** CBS codes the token is limited to; null means every municipality. */
  readonly municipalities: readonly string[] | null;
  /** Seconds since the epoch. */
  readonly expiresAt: number | null;
}

const STORAGE_KEY = 'sleutel.token';

/** Reads a token's claims without verifying it (the API verifies); null when it is not a JWT naming roles. */
export function sessionFromToken(token: string): Session | null {
  const parts = token.trim().split('.');
  if (parts.length !== 3) return null;
  let claims: Record<string, unknown>;
  try {
    const json = atob(parts[1].replace(/-/g, '+').replace(/_/g, '/'));
    claims = JSON.parse(decodeURIComponent(Array.from(json, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join('')));
  } catch {
    return null;
  }
  const roles = Array.isArray(claims.roles) ? claims.roles.filter((role): role is Role => (ROLES as readonly unknown[]).includes(role)) : [];
  if (roles.length === 0 || typeof claims.sub !== 'string') return null;
  const municipalities = Array.isArray(claims.municipalities) ? claims.municipalities.filter((m): m is string => typeof m === 'string') : null;
  return {
    token: token.trim(),
    subject: claims.sub,
    roles,
    municipalities,
    expiresAt: typeof claims.exp === 'number' ? claims.exp : null,
  };
}

interface SessionContextValue {
  readonly session: Session | null;
  /** Present whenever `session` is. */
  readonly api: Api | null;
  /**
   * The API refused the session's token (it expired, or was revoked): the
   * pages stay as they are, with what the user typed, until the user signs in
   * again (`signIn`) or out.
   */
  readonly expired: boolean;
  /** Counts sign-ins: what the API refused before one (a page loaded while the session had expired) can be asked again. */
  readonly signIns: number;
  signIn(token: string): Session | null;
  signOut(): void;
  has(role: Role): boolean;
}

const SessionContext = createContext<SessionContextValue | null>(null);

function stored(): Session | null {
  const token = sessionStorage.getItem(STORAGE_KEY);
  const session = token ? sessionFromToken(token) : null;
  if (session?.expiresAt && session.expiresAt * 1000 <= Date.now()) return null;
  return session;
}

/**
 * The token lives in sessionStorage: it ends with the tab, and is never written
 * to a cookie or to disk by us. One API client serves the tab and reads the
 * current token at each call, so signing in again after the session expired
 * changes no page's client: nothing reloads and no form is reset.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(stored);
  const [expired, setExpired] = useState(false);
  const [signIns, setSignIns] = useState(0);
  const token = useRef(session?.token ?? '');
  const signOut = useCallback(() => {
    sessionStorage.removeItem(STORAGE_KEY);
    token.current = '';
    setExpired(false);
    setSession(null);
  }, []);
  const signIn = useCallback((raw: string) => {
    const next = sessionFromToken(raw);
    if (next) {
      sessionStorage.setItem(STORAGE_KEY, next.token);
      token.current = next.token;
      setExpired(false);
      setSignIns((count) => count + 1);
      setSession(next);
    }
    return next;
  }, []);
  // A refusal of a token already replaced says nothing about the current one.
  const api = useMemo(() => createApi(() => token.current, (refused) => refused !== '' && refused === token.current && setExpired(true)), []);
  const value = useMemo<SessionContextValue>(
    () => ({
      session,
      api: session ? api : null,
      expired,
      signIns,
      signIn,
      signOut,
      has: (role: Role) => session?.roles.includes(role) ?? false,
    }),
    [session, api, expired, signIns, signIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** Why a token cannot start a session; the message key is `login.<reason>`. */
export type TokenRefusal = 'invalid' | 'expired' | 'rejected';

/**
 * Reads `raw` and asks the server whether it takes it, with one cheap call
 * every role may make: the server, not the browser, decides. Any other
 * failure (the network, the server) is thrown.
 */
export async function checkToken(raw: string): Promise<Session | TokenRefusal> {
  const candidate = sessionFromToken(raw);
  if (!candidate) return 'invalid';
  if (candidate.expiresAt && candidate.expiresAt * 1000 <= Date.now()) return 'expired';
  try {
    await createApi(() => candidate.token, () => undefined).get('/reference/countries', { limit: 1 });
  } catch (failure) {
    if (failure instanceof ApiError && failure.status === 401) return 'rejected';
    throw failure;
  }
  return candidate;
}

/**
 * Calls `refused` after each sign-in that follows this hook's first render: a load the API refused with 401
 * (its session had expired) is then worth asking again. Outside a session provider, never.
 */
export function useAfterSignIn(refused: () => void): void {
  const signIns = useContext(SessionContext)?.signIns ?? 0;
  const first = useRef(signIns);
  const callback = useRef(refused);
  callback.current = refused;
  useEffect(() => {
    if (signIns !== first.current) callback.current();
  }, [signIns]);
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The API client of the signed-in user; pages behind the route guard always have one. */
export function useApi(): Api {
  const { api } = useSession();
  if (!api) throw new Error('useApi without a session');
  return api;
}
