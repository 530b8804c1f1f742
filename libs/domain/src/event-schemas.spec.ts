import { eventSchemaVersions, eventUpcasters, isDomainEventType, schemaVersionOf } from './event-schemas';

describe('event schemas', () => {
  it('stamps version 1 on every event type that never changed shape', () => {
    expect(Object.keys(eventSchemaVersions)).toHaveLength(50);
    const changed = Object.entries(eventSchemaVersions).filter(([, version]) => version !== 1);
    expect(changed).toEqual([['NewcomerWithdrawn', 2], ['NewcomerMatchReleased', 2], ['NewcomerMatchingRequested', 2], ['MatchProposed', 2], ['MatchAccepted', 2], ['CohortRunSolutionPaged', 3], ['CohortRunSolved', 4], ['CohortRunCompleted', 2]]);
    expect(schemaVersionOf('KeyPersonRetired')).toBe(1);
  });

  it('has an upcaster for every step from version 1 to the current one, and none beyond', () => {
    for (const [type, current] of Object.entries(eventSchemaVersions)) {
      const steps = eventUpcasters.filter((upcaster) => upcaster.type === type).map((upcaster) => upcaster.fromVersion).sort();
      expect({ type, steps }).toEqual({ type, steps: Array.from({ length: current - 1 }, (_, index) => index + 1) });
    }
    expect(eventUpcasters.every((upcaster) => isDomainEventType(upcaster.type))).toBe(true);
  });

  it('refuses to stamp an event type nobody registered', () => {
    expect(isDomainEventType('NewcomerDeleted')).toBe(false);
    expect(isDomainEventType('toString')).toBe(false);
    expect(() => schemaVersionOf('NewcomerDeleted')).toThrow(/NewcomerDeleted/);
  });
});
