import { PAIR_NO_LONGER_FITS_UNNAMED, pairNoLongerFits, withoutBrokenConstraint } from './withdrawal-reasons';

describe('withdrawal reasons', () => {
  it.each(['gender-required', 'same-origin-declined', 'out-of-radius', 'no-shared-language', 'no-availability-overlap'])(
    'takes the constraint %s out of the matcher\'s reason', (constraint) => {
      const reason = pairNoLongerFits(constraint);
      expect(reason).toContain(constraint);
      expect(withoutBrokenConstraint(reason)).toBe(PAIR_NO_LONGER_FITS_UNNAMED);
      expect(withoutBrokenConstraint(reason)).not.toContain(constraint);
    },
  );

  it('leaves every other reason as it is, the unnamed one included', () => {
    for (const reason of ["The key person's data was erased", 'The key person was paused', PAIR_NO_LONGER_FITS_UNNAMED, 'The pair no longer meets the hard constraint']) {
      expect(withoutBrokenConstraint(reason)).toBe(reason);
    }
  });
});
