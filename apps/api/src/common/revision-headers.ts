import { ProblemException } from './problem';

/** Strong ETag for a stream revision: `"3"`. */
export function etag(revision: number): string {
  return `"${revision}"`;
}

/**
 * The revision named by `If-Match` (`"3"`, `W/"3"` or `3`), or undefined when
 * the header is absent or `*` (RFC 9110: any current representation; a subject
 * that does not exist is a 404 first). A header that names no revision is a
 * 400: so are a quote on one side only (`"3`) and a leading zero (`"03"`,
 * which RFC 9110 does not equate with `"3"`; until 2026-12-02 both were taken
 * as revision 3). A weak tag is taken by the revision it names: RFC 9110 compares
 * If-Match strongly, but a proxy that compresses answers weakens the ETags it
 * passes on (nginx's gzip turns "3" into W/"3"), and the console sends back
 * the ETag as it received it; ours name revisions, so the value is what counts.
 */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  // A revision as we write it (no leading zero: "03" is another entity tag than "3"), quoted on both sides or neither.
  const match = /^\s*(?:W\/)?(?:"(0|[1-9]\d{0,14})"|(0|[1-9]\d{0,14}))\s*$/.exec(header);
  if (!match) {
    throw new ProblemException(400, 'REQUEST.INVALID_IF_MATCH', 'Bad Request', 'If-Match must be the ETag you read, e.g. "3".', [
      { field: 'If-Match', rule: 'etag', message: 'must be an ETag such as "3"' },
    ]);
  }
  return Number(match[1] ?? match[2]);
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
