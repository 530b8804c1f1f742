import type { Availability } from '@sleutel/domain';
import { aKeyPerson, aNewcomer, NOW, pairOf, policyWith } from '../testing/matching.fixtures';
import { noAvailabilityOverlap } from './no-availability-overlap.constraint';

const monday = (start: string, end: string, range: Partial<Availability> = {}): Availability => ({
  slots: [{ day: 'mon', start, end }],
  from: null,
  until: null,
  ...range,
});
const remoteOk = { ...aNewcomer().preferences, remoteOk: true };
const excludes = (mine: Availability, theirs: Availability, options: { remote?: boolean; asynchronous?: boolean } = {}): boolean =>
  noAvailabilityOverlap.excludes(
    pairOf(
      aNewcomer({ availability: mine, preferences: options.remote === true ? remoteOk : aNewcomer().preferences }),
      aKeyPerson({ availability: theirs, remoteOnly: options.remote === true, travelRadiusKm: null }),
      policyWith({ constraints: { allowAsynchronousRemote: options.asynchronous ?? true } }),
      NOW,
    ),
  );

describe('no-availability-overlap', () => {
  it('passes an hour of weekly overlap, to the minute', () => {
    expect(excludes(monday('09:00', '12:00'), monday('11:00', '13:00'))).toBe(false);
    expect(excludes(monday('09:00', '12:00'), monday('11:01', '13:00'))).toBe(true);
  });

  it('follows a policy that asks for more overlap', () => {
    const twoHours = policyWith({ constraints: { minOverlapMinutes: 120 } });
    const pair = pairOf(aNewcomer({ availability: monday('09:00', '12:00') }), aKeyPerson({ availability: monday('11:00', '13:00') }), twoHours);
    expect(noAvailabilityOverlap.excludes(pair)).toBe(true);
  });

  it('is waived when both accept remote contact and the policy allows asynchronous contact', () => {
    expect(excludes(monday('09:00', '10:00'), monday('18:00', '20:00'), { remote: true })).toBe(false);
    expect(excludes(monday('09:00', '10:00'), monday('18:00', '20:00'), { remote: true, asynchronous: false })).toBe(true);
  });

  it('excludes a key person whose availability ended before today, remote or not', () => {
    const ended = monday('09:00', '12:00', { until: '2026-03-01' });
    expect(excludes(monday('09:00', '12:00'), ended)).toBe(true);
    expect(excludes(monday('09:00', '12:00'), ended, { remote: true })).toBe(true);
  });

  it('counts only weekdays both date ranges share when they overlap for less than a week', () => {
    // NOW is Monday 2026-03-02; the key person is available only Tuesday to Thursday of that week.
    const shortWeek = monday('09:00', '12:00', { until: '2026-03-05', from: '2026-03-03' });
    expect(excludes(monday('09:00', '12:00'), shortWeek)).toBe(true);
  });
});
