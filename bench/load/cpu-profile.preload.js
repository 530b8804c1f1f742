/**
 * `node --cpu-prof` for a process whose command line the bench does not own
 * (NODE_OPTIONS refuses --cpu-prof): preloaded with
 * NODE_OPTIONS="-r bench/load/cpu-profile.preload.js" and CPU_PROFILE_DIR,
 * it profiles from start to exit and writes a .cpuprofile there, which
 * Chrome DevTools opens. Plain JavaScript, preloaded before the server.
 */
'use strict';
const { Session } = require('node:inspector');
const { writeFileSync, mkdirSync } = require('node:fs');
const { join } = require('node:path');

const directory = process.env.CPU_PROFILE_DIR;
if (directory) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.start');
  process.once('exit', () => {
    // A session on this thread answers synchronously, so this completes before the process ends.
    session.post('Profiler.stop', (error, result) => {
      if (error) return;
      mkdirSync(directory, { recursive: true });
      writeFileSync(join(directory, `api-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
