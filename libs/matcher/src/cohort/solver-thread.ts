import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { IndexedAssignmentInstance, IndexedAssignmentSolution } from '@sleutel/matching';

export type SolverMessage =
  | { readonly kind: 'progress'; readonly fraction: number }
  | { readonly kind: 'result'; readonly solution: IndexedAssignmentSolution }
  | { readonly kind: 'error'; readonly message: string };

/** How the solver starts: tuning only, the answer is the optimum whatever it is. */
export interface SolverTuning {
  /** Each newcomer's best edges in the first candidate graph; the dual check adds whatever else the optimum needs. */
  readonly candidatesPerNewcomer?: number;
}

/** What the thread receives: typed arrays only, copied across as blocks of memory (no objects, no id strings). */
export interface SolverRequest {
  readonly instance: IndexedAssignmentInstance;
  readonly tuning: SolverTuning;
}

/** Solves one instance exactly; `onProgress` gets fractions in [0, 1]. */
export type CohortSolver = (
  instance: IndexedAssignmentInstance, onProgress: (fraction: number) => void, tuning?: SolverTuning,
) => Promise<IndexedAssignmentSolution>;

const ENTRY = join(__dirname, 'cohort-solver.worker');

/**
 * Runs the exact solver on a worker thread, so the matcher's event loop stays
 * free for queue heartbeats and other jobs while a cohort of thousands is
 * solved. One thread per run, ended when the run has its answer.
 */
export const solveOnWorkerThread: CohortSolver = (instance, onProgress, tuning = {}) =>
  new Promise<IndexedAssignmentSolution>((resolve, reject) => {
    const thread = startThread();
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      outcome();
      void thread.terminate();
    };
    thread.on('message', (message: SolverMessage) => {
      if (message.kind === 'progress') onProgress(message.fraction);
      else if (message.kind === 'result') finish(() => resolve(message.solution));
      else finish(() => reject(new Error(`cohort solver: ${message.message}`)));
    });
    thread.on('error', (error) => finish(() => reject(error)));
    thread.on('exit', (code) => finish(() => reject(new Error(`cohort solver thread stopped with code ${code} before answering`))));
    thread.postMessage({ instance, tuning } satisfies SolverRequest);
  });

/**
 * Compiled code (`npm start`) starts the compiled entry. From TypeScript
 * sources (Jest, `npm run bench`) the thread registers the same compiler and
 * path aliases first, the way the process itself was started, and compiles
 * each module it loads: the entry imports only the solver
 * (`@sleutel/matching/solver`) to keep that short.
 */
function startThread(): Worker {
  if (__filename.endsWith('.js')) return new Worker(`${ENTRY}.js`);
  const project = findUp(__dirname, 'tsconfig.json');
  const boot = [
    `process.env.TS_NODE_PROJECT = ${JSON.stringify(project)};`,
    `require('ts-node').register({ transpileOnly: true, project: ${JSON.stringify(project)} });`,
    `const { compilerOptions } = require(${JSON.stringify(project)});`,
    `require('tsconfig-paths').register({ baseUrl: ${JSON.stringify(dirname(project))}, paths: compilerOptions.paths });`,
    `require(${JSON.stringify(`${ENTRY}.ts`)});`,
  ].join('\n');
  return new Worker(boot, { eval: true });
}

function findUp(from: string, file: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, file))) return join(dir, file);
    if (dirname(dir) === dir) throw new Error(`cohort solver: no ${file} above ${from}`);
  }
}
