/**
 * `audit replay | verify [--stream S] [--anchor P:DIGEST] | export --out FILE [--stream S] [--from T --to T]`
 * (SPEC §9): the auditor's operations on the configured store, with progress
 * on stderr and the result on stdout. Exits 1 when a check fails (a broken
 * chain, a hole in the positions, an anchor that does not match, a replay
 * digest that differs, a key-store tombstone without an erasure in the log),
 * so a scheduled run can alert.
 */
import { createWriteStream, existsSync, linkSync, mkdtempSync, renameSync, rmSync, WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Command, InvalidArgumentError } from 'commander';
import { exportLog, isStoredRowReader, parseAnchor, replayProjections, verifyHashChains } from '@sleutel/audit';
import { amsterdamMidnight, instantMillis, isCalendarDate } from '@sleutel/domain';
import { EventStore } from '@sleutel/event-store';
import { EventCodec } from '@sleutel/eventsourcing';
import { createEventStore, EVENT_CODEC, EVENT_STORE, KeyStoreTombstones, PlatformModule, READ_MODELS_FILE, ReadModelVersionError, ReadSide } from '@sleutel/platform';
import { CliError } from '../cli-error';
import { fileProblem } from './assign-input';
import { auditProgress } from './audit-progress';
import { configWithLog } from './config-with-log';

/** `audit replay`: the whole platform, for the codec and the live read models it compares with; never rebuilding those of another release. */
@Module({})
class AuditReplayModule {
  static beside(readModelsDir: string | undefined): DynamicModule {
    return { module: AuditReplayModule, imports: [PlatformModule.besideTheirOwner({ readModelsDir })] };
  }
}

export function auditCommand(): Command {
  return new Command('audit')
    .description('replay projections, verify the hash chains, export history')
    .addCommand(new Command('replay')
      .description('rebuild every projection from the log into fresh storage and compare digests with the live ones; check every key-store tombstone has its erasure in the log')
      .action(() => withPlatform(replay)))
    .addCommand(new Command('verify')
      .description('recompute the hash chain of every stream (or one) from the stored bytes, and the digest of the whole log')
      .option('--stream <stream>', 'only this stream, e.g. newcomer-<uuid>')
      .option('--anchor <position:digest>', 'a digest written down before (head.anchor of an earlier verify): check the log up to there is unchanged', parseAnchorArgument)
      .action((options: { stream?: string; anchor?: Anchor }) => withStore((store) => verify(store, options))))
    .addCommand(new Command('export')
      .description('write history as NDJSON, one event per line, in log order')
      .requiredOption('--out <file>', 'file to write')
      .option('--stream <stream>', 'only this stream')
      .option('--from <instant>', 'only events that occurred at or after this ISO 8601 instant; a date alone (2026-12-01) is the start of that day in Amsterdam', parseInstant)
      .option('--to <instant>', 'only events that occurred at or before this ISO 8601 instant; a date alone (2026-12-01) is the whole of that day in Amsterdam, up to the start of the next', parseUntil)
      .action((options: { out: string; stream?: string; from?: string; to?: Until }) => {
        refuseEmptyWindow(options.from, options.to);
        return withStore((store) => exportTo(store, options));
      }));
}

/**
 * `--from` after `--to` (most often the two swapped) selects nothing: say so,
 * rather than exit 0 with an empty export that reads as "nothing happened then".
 */
export function refuseEmptyWindow(from: string | undefined, until: Until | undefined): void {
  if (from === undefined || until === undefined) return;
  const empty = 'to' in until ? Date.parse(from) > Date.parse(until.to) : Date.parse(from) >= Date.parse(until.before);
  if (empty) throw new CliError(`audit export: --from ${from} is after --to (${'to' in until ? until.to : `before ${until.before}`}): no event can lie between them; nothing was exported`);
}

const INSTANT_PROBLEM = 'must be an ISO 8601 date or instant with a zone, e.g. 2026-12-01 or 2026-12-01T09:00:00Z';

/**
 * `--from`: an instant, or a date alone for the start of that day in
 * Amsterdam: an auditor at a Dutch municipality asking for 1 December means
 * the Dutch day, not the UTC one (which began at 01:00 there; found by a review).
 */
export function parseInstant(value: string): string {
  const millis = isCalendarDate(value) ? amsterdamMidnight(...calendarParts(value)) : instantMillis(value);
  if (Number.isNaN(millis)) throw new InvalidArgumentError(INSTANT_PROBLEM);
  return new Date(millis).toISOString();
}

