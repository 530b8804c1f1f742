/**
 * The credentials of an `Authorization: Bearer <credentials>` header, or
 * undefined for none or another scheme. The scheme is matched in any case
 * (RFC 9110 §11.1: `bearer x` is the same header); the credentials are
 * whatever follows, for the caller to verify. The one reading of the header
 * for the API's guard, the rate limits, `/metrics` and the queue dashboard.
 */
export function bearerCredentials(header: string | undefined): string | undefined {
  return /^Bearer[ \t]+(\S+)$/i.exec(header ?? '')?.[1];
}
