/**
 * "Before": the cohort solver as it was at a fixed commit, measured beside
 * the current one in the same bench run. `git archive` copies that commit's
 * `libs/matching` into a temporary directory once; the measuring process
 * loads `solveIndexedAssignment` from there (its own imports of other libs
 * resolve to this tree, as they would have then: the solver imports none).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { solveIndexedAssignment } from '@sleutel/matching';

/** The solver before the key persons' shortlists for scarce places (`libs/matching/src/cohort/scarce-places.ts`). */
export const SOLVER_BEFORE_COMMIT = 'c193e9236f6a5e98ff55be40765357ee14b4cc0b';
const ENV = 'COHORT_SOLVER_BEFORE';

/** Copies the commit's solver out once; returns the environment a measuring process needs to load it. */
export function solverBeforeEnvironment(): Record<string, string> {
  const root = resolve(__dirname, '..', '..');
  const target = join(tmpdir(), `sleutel-cohort-solver-${SOLVER_BEFORE_COMMIT.slice(0, 12)}`);
  const entry = join(target, 'libs', 'matching', 'src', 'cohort', 'solve-indexed.ts');
  if (!existsSync(entry)) {
    mkdirSync(target, { recursive: true });
    const archive = execFileSync('git', ['archive', SOLVER_BEFORE_COMMIT, 'libs/matching'], { cwd: root, maxBuffer: 64 * 2 ** 20 });
    execFileSync('tar', ['-x', '-C', target], { input: archive });
  }
  return { [ENV]: entry };
}

/** In the measuring process: the solver of that commit. */
export function solveBefore(): typeof solveIndexedAssignment {
  const entry = process.env[ENV];
  if (entry === undefined) throw new Error(`${ENV} is not set: start the measurement through solverBeforeEnvironment()`);
  return (require(entry) as { solveIndexedAssignment: typeof solveIndexedAssignment }).solveIndexedAssignment;
}
