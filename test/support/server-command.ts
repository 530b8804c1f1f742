import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const SCRIPTS = { api: 'start', matcher: 'start:matcher' } as const;

/**
 * The command line of `npm start` (`api`) or `npm run start:matcher`
 * (`matcher`), read from package.json (`exec env NAME=value… node args…`), so
 * test and bench processes start the compiled server exactly as the scripts
 * do, without npm in between: the pid is the server's own and signals reach
 * it. Relative paths are relative to the project root, the processes' cwd.
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
