import { ProposalExplanation } from './audit.types';

/** What the explanation page says of a proposal's reproduction, at a glance (its badge). */
export type Verdict = 'equal' | 'erased-since' | 'different' | 'unreproducible';

/**
 * `erased-since`: the score is equal and the ranking differs only where
 * leaving out key persons erased since accounts for it. Not `equal` (the
 * ranking is not bit for bit the stored one, and how the erased were scored
 * can no longer be checked), nor `different` (nothing points to the proposal
 * not following from the log).
 */
export function verdictOf(proposal: ProposalExplanation): Verdict {
  const { reproduction } = proposal;
  const { ranking } = reproduction;
  if (reproduction.score === null) return 'unreproducible';
  if (!reproduction.scoreEqual) return 'different';
  if (ranking === undefined || ranking.equal) return 'equal';
  return ranking.erasedSince > 0 && ranking.unexplained.length === 0 ? 'erased-since' : 'different';
}
