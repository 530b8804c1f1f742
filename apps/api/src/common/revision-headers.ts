import { ProblemException } from './problem';

/** Strong ETag for a stream revision: `"3"`. */
export function etag(revision: number): string {
  return `"${revision}"`;
}

/**
 * The revision named by `If-Match` (`"3"`, or `3`), or undefined when the
 * header is absent or `*` (RFC 9110: any current representation; a subject
 * that does not exist is a 404 first). A header that names no revision is a
 * 400, and so is a weak tag (`W/"3"`): If-Match compares strongly, so a weak
 * tag can never match, and our ETags are all strong.
 */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  if (/^\s*W\//.test(header)) {
    throw new ProblemException(400, 'REQUEST.INVALID_IF_MATCH', 'Bad Request', 'If-Match takes a strong ETag, e.g. "3", not a weak one (W/"3"): it is compared strongly (RFC 9110).', [
      { field: 'If-Match', rule: 'strong-etag', message: 'must be a strong ETag such as "3", not a weak one' },
    ]);
  }
  const match = /^\s*"?(\d{1,15})"?\s*$/.exec(header);
  if (!match) {
    throw new ProblemException(400, 'REQUEST.INVALID_IF_MATCH', 'Bad Request', 'If-Match must be the ETag you read, e.g. "3".', [
      { field: 'If-Match', rule: 'etag', message: 'must be an ETag such as "3"' },
    ]);
  }
  return Number(match[1]);
}

/**
 * PATCH must say which revision it changes (SPEC §9): 428 without. `*`
 * says so too: the caller means whatever revision is current, and gets
 * undefined (no revision to compare).
 */
export function requireIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) {
    throw new ProblemException(428, 'REQUEST.IF_MATCH_REQUIRED', 'Precondition Required', 'Send If-Match with the ETag you read, so a change never overwrites one you have not seen.', [
      { field: 'If-Match', rule: 'required', message: 'is required' },
    ]);
  }
  return parseIfMatch(header);
}
