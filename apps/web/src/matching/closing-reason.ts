/**
 * Why the matcher withdrew a match, in the page's language. The matcher
 * stores its reason as an English sentence (libs/matcher/src/settlement.ts,
 * pair-check.ts); the console knows those sentences and says them in words of
 * its own. A sentence it does not know is shown as written, never dropped.
 * closing-reason.spec.ts reads the matcher's sources, so a new sentence there
 * without words here fails that test, not in front of a coordinator.
 */
import type { TFunction } from 'i18next';
import type { ClosingReason, MatchClosing } from './match-types';

/** The matcher's sentences, by the key of their words under `matching:closing.system`. */
export const SYSTEM_REASONS = {
  'The newcomer no longer awaits this proposal': 'newcomerNotAwaiting',
  'The newcomer was withdrawn': 'newcomerWithdrawn',
  "The newcomer's data was erased": 'newcomerErased',
  'The key person retired': 'keyPersonRetired',
  'The key person retired before the match was accepted': 'keyPersonRetiredBeforeAcceptance',
  "The key person's data was erased": 'keyPersonErased',
  'The key person was paused when the proposal was made': 'keyPersonPausedAtProposal',
  'The key person was paused': 'keyPersonPaused',
  'The key person was paused before the match was accepted': 'keyPersonPausedBeforeAcceptance',
  // Told instead of the one naming the constraint to whoever may not read both people (libs/domain withdrawal-reasons.ts).
  'The pair no longer meets a hard constraint after a profile change': 'hardConstraintUnnamed',
} as const satisfies Record<string, string>;

export const HARD_CONSTRAINT_REASON = /^The pair no longer meets the hard constraint (.+) after a profile change$/;

export function systemReasonWords(reason: string, t: TFunction<'matching'>): string {
  if (Object.hasOwn(SYSTEM_REASONS, reason)) return t(`closing.system.${SYSTEM_REASONS[reason as keyof typeof SYSTEM_REASONS]}`);
  const constraint = HARD_CONSTRAINT_REASON.exec(reason)?.[1];
  if (constraint !== undefined) return t('closing.system.hardConstraint', { constraint: t(`excluded.reason.${constraint}`, { defaultValue: constraint }) });
  return reason;
}

/**
 * How a match closed, as a sentence in the page's language: a coordinator's reason quoted as written, the
 * matcher's in words of the console's own; `{ erased: true }` once the person whose key sealed it was erased.
 * `at` is the closing time, already formatted.
 */
export function closingWords(closing: MatchClosing | null, at: string, t: TFunction<'matching'>): string {
  if (!closing) return '—';
  // Sealed under both people's keys: once either is erased the API says so instead of the text.
  const quoted = (reason: ClosingReason) => (typeof reason === 'string' ? t('closing.quoted', { text: reason }) : t('closing.reasonErased'));
  switch (closing.status) {
    case 'rejected':
      return t('closing.rejected', { by: closing.by, reason: quoted(closing.reason), at });
    case 'declined':
      // A decline recorded through the API without saying by whom (SPEC §9's decline takes only a reason).
      if (closing.party === null) return t('closing.declinedUnsaid', { reason: quoted(closing.reason), at });
      return t('closing.declined', { party: t(`partyInSentence.${closing.party}`), reason: quoted(closing.reason), at });
    case 'expired':
      return t('closing.expired', { at });
    case 'ended':
      return t('closing.ended', { outcome: t(`outcome.${closing.outcome}`), reason: quoted(closing.reason), at });
    case 'withdrawn':
      // Written by the system (a withdrawal, retirement or erasure), not quoted.
      return t('closing.withdrawn', { reason: typeof closing.reason === 'string' ? systemReasonWords(closing.reason, t) : t('closing.reasonErased'), at });
    default:
      return at;
  }
}
