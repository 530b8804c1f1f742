import { fstatSync, realpathSync, renameSync, rmSync, Stats, statSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Command } from 'commander';
import { AssignmentResult, solveAssignment } from '@sleutel/matching';
import { AssignFileError, fileProblem, readAssignInstance } from './assign-input';

/**
 * `assign --in FILE --out FILE` (SPEC §9): solve one cohort assignment
 * instance exactly and write `{assignments, objective, matched}`. A bad file
 * exits 1 with what is wrong and where, on stderr; stdout gets one summary line
 * (stderr when --out is a terminal or a pipe, e.g. /dev/stdout).
 */
export function assignCommand(): Command {
  return new Command('assign')
    .description('solve one cohort assignment instance exactly: maximum total score within the capacities')
    .requiredOption('--in <file>', 'the instance: {"newcomers":[{"id"}], "keyPersons":[{"id","capacity"}], "edges":[{"newcomer","keyPerson","score"}]}')
    .requiredOption('--out <file>', 'where to write {"assignments":[{"newcomer","keyPerson","score"}], "objective", "matched"}')
    .action((options: { in: string; out: string }) => {
      try {
        const instance = readAssignInstance(options.in);
        const output = outputTarget(options.in, options.out);
        const started = performance.now();
        const result = solveAssignment(instance);
        const seconds = (performance.now() - started) / 1000;
        writeResult(options.out, output, result);
        // With --out /dev/stdout the answer is on stdout: the summary goes to stderr, so a pipe gets the JSON alone.
        (output.kind === 'stream' ? process.stderr : process.stdout).write(
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

/** What --out names as it stands: nothing yet, a regular file (possibly through a symlink), or something else (a terminal, a pipe). */
type OutputTarget =
  | { readonly kind: 'new' }
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'stream'; readonly isStdout: boolean };

/**
 * Refuses --out naming the --in file (the instance would be replaced by its
 * answer), and finds where a rename must land: on the file a symlink names,
 * not on the link; a terminal or pipe (`--out /dev/stdout`) is written
 * directly, since renaming over it would replace the device entry itself.
 */
function outputTarget(inPath: string, outPath: string): OutputTarget {
  const out = statOrNull(outPath);
  if (out === null) return { kind: 'new' };
  const input = statOrNull(inPath);
  if (input !== null && sameFile(input, out)) {
    throw new AssignFileError(`--out ${outPath} is the --in file; writing the answer there would destroy the instance: name another file`);
  }
  // Our own stdout (`--out /dev/stdout`) is written, never renamed over, also when the shell sent it to a file.
  const isStdout = sameFile(out, fstatSync(1));
  if (isStdout || !out.isFile()) return { kind: 'stream', isStdout };
  return { kind: 'file', path: realpathSync(outPath) };
}

function sameFile(a: Stats, b: Stats): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/** Through a temporary file and a rename, so that a failed run never leaves half an answer behind. */
function writeResult(path: string, target: OutputTarget, result: AssignmentResult): void {
  const text = `${JSON.stringify(result)}\n`;
  if (target.kind === 'stream') {
    try {
      // Our own stdout through its name: opening /proc/self/fd/1 fails when it is a socket (a parent's pipe often is).
      if (target.isStdout) process.stdout.write(text);
      else writeFileSync(path, text);
    } catch (error: unknown) {
      throw new AssignFileError(`cannot write ${path}: ${fileProblem(error)}`);
    }
    return;
  }
  const final = target.kind === 'file' ? target.path : path;
  const temporary = `${final}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, final);
  } catch (error: unknown) {
    rmSync(temporary, { force: true });
    throw new AssignFileError(`cannot write ${path}: ${fileProblem(error)}`);
  }
}
