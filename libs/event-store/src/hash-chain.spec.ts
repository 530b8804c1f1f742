import { chainHash, serialiseEvent } from './hash-chain';
import { sampleEvent } from './contract/sample-events';

/**
 * Stored hashes must verify forever, so the hash function is pinned to known
 * values: any change to what is hashed, or how, fails here first.
 */
describe('chainHash', () => {
  const event = { id: '5f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b', type: 'NewcomerRegistered', schemaVersion: 2 };

  it('hashes the first event of a stream to a pinned value', () => {
    expect(chainHash(null, 'newcomer-1', 0, event, { data: '{"name":"Amina"}', metadata: '{"source":"api"}' })).toBe(
      'dd0070e1e5fbc2ff3cf756e25c343f59a61ff33235379170c37ab9d4432805e8',
    );
  });

  it('hashes a later event, with non-ASCII data, to a pinned value', () => {
    expect(chainHash('ab'.repeat(32), 'newcomer-1', 7, event, { data: '{"naam":"Zoë ✓"}', metadata: '{}' })).toBe(
      'bc9bfd8afcbba0ea6eb52efad37ed01c32f1215b5f3ecf8dc3d3103da5ac7898',
    );
  });

  it('changes when any single input changes', () => {
    const stored = serialiseEvent(sampleEvent());
    const base = chainHash(null, 's-1', 0, event, stored);
    expect(chainHash('00', 's-1', 0, event, stored)).not.toBe(base);
    expect(chainHash(null, 's-2', 0, event, stored)).not.toBe(base);
    expect(chainHash(null, 's-1', 1, event, stored)).not.toBe(base);
    expect(chainHash(null, 's-1', 0, { ...event, schemaVersion: 3 }, stored)).not.toBe(base);
    expect(chainHash(null, 's-1', 0, event, { ...stored, metadata: `${stored.metadata} ` })).not.toBe(base);
  });
});
