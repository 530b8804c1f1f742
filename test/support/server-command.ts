import { spawnSync, SpawnSyncOptionsWithStringEncoding } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const SCRIPTS = { api: 'start', matcher: 'start:matcher', cli: 'cli' } as const;

/**
 * The command line of `npm start` (`api`), `npm run start:matcher`
 * (`matcher`) or `npm run cli` (`cli`), read from package.json (`exec env
 * NAME=value… node args…`), so test and bench processes start the compiled
 * server exactly as the scripts do, without npm in between: the pid is the
 * server's own and signals reach it. Relative paths are relative to the
 * project root, the processes' cwd.
 */
export function serverCommand(app: keyof typeof SCRIPTS): { readonly args: string[]; readonly env: Record<string, string> } {
  const script: string = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts[SCRIPTS[app]];
  const words = script.trim().split(/\s+/);
  const env: Record<string, string> = {};
  let next = words[0] === 'exec' ? 1 : 0;
  if (words[next] === 'env') {
    for (next += 1; /^[A-Z_]+=/.test(words[next] ?? ''); next += 1) {
      const [name, ...value] = words[next].split('=');
      env[name] = value.join('=');
    }
  }
  if (words[next] !== 'node') throw new Error(`npm script "${SCRIPTS[app]}" does not run node the way the tests expect: ${script}`);
  return { args: words.slice(next + 1), env };
}

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * `npm run --silent cli -- …args` as the script runs it, without npm in
 * between (npm and the `precli` build check add 0.6–1 s to each of the
 * ≈ 100 runs of the suite; the global set-up has built dist). `options.env`
 * is the whole environment, as for `spawnSync`: process.env when not given.
 * The specs that check `npm run cli` itself (spec-contract, npm-start) still
 * go through npm.
 */
export function cliSync(args: readonly string[], options: Omit<Partial<SpawnSyncOptionsWithStringEncoding>, 'cwd' | 'encoding'> = {}): CliResult {
  const command = serverCommand('cli');
  const result = spawnSync(process.execPath, [...command.args, ...args], {
    timeout: 120_000, ...options, cwd: ROOT, encoding: 'utf8', env: { ...(options.env ?? process.env), ...command.env },
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
