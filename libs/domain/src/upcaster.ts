/**
 * An upcaster turns the stored data of one event type at one schema version
 * into the data of the next version. Stored events are never rewritten: old
 * versions are upcast on every read, one step at a time, so each step is
 * written once, when the shape changes, and never touched again. Pure: it sees
 * the event's data and nothing else, so a step can only add what the old
 * version already implies (or a default that says "not recorded").
 */
export interface Upcaster {
  readonly type: string;
  /** The version this step reads; it produces `fromVersion + 1`. */
  readonly fromVersion: number;
  upcast(data: Readonly<Record<string, unknown>>): Record<string, unknown>;
}
