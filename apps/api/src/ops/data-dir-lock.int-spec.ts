/**
 * The DATA_DIR lock on a real directory: its file is made readable by its
 * owner only, as every other file in DATA_DIR, and a second holder is refused.
 */
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirLock } from './data-dir-lock';

describe('DataDirLock', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'sleutel-data-dir-lock-'));
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates DATA_DIR/process.lock readable and writable by its owner only (0600), whatever the umask', () => {
    const previous = process.umask(0o022);
    let lock: DataDirLock | undefined;
    try {
      lock = DataDirLock.acquire(dataDir);
      const files = readdirSync(dataDir);
      expect(files).toContain('process.lock');
      for (const file of files) expect({ file, mode: statSync(join(dataDir, file)).mode & 0o777 }).toEqual({ file, mode: 0o600 });
    } finally {
      lock?.release();
      process.umask(previous);
    }
  });

  it('makes a process.lock an older release left readable to all (0644) owner-only too', () => {
    writeFileSync(join(dataDir, 'process.lock'), '');
    chmodSync(join(dataDir, 'process.lock'), 0o644);
    DataDirLock.acquire(dataDir).release();
    expect(statSync(join(dataDir, 'process.lock')).mode & 0o777).toBe(0o600);
  });

  it('refuses a second holder while the first holds it, naming the directory, and lets it in once released', () => {
    const first = DataDirLock.acquire(dataDir);
    try {
      expect(() => DataDirLock.acquire(dataDir)).toThrow(`DATA_DIR ${dataDir}: in use by another running API or matcher process`);
    } finally {
      first.release();
    }
    DataDirLock.acquire(dataDir).release();
  });
});
