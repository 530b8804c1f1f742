import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AssignFileError, MAX_LISTED_PROBLEMS, readAssignInstance } from './assign-input';

describe('readAssignInstance', () => {
  let dir: string;
  const file = (content: string): string => {
    const path = join(dir, `${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(path, content);
    return path;
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sleutel-assign-input-'));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads a valid instance, byte-order mark or not', () => {
    const instance = { newcomers: [{ id: 'n1' }], keyPersons: [{ id: 'k1', capacity: 1 }], edges: [] };

    expect(readAssignInstance(file(JSON.stringify(instance)))).toEqual(instance);
    expect(readAssignInstance(file(`\uFEFF${JSON.stringify(instance)}`))).toEqual(instance);
  });

  it('turns the JSON parser\'s character position into a line and column', () => {
    expect(() => readAssignInstance(file('{\n  "newcomers": [1\n}'))).toThrow(/is not valid JSON \(line 3, column 1\): /);
  });

  it(`lists the first ${MAX_LISTED_PROBLEMS} problems and counts the rest`, () => {
    const edges = Array.from({ length: 25 }, (_, i) => ({ newcomer: `x${i}`, keyPerson: 'k1', score: 1 }));
    const path = file(JSON.stringify({ newcomers: [], keyPersons: [{ id: 'k1', capacity: 1 }], edges }));

    let message = '';
    try {
      readAssignInstance(path);
    } catch (error: unknown) {
      expect(error).toBeInstanceOf(AssignFileError);
      message = (error as AssignFileError).message;
    }
    const lines = message.split('\n');
    expect(lines[0]).toBe(`${path} is not a valid assignment instance (25 problems):`);
    expect(lines).toHaveLength(1 + MAX_LISTED_PROBLEMS + 1);
    expect(lines[1]).toBe('  - edges[0].newcomer "x0" is not the id of any of newcomers');
    expect(lines[lines.length - 1]).toBe('  … and 5 more');
  });
});
