#!/usr/bin/env node
// Builds data/cbs-municipalities-<year>.json from CBS municipality files.
// Run it once a year, after CBS publishes the new municipal division (1 January).
//
//   node libs/reference/scripts/import-cbs-municipalities.mjs \
//     --year 2026 --reference-date 2026-01-01 --expect 342 \
//     --list gemeenten.csv [--provinces provinces.csv] [--geometry gemeenten.geojson] \
//     --list-source "..." [--province-source "..."] [--geometry-source "..."]
//
// --list       CSV (',' or ';') with a CBS code column (GemeentecodeGM | gm_code | statcode
//              | GM_code) and a name column (Gemeentenaam | gm_naam | statnaam), and
//              optionally a province column (Provincienaam | province).
// --provinces  CSV mapping the CBS code to the province, when --list has none.
// --geometry   GeoJSON of the municipalities (RD New, EPSG:28992, or WGS84), features
//              keyed by a code property (c | statcode | gemeentecode | code); used only
//              to compute an approximate centroid (area-weighted, in RD metres).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseCsv, pick } from './lib/csv.mjs';
import { featureCentroid } from './lib/geo.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = join(here, '..', 'data');

// The twelve provinces as CBS names them ('Fryslân', not 'Friesland').
const PROVINCES = new Map([
  ['groningen', 'Groningen'], ['fryslân', 'Fryslân'], ['friesland', 'Fryslân'],
  ['drenthe', 'Drenthe'], ['overijssel', 'Overijssel'], ['flevoland', 'Flevoland'],
  ['gelderland', 'Gelderland'], ['utrecht', 'Utrecht'], ['noord-holland', 'Noord-Holland'],
  ['zuid-holland', 'Zuid-Holland'], ['zeeland', 'Zeeland'], ['noord-brabant', 'Noord-Brabant'],
  ['limburg', 'Limburg'],
]);

const { values: args } = parseArgs({
  options: {
    year: { type: 'string' },
    'reference-date': { type: 'string' },
    expect: { type: 'string' },
    list: { type: 'string' },
    provinces: { type: 'string' },
    geometry: { type: 'string' },
    'list-source': { type: 'string' },
    'province-source': { type: 'string' },
    'geometry-source': { type: 'string' },
  },
});
for (const required of ['year', 'reference-date', 'list', 'list-source']) {
  if (!args[required]) throw new Error(`--${required} is required`);
}

/** 'GM0344', '0344', '344' -> 'GM0344'. */
function gmCode(raw) {
  const digits = String(raw).trim().replace(/^GM/i, '');
  if (!/^\d{1,4}$/.test(digits)) throw new Error(`not a CBS municipality code: ${raw}`);
  return 'GM' + digits.padStart(4, '0');
}

function province(raw, code) {
  const name = PROVINCES.get(String(raw ?? '').trim().toLowerCase());
  if (!name) throw new Error(`${code}: unknown province '${raw}'`);
  return name;
}

function readList() {
  const rows = parseCsv(readFileSync(args.list, 'utf8'));
  const provinceOf = new Map();
  if (args.provinces) {
    for (const row of parseCsv(readFileSync(args.provinces, 'utf8'))) {
      const code = gmCode(pick(row, ['GemeentecodeGM', 'GM_code', 'gm_code', 'statcode']));
      provinceOf.set(code, pick(row, ['Provincienaam', 'province', 'provincie']));
    }
  }
  return rows.map((row) => {
    const code = gmCode(pick(row, ['GemeentecodeGM', 'gm_code', 'statcode', 'GM_code']));
    const name = pick(row, ['Gemeentenaam', 'gm_naam', 'statnaam']);
    const prov = provinceOf.get(code) ?? pick(row, ['Provincienaam', 'province', 'provincie'], true);
    if (!name) throw new Error(`${code}: no name`);
    return { code, name, province: province(prov, code) };
  });
}

function readCentroids() {
  const centroids = new Map();
  if (!args.geometry) return centroids;
  const geo = JSON.parse(readFileSync(args.geometry, 'utf8'));
  for (const feature of geo.features) {
    const p = feature.properties ?? {};
    const raw = p.c ?? p.statcode ?? p.gemeentecode ?? p.code;
    if (raw === undefined) continue;
    centroids.set(gmCode(raw), featureCentroid(feature.geometry));
  }
  return centroids;
}

const records = readList().sort((a, b) => a.code.localeCompare(b.code));
const seen = new Set();
for (const r of records) {
  if (seen.has(r.code)) throw new Error(`duplicate code ${r.code}`);
  seen.add(r.code);
}
if (args.expect && records.length !== Number(args.expect)) {
  throw new Error(`expected ${args.expect} municipalities, found ${records.length}`);
}
const centroids = readCentroids();
if (centroids.size > 0) {
  for (const r of records) {
    const c = centroids.get(r.code);
    if (!c) throw new Error(`${r.code} ${r.name}: no geometry`);
    r.lat = c.lat;
    r.lon = c.lon;
  }
}

const header = {
  dataset: `CBS gemeentelijke indeling ${args.year} (municipalities of the Netherlands)`,
  source: args['list-source'],
  version: args.year,
  date: args['reference-date'],
  count: records.length,
  ...(args['province-source'] ? { provinceSource: args['province-source'] } : {}),
  ...(centroids.size > 0
    ? {
        centroidSource: args['geometry-source'] ?? args.geometry,
        centroidMethod: 'area-weighted centroid of the (generalised) municipal polygons in RD New (EPSG:28992), converted to WGS84 with the RD approximation polynomials; 4 decimals',
      }
    : {}),
  generated: new Date().toISOString().slice(0, 10),
};
const file = `cbs-municipalities-${args.year}.json`;
const lines = records.map((r) => '    ' + JSON.stringify(r));
writeFileSync(
  join(dataDir, file),
  `{\n  "header": ${JSON.stringify(header)},\n  "records": [\n${lines.join(',\n')}\n  ]\n}\n`,
);
console.log(`wrote data/${file}: ${records.length} municipalities`);
