import { EVENT_TYPE, STREAM_NAME } from '@eventstore/db-client';
import { toServerFilter } from './eventstoredb-filter';

describe('toServerFilter', () => {
  it('sends stream prefixes to the server when there are any', () => {
    expect(toServerFilter({ streamPrefixes: ['newcomer-', 'match-'], eventTypes: ['MatchProposed'] })).toMatchObject({
      filterOn: STREAM_NAME,
      prefixes: ['newcomer-', 'match-'],
    });
  });

  it('matches event types exactly, with regex characters escaped', () => {
    const filter = toServerFilter({ eventTypes: ['MatchProposed', 'Odd.Type$'] });
    expect(filter).toMatchObject({ filterOn: EVENT_TYPE });
    const regex = new RegExp('regex' in filter ? filter.regex : '');
    expect(regex.test('MatchProposed')).toBe(true);
    expect(regex.test('Odd.Type$')).toBe(true);
    expect(regex.test('MatchProposedV2')).toBe(false);
    expect(regex.test('OddxType$')).toBe(false);
  });

  it('leaves out system events when there is no filter', () => {
    const filter = toServerFilter(undefined);
    const regex = new RegExp('regex' in filter ? filter.regex : '');
    expect(filter).toMatchObject({ filterOn: EVENT_TYPE });
    expect(regex.test('$metadata')).toBe(false);
    expect(regex.test('NewcomerRegistered')).toBe(true);
  });
});
