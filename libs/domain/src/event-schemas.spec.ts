import { eventSchemaVersions, isDomainEventType, schemaVersionOf } from './event-schemas';

describe('event schemas', () => {
  it('stamps version 1 on every event type for now', () => {
    expect(Object.keys(eventSchemaVersions)).toHaveLength(46);
    expect(Object.values(eventSchemaVersions).every((version) => version === 1)).toBe(true);
    expect(schemaVersionOf('KeyPersonRetired')).toBe(1);
  });

  it('refuses to stamp an event type nobody registered', () => {
    expect(isDomainEventType('NewcomerDeleted')).toBe(false);
    expect(isDomainEventType('toString')).toBe(false);
    expect(() => schemaVersionOf('NewcomerDeleted')).toThrow(/NewcomerDeleted/);
  });
});
