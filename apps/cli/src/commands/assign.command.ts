import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Command } from 'commander';
import { AssignmentResult, solveAssignment } from '@sleutel/matching';
import { AssignFileError, fileProblem, readAssignInstance } from './assign-input';

/**
 * `assign --in FILE --out FILE` (SPEC §9): solve one cohort assignment
 * instance exactly and write `{assignments, objective, matched}`. A bad file
 * exits 1 with what is wrong and where, on stderr; stdout gets one summary line.
 */
export function assignCommand(): Command {
  return new Command('assign')
    .description('solve one cohort assignment instance exactly: maximum total score within the capacities')
    .requiredOption('--in <file>', 'the instance: {"newcomers":[{"id"}], "keyPersons":[{"id","capacity"}], "edges":[{"newcomer","keyPerson","score"}]}')
    .requiredOption('--out <file>', 'where to write {"assignments":[{"newcomer","keyPerson","score"}], "objective", "matched"}')
    .action((options: { in: string; out: string }) => {
      try {
        const instance = readAssignInstance(options.in);
        const started = performance.now();
        const result = solveAssignment(instance);
        const seconds = (performance.now() - started) / 1000;
        writeResult(options.out, result);
        process.stdout.write(
          `assign: ${result.matched} of ${instance.newcomers.length} newcomers assigned, objective ${result.objective}, ` +
            `solved in ${seconds.toFixed(3)} s → ${options.out}\n`,
        );
      } catch (error: unknown) {
        if (!(error instanceof AssignFileError)) throw error;
        process.stderr.write(`assign: ${error.message}\n`);
        process.exitCode = 1;
      }
    });
}

/** Through a temporary file and a rename, so that a failed run never leaves half an answer behind. */
function writeResult(path: string, result: AssignmentResult): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, `${JSON.stringify(result)}\n`);
    renameSync(temporary, path);
  } catch (error: unknown) {
    rmSync(temporary, { force: true });
    throw new AssignFileError(`cannot write ${path}: ${fileProblem(error)}`);
  }
}
