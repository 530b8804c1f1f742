/**
 * A whole synthetic population for one seed. Pure and reproducible: the same
 * seed gives the same people with the same ids, and a larger population
 * extends a smaller one (newcomer 0..n-1 are the same for every n), so
 * seeding again appends nothing and seeding more appends only the newcomers.
 */
import { generateKeyPerson, SeededKeyPerson } from './key-person.generator';
import { generateNewcomer, SeededNewcomer } from './newcomer.generator';

export interface PopulationSize {
  readonly newcomers: number;
  readonly keyPersons: number;
  /** Any text; `'42'` and `42` are the same seed. */
  readonly seed: string | number;
}

export interface Population {
  readonly newcomers: readonly SeededNewcomer[];
  readonly keyPersons: readonly SeededKeyPerson[];
}

export function generatePopulation({ newcomers, keyPersons, seed }: PopulationSize): Population {
  assertCount('newcomers', newcomers);
  assertCount('keyPersons', keyPersons);
  const text = String(seed);
  return {
    newcomers: Array.from({ length: newcomers }, (_, index) => generateNewcomer(text, index)),
    keyPersons: Array.from({ length: keyPersons }, (_, index) => generateKeyPerson(text, index)),
  };
}

function assertCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a whole number of at least 0, got ${value}`);
}
