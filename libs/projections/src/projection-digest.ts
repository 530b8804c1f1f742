import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';

/** Rows are hashed in chunks of about this many characters: one crossing into native code per chunk, not two per row. */
const CHUNK = 1 << 16;

/**
 * A digest of a projection's rows: SHA-256 over every row of its tables in
 * primary-key order, each row as SQLite's JSON array of its column values
 * (`json_array`, which writes a REAL with the 17 significant digits that give
 * it back exactly) and a newline. Two databases holding the same rows give
 * the same digest, however and in whichever order the rows were written.
 * The rows are rendered by SQLite rather than handed to JavaScript column by
 * column: that halves the cost of digesting a large projection.
 */
export function digestTables(db: Database.Database, tables: readonly string[]): { digest: string; rows: number } {
  const hash = createHash('sha256');
  let rows = 0;
  for (const table of tables) {
    hash.update(`table ${table}\n`);
    let chunk = '';
    for (const row of renderedRows(db, table)) {
      chunk += `${row}\n`;
      rows++;
      if (chunk.length >= CHUNK) {
        hash.update(chunk);
        chunk = '';
      }
    }
    hash.update(chunk);
  }
  return { digest: hash.digest('hex'), rows };
}

export interface RowDifference {
  readonly table: string;
  /** Primary-key columns and values of the first row (in key order) that differs or exists on one side only. */
  readonly key: Readonly<Record<string, unknown>>;
  readonly reason: 'different-values' | 'missing-in-rebuilt' | 'missing-in-live';
}

/** Walks both databases in key order and names the first row that is not the same in both; null when none. */
export function firstDifference(live: Database.Database, rebuilt: Database.Database, tables: readonly string[]): RowDifference | null {
  for (const table of tables) {
    const keys = primaryKey(live, table);
    const liveRows = orderedRows(live, table);
    const rebuiltRows = orderedRows(rebuilt, table);
    let a = liveRows.next();
    let b = rebuiltRows.next();
    try {
      while (!a.done || !b.done) {
        const order = a.done ? 1 : b.done ? -1 : compareKeys(keys.map((k) => a.value![k.index]), keys.map((k) => b.value![k.index]));
        if (order === 0) {
          if (JSON.stringify(a.value) !== JSON.stringify(b.value)) return difference(table, keys, a.value!, 'different-values');
          a = liveRows.next();
          b = rebuiltRows.next();
        } else {
          return order < 0 ? difference(table, keys, a.value!, 'missing-in-rebuilt') : difference(table, keys, b.value!, 'missing-in-live');
        }
      }
    } finally {
      liveRows.return?.(undefined);
      rebuiltRows.return?.(undefined);
    }
  }
  return null;
}

interface KeyColumn {
  readonly name: string;
  readonly index: number;
}

function primaryKey(db: Database.Database, table: string): KeyColumn[] {
  const columns = db.prepare(`SELECT name, pk FROM pragma_table_info(?)`).all(table) as { name: string; pk: number }[];
  if (columns.length === 0) throw new Error(`No table ${table}`);
  const keys = columns.map((column, index) => ({ name: column.name, index, pk: column.pk })).filter((column) => column.pk > 0);
  // Without a declared key, every column together orders the rows.
  return (keys.length > 0 ? keys.sort((x, y) => x.pk - y.pk) : columns.map((column, index) => ({ name: column.name, index, pk: 0 })))
    .map(({ name, index }) => ({ name, index }));
}

function renderedRows(db: Database.Database, table: string): IterableIterator<string> {
  const columns = db.prepare<[string], string>('SELECT name FROM pragma_table_info(?) ORDER BY cid').pluck(true).all(table);
  const order = primaryKey(db, table).map((key) => `"${key.name}"`).join(', ');
  const row = columns.map((column) => `"${column}"`).join(', ');
  return db.prepare(`SELECT json_array(${row}) FROM "${table}" ORDER BY ${order}`).pluck(true).iterate() as IterableIterator<string>;
}

function orderedRows(db: Database.Database, table: string): IterableIterator<unknown[]> {
  const order = primaryKey(db, table).map((key) => `"${key.name}"`).join(', ');
  return db.prepare(`SELECT * FROM "${table}" ORDER BY ${order}`).raw(true).iterate() as IterableIterator<unknown[]>;
}

/** SQLite's order for the values keys hold here: numbers before text, text by its UTF-8 bytes (BINARY collation). */
function compareKeys(left: readonly unknown[], right: readonly unknown[]): number {
  for (let index = 0; index < left.length; index++) {
    const order = compareValues(left[index], right[index]);
    if (order !== 0) return order;
  }
  return 0;
}

function compareValues(left: unknown, right: unknown): number {
  if (typeof left === 'number' && typeof right === 'number') return left - right;
  if (typeof left === 'number') return -1;
  if (typeof right === 'number') return 1;
  return Buffer.compare(Buffer.from(String(left)), Buffer.from(String(right)));
}

function difference(table: string, keys: readonly KeyColumn[], row: readonly unknown[], reason: RowDifference['reason']): RowDifference {
  return { table, key: Object.fromEntries(keys.map((key) => [key.name, row[key.index]])), reason };
}
