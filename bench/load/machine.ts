/**
 * The machine under the bench: other people's test runs share its two
 * cores, so a figure means something only beside the load average it was
 * measured at. Runs wait (bounded) for a quiet moment before measuring.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';

export const QUIET_LOAD = 1.5;
const POLL_MS = 5_000;

/** Waits until the 1-minute load average is below `QUIET_LOAD` (at most `maxWaitMs`); returns it, and whether it was quiet. */
export async function waitForQuiet(maxWaitMs: number, say: (line: string) => void): Promise<{ load: number; quiet: boolean }> {
  const deadline = Date.now() + maxWaitMs;
  let announced = false;
  for (;;) {
    const load = loadavg()[0];
    if (load < QUIET_LOAD) return { load, quiet: true };
    if (Date.now() >= deadline) {
      say(`load average still ${load.toFixed(2)} after ${Math.round(maxWaitMs / 1000)} s: measuring anyway`);
      return { load, quiet: false };
    }
    if (!announced) say(`load average ${load.toFixed(2)} ≥ ${QUIET_LOAD}: waiting for a quiet moment`);
    announced = true;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

export function loadAverage(): number {
  return loadavg()[0];
}

/** Resident memory of a process in bytes (VmRSS), or NaN once it is gone. */
export function rssOf(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** CPU time a process has used so far, user and system, in ms (clock ticks of 10 ms), or NaN once it is gone. */
export function cpuMsOf(pid: number): number {
  try {
    // The fields after the command name, which may hold spaces, in brackets: utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}
