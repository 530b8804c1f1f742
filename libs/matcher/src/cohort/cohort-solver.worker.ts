/**
 * The cohort solver's thread (FIELD-NOTES: a long synchronous solve must not
 * block the worker's event loop, or BullMQ cannot renew its job locks). It
 * receives one instance, reports progress, and answers with the result.
 */
import { parentPort } from 'node:worker_threads';
import { indexedInstanceProblem, solveIndexedAssignment } from '@sleutel/matching/solver';
import type { SolverMessage, SolverRequest } from './solver-thread';

parentPort!.once('message', ({ instance, tuning }: SolverRequest) => {
  const post = (message: SolverMessage) => parentPort!.postMessage(message);
  try {
    // Built by reduceCohort, so sound by construction; checked again at the thread's edge all the same (one pass).
    const problem = indexedInstanceProblem(instance);
    if (problem !== undefined) throw new Error(`the assignment instance is not sound: ${problem}`);
    const solution = solveIndexedAssignment(instance, { ...tuning, onProgress: (fraction) => post({ kind: 'progress', fraction }) });
    post({ kind: 'result', solution });
  } catch (error) {
    post({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
  }
});
