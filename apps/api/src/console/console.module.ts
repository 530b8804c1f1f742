import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DynamicModule, Logger, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';

/**
 * Paths the console must never answer: the API, the probes, metrics, the queue
 * dashboard and the OpenAPI pages. Everything else that is a GET and not a file
 * of the bundle gets the console's index.html, so its own routes (`/intake/...`)
 * survive a reload.
 */
const NOT_CONSOLE_ROOTS = ['api', 'health', 'metrics', 'queues', 'docs', 'docs-json'];
export const NOT_CONSOLE = NOT_CONSOLE_ROOTS.flatMap((root) => [`/${root}`, `/${root}/{*path}`]);
const NOT_CONSOLE_PATH = new RegExp(`^/(?:${NOT_CONSOLE_ROOTS.join('|')})(?:/|$)`);

/** True for a path the console answers (when nothing before it did): not the API, the probes, metrics, the dashboard or the OpenAPI pages. */
export function isConsolePath(path: string): boolean {
  return !NOT_CONSOLE_PATH.test(path);
}

/** The Express route that answers the console's own pages with index.html (metrics name it, not the URL). */
export const CONSOLE_RENDER_PATH = '{*console}';
/** The bundle's hashed files. */
export const CONSOLE_ASSETS = /^\/assets\//;

/** The repository's root (the nearest folder with a package.json above this file), from the sources or from a build. */
function projectRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return from;
    dir = parent;
  }
  return dir;
}

/** Where `npm run build:web` writes the console. */
export function consoleDirectory(): string {
  return join(projectRoot(__dirname), 'dist', 'web');
}

@Module({})
class ConsoleNotBuiltModule {}

/**
 * The web console (apps/web), a static bundle served under `/` by
 * @nestjs/serve-static. The bundle needs no secret and holds no data: every
 * answer it shows comes from the API with the user's token. Hashed assets are
 * cached for a year; index.html never, so a new build reaches users at once.
 */
export function consoleModule(directory = consoleDirectory()): DynamicModule {
  if (!existsSync(join(directory, 'index.html'))) {
    new Logger('Console').warn(`The web console is not built (${directory} has no index.html): run npm run build:web. The API works without it.`);
    return { module: ConsoleNotBuiltModule };
  }
  return ServeStaticModule.forRoot({
    rootPath: directory,
    renderPath: CONSOLE_RENDER_PATH,
    exclude: NOT_CONSOLE,
    serveStaticOptions: {
      index: false,
      fallthrough: true,
      setHeaders: (response: { setHeader(name: string, value: string): void }, path: string) => {
        const hashed = /[\\/]assets[\\/]/.test(path);
        response.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    },
  });
}
