/**
 * The console's one way to the API: JSON over `/api/v1` with the session's
 * bearer token. Every refusal arrives as RFC 9457 problem+json; it becomes an
 * ApiError whose `errors` name the fields, so a form can show each message
 * beside its field (see `fieldErrors`).
 */
import { localizedViolation } from './violation-text';

export const API_BASE = '/api/v1';

export interface FieldViolation {
  readonly field: string;
  readonly rule: string;
  readonly message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string | undefined,
    readonly errors: readonly FieldViolation[],
    readonly retryAfterSeconds: number | null,
    /** `Location` of the answer, e.g. the replay already running behind a 409. */
    readonly location: string | null = null,
  ) {
    super(detail ?? title);
    this.name = 'ApiError';
  }

  /** 412: someone changed the record since it was read. */
  get isConflict(): boolean {
    return this.status === 412;
  }
}

export interface ApiResponse<T> {
  readonly status: number;
  readonly body: T;
  /** The record's revision as an ETag (`"3"`), for the next `If-Match`. */
  readonly etag: string | null;
  readonly location: string | null;
}

export interface WriteOptions {
  /** Sent as `If-Match`: the ETag read before editing. */
  readonly ifMatch?: string;
  /** Sent as `Idempotency-Key`: a retry of the same form submission is answered once. */
  readonly idempotencyKey?: string;
  readonly contentType?: 'application/json' | 'application/merge-patch+json';
}

export type Query = Readonly<Record<string, string | number | boolean | undefined | null>>;

export interface Api {
  get<T>(path: string, query?: Query): Promise<ApiResponse<T>>;
  post<T>(path: string, body?: unknown, options?: WriteOptions): Promise<ApiResponse<T>>;
  put<T>(path: string, body: unknown, options?: WriteOptions): Promise<ApiResponse<T>>;
  patch<T>(path: string, body: unknown, options?: WriteOptions): Promise<ApiResponse<T>>;
}

/** `path` is relative to the API base (`/newcomers`), or absolute when it already starts with it (a `Location`). */
export function apiUrl(path: string, query?: Query): string {
  const base = path.startsWith(API_BASE) ? path : `${API_BASE}${path}`;
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  const search = params.toString();
  return search ? `${base}?${search}` : base;
}

/**
 * `token` is read at each call, so one client serves a session renewed in
 * place; `onUnauthorized` hears which token the API refused.
 */
export function createApi(token: () => string, onUnauthorized: (refused: string) => void): Api {
  async function send<T>(method: string, path: string, query: Query | undefined, body: unknown, options: WriteOptions = {}): Promise<ApiResponse<T>> {
    const bearer = token();
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', Authorization: `Bearer ${bearer}` };
    if (body !== undefined) headers['Content-Type'] = options.contentType ?? 'application/json';
    if (options.ifMatch) headers['If-Match'] = options.ifMatch;
    if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
    let response: Response;
    try {
      response = await fetch(apiUrl(path, query), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      throw new ApiError(0, 'NETWORK', 'Network error', 'The server could not be reached.', [], null);
    }
    const text = await response.text();
    const parsed: unknown = text ? safeJson(text) : undefined;
    if (!response.ok) {
      if (response.status === 401) onUnauthorized(bearer);
      throw problemOf(response, parsed);
    }
    return { status: response.status, body: parsed as T, etag: response.headers.get('ETag'), location: response.headers.get('Location') };
  }
  return {
    get: (path, query) => send('GET', path, query, undefined),
    post: (path, body, options) => send('POST', path, undefined, body, options),
    put: (path, body, options) => send('PUT', path, undefined, body, options),
    patch: (path, body, options) => send('PATCH', path, undefined, body, { contentType: 'application/merge-patch+json', ...options }),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function problemOf(response: Response, body: unknown): ApiError {
  const problem = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const errors = Array.isArray(problem.errors) ? (problem.errors as FieldViolation[]).filter((e) => typeof e?.field === 'string') : [];
  const retryAfter = Number(response.headers.get('Retry-After'));
  return new ApiError(
    response.status,
    typeof problem.code === 'string' ? problem.code : `HTTP.${response.status}`,
    typeof problem.title === 'string' ? problem.title : response.statusText,
    typeof problem.detail === 'string' ? problem.detail : undefined,
    errors,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
    response.headers.get('Location'),
  );
}

/**
 * The messages of a problem by field, for showing beside the fields. A nested
 * field keeps its full path (`languages[0].code`); `prefix` also files it under
 * the enclosing section (`languages`) so a section can show what its rows broke.
 * With `language`, each message reads as a page in that language shows it (violation-text.ts).
 */
export function fieldErrors(error: unknown, language?: string): Record<string, string[]> {
  const byField: Record<string, string[]> = {};
  if (!(error instanceof ApiError)) return byField;
  for (const violation of error.errors) {
    const paths = new Set([violation.field, violation.field.split(/[.[]/)[0]]);
    const message = language === undefined ? violation.message : localizedViolation(violation, language).message;
    for (const path of paths) (byField[path] ??= []).push(message);
  }
  return byField;
}

/**
 * A 409: the record is no longer in the state the page showed (someone else
 * withdrew, retired or paused it first). The page should read it again
 * rather than go on offering what the API just refused.
 */
export const isStale = (error: unknown): boolean => error instanceof ApiError && error.status === 409;

/** A fresh key for one form submission (kept while the user retries the same submission). */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