/** Where `--to` ends the export: at an instant (inclusive), or for a date alone before the start of the next day in Amsterdam. */
export type Until = { readonly to: string } | { readonly before: string };

/** `--to`: an instant, inclusive; a date alone is the whole of that day in Amsterdam, so `--from D --to D` is the day D. */
export function parseUntil(value: string): Until {
  if (isCalendarDate(value)) {
    const [year, month, day] = calendarParts(value);
    const next = amsterdamMidnight(year, month, day + 1);
    if (Number.isNaN(next)) throw new InvalidArgumentError(INSTANT_PROBLEM);
    return { before: new Date(next).toISOString() };
  }
  const millis = instantMillis(value);
  if (Number.isNaN(millis)) throw new InvalidArgumentError(INSTANT_PROBLEM);
  return { to: new Date(millis).toISOString() };
}

/** The year, month and day of a date `YYYY-MM-DD` already checked by `isCalendarDate`. */
function calendarParts(date: string): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

type Anchor = NonNullable<ReturnType<typeof parseAnchor>>;

export function parseAnchorArgument(value: string): Anchor {
  const anchor = parseAnchor(value);
  if (anchor === null) throw new InvalidArgumentError('must be position:digest as an earlier verify printed it (head.anchor)');
  return anchor;
}

/**
 * `audit verify` and `audit export`: the log alone, as stored. Nothing else in
 * DATA_DIR is opened or made (read models, key store, master key, token secret).
 */
async function withStore(work: (store: EventStore) => Promise<boolean>): Promise<void> {
  const store = createEventStore(configWithLog('audit'));
  try {
    if (!(await work(store))) process.exitCode = 1;
  } finally {
    await store.close();
  }
}

/**
 * `audit replay`: the read models in DATA_DIR beside the process that owns
 * them. When DATA_DIR holds none (a folder of the auditor's own beside a
 * shared log), they are built for this replay in a folder of its own and
 * deleted with it: they hold people's municipalities and languages, and
 * read models left behind would keep those of anyone erased later.
 */
async function withPlatform(work: (store: EventStore, readSide: ReadSide, codec: EventCodec, tombstones: KeyStoreTombstones) => Promise<boolean>): Promise<void> {
  const config = configWithLog('audit');
  const scratch = existsSync(join(config.dataDir, READ_MODELS_FILE)) ? undefined : mkdtempSync(join(tmpdir(), 'sleutel-replay-'));
  try {
    // abortOnError false: a bad configuration is rethrown for the CLI to print, instead of a silent exit.
    const app = await NestFactory.createApplicationContext(AuditReplayModule.beside(scratch), { logger: false, abortOnError: false }).catch((error: unknown) => {
      throw error instanceof ReadModelVersionError ? new CliError(`audit replay: ${error.message}`) : error;
    });
    try {
      const passed = await work(app.get<EventStore>(EVENT_STORE), app.get(ReadSide), app.get<EventCodec>(EVENT_CODEC), app.get(KeyStoreTombstones));
      if (!passed) process.exitCode = 1;
    } finally {
      await app.close();
    }
    if (scratch !== undefined) {
      process.stderr.write(`audit replay: DATA_DIR ${config.dataDir} holds no read models, so this compared read models built now with a rebuild, then deleted them; give the DATA_DIR of an API to check the read models it serves\n`);
    }
  } finally {
    if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
  }
}

async function replay(store: EventStore, readSide: ReadSide, codec: EventCodec, keyStore: KeyStoreTombstones): Promise<boolean> {
  const progress = auditProgress('replay');
  const result = await replayProjections(store, readSide, { onProgress: (fraction) => progress.update(fraction), codec }).finally(() => progress.stop());
  const rate = result.seconds > 0 ? Math.round(result.events / result.seconds) : 0;
  process.stdout.write(`replay: ${result.events} events at position ${result.position ?? 0} in ${result.seconds.toFixed(1)} s (${rate} events/s)\n`);
  for (const projection of result.projections) {
    const difference = projection.firstDifference === null ? '' : ` first difference: ${projection.firstDifference.table} ${JSON.stringify(projection.firstDifference.key)} (${projection.firstDifference.reason})`;
    process.stdout.write(`${projection.equal ? 'equal  ' : 'DIFFERS'} ${projection.name} live ${projection.liveDigest} rebuilt ${projection.rebuiltDigest}${difference}\n`);
  }
  // The key store is part of what the API serves: a tombstone makes a person erased everywhere, so each must have its erasure in the log.
  const tombstones = await keyStore.check();
  process.stdout.write(`key store: ${tombstones.tombstones} tombstones, ${tombstones.withoutErasure} without an erasure in the log\n`);
  for (const { subjectType, subjectId, destroyedAt } of tombstones.subjects) {
    process.stdout.write(`NO ERASURE ${subjectType} ${subjectId} key destroyed at ${destroyedAt}\n`);
  }
  if (tombstones.withoutErasure > tombstones.subjects.length) process.stdout.write(`NO ERASURE and ${tombstones.withoutErasure - tombstones.subjects.length} more, not named\n`);
  return result.projections.every((projection) => projection.equal) && tombstones.withoutErasure === 0;
}

