import { createContext, ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { Api, createApi } from './api';

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

/** The token lives in sessionStorage: it ends with the tab, and is never written to a cookie or to disk by us. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(stored);
  const signOut = useCallback(() => {
    sessionStorage.removeItem(STORAGE_KEY);
    setSession(null);
  }, []);
  const signIn = useCallback((token: string) => {
    const next = sessionFromToken(token);
    if (next) {
      sessionStorage.setItem(STORAGE_KEY, next.token);
      setSession(next);
    }
    return next;
  }, []);
  const value = useMemo<SessionContextValue>(
    () => ({
      session,
      api: session ? createApi(session.token, signOut) : null,
      signIn,
      signOut,
      has: (role: Role) => session?.roles.includes(role) ?? false,
    }),
    [session, signIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
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
