/**
 * How the write reads a lookup table (raw value as in the file -> what is
 * stored). A lookup of a few values (levels, types, yes/no, the SSA areas an
 * extract uses) is written into the SQL as one CASE per column: at 15M
 * qualification rows the hash joins of four such lookups cost about 2 s of a
 * 12 s write, the CASEs almost nothing. A lookup with many values (SOC
 * spellings, titles) or with a value that is not plain text stays a join.
 * A column whose every value is the raw value itself (cast to its type), as
 * when an extract already holds the codes, is read from the row: no CASE.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { lit } from './problem-table.js';

/** Above this many values a lookup is joined. */
const MAX_INLINE = 64;

/** Printable text of moderate length: the only values written into SQL as literals (quotes doubled). */
const PLAIN = /^[^\u0000-\u001f\u007f-\u009f\u2028\u2029]{0,200}$/u;

export interface ReadOptions {
  /** The lookup holds every non-NULL value `on` takes (blank ones too), so a column equal to its raw value can be read from the row. */
  complete?: boolean;
}

export interface LookupRead {
  /** The join to add to the FROM clause, or '' when the lookup is inlined. */
  join: string;
  /** SQL of each column for the row being read. */
  sql: Record<string, string>;
}

/**
 * Read `columns` (SQL over a row of lookup `lk`, whose key is `raw`) for the
 * value `on` of the row being written; `alias` names the join if there is one.
 * Values not in the lookup (blank ones are left out of some) read as NULL.
 */
export async function readLookup(
  c: DuckDBConnection,
  lk: string,
  on: string,
  alias: string,
  columns: Record<string, string>,
  options: ReadOptions = {},
): Promise<LookupRead> {
  const names = Object.keys(columns);
  const projected = `SELECT raw, ${names.map((n) => `${columns[n]} AS ${n}`).join(', ')} FROM ${lk} WHERE raw IS NOT NULL`;
  const rows = await inlineRows(c, projected, names);
  if (!rows) {
    return { join: `LEFT JOIN (${projected}) ${alias} ON ${alias}.raw = ${on}`, sql: Object.fromEntries(names.map((n) => [n, `${alias}.${n}`])) };
  }
  const sql: Record<string, string> = {};
  for (const [i, n] of names.entries()) {
    const branches = rows.map((r) => [r[0], r[1 + 2 * i], r[2 + 2 * i]]);
    const type = options.complete ? await identityType(c, projected, n, branches) : undefined;
    sql[n] = type === undefined ? caseOf(on, branches) : type === 'VARCHAR' ? on : `TRY_CAST(${on} AS ${type})`;
  }
  return { join: '', sql };
}

/** A column's single type when each of its values is its raw value cast to that type (NULL where the cast fails), else undefined. */
async function identityType(c: DuckDBConnection, projected: string, column: string, branches: (string | null)[][]): Promise<string | undefined> {
  const types = new Set(branches.filter(([, v]) => v !== null).map(([, , type]) => type!));
  if (types.size !== 1) return undefined;
  const [type] = types;
  if (!/^[A-Z][A-Z0-9_]*(\(\d+(, ?\d+)?\))?$/.test(type)) return undefined;
  const same = await c.runAndReadAll(`SELECT bool_and(TRY_CAST(raw AS ${type}) IS NOT DISTINCT FROM ${column}) FROM (${projected})`);
  return same.getRows()[0][0] === true ? type : undefined;
}

/** The lookup's rows as text (raw, then value and type of each column), or null when it should be joined. */
async function inlineRows(c: DuckDBConnection, projected: string, names: string[]): Promise<(string | null)[][] | null> {
  const n = Number((await c.runAndReadAll(`SELECT count(*) FROM (${projected})`)).getRows()[0][0]);
  if (n > MAX_INLINE) return null;
  const cells = names.map((x) => `CAST(${x} AS VARCHAR), typeof(${x})`).join(', ');
  const rows = (await c.runAndReadAll(`SELECT raw, ${cells} FROM (${projected}) ORDER BY raw`)).getRowsJS() as (string | null)[][];
  return rows.every((r) => r.every((v) => v === null || PLAIN.test(v))) ? rows : null;
}

/** CASE on `on` with one branch per (raw, value, type); no branch for a NULL value (the CASE's own default). */
function caseOf(on: string, branches: (string | null)[][]): string {
  const when = branches.filter(([, v]) => v !== null).map(([raw, v, type]) => `WHEN ${lit(raw!)} THEN CAST(${lit(v!)} AS ${type})`);
  return when.length === 0 ? 'NULL' : `(CASE ${on} ${when.join(' ')} END)`;
}
