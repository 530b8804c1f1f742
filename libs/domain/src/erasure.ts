/**
 * Why a person's data was erased (SPEC §7): codes only, since the erasure
 * event itself stays readable after the person's key is destroyed.
 */
export const ERASURE_BASES = ['data-subject-request', 'retention-ended', 'unlawful-processing', 'other'] as const;
export type ErasureBasis = (typeof ERASURE_BASES)[number];
