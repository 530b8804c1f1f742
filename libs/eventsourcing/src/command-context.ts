import { Actor, EventSource } from '@sleutel/event-store';

/**
 * Who is asking and why, carried from the edge (HTTP request, queue job, CLI
 * run) to the metadata of every event the command produces.
 */
export interface CommandContext {
  readonly actor: Actor;
  readonly source: EventSource;
  /** Shared by everything one user action sets off. */
  readonly correlationId: string;
  /** The request, job or event that directly caused this command. */
  readonly causationId: string;
  /**
   * Identifies this command for idempotency: event ids derive from it, so the
   * same command id appended twice is appended once. Random unless the caller
   * has a stable cause (an Idempotency-Key, a job id, a cause event id).
   */
  readonly commandId: string;
  /** Set when the command came with an Idempotency-Key (stored with the first event). */
  readonly idempotency?: { readonly key: string; readonly fingerprint: string };
}
