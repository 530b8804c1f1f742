import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The direction of dependencies (ARCHITECTURE.md): the domain and the matcher's
 * scoring are pure TypeScript. They import nothing from Nest, queues, stores or
 * the file system, so they can be tested without I/O and reasoned about alone.
 */
const ROOT = join(__dirname, '..');
const PURE_LIBS = ['libs/domain/src', 'libs/matching/src', 'libs/reference/src', 'libs/seed/src'];
const FORBIDDEN = [
  /^@nestjs\//, /^bullmq$/, /^ioredis$/, /^better-sqlite3$/, /^@eventstore\//, /^express$/,
  /^(node:)?(fs|net|http|https|child_process|worker_threads)$/,
  /^@sleutel\/(event-store|eventsourcing|platform|projections|queue|auth)$/, /apps\//,
];

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !/\.(spec|int-spec)\.ts$/.test(path) ? [path] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|require\(['"]([^'"]+)['"]\)/g)].map((m) => m[1] ?? m[2]);
}

describe('layer rules', () => {
  for (const lib of PURE_LIBS) {
    it(`${lib} imports no framework, queue, store or I/O module`, () => {
      const files = sourceFiles(join(ROOT, lib));
      expect(files.length).toBeGreaterThan(0);
      const offending = files.flatMap((file) =>
        imports(file).filter((spec) => FORBIDDEN.some((rule) => rule.test(spec))).map((spec) => `${relative(ROOT, file)} → ${spec}`),
      );
      expect(offending).toEqual([]);
    });
  }
});
