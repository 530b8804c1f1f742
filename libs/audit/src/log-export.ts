import { EventStore, RecordedEvent } from '@sleutel/event-store';
import { toAuditEvent } from './audit-event';

export interface ExportOptions {
  /** Only this stream. */
  readonly streamId?: string;
  /** Only events that occurred at or after this instant (ISO 8601). */
  readonly from?: string;
  /** Only events that occurred at or before this instant (ISO 8601). */
  readonly to?: string;
  /** Only events that occurred strictly before this instant (ISO 8601): the end of a day, as the start of the next. */
  readonly before?: string;
  readonly pageSize?: number;
  /** Told after each page how far through the log the export is (0..1). */
  readonly onProgress?: (progress: number) => void;
}

/**
 * History as NDJSON (SPEC §6): one event per line, in log order, as an
 * auditor reads it from `/audit/events` (stored version and data, full
 * metadata, chain link). `data` and `metadata` re-serialise to the very
 * strings that were hashed, so the chain can be checked from the file alone.
 * `write` may return a promise, to apply the file's back-pressure.
 */
export async function exportLog(store: EventStore, write: (line: string) => void | Promise<void>, options: ExportOptions = {}): Promise<number> {
  const from = options.from === undefined ? -Infinity : Date.parse(options.from);
  const to = options.to === undefined ? Infinity : Date.parse(options.to);
  const before = options.before === undefined ? Infinity : Date.parse(options.before);
  const within = (event: RecordedEvent) => {
    const at = Date.parse(event.metadata.occurredAt);
    return at >= from && at <= to && at < before;
  };
  let exported = 0;
  const emit = async (events: readonly RecordedEvent[]) => {
    for (const event of events) {
      if (!within(event)) continue;
      await write(`${JSON.stringify(toAuditEvent(event))}\n`);
      exported++;
    }
  };
  if (options.streamId !== undefined) {
    await emit(await store.readStream(options.streamId));
    options.onProgress?.(1);
    return exported;
  }
  const head = (await store.headPosition()) ?? 0;
  const pageSize = options.pageSize ?? 5000;
  let after: number | null = null;
  for (;;) {
    const page = await store.readAll({ after, limit: pageSize });
    await emit(page);
    if (page.length > 0) after = page[page.length - 1].position;
    options.onProgress?.(head === 0 ? 1 : Math.min(1, (after ?? 0) / head));
    if (page.length < pageSize) return exported;
  }
}
