#!/usr/bin/env node
/**
 * Builds what is missing or older than its sources, so a fresh clone and a
 * pulled change run current code, and an unchanged tree starts at once:
 *
 *   server  apps (but the console), libs and config → dist/ (`npm run build:server`)
 *   web     apps/web → dist/web (`npm run build:web`)
 *
 *   node scripts/ensure-built.js server web
 *
 * `npm start`, `npm run start:matcher`, `npm run cli` and the test run (Jest's global setup)
 * call it: the servers run compiled JavaScript, not ts-node (see README,
 * "Quick start" and the trial table under "Why the throughput goal stays out of reach here").
 */
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');

const TARGETS = {
  server: {
    output: join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js'),
    sources: ['apps', 'libs', 'config', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'],
    skip: new Set([join(ROOT, 'apps', 'web')]),
    script: 'build:server',
    what: 'the server (dist/apps, dist/libs, dist/config)',
  },
  web: {
    output: join(ROOT, 'dist', 'web', 'index.html'),
    sources: [join('apps', 'web')],
    skip: new Set(),
    script: 'build:web',
    what: 'the web console (dist/web)',
  },
};

/** The newest modification time under `path` (a file or a directory), skipping `skip`. */
function newest(path, skip) {
  if (skip.has(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry), skip));
  return latest;
}

/** True when the target's output is missing or any of its sources (relative to `root`) is newer. */
function isStale(target, root = ROOT) {
  if (!existsSync(target.output)) return true;
  const built = statSync(target.output).mtimeMs;
  return target.sources.some((source) => newest(join(root, source), target.skip) > built);
}

/** Builds each named target that is missing or stale; returns the names built. */
function ensureBuilt(names) {
  const built = [];
  for (const name of names) {
    const target = TARGETS[name];
    if (!target) throw new Error(`Unknown build target "${name}" (known: ${Object.keys(TARGETS).join(', ')})`);
    if (!isStale(target)) continue;
    console.log(`Building ${target.what}…`);
    execFileSync('npm', ['run', '--silent', target.script], { cwd: ROOT, stdio: 'inherit' });
    built.push(name);
  }
  return built;
}

module.exports = { ensureBuilt, isStale, TARGETS };

if (require.main === module) ensureBuilt(process.argv.slice(2));
