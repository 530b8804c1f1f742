/** Parsers for the `seed` options: a bad value stops commander with a message naming the option. */
import { InvalidArgumentError } from 'commander';

/** Enough for a load test; more would take minutes on SQLite and belongs in a bench. */
export const MAX_SUBJECTS = 100_000;
export const MAX_CONCURRENCY = 64;
const MAX_SEED_LENGTH = 64;

export function parseCount(value: string): number {
  return wholeNumber(value, 0, MAX_SUBJECTS);
}

export function parseConcurrency(value: string): number {
  return wholeNumber(value, 1, MAX_CONCURRENCY);
}

/** The seed is text (`42`, `demo`): it names the population, it is not arithmetic. */
export function parseSeed(value: string): string {
  const seed = value.trim();
  if (seed === '' || seed.length > MAX_SEED_LENGTH || !/^[\x21-\x7e]+$/.test(seed)) {
    throw new InvalidArgumentError(`must be 1 to ${MAX_SEED_LENGTH} printable characters without spaces, e.g. 42 or demo`);
  }
  return seed;
}

function wholeNumber(value: string, min: number, max: number): number {
  const text = value.trim();
  // Digits only: Number() would accept '1e3', '0x10' and '' and silently mean something else.
  const number = /^\d{1,7}$/.test(text) ? Number(text) : Number.NaN;
  if (!(number >= min && number <= max)) throw new InvalidArgumentError(`must be a whole number from ${min} to ${max.toLocaleString('en')}`);
  return number;
}
