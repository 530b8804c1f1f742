import { ProblemException } from './problem';

/** Opaque cursors: base64url of the last registration position of a page. */
export function encodeCursor(position: number): string {
  return Buffer.from(`p${position}`).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  const match = /^p(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) {
    throw new ProblemException(400, 'REQUEST.INVALID', 'Bad Request', 'The cursor is not one this API gave out.', [
      { field: 'cursor', rule: 'cursor', message: 'must be a nextCursor value from a previous page' },
    ]);
  }
  return Number(match[1]);
}
