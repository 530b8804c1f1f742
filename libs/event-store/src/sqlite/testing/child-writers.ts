import { ChildProcess, spawn } from 'node:child_process';
import { EventEmitter, once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** Output of `concurrent-writer.child.ts`. */
export type WriterResult =
  | { readonly outcome: 'won'; readonly eventId: string }
  | { readonly outcome: 'conflict'; readonly actual: number | 'no-stream' }
  | { readonly outcome: 'done'; readonly conflicts: number };

const CHILD = join(__dirname, 'concurrent-writer.child.ts');
const ROOT = join(__dirname, '..', '..', '..', '..', '..');

/**
 * Starts writer processes, waits until every one has opened the store, then
 * releases them at the same moment and collects their results.
 */
export async function runChildWriters(argumentLists: readonly string[][]): Promise<WriterResult[]> {
  const writers = argumentLists.map((args) => new ChildWriter(args));
  try {
    await Promise.all(writers.map((writer) => writer.line(0)));
    for (const writer of writers) writer.release();
    const results = await Promise.all(writers.map((writer) => writer.line(1)));
    return results.map((line) => JSON.parse(line) as WriterResult);
  } finally {
    await Promise.all(writers.map((writer) => writer.stopped()));
  }
}

class ChildWriter {
  private readonly child: ChildProcess;
  private readonly lines: string[] = [];
  private readonly changes = new EventEmitter();
  private stderr = '';
  private exitCode: number | null | undefined;

  constructor(args: readonly string[]) {
    this.child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', CHILD, ...args], {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
    if (this.child.stdout) {
      createInterface({ input: this.child.stdout }).on('line', (line) => {
        this.lines.push(line);
        this.changes.emit('change');
      });
    }
    this.child.on('exit', (code) => {
      this.exitCode = code;
      this.changes.emit('change');
    });
  }

  /** The `index`-th line the child printed, waiting for it. */
  async line(index: number): Promise<string> {
    while (this.lines.length <= index) {
      if (this.exitCode !== undefined) throw new Error(`Writer exited with ${this.exitCode}: ${this.stderr}`);
      await once(this.changes, 'change');
    }
    return this.lines[index];
  }

  release(): void {
    this.child.stdin?.write('go\n');
  }

  async stopped(): Promise<void> {
    if (this.exitCode !== undefined) return;
    this.child.stdin?.end();
    await once(this.changes, 'change').then(() => this.stopped());
  }
}
