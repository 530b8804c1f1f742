import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = join(__dirname, '..', '..');

/**
 * Another process holding an SQLite database's write lock: `BEGIN EXCLUSIVE`
 * on its own connection, kept until `release()` rolls it back. In WAL mode
 * readers go on; every writer gets SQLITE_BUSY meanwhile.
 */
const LOCKER = `
const Database = require('better-sqlite3');
const db = new Database(process.argv[1], { timeout: 10000 });
db.exec('BEGIN EXCLUSIVE');
process.stdout.write('locked\\n');
process.stdin.once('data', () => {
  db.exec('ROLLBACK');
  db.close();
  process.stdout.write('released\\n');
  process.exit(0);
});
`;

export class SqliteLocker {
  private readonly lines: string[] = [];
  private stderr = '';

  private constructor(private readonly child: ChildProcess) {
    if (child.stdout) createInterface({ input: child.stdout }).on('line', (line) => this.lines.push(line));
    child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
  }

  /** Starts the locker and waits until it holds the lock. */
  static async lock(file: string): Promise<SqliteLocker> {
    const child = spawn(process.execPath, ['-e', LOCKER, file], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    const locker = new SqliteLocker(child);
    await locker.line('locked');
    return locker;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** Rolls the transaction back (it wrote nothing) and waits for the process to end. */
  async release(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.stdin?.write('release\n');
    await exited;
  }

  /** For clean-ups: ends the process whatever state it is in (SQLite drops the lock with the connection). */
  async kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGKILL');
    await exited;
  }

  private async line(expected: string, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.lines.includes(expected)) {
      if (this.child.exitCode !== null) throw new Error(`The SQLite locker exited with ${this.child.exitCode}: ${this.stderr}`);
      if (Date.now() > deadline) throw new Error(`The SQLite locker did not print '${expected}' within ${timeoutMs} ms: ${this.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
