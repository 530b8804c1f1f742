import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Plain JavaScript run by npm before the servers start; required here as npm does.
const { consoleSources, isStale, TARGETS } = require('../scripts/ensure-built') as {
  consoleSources(root?: string): string[];
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

  it('rebuilds the console when a lib source it bundles changes (libs/matching/src names the score components)', () => {
    expect(TARGETS.web.sources).toEqual(expect.arrayContaining([join('apps', 'web'), join('libs', 'matching', 'src')]));
    rmSync(root, { recursive: true, force: true });
    const lib = join(root, 'libs', 'matching', 'src', 'policy');
    for (const dir of [join(root, 'apps', 'web', 'src'), lib, join(root, 'dist', 'web')]) mkdirSync(dir, { recursive: true });
    const page = join(root, 'apps', 'web', 'src', 'page.tsx');
    const policy = join(lib, 'scoring-policy.ts');
    const output = join(root, 'dist', 'web', 'index.html');
    for (const file of [page, policy, output]) writeFileSync(file, '');
    at(page, 1_000);
    at(policy, 1_000);
    at(output, 2_000);
    const target = { ...TARGETS.web, output };
    expect(isStale(target, root)).toBe(false);
    at(policy, 3_000);
    expect(isStale(target, root)).toBe(true);
  });

  it('finds the folders the console imports from, and what those import in turn, by relative paths', () => {
    rmSync(root, { recursive: true, force: true });
    for (const dir of ['apps/web/src/matching', 'libs/matching/src/policy', 'libs/words/src', 'libs/unused/src']) mkdirSync(join(root, dir), { recursive: true });
    writeFileSync(join(root, 'apps/web/src/matching/words.ts'), "import { NAMES } from '../../../../libs/matching/src/policy/scoring-policy';\nimport { App } from './app';\n");
    writeFileSync(join(root, 'libs/matching/src/policy/scoring-policy.ts'), "export { WORDS } from '../../../words/src/words';\n");
    writeFileSync(join(root, 'libs/words/src/words.ts'), "import { x } from '@sleutel/unused';\n");
    expect(consoleSources(root)).toEqual([join('apps', 'web'), join('libs', 'matching', 'src'), join('libs', 'words', 'src')]);
  });
});
