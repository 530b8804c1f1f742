import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Plain JavaScript run by npm before the servers start; required here as npm does.
const { isStale, TARGETS } = require('../scripts/ensure-built') as {
  isStale(target: { output: string; sources: string[]; skip: Set<string> }, root?: string): boolean;
  TARGETS: Record<string, { output: string; sources: string[]; skip: Set<string> }>;
};

describe('scripts/ensure-built.js: what npm start and the test run rebuild', () => {
  const root = mkdtempSync(join(tmpdir(), 'sleutel-built-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const at = (path: string, seconds: number): void => utimesSync(path, seconds, seconds);
  function tree(): { target: { output: string; sources: string[]; skip: Set<string> }; source: string; skipped: string } {
    rmSync(root, { recursive: true, force: true });
    mkdirSync(join(root, 'apps', 'api'), { recursive: true });
    mkdirSync(join(root, 'apps', 'web'), { recursive: true });
    mkdirSync(join(root, 'dist'), { recursive: true });
    const source = join(root, 'apps', 'api', 'main.ts');
    const skipped = join(root, 'apps', 'web', 'page.tsx');
    const output = join(root, 'dist', 'main.js');
    for (const file of [source, skipped, output]) writeFileSync(file, '');
    at(source, 1_000);
    at(skipped, 1_000);
    at(output, 2_000);
    return { target: { output, sources: ['apps'], skip: new Set([join(root, 'apps', 'web')]) }, source, skipped };
  }

  it('builds when the output is missing or a source is newer, not when the output is the newest', () => {
    const { target, source } = tree();
    expect(isStale(target, root)).toBe(false);
    at(source, 3_000);
    expect(isStale(target, root)).toBe(true);
    rmSync(target.output);
    expect(isStale(target, root)).toBe(true);
  });

  it("ignores what the target skips: a console change does not rebuild the server", () => {
    const { target, skipped } = tree();
    at(skipped, 3_000);
    expect(isStale(target, root)).toBe(false);
  });

  it('knows the server and the console, and the server skips the console sources', () => {
    expect(Object.keys(TARGETS).sort()).toEqual(['server', 'web']);
    expect(TARGETS.server.output).toMatch(/dist\/apps\/api\/src\/main\.js$/);
    expect([...TARGETS.server.skip].some((path) => path.endsWith(join('apps', 'web')))).toBe(true);
    expect(TARGETS.web.output).toMatch(/dist\/web\/index\.html$/);
  });
});
