import { Queue } from 'bullmq';
import { EventStore, RecordedEvent } from '@sleutel/event-store';
import { auditLog, LogAudit } from './matcher-log-audit';

export interface QuietOptions {
  /** How long the queue must be idle and the log unchanged. */
  readonly quietForMs: number;
  readonly timeoutMs: number;
  /** Queue idle and log unchanged this long with newcomers still unanswered: stuck, nothing is left to happen. */
  readonly stuckAfterMs: number;
  /** Further work that must be done before the system counts as quiet, e.g. cohort runs still running; '' when none. */
  readonly alsoBusy?: () => Promise<string>;
  /** The log to audit; default the store's as stored (a log with sealed personal data needs opening first, see opened-log.ts). */
  readonly readLog?: () => Promise<readonly RecordedEvent[]>;
  /** Newcomers allowed to wait without a proposal or reason (in cohort mode, those nobody asked for yet). */
  readonly mayWait?: (newcomerId: string) => boolean;
}

/**
 * Waits until the matcher has nothing left to do — no job waiting, running or
 * retrying, the log unchanged for a while, and every newcomer answered — and
 * returns the audit of the log then. In between, a worker may be between its
 * steps, which the invariant checks would flag. Without an inspector (an
 * in-process queue, nothing to look into from outside) the log alone decides.
 */
export async function waitForQuiet(store: EventStore, inspector: Queue | null, options: QuietOptions): Promise<{ quiet: boolean; reason: string; audit: LogAudit }> {
  const deadline = Date.now() + options.timeoutMs;
  let head: number | null = null;
  let unchangedSince = Date.now();
  let reason = 'not checked yet';
  const readLog = options.readLog ?? (() => store.readAll());
  for (;;) {
    const busy = (inspector ? await busyJobs(inspector) : '') || (await options.alsoBusy?.()) || '';
    const nextHead = await store.headPosition();
    if (nextHead !== head) {
      head = nextHead;
      unchangedSince = Date.now();
    }
    if (busy !== '') reason = `still to do: ${busy}`;
    else if (Date.now() - unchangedSince < options.quietForMs) reason = `log still growing (head ${head})`;
    else {
      const audit = auditLog(await readLog());
      const waiting = unexpectedlyUncovered(audit, options.mayWait).length + audit.violations.danglingNewcomerReservations.length;
      if (waiting === 0) return { quiet: true, reason: 'quiet', audit };
      reason = `queue idle and log unchanged for ${Date.now() - unchangedSince} ms, but ${audit.violations.uncovered.length} newcomers unanswered and ${audit.violations.danglingNewcomerReservations.length} reservations without a proposal`;
      if (Date.now() - unchangedSince > options.stuckAfterMs) return { quiet: false, reason: `stuck: ${reason}`, audit };
    }
    if (Date.now() > deadline) return { quiet: false, reason, audit: auditLog(await readLog()) };
    await sleep(250);
  }
}

/** '' when no job waits, runs or waits for a retry (scheduled sweeps aside). */
export async function busyJobs(inspector: Queue): Promise<string> {
  const counts = await inspector.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'waiting-children');
  const retrying = counts.delayed > 0 ? (await inspector.getDelayed()).filter((job) => job.name !== 'expiry-sweep').length : 0;
  const busy = counts.waiting + counts.prioritized + counts.active + counts['waiting-children'] + retrying;
  return busy === 0 ? '' : `${counts.waiting + counts.prioritized} waiting, ${counts.active} active, ${retrying} retrying`;
}

/** '' when there is nothing to report, else a count and the first offenders, one a line. */
export function list(items: readonly string[], what: string): string {
  if (items.length === 0) return '';
  const shown = items.slice(0, 20);
  return `${items.length} ${what}:\n  ${shown.join('\n  ')}${items.length > shown.length ? `\n  … and ${items.length - shown.length} more` : ''}`;
}

/** Uncovered newcomers (neither a proposal nor a reason) other than those allowed to wait. */
function unexpectedlyUncovered(audit: LogAudit, mayWait?: (newcomerId: string) => boolean): string[] {
  return audit.violations.uncovered.filter((line) => mayWait === undefined || !mayWait(/newcomer (\S+)/.exec(line)?.[1] ?? ''));
}

/** Every SPEC §4 invariant the audit checks, as one report: '' when all hold. */
export function invariantViolations(audit: LogAudit, mayWait?: (newcomerId: string) => boolean): string {
  const { violations } = audit;
  return [
    list(audit.corruptStreams, 'streams the domain refuses to fold'),
    list(violations.capacity, 'key persons over capacity (reservations)'),
    list(violations.openMatchesPerKeyPerson, 'key persons with more open matches than capacity'),
    list(violations.openMatchesPerNewcomer, 'newcomers with two open matches'),
    list(violations.newcomerDisagrees, 'newcomers whose openMatch disagrees with the match streams'),
    list(unexpectedlyUncovered(audit, mayWait), 'newcomers without a proposal or a recorded reason'),
    list(violations.duplicateProposals, 'matches proposed twice'),
    list(violations.duplicateEventIds, 'event ids appended twice'),
    list(violations.duplicatePairs, 'pairs proposed twice'),
    list(audit.unproposedMatchStreams, 'match streams without a proposal'),
    list(violations.danglingNewcomerReservations, 'newcomer reservations without a proposal'),
    list(violations.danglingCapacityReservations, 'key-person places held for no open match'),
    list(violations.openMatchWithoutCapacity, 'open matches holding no place'),
  ].filter((report) => report !== '').join('\n');
}

export function* range(from: number, to: number): Generator<number> {
  for (let index = from; index < to; index++) yield index;
}

export async function forEachBounded<T>(items: Iterable<T>, limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const iterator = items[Symbol.iterator]();
  const worker = async (): Promise<void> => {
    for (let next = iterator.next(); !next.done; next = iterator.next()) await work(next.value);
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
