#!/usr/bin/env node
/**
 * `npm start` runs this first: builds the web console (dist/web) when it is
 * missing or older than any file of apps/web, so a fresh clone and a pulled
 * change both serve a current console, and an unchanged tree starts at once.
 */
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..', '..');
const index = join(root, 'dist', 'web', 'index.html');

function newestIn(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestIn(path) : statSync(path).mtimeMs);
  }
  return newest;
}

if (!existsSync(index) || statSync(index).mtimeMs < newestIn(__dirname)) {
  console.log('Building the web console (dist/web)…');
  execFileSync('npm', ['run', '--silent', 'build:web'], { cwd: root, stdio: 'inherit' });
}
