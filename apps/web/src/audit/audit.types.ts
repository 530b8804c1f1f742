/**
 * What the auditor's endpoints answer (apps/api/src/audit/audit.dto.ts, SPEC §9).
 * Event data is shown exactly as stored: personal data is sealed under its
 * subject's key (`personal: { alg, kv, iv, ct, tag }`), or, once erased,
 * replaced by `personal: { erased: true }`.
 */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };
export type JsonObject = { readonly [key: string]: JsonValue };

export interface EventMetadata {
  readonly actor: { readonly id: string; readonly role: string };
  readonly command: string;
  readonly correlationId: string;
  readonly causationId: string;
  readonly occurredAt: string;
  readonly source: string;
  readonly subject?: { readonly type: string; readonly id: string };
  readonly idempotency?: { readonly key: string; readonly fingerprint: string };
}

export interface AuditEvent {
  readonly position: number;
  readonly streamId: string;
  readonly revision: number;
  readonly id: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: JsonObject;
  readonly metadata: EventMetadata;
  readonly chain: { readonly previousHash: string | null; readonly hash: string };
}

export interface AuditEventPage {
  readonly items: readonly AuditEvent[];
  readonly nextCursor: string | null;
}

export type TrailRelation = 'own' | 'names-subject' | 'cause';

export interface TrailEvent extends AuditEvent {
  readonly relation: TrailRelation;
}

export interface Trail {
  readonly kind: string;
  readonly id: string;
  readonly streamId: string;
  readonly events: readonly TrailEvent[];
}

export interface StateAsOf {
  readonly kind: string;
  readonly id: string;
  readonly asOf: { readonly position: number } | { readonly time: string };
  readonly revision: number;
  readonly position: number;
  readonly occurredAt: string;
  readonly state: JsonObject;
  /** Matches only: whose personal data was erased since, so that parts of the state read `{ erased: true }`. */
  readonly erasedSince?: readonly ('newcomer' | 'key-person')[];
}

export interface ExplanationComponent {
  readonly name: string;
  readonly raw: JsonValue;
  readonly weight: number;
  readonly contribution: number;
}

export interface Alternative {
  readonly keyPersonId: string;
  readonly score: number;
  readonly gap?: number;
}

/** The stored explanation (SPEC §5); `{ erased: true }` once the newcomer's or key person's data was erased. */
export interface StoredExplanation {
  readonly components?: readonly ExplanationComponent[];
  readonly excluded?: Readonly<Record<string, number>>;
  readonly considered?: number;
  readonly alternatives?: readonly Alternative[];
  readonly score?: number;
  readonly shareOfBest?: number | null;
  readonly bestAttainable?: number;
  readonly policyVersion?: number;
  readonly scoredAt?: string;
  readonly [key: string]: unknown;
}

export interface RankingReproduction {
  /** Bit for bit: any difference, even one the erasures account for, makes it false. */
  readonly equal: boolean;
  readonly differences: readonly string[];
  /** Key persons the matcher's pool held at the recorded position whose personal data was erased since; left out of the ranking computed again. */
  readonly erasedSince: number;
  /** Those of `differences` that the erasures do not account for; all of them when none was erased. */
  readonly unexplained: readonly string[];
  /** The API's own words (English) for what accounts for the differences, or that nothing does; present whenever `equal` is false. */
  readonly reason?: string;
  readonly place: number | null;
  readonly feasible: number;
  readonly considered: number;
  readonly excluded: Readonly<Record<string, number>>;
  readonly bestAttainable: number;
  readonly shareOfBest: number | null;
  readonly alternatives: readonly Alternative[];
}

export interface Reproduction {
  readonly score: number | null;
  /** SPEC §4 inv. 7: the score and the whole ranking are bit for bit the stored ones (false also when erasures account for a ranking difference). */
  readonly equal: boolean;
  /** The score alone is bit for bit the stored one. */
  readonly scoreEqual: boolean;
  /** The API's own words (English): why no score could be computed, or what differs; present whenever `equal` is false. */
  readonly reason?: string;
  readonly policyVersion: number;
  readonly logPosition: number;
  readonly scoredAt: string;
  readonly scoredAtSource: 'recorded' | 'waiting-component' | 'proposed-at' | string;
  readonly newcomerRevision: number | null;
  readonly keyPersonRevision: number | null;
  readonly components?: readonly ExplanationComponent[];
  readonly ranking?: RankingReproduction;
}

export interface ProposalExplanation {
  readonly matchId: string;
  readonly newcomerId: string;
  readonly keyPersonId: string;
  readonly score: number;
  readonly policyVersion: number;
  readonly logPosition: number;
  readonly proposedAt: string;
  /** `{ erased: true }`, or absent from an older API, once either person's data was erased: read it with `storedExplanationOf`. */
  readonly explanation?: StoredExplanation | null;
  readonly reproduction: Reproduction;
}

export interface Verification {
  readonly intact: boolean;
  readonly streams: number;
  readonly events: number;
  readonly broken: readonly { readonly streamId: string; readonly revision: number; readonly position?: number; readonly reason: string }[];
  /** Holes in the log positions (events removed); absent from an older API. */
  readonly gaps?: readonly { readonly afterPosition: number; readonly position: number }[];
  /** False on EventStoreDB, whose positions are byte offsets: holes are not looked for there. */
  readonly gapsChecked?: boolean;
  /** The digest of the whole log as read, to write down; null for an empty log. */
  readonly head?: { readonly position: number; readonly digest: string; readonly anchor: string } | null;
  /** The check of a digest written down before, when one was given. */
  readonly anchor?: { readonly position: number; readonly expected: string; readonly found: string | null; readonly matches: boolean };
}

export interface ProjectionComparison {
  readonly name: string;
  readonly liveDigest: string;
  readonly rebuiltDigest: string;
  readonly equal: boolean;
  readonly liveRows?: number;
  readonly rebuiltRows?: number;
  readonly firstDifference?: { readonly table: string; readonly key: JsonValue; readonly reason: string } | null;
}

export interface ReplayStatus {
  readonly id: string;
  readonly status: 'running' | 'done' | 'failed';
  readonly progress: number;
  readonly startedAt?: string;
  readonly finishedAt?: string | null;
  readonly position?: number | null;
  readonly events?: number;
  readonly eventsPerSecond?: number | null;
  readonly projections: readonly ProjectionComparison[];
  readonly error?: string | null;
}

/** The stored explanation of a proposal, or nothing to read (`{}`) when it was erased or is missing. */
export function storedExplanationOf(proposal: ProposalExplanation): StoredExplanation {
  const { explanation } = proposal;
  return typeof explanation === 'object' && explanation !== null && !Array.isArray(explanation) && explanation.erased !== true ? explanation : {};
}
