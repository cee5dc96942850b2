/**
 * Reading the count tables a warehouse wrote (one CSV per table, named as in
 * COUNT_TABLES, with a header row): every value checked, a problem reported
 * with its file, line, column and what was expected. Only reads and checks;
 * classification is classify-counts.ts.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { InputError } from '../../core/errors.js';
import { COUNT_COLUMNS, type CountTable } from '../../core/warehouse/queries.js';

export type RawRow = Record<string, string | null>;

export interface CountFile {
  table: CountTable;
  path: string;
  /** Rows by column name; blank values are null. `line` is the row's line in the file. */
  rows: Array<{ line: number; values: RawRow }>;
  bytes: number;
  sha256: string;
}

/** A check failed at a file's row and column. */
export function problem(file: CountFile, line: number, column: string, value: string | null, expected: string): InputError {
  return new InputError(`column '${column}' value '${value ?? ''}': expected ${expected}`, { file: file.path, line, column: headerColumn(file, column), field: column });
}

// Column positions as found in each file's header (the warehouse may write the columns in any order).
const positions = new WeakMap<CountFile, Map<string, number>>();
function headerColumn(file: CountFile, column: string): number {
  return (positions.get(file)?.get(column) ?? 0) + 1;
}

function readHeader(path: string, table: CountTable, header: string[]): Map<string, number> {
  const wanted = COUNT_COLUMNS[table];
  const at = new Map<string, number>();
  header.forEach((h, i) => {
    const name = h.trim().toLowerCase();
    if (!wanted.includes(name)) throw new InputError(`unexpected column '${h}'; the columns of ${table}.csv are ${wanted.join(', ')}`, { file: path, line: 1, column: i + 1 });
    if (at.has(name)) throw new InputError(`column '${h}' appears twice`, { file: path, line: 1, column: i + 1 });
    at.set(name, i);
  });
  const missing = wanted.filter((w) => !at.has(w));
  if (missing.length > 0) throw new InputError(`missing column(s) ${missing.join(', ')}; the columns of ${table}.csv are ${wanted.join(', ')}`, { file: path, line: 1 });
  return at;
}

function parseCsv(path: string, text: string): Array<{ record: string[]; info: { lines: number } }> {
  try {
    return parse(text, { bom: true, info: true, skip_empty_lines: true, relax_column_count: false }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (err) {
    const e = err as Error & { lines?: number };
    throw new InputError(`not valid CSV: ${e.message}`, { file: path, ...(e.lines ? { line: e.lines } : {}) });
  }
}

/** Read `<folder>/<table>.csv`; a missing or unreadable file is refused with its path. */
export function readCountFile(folder: string, table: CountTable): CountFile {
  const path = join(folder, `${table}.csv`);
  if (!existsSync(path) || !statSync(path).isFile()) throw new InputError(`missing count table: ${table}.csv (run the '${table}' query of routeways sql and save its output there)`, { file: path });
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (err) {
    throw new InputError(`cannot read: ${(err as Error).message}`, { file: path });
  }
  const records = parseCsv(path, buf.toString('utf8'));
  if (records.length === 0) throw new InputError(`empty file; expected a header row (${COUNT_COLUMNS[table].join(', ')})`, { file: path });
  const at = readHeader(path, table, records[0]!.record);
  const file: CountFile = { table, path, rows: [], bytes: buf.length, sha256: createHash('sha256').update(buf).digest('hex') };
  positions.set(file, at);
  for (const { record, info } of records.slice(1)) {
    const values: RawRow = {};
    for (const [name, i] of at) values[name] = record[i] === undefined || record[i] === '' ? null : record[i]!;
    file.rows.push({ line: info.lines, values });
  }
  return file;
}
