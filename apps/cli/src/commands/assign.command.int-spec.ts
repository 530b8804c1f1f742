/**
 * The assign command for real: `npm run cli -- assign --in … --out …` as a
 * child process on temporary files, as an operator would run it.
 */
import { closeSync, existsSync, lstatSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliSync, CliResult } from '../../../../test/support/server-command';

const CLI_TIMEOUT_MS = 120_000;

function assign(...args: string[]): CliResult {
  return cliSync(['assign', ...args], { timeout: CLI_TIMEOUT_MS });
}

describe('npm run cli -- assign', () => {
  let dir: string;
  const file = (name: string, content?: string): string => {
    const path = join(dir, name);
    if (content !== undefined) writeFileSync(path, content);
    return path;
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sleutel-assign-'));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('solves the SPEC §9 example and writes exactly the SPEC §9 output', () => {
    const input = file('spec.json', '{"newcomers":[{"id":"n1"}], "keyPersons":[{"id":"k1","capacity":2}], "edges":[{"newcomer":"n1","keyPerson":"k1","score":0.83}]}');
    const output = file('spec.out.json');

    const result = assign('--in', input, '--out', output);

    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(readFileSync(output, 'utf8')).toBe('{"assignments":[{"newcomer":"n1","keyPerson":"k1","score":0.83}],"objective":0.83,"matched":1}\n');
    expect(result.stdout).toMatch(/^assign: 1 of 1 newcomers assigned, objective 0\.83, solved in [\d.]+ s → .*spec\.out\.json$/m);
  }, CLI_TIMEOUT_MS);

  it('solves an instance where greedy is wrong, with capacities, exactly', () => {
    const input = file('cohort.json', JSON.stringify({
      newcomers: [{ id: 'n3' }, { id: 'n1' }, { id: 'n2' }, { id: 'n4' }],
      keyPersons: [{ id: 'k1', capacity: 1 }, { id: 'k2', capacity: 2 }, { id: 'k0', capacity: 0 }],
      edges: [
        { newcomer: 'n1', keyPerson: 'k1', score: 0.9 },
        { newcomer: 'n1', keyPerson: 'k2', score: 0.8 },
        { newcomer: 'n2', keyPerson: 'k1', score: 0.85 },
        { newcomer: 'n2', keyPerson: 'k2', score: 0.1 },
        { newcomer: 'n3', keyPerson: 'k2', score: 0.4 },
        { newcomer: 'n3', keyPerson: 'k0', score: 1 },
        { newcomer: 'n4', keyPerson: 'k2', score: 0.3 },
      ],
    }));
    const output = file('cohort.out.json');

    const result = assign('--in', input, '--out', output);

    expect(result.status).toBe(0);
    expect(JSON.parse(readFileSync(output, 'utf8'))).toEqual({
      assignments: [
        { newcomer: 'n1', keyPerson: 'k2', score: 0.8 },
        { newcomer: 'n2', keyPerson: 'k1', score: 0.85 },
        { newcomer: 'n3', keyPerson: 'k2', score: 0.4 },
      ],
      objective: 2.05,
      matched: 3,
    });
  }, CLI_TIMEOUT_MS);

  it.each([
    ['a missing file', 'absent.json', null, [/cannot read .*absent\.json: no such file or directory/]],
    ['an empty file', 'empty.json', '', [/empty\.json is empty; expected a JSON object/]],
    ['text that is not JSON', 'not-json.json', '{"newcomers": [{"id": "n1"},\n  "keyPersons": []}', [/not-json\.json is not valid JSON \(line 2, column 15\)/]],
    ['JSON of the wrong shape', 'array.json', '[{"id": "n1"}]',
      [/array\.json is not a valid assignment instance \(1 problem\)/, /the instance must be an object with newcomers, keyPersons and edges/]],
    ['lists that are not arrays', 'lists.json', '{"newcomers": {}, "keyPersons": [], "edges": "none"}', [/- newcomers must be an array/, /- edges must be an array/]],
    ['unknown ids in edges', 'unknown.json',
      '{"newcomers":[{"id":"n1"}],"keyPersons":[{"id":"k1","capacity":1}],"edges":[{"newcomer":"n1","keyPerson":"k9","score":0.5},{"newcomer":"n7","keyPerson":"k1","score":0.5}]}',
      [/- edges\[0\]\.keyPerson "k9" is not the id of any of keyPersons/, /- edges\[1\]\.newcomer "n7" is not the id of any of newcomers/]],
    ['duplicate ids and edges', 'duplicates.json',
      '{"newcomers":[{"id":"n1"},{"id":"n1"}],"keyPersons":[{"id":"k1","capacity":1}],"edges":[{"newcomer":"n1","keyPerson":"k1","score":0.5},{"newcomer":"n1","keyPerson":"k1","score":0.7}]}',
      [/- newcomers\[1\]\.id "n1" repeats newcomers\[0\]\.id/, /- edges\[1\] repeats edges\[0\] \("n1" → "k1"\)/]],
    ['bad capacities', 'capacities.json', '{"newcomers":[],"keyPersons":[{"id":"k1","capacity":-1},{"id":"k2","capacity":2.5},{"id":"k3"}],"edges":[]}',
      [/- keyPersons\[0\]\.capacity must be 0 or more, not -1/, /- keyPersons\[1\]\.capacity must be a whole number, not 2\.5/, /- keyPersons\[2\]\.capacity is required/]],
    ['scores that are not finite numbers', 'scores.json',
      '{"newcomers":[{"id":"n1"},{"id":"n2"}],"keyPersons":[{"id":"k1","capacity":1}],"edges":[{"newcomer":"n1","keyPerson":"k1","score":1e999},{"newcomer":"n2","keyPerson":"k1","score":"high"}]}',
      [/- edges\[0\]\.score must be a finite number, not Infinity/, /- edges\[1\]\.score must be a finite number/]],
  ])('refuses %s, saying what is wrong and where, without a stack trace', (_, fileName, content, expected) => {
    const input = content === null ? join(dir, fileName) : file(fileName, content);
    const output = join(dir, `${fileName}.out`);

    const result = assign('--in', input, '--out', output);

    expect(result.status).toBe(1);
    for (const pattern of expected) expect(result.stderr).toMatch(pattern);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stdout).toBe('');
    expect(existsSync(output)).toBe(false);
  }, CLI_TIMEOUT_MS);

  it('refuses --out naming the --in file, directly or through a symlink, and leaves the instance as it was', () => {
    const content = '{"newcomers":[{"id":"n1"}],"keyPersons":[{"id":"k1","capacity":1}],"edges":[{"newcomer":"n1","keyPerson":"k1","score":0.5}]}';
    const input = file('same.json', content);
    symlinkSync(input, join(dir, 'same-link.json'));

    for (const out of [input, join(dir, 'same-link.json')]) {
      const result = assign('--in', input, '--out', out);

      expect({ out, status: result.status, stdout: result.stdout }).toEqual({ out, status: 1, stdout: '' });
      expect(result.stderr).toMatch(/--out .* is the --in file/);
      expect(readFileSync(input, 'utf8')).toBe(content);
    }
  }, CLI_TIMEOUT_MS);

  it('writes through a symlink to the file it names, and to a pipe (/dev/stdout) directly, without replacing either', () => {
    const input = file('through.json', '{"newcomers":[{"id":"n1"}],"keyPersons":[{"id":"k1","capacity":1}],"edges":[{"newcomer":"n1","keyPerson":"k1","score":0.5}]}');
    const answer = '{"assignments":[{"newcomer":"n1","keyPerson":"k1","score":0.5}],"objective":0.5,"matched":1}\n';
    const target = file('target.out.json', 'an earlier answer');
    const link = join(dir, 'link.out.json');
    symlinkSync(target, link);
    // As /dev/stdout is (a link to /proc/self/fd/1), but in the test's own folder.
    const stdout = join(dir, 'stdout');
    symlinkSync('/proc/self/fd/1', stdout);

    expect(assign('--in', input, '--out', link).status).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe(answer);

    const piped = assign('--in', input, '--out', stdout);
    expect(piped.status).toBe(0);
    expect(piped.stdout).toBe(answer);
    expect(piped.stderr).toMatch(/^assign: 1 of 1 newcomers assigned/m);
    expect(lstatSync(stdout).isSymbolicLink()).toBe(true);

    // `… --out /dev/stdout >> run.log`: the answer is added to the log the shell opened, which is not replaced.
    const log = file('run.log', 'an earlier log line\n');
    const appending = openSync(log, 'a');
    try {
      const redirected = cliSync(['assign', '--in', input, '--out', stdout], { timeout: CLI_TIMEOUT_MS, stdio: ['ignore', appending, 'pipe'] });
      expect(redirected.status).toBe(0);
      expect(redirected.stderr).toMatch(/^assign: 1 of 1 newcomers assigned/m);
    } finally {
      closeSync(appending);
    }
    expect(readFileSync(log, 'utf8')).toBe(`an earlier log line\n${answer}`);
    expect(lstatSync(stdout).isSymbolicLink()).toBe(true);
  }, CLI_TIMEOUT_MS);

  it('refuses an output path it cannot write, and leaves nothing behind', () => {
    const input = file('ok.json', '{"newcomers":[],"keyPersons":[],"edges":[]}');

    const result = assign('--in', input, '--out', join(dir, 'no-such-dir', 'out.json'));

    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/cannot write .*no-such-dir\/out\.json: no such file or directory/);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  }, CLI_TIMEOUT_MS);
});
