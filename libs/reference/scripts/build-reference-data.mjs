#!/usr/bin/env node
// Regenerates the shipped reference JSON under libs/reference/data/ from npm
// packages (devDependencies). Runtime code never imports these packages: it
// reads only the generated JSON.
// Usage (from the repository root): node libs/reference/scripts/build-reference-data.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = join(here, '..', 'data');
const require = createRequire(import.meta.url);
const today = new Date().toISOString().slice(0, 10);

/** Version of an installed package, read from node_modules/<name>/package.json. */
function packageVersion(name) {
  for (const dir of require.resolve.paths(name) ?? []) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, name, 'package.json'), 'utf8'));
      if (pkg.name === name) return pkg.version;
    } catch {
      /* not in this node_modules */
    }
  }
  throw new Error(`package ${name} is not installed`);
}

/** Writes { header, records } with one record per line: compact yet diffable. */
function writeJson(file, header, records) {
  const lines = records.map((r) => '    ' + JSON.stringify(r));
  const text = `{\n  "header": ${JSON.stringify(header)},\n  "records": [\n${lines.join(',\n')}\n  ]\n}\n`;
  writeFileSync(join(dataDir, file), text);
  console.log(`wrote data/${file}: ${records.length} records`);
}

/**
 * Individual language -> macrolanguage, from the IANA Language Subtag Registry,
 * which carries the ISO 639-3 macrolanguage mappings. The registry names a
 * language by its shortest code ('ar'), so two-letter codes are mapped back to
 * ISO 639-3 ('ara') through the ISO 639-1 column of iso-639-3.
 */
function macrolanguageMap(iso6393) {
  const registry = require('language-subtag-registry/data/json/registry.json');
  const toThree = new Map();
  for (const l of iso6393) {
    toThree.set(l.iso6393, l.iso6393);
    if (l.iso6391) toThree.set(l.iso6391, l.iso6393);
  }
  const scopeOf = new Map(iso6393.map((l) => [l.iso6393, l.scope]));
  const macroOf = new Map();
  for (const entry of registry) {
    if (entry.Type !== 'language' || !entry.Macrolanguage) continue;
    const child = toThree.get(entry.Subtag);
    const macro = toThree.get(entry.Macrolanguage);
    // Deprecated subtags keep their mapping while iso-639-3 still lists the code.
    if (child === undefined || macro === undefined) continue; // not (or no longer) in ISO 639-3
    if (scopeOf.get(macro) !== 'macrolanguage') {
      throw new Error(`${child} maps to ${macro}, which iso-639-3 does not list as a macrolanguage`);
    }
    macroOf.set(child, macro);
  }
  return macroOf;
}

async function buildLanguages() {
  const { iso6393 } = await import('iso-639-3');
  const macroOf = macrolanguageMap(iso6393);
  const records = iso6393.map((l) => {
    const rec = { code: l.iso6393, name: l.name, scope: l.scope, type: l.type };
    const macro = macroOf.get(l.iso6393);
    if (macro !== undefined) rec.macrolanguage = macro;
    return rec;
  });
  const version = packageVersion('iso-639-3');
  const registryDate = require('language-subtag-registry/data/json/meta.json')['File-Date'];
  const header = {
    dataset: 'ISO 639-3 language codes',
    source: `npm iso-639-3@${version} (export iso6393)`,
    version,
    date: today,
    count: records.length,
    macrolanguageSource: `IANA Language Subtag Registry, File-Date ${registryDate}, via npm language-subtag-registry@${packageVersion('language-subtag-registry')} (Macrolanguage field)`,
    macrolanguageMappings: macroOf.size,
  };
  writeJson('iso-639-3.json', header, records);
}

// Both languages use the package's common short name ({ select: 'alias' }), since
// several official names are politically loaded (see FIELD-NOTES "Reference
// data"): 'Afghanistan', 'Iran', 'Taiwan', 'Palestine'. In English the alias is
// an abbreviation or ambiguous for a few codes ('UK', 'Congo' twice), which
// keep the official short name.
const ENGLISH_OFFICIAL = ['AE', 'CD', 'CG', 'GB', 'KR', 'NL'];

function buildCountries() {
  const countries = require('i18n-iso-countries');
  const enAlias = countries.getNames('en', { select: 'alias' });
  const enOfficial = countries.getNames('en', { select: 'official' });
  const nl = countries.getNames('nl', { select: 'alias' });
  const records = Object.keys(countries.getAlpha2Codes())
    .sort()
    .map((code) => {
      const en = ENGLISH_OFFICIAL.includes(code) ? enOfficial[code] : enAlias[code];
      const rec = { code, en, nl: nl[code] };
      if (!rec.en || !rec.nl) throw new Error(`country ${code} lacks a name`);
      return rec;
    });
  for (const locale of ['en', 'nl']) {
    const names = new Set(records.map((r) => r[locale]));
    if (names.size !== records.length) throw new Error(`duplicate ${locale} country names`);
  }
  const version = packageVersion('i18n-iso-countries');
  const header = {
    dataset: 'ISO 3166-1 alpha-2 country codes',
    source: `npm i18n-iso-countries@${version} (nl: select alias; en: select alias, select official for ${ENGLISH_OFFICIAL.join(' ')})`,
    version,
    date: today,
    count: records.length,
  };
  writeJson('iso-3166-1.json', header, records);
}

await buildLanguages();
buildCountries();
