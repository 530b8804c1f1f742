import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const CHILD = join(__dirname, 'key-creator.child.ts');
const ROOT = join(__dirname, '..', '..', '..', '..', '..');

/**
 * Starts one process per argument list, waits until each has opened the
 * store, releases them together and returns the line each printed.
 */
export async function raceKeyCreators(argumentLists: readonly string[][]): Promise<string[]> {
  const children = argumentLists.map((args) =>
    spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', CHILD, ...args], {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    }),
  );
  try {
    const outputs = children.map(linesOf);
    await Promise.all(outputs.map((lines) => lines.next()));
    for (const child of children) child.stdin?.write('go\n');
    return await Promise.all(outputs.map((lines) => lines.next()));
  } finally {
    for (const child of children) child.stdin?.end();
    await Promise.all(children.map((child) => (child.exitCode === null ? once(child, 'exit') : undefined)));
  }
}

function linesOf(child: ChildProcess): { next(): Promise<string> } {
  const lines: string[] = [];
  let stderr = '';
  let waiting: (() => void) | null = null;
  const wake = (): void => waiting?.();
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  if (child.stdout) createInterface({ input: child.stdout }).on('line', (line) => (lines.push(line), wake()));
  child.on('exit', wake);
  let read = 0;
  return {
    async next() {
      while (lines.length <= read) {
        if (child.exitCode !== null) throw new Error(`Key creator exited with ${child.exitCode}: ${stderr}`);
        await new Promise<void>((resolve) => (waiting = resolve));
      }
      return lines[read++];
    },
  };
}
