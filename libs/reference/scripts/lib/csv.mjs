// Minimal CSV reading for the reference-data scripts: ',' or ';' separated,
// double-quoted fields, optional UTF-8 BOM, first line is the header.

/** Splits one line into fields, honouring "quoted, fields" and "" escapes. */
function splitLine(line, sep) {
  const fields = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        field += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === sep) {
      fields.push(field);
      field = '';
    } else {
      field += ch;
    }
  }
  fields.push(field);
  return fields.map((f) => f.trim());
}

/** Parses CSV text into one object per data row, keyed by the header names. */
export function parseCsv(text) {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  const [head, ...rows] = lines;
  const sep = head.includes(';') ? ';' : ',';
  const cols = splitLine(head, sep);
  return rows.map((row) => {
    const cells = splitLine(row, sep);
    return Object.fromEntries(cols.map((c, i) => [c, cells[i] ?? '']));
  });
}

/** The value of the first of `names` present in `row` (case-insensitive). */
export function pick(row, names, optional = false) {
  const keys = Object.keys(row);
  for (const name of names) {
    const key = keys.find((k) => k.toLowerCase() === name.toLowerCase());
    if (key !== undefined) return row[key];
  }
  if (optional) return undefined;
  throw new Error(`none of the columns ${names.join(', ')} in ${keys.join(', ')}`);
}