async function verify(store: EventStore, { stream: streamId, anchor }: { stream?: string; anchor?: Anchor }): Promise<boolean> {
  if (!isStoredRowReader(store)) throw new Error('The configured event store does not hand out its stored bytes; verify needs them');
  const head = (await store.headPosition()) ?? 0;
  const progress = auditProgress('verify');
  const result = await verifyHashChains(store, { streamId, anchor, onProgress: (position) => progress.update(head === 0 ? 1 : position / head) })
    .finally(() => progress.stop());
  if (streamId !== undefined && result.streams === 0) {
    // Most often a mistyped name: no events checked must not pass for an intact stream, not even in a file of
    // results that keeps stdout (a nightly file of anchors), so nothing is printed there.
    process.stderr.write(`The log holds no event of stream ${streamId}.\n`);
    return false;
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
  return result.intact;
}

async function exportTo(store: EventStore, options: { out: string; stream?: string; from?: string; to?: Until }): Promise<boolean> {
  if (options.stream !== undefined && (await store.readStream(options.stream, { maxCount: 1 })).length === 0) {
    // As verify: most often a mistyped name, which must not pass for a stream with no events in the window.
    // Checked before the file is opened, so none is made; nothing on stdout.
    process.stderr.write(`The log holds no event of stream ${options.stream}; nothing was exported.\n`);
    return false;
  }
  // Never over an existing file: an earlier export (or anything else) there is kept. Written under a name of its
  // own and linked to --out only once whole (a link, unlike a rename, never replaces what appeared there meanwhile),
  // so an export interrupted or failed halfway leaves no truncated file under the name asked for.
  const partial = `${options.out}.${process.pid}.partial`;
  if (existsSync(options.out)) throw cannotWrite(options.out, Object.assign(new Error('file exists'), { code: 'EEXIST' }));
  const file = createWriteStream(partial, { flags: 'wx' });
  await once(file, 'open').catch((error: unknown) => {
    throw cannotWrite(options.out, error);
  });
  const interrupted = (signal: NodeJS.Signals) => {
    rmSync(partial, { force: true });
    process.stderr.write(`\naudit export: interrupted by ${signal}; nothing was written to ${options.out}\n`);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  const progress = auditProgress('export');
  let count = 0;
  try {
    try {
      count = await exportLog(store, (line) => writeWithBackPressure(file, line), {
        streamId: options.stream, from: options.from, ...options.to, onProgress: (fraction) => progress.update(fraction),
      });
    } finally {
      progress.stop();
      file.end();
      await once(file, 'finish');
    }
    publish(partial, options.out);
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    rmSync(partial, { force: true });
  }
  process.stdout.write(`export: ${count} events to ${options.out}\n`);
  return true;
}

/**
 * The whole export under the name asked for: a hard link, which fails
 * rather than replace a file that appeared there meanwhile; on a file system
 * without hard links (FAT or exFAT, a USB stick) a rename, after the check.
 */
function publish(partial: string, out: string): void {
  try {
    linkSync(partial, out);
  } catch (error: unknown) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw cannotWrite(out, error);
    if (existsSync(out)) throw cannotWrite(out, Object.assign(new Error('file exists'), { code: 'EEXIST' }));
    try {
      renameSync(partial, out);
    } catch (renameError: unknown) {
      throw cannotWrite(out, renameError);
    }
  }
}

function cannotWrite(out: string, error: unknown): CliError {
  const exists = (error as NodeJS.ErrnoException).code === 'EEXIST' ? '; export never overwrites a file, name another with --out' : '';
  return new CliError(`audit export: cannot write ${out}: ${fileProblem(error)}${exists}`);
}

async function writeWithBackPressure(file: WriteStream, line: string): Promise<void> {
  if (!file.write(line)) await once(file, 'drain');
}
