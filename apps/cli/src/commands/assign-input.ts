/**
 * Reads an `assign --in` file and says exactly what is wrong with a bad one:
 * the file (missing, unreadable), the JSON (with line and column), or the
 * instance (every problem, by JSON path, from the solver's own validation —
 * so the CLI and the library can never disagree about what is valid).
 */
import { readFileSync } from 'node:fs';
import { AssignmentInstance, validateAssignmentInstance } from '@sleutel/matching';

/** A problem with the command's files: shown as its message alone, never as a stack trace. */
export class AssignFileError extends Error {
  override readonly name = 'AssignFileError';
}

/** Enough to see the pattern; a file with a million bad edges should not print a million lines. */
export const MAX_LISTED_PROBLEMS = 20;

export function readAssignInstance(path: string): AssignmentInstance {
  const parsed = parseJson(readText(path), path);
  const violations = validateAssignmentInstance(parsed);
  if (violations.length === 0) return parsed as AssignmentInstance;
  const listed = violations.slice(0, MAX_LISTED_PROBLEMS).map(({ message }) => `  - ${message}`);
  const more = violations.length > MAX_LISTED_PROBLEMS ? [`  … and ${violations.length - MAX_LISTED_PROBLEMS} more`] : [];
  const count = violations.length === 1 ? '1 problem' : `${violations.length} problems`;
  throw new AssignFileError([`${path} is not a valid assignment instance (${count}):`, ...listed, ...more].join('\n'));
}

function readText(path: string): string {
  try {
    // A byte-order mark is how some editors save UTF-8; JSON.parse would refuse it.
    return readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  } catch (error: unknown) {
    throw new AssignFileError(`cannot read ${path}: ${fileProblem(error)}`);
  }
}

function parseJson(text: string, path: string): unknown {
  if (text.trim() === '') throw new AssignFileError(`${path} is empty; expected a JSON object with newcomers, keyPersons and edges`);
  try {
    return JSON.parse(text);
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AssignFileError(`${path} is not valid JSON${lineAndColumn(text, reason)}: ${reason}`);
  }
}

/** V8 names a character offset ("at position 42"); people look for lines. */
function lineAndColumn(text: string, reason: string): string {
  const match = /at position (\d+)/.exec(reason);
  if (match === null) return '';
  const before = text.slice(0, Number(match[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return ` (line ${line}, column ${column})`;
}

export function fileProblem(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EISDIR':
      return 'it is a directory';
    case 'EEXIST':
      return 'it exists already';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
