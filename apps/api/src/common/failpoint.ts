/**
 * Test-only crash points for the fault tests (issue 7, test/faults). Off by
 * default: with `SLEUTEL_FAILPOINT` unset every point is a no-op.
 *
 * `SLEUTEL_FAILPOINT=<name>`, read once at start, makes the process kill
 * itself with SIGKILL when it reaches that point: no answer, no shutdown hooks,
 * nothing flushed, as a crash, an OOM kill or a lost machine would leave it.
 *
 * - `exit-after-register-append`: `POST /newcomers` or `POST /key-persons`,
 *   right after the registration was appended to the log and before the
 *   request is answered.
 */
export type FailpointName = 'exit-after-register-append';

const ARMED = process.env.SLEUTEL_FAILPOINT ?? '';

export function failpoint(name: FailpointName): void {
  if (ARMED !== name) return;
  // Synchronous on pipes and files, so the line is out before the signal lands.
  process.stderr.write(`failpoint ${name}: killing process ${process.pid}\n`);
  process.kill(process.pid, 'SIGKILL');
}
