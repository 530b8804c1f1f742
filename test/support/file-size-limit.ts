import { execFileSync } from 'node:child_process';

/**
 * Sets the soft limit on the size of files a running process may write
 * (RLIMIT_FSIZE, util-linux's `prlimit`; no privilege needed to lower it, or
 * to raise it back up to the hard limit): from then on a write past `bytes`
 * in any file fails with EFBIG, which SQLite reports as SQLITE_IOERR_WRITE,
 * as it would a disk without space for that write (SQLITE_FULL). Node ignores
 * SIGXFSZ, so the process lives on and sees the error. `unlimited` lifts it.
 */
export function limitFileSize(pid: number, bytes: number | 'unlimited'): void {
  execFileSync('prlimit', ['--pid', String(pid), `--fsize=${bytes}:`]);
}
