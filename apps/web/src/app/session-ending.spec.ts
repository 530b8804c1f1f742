import { describe, expect, it } from '@jest/globals';
import { LONGEST_WAIT_MS, nextCheckIn, sessionPhase, WARNING_LEAD_SECONDS } from './session-ending';

const EXP = 1_800_000_000;
const at = (secondsBeforeExpiry: number) => (EXP - secondsBeforeExpiry) * 1000;

describe('the session’s phase', () => {
  it('lasts until the lead before expiry, is ending from then on, and has ended at expiry', () => {
    expect(sessionPhase(EXP, at(WARNING_LEAD_SECONDS + 1))).toBe('lasting');
    expect(sessionPhase(EXP, at(WARNING_LEAD_SECONDS))).toBe('ending');
    expect(sessionPhase(EXP, at(1))).toBe('ending');
    expect(sessionPhase(EXP, at(0))).toBe('ended');
    expect(sessionPhase(EXP, at(-3600))).toBe('ended');
  });

  it('lasts when the token names no expiry', () => {
    expect(sessionPhase(null, at(0))).toBe('lasting');
    expect(nextCheckIn(null, at(0))).toBeNull();
  });

  it('checks again at the next change, but never waits longer than a minute: a late or stopped timer is corrected within one', () => {
    expect(nextCheckIn(EXP, at(WARNING_LEAD_SECONDS + 10))).toBe(10_000);
    expect(nextCheckIn(EXP, at(3600))).toBe(LONGEST_WAIT_MS);
    expect(nextCheckIn(EXP, at(20))).toBe(20_000);
    expect(nextCheckIn(EXP, at(WARNING_LEAD_SECONDS))).toBe(LONGEST_WAIT_MS);
    expect(nextCheckIn(EXP, at(0))).toBeNull();
  });
});
