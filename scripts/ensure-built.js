#!/usr/bin/env node
/**
 * Builds what is missing or older than its sources, so a fresh clone and a
 * pulled change run current code, and an unchanged tree starts at once:
 *
 *   server  apps (but the console), libs and config → dist/ (`npm run build:server`)
 *   web     apps/web and the lib sources it imports → dist/web (`npm run build:web`)
 *
 *   node scripts/ensure-built.js server web
 *
 * `npm start`, `npm run start:matcher`, `npm run cli` and the test run (Jest's global setup)
 * call it: the servers run compiled JavaScript, not ts-node (see README,
 * "Quick start" and the trial table under "Why the throughput goal stays out of reach here").
 */
const { execFileSync } = require('node:child_process');
const { existsSync, readFileSync, readdirSync, statSync } = require('node:fs');
const { dirname, join, relative, resolve, sep } = require('node:path');

const ROOT = join(__dirname, '..');

/** A relative module specifier in an import, an export … from, or a dynamic import(). */
const RELATIVE_IMPORT = /(?:\bfrom|\bimport)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g;
const SCRIPT = /\.(?:[cm]?[jt]sx?)$/;

/** The script files under `dir`, without node_modules. */
function scripts(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : scripts(path);
    return SCRIPT.test(entry.name) ? [path] : [];
  });
}

/** The folder (relative to `root`) a bundled file outside apps/web is watched by: `libs/<name>/src`, else its top-level folder. */
function watchedFolder(root, file) {
  const parts = relative(root, file).split(sep);
  return parts[0] === 'libs' && parts[2] === 'src' ? parts.slice(0, 3).join(sep) : parts[0];
}

/**
 * The console's sources: apps/web and every folder it imports from by a
 * relative path (libs/matching/src, for the names of the score components and
 * exclusion reasons), and what those import in turn. Vite bundles those files
 * too, so a change there must rebuild the console. The console cannot use the
 * `@sleutel/*` aliases (Vite does not read tsconfig paths), so relative
 * imports are all there is to follow.
 */
function consoleSources(root = ROOT) {
  const folders = [join('apps', 'web')];
  for (let next = 0; next < folders.length; next += 1) {
    const folder = join(root, folders[next]);
    if (!statSync(folder).isDirectory()) continue;
    for (const file of scripts(folder)) {
      for (const [, specifier] of readFileSync(file, 'utf8').matchAll(RELATIVE_IMPORT)) {
        const imported = resolve(dirname(file), specifier);
        if (!imported.startsWith(root + sep) || folders.some((known) => imported.startsWith(join(root, known) + sep))) continue;
        const watched = watchedFolder(root, imported);
        if (!folders.includes(watched) && existsSync(join(root, watched))) folders.push(watched);
      }
    }
  }
  return folders;
}

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
    sources: consoleSources(),
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

module.exports = { consoleSources, ensureBuilt, isStale, TARGETS };

if (require.main === module) ensureBuilt(process.argv.slice(2));
