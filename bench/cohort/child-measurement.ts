/**
 * Runs one `measure.ts` in a fresh Node process (ts-node, --expose-gc) and
 * returns its `Measurement`; throws with the child's stderr when it fails —
 * an infeasible result or a failed certificate ends the bench there.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { InstanceName } from './instances';
import type { Measurement, Solver } from './measure';
import { solverBeforeEnvironment } from './solver-before';

const ROOT = resolve(__dirname, '..', '..');
const MEASURE = join(__dirname, 'measure.ts');

export function measureInChild(instance: InstanceName, solver: Solver, warmUp: number, timed: number): Promise<Measurement> {
  const args = ['--expose-gc', '-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', MEASURE, instance, solver, String(warmUp), String(timed)];
  return new Promise((resolvePromise, reject) => {
    const env = solver.endsWith('-before') ? { ...process.env, ...solverBeforeEnvironment() } : process.env;
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`${solver} on ${instance} failed (exit ${code}):\n${stderr.slice(-4000)}`));
        return;
      }
      const lines = stdout.trim().split('\n');
      resolvePromise(JSON.parse(lines[lines.length - 1]) as Measurement);
    });
  });
}
