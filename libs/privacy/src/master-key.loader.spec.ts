import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MasterKey } from './master-key';
import { MASTER_KEY_FILE, parseMasterKey, resolveMasterKey } from './master-key.loader';
import { InvalidMasterKeyError } from './privacy.errors';

let directory: string;

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'sleutel-master-key-'));
});

afterEach(() => {
  rmSync(directory, { recursive: true, force: true });
});

describe('parseMasterKey', () => {
  const bytes = randomBytes(32);

  it('reads 32 bytes of base64, standard or URL-safe, padded or not', () => {
    const expected = MasterKey.fromBytes(bytes).id;
    for (const text of [bytes.toString('base64'), bytes.toString('base64url'), ` ${bytes.toString('base64')}\n`]) {
      expect(parseMasterKey(text).id).toBe(expected);
    }
  });

  it.each([
    ['not base64', 'this is not a key!', /PRIVACY_MASTER_KEY .*not base64/],
    ['too short', randomBytes(16).toString('base64'), /PRIVACY_MASTER_KEY .*decodes to 16 bytes/],
    ['too long', randomBytes(48).toString('base64'), /decodes to 48 bytes/],
    ['empty', '', /decodes to 0 bytes/],
  ])('refuses a key that is %s, naming the variable but not the value', (_, text, message) => {
    expect(() => parseMasterKey(text)).toThrow(InvalidMasterKeyError);
    expect(() => parseMasterKey(text)).toThrow(message);
    try {
      parseMasterKey(text);
    } catch (error) {
      if (text !== '') expect((error as Error).message).not.toContain(text);
    }
  });
});

describe('resolveMasterKey', () => {
  it('takes the configured key and writes no file', () => {
    const configured = randomBytes(32).toString('base64');
    expect(resolveMasterKey(configured, directory).id).toBe(parseMasterKey(configured).id);
    expect(() => statSync(join(directory, MASTER_KEY_FILE))).toThrow();
  });

  it('refuses a bad configured key rather than falling back to a generated one', () => {
    expect(() => resolveMasterKey('c2hvcnQ=', directory)).toThrow(InvalidMasterKeyError);
  });

  it('generates a key once into DATA_DIR, readable by its owner only, and reads it back after', () => {
    const dataDir = join(directory, 'data');
    const first = resolveMasterKey(null, dataDir);
    const path = join(dataDir, MASTER_KEY_FILE);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(path, 'utf8').trim(), 'base64')).toHaveLength(32);
    expect(resolveMasterKey(undefined, dataDir).id).toBe(first.id);
    expect(resolveMasterKey('', dataDir).id).toBe(first.id);
  });

  it('tightens the mode of a generated file that was loosened', () => {
    const path = join(directory, MASTER_KEY_FILE);
    writeFileSync(path, randomBytes(32).toString('base64'), { mode: 0o644 });
    resolveMasterKey(null, directory);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('names the file when the generated key was damaged', () => {
    writeFileSync(join(directory, MASTER_KEY_FILE), 'c2hvcnQ=', { mode: 0o600 });
    expect(() => resolveMasterKey(null, directory)).toThrow(join(directory, MASTER_KEY_FILE));
  });
});
