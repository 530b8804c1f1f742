import { MATCH_STATUSES, isFailure, isOpen, newcomerOutcomeOf } from './match.status';

describe('match status', () => {
  it('counts proposed, approved and accepted as open', () =>
    expect(MATCH_STATUSES.filter(isOpen)).toEqual(['proposed', 'approved', 'accepted']));

  it('counts rejected, declined and expired as failures, not ended or withdrawn', () =>
    expect(MATCH_STATUSES.filter(isFailure)).toEqual(['rejected', 'declined', 'expired']));

  it('releases the newcomer as failed exactly for the failures', () => {
    expect(newcomerOutcomeOf('rejected')).toBe('failed');
    expect(newcomerOutcomeOf('declined')).toBe('failed');
    expect(newcomerOutcomeOf('expired')).toBe('failed');
    expect(newcomerOutcomeOf('ended')).toBe('ended');
    expect(newcomerOutcomeOf('withdrawn')).toBe('withdrawn');
  });
});
