/**
 * A problem the person at the command line can fix (a file that exists
 * already, a folder that does not): printed as its message alone, one line
 * on stderr, exit code 1, never as a stack trace.
 */
export class CliError extends Error {
  override readonly name = 'CliError';
}
