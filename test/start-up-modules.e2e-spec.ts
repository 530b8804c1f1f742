import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { serverCommand } from './support/server-command';

const ROOT = join(__dirname, '..');
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const API = 'dist/apps/api/src/app.module.js';

/**
 * What a process has loaded once `expression` (awaited) has run, started as
 * `npm start` (`api`) or `npm run cli` (`cli`) start theirs (the compiled
 * server, through the script's own command line, with its preloads), and
 * `main` (a compiled file) as `process.env.MAIN`: the packages (by their
 * top-level name) and the project's compiled files.
 */
function loadedBy(app: 'api' | 'cli', main: string, expression: string): { readonly packages: string[]; readonly files: string[] } {
  const command = serverCommand(app);
  const preload = command.args.slice(0, -1);
  const probe = `Promise.resolve().then(() => ${expression}).then(() => process.stdout.write(JSON.stringify(Object.keys(require.cache))))`;
  const result = spawnSync(process.execPath, [...preload, '-e', probe], {
    cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...command.env, MAIN: join(ROOT, main) },
  });
  expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
  const modules = JSON.parse(result.stdout) as string[];
  const packages = new Set(modules.map((file) => /node_modules\/((@[^/]+\/)?[^/]+)\//.exec(file)?.[1]).filter((name) => name !== undefined));
  const files = modules.filter((file) => !file.includes('node_modules')).map((file) => file.slice(ROOT.length + 1));
  expect(files).toContain(main);
  return { packages: [...packages].sort(), files };
}

describe('start-up: what a process does not load', () => {
  const esdb = (packages: string[]) => packages.filter((name) => /^@eventstore\/|^@grpc\//.test(name));
  const redis = (packages: string[]) => packages.filter((name) => ['bullmq', 'ioredis', '@nest-lab/throttler-storage-redis'].includes(name));

  it('the API on the embedded store loads neither the EventStoreDB client nor gRPC (a quarter of a second); they load when a connection string asks', () => {
    expect(esdb(loadedBy('api', API, 'require(process.env.MAIN)').packages)).toEqual([]);
    const connected = "require('./dist/libs/platform/src/index.js').createEventStore({ eventStoreConnectionString: 'esdb://127.0.0.1:1?tls=false' })";
    expect(esdb(loadedBy('api', API, `(require(process.env.MAIN), ${connected})`).packages)).toEqual(['@eventstore/db-client', '@grpc/grpc-js']);
  });

  it('the API without REDIS_URL loads neither bullmq nor ioredis (a sixth of its start-up); the queue factory loads them for a Redis URL', () => {
    expect(redis(loadedBy('api', API, 'require(process.env.MAIN)').packages)).toEqual([]);
    const queue = `require(process.env.MAIN) && require('./dist/libs/queue/src/index.js').createJobQueue({ redisUrl: ${JSON.stringify(REDIS_URL)}, queueName: 'start-up-modules' }).then((queue) => queue.close())`;
    expect(redis(loadedBy('api', API, queue).packages)).toEqual(['bullmq', 'ioredis']);
  });

  it('`cli token` loads neither Nest nor the stores, only the command it runs; `cli audit` loads what it needs', () => {
    const cli = 'dist/apps/cli/src/main.js';
    const heavy = ({ packages, files }: { packages: string[]; files: string[] }) => [
      ...packages.filter((name) => ['@nestjs/core', 'better-sqlite3', 'bullmq'].includes(name)),
      ...files.filter((file) => /^dist\/libs\/(event-store|platform)\/|^dist\/apps\/cli\/src\/commands\/(?!token)/.test(file)),
    ];
    expect(heavy(loadedBy('cli', cli, "require(process.env.MAIN).cli(['node', 'main.js', 'token'])"))).toEqual([]);
    expect(heavy(loadedBy('cli', cli, "require(process.env.MAIN).cli(['node', 'main.js', 'audit'])"))).toEqual(expect.arrayContaining(['@nestjs/core', 'better-sqlite3', 'dist/apps/cli/src/commands/audit.command.js']));
  });
});
