/**
 * The one envelope every event travels in (SPEC §6). Handlers produce only
 * `{ type, data }`; the command runner adds id, schema version and metadata;
 * the store adds stream, revision, position and the hash-chain link.
 */

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export type EventSource = 'api' | 'worker' | 'cli';

export interface Actor {
  readonly id: string;
  readonly role: string;
}

export interface EventMetadata {
  readonly actor: Actor;
  /** Name of the command that caused the event, e.g. `RegisterNewcomer`. */
  readonly command: string;
  readonly correlationId: string;
  readonly causationId: string;
  /** ISO-8601 instant at which the command was decided. */
  readonly occurredAt: string;
  readonly source: EventSource;
  /**
   * The data subject whose personal data the event carries. The privacy layer
   * (SPEC §7) encrypts `data` under this subject's key, so erasure can find it.
   */
  readonly subject?: { readonly type: string; readonly id: string };
  /**
   * A second person the event says things about (a match's key person, whose
   * facts its explanation holds): the privacy layer seals those facts under
   * this person's key as well as the subject's, so erasing either makes them unreadable.
   */
  readonly pairSubject?: { readonly type: string; readonly id: string };
  /** Set on the first event of a create that carried an `Idempotency-Key`. */
  readonly idempotency?: { readonly key: string; readonly fingerprint: string };
}

/** What a writer hands to the store. */
export interface NewEvent {
  readonly id: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: JsonObject;
  readonly metadata: EventMetadata;
}

/** The per-stream hash chain: `hash = sha256(previousHash ‖ stored bytes)`. */
export interface ChainLink {
  readonly previousHash: string | null;
  readonly hash: string;
}

/** What the store hands back. */
export interface RecordedEvent extends NewEvent {
  readonly streamId: string;
  /** 0-based revision within the stream. */
  readonly revision: number;
  /** Position in the global log; strictly increasing, gaps allowed. */
  readonly position: number;
  readonly chain: ChainLink;
}
