/**
 * Why a person's data was erased (SPEC §7): codes only, since the erasure
 * event itself stays readable after the person's key is destroyed.
 */
export const ERASURE_BASES = ['data-subject-request', 'retention-ended', 'unlawful-processing', 'other'] as const;
/**
 * Every basis an erasure event may record: those an admin may give, and
 * `data-key-lost`, which only the operator's `keys lost --record` writes, for
 * people whose data key is missing from a key store restored from a backup
 * older than their registration (their data could no longer be read before
 * the event said so).
 */
export const RECORDED_ERASURE_BASES = [...ERASURE_BASES, 'data-key-lost'] as const;
export type ErasureBasis = (typeof RECORDED_ERASURE_BASES)[number];
/** What an admin may give in `POST /erasures`. */
export type RequestedErasureBasis = (typeof ERASURE_BASES)[number];
