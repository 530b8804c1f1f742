import fc from 'fast-check';
import { keyPersonProfileViolations, newcomerProfileViolations } from '@sleutel/domain';
import { generatePopulation } from './population';

const seeds = fc.oneof(fc.integer(), fc.string({ maxLength: 40 }));
/** The rules judge the birth year against the command time: check today's and a later one. */
const times = [new Date().toISOString(), '2030-06-30T12:00:00.000Z'];

describe('generatePopulation', () => {
  it('generates only profiles that pass the domain rules, whatever the seed', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const { newcomers, keyPersons } = generatePopulation({ newcomers: 25, keyPersons: 10, seed });
        for (const { profile } of newcomers) {
          for (const at of times) expect(newcomerProfileViolations(profile, at)).toEqual([]);
        }
        for (const { profile } of keyPersons) {
          for (const at of times) expect(keyPersonProfileViolations(profile, at)).toEqual([]);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('gives the same population for the same seed', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        expect(generatePopulation({ newcomers: 5, keyPersons: 3, seed })).toEqual(generatePopulation({ newcomers: 5, keyPersons: 3, seed }));
      }),
      { numRuns: 50 },
    );
  });

  it('treats a number and its text as the same seed', () => {
    expect(generatePopulation({ newcomers: 3, keyPersons: 3, seed: 7 })).toEqual(generatePopulation({ newcomers: 3, keyPersons: 3, seed: '7' }));
  });

  it('extends a smaller population: the first n people are the same for any size', () => {
    const small = generatePopulation({ newcomers: 10, keyPersons: 4, seed: 'prefix' });
    const large = generatePopulation({ newcomers: 200, keyPersons: 50, seed: 'prefix' });
    expect(large.newcomers.slice(0, 10)).toEqual(small.newcomers);
    expect(large.keyPersons.slice(0, 4)).toEqual(small.keyPersons);
  });

  it('derives distinct UUIDv5 ids from the seed, different for another seed', () => {
    const one = generatePopulation({ newcomers: 500, keyPersons: 200, seed: 1 });
    const two = generatePopulation({ newcomers: 500, keyPersons: 200, seed: 2 });
    const ids = [...one.newcomers, ...one.keyPersons].map(({ id }) => id);
    expect(new Set(ids).size).toBe(700);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const otherIds = new Set([...two.newcomers, ...two.keyPersons].map(({ id }) => id));
    expect(ids.filter((id) => otherIds.has(id))).toEqual([]);
  });

  it('gives an empty population for zero and refuses a negative or fractional size', () => {
    expect(generatePopulation({ newcomers: 0, keyPersons: 0, seed: 1 })).toEqual({ newcomers: [], keyPersons: [] });
    expect(() => generatePopulation({ newcomers: -1, keyPersons: 0, seed: 1 })).toThrow(/newcomers/);
    expect(() => generatePopulation({ newcomers: 0, keyPersons: 1.5, seed: 1 })).toThrow(/keyPersons/);
  });
});
