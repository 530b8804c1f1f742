/** The roles of SPEC §2. A token carries one or more; endpoints name who may call them. */
export const ROLES = ['intake', 'coordinator', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** What a verified token says about its bearer. */
export interface Principal {
  readonly subject: string;
  readonly roles: readonly Role[];
  /** CBS codes the bearer is limited to; null means every municipality (SPEC §7). */
  readonly municipalities: readonly string[] | null;
}
