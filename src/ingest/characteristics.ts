/**
 * Characteristic columns: every column of people.csv that is not one of
 * Routeways' own. They are profiled all at once, as (column, value) pairs
 * (UNPIVOT in a wide file), so the work grows with the number of values whatever the
 * shape (a statement per column, or an expression per column, costs columns x
 * columns on a wide file: 3,000 columns took minutes). One query finds each
 * column's distinct values, longest value and any NUL byte; columns whose
 * values are all yes/no-like are stored as 'true'/'false', the rest as
 * entered, trimmed, as one list per person.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../store/database.js';
import { MAX_FIELD_BYTES, cleanOrNull } from './extract-format.js';
import { lit } from './problem-table.js';
import type { Staged } from './staging.js';
import { listProblems, textLimitChecks } from './validate.js';

export interface CharacteristicColumn {
  /** 0-based position in the file. */
  index: number;
  header: string;
  /** The distinct non-blank spellings of a yes/no column, or null when the column is not yes/no. */
  booleanSpellings: string[] | null;
  /** Every value is already as stored (no space to trim, none blank but not empty): stored without cleaning. */
  tidy: boolean;
}

const TRUE_WORDS = new Set(['true', 't', 'yes', 'y', '1']);
const FALSE_WORDS = new Set(['false', 'f', 'no', 'n', '0']);

/** Yes/no-like text as a boolean, else null (the same words as BOOLEAN_SQL). */
export function parseBoolean(s: string): boolean | null {
  const w = s.trim().toLowerCase();
  return TRUE_WORDS.has(w) ? true : FALSE_WORDS.has(w) ? false : null;
}

/** Files with at most this many characteristic columns are profiled a column at a time, and build each person's list from one expression per column. */
const MAX_EXPRESSIONS = 100;

/** A boolean column has at most this many distinct values (blank included). */
const MAX_BOOLEAN_SPELLINGS = 40;

interface ColumnProfile {
  col: number;
  /** Distinct values, NULL included. */
  n: bigint;
  /** The first distinct non-NULL values, enough to decide whether the column is boolean. */
  some: string[] | null;
  longest: bigint | null;
  nul: boolean | null;
  untidy: boolean | null;
}

/**
 * Profile the characteristic columns of staged people.csv, add their NUL and
 * length problems, and say how each is stored. Returns the columns and the
 * number of problems added.
 */
export async function profileCharacteristics(c: DuckDBConnection, fileNo: number, s: Staged): Promise<{ columns: CharacteristicColumn[]; problems: number }> {
  const cols = s.resolved.columns.filter((col) => col.field === undefined);
  if (cols.length === 0) return { columns: [], problems: 0 };
  const profiles = await queryRows<ColumnProfile>(
    c,
    `SELECT CAST(col AS INTEGER) AS col, count(*) AS n, min(value, ${MAX_BOOLEAN_SPELLINGS + 1}) AS some,
            max(strlen(value)) AS longest, ${s.mayHoldNul ? 'bool_or(contains(value, chr(0)))' : 'false'} AS nul,
            bool_or(starts_with(value, ' ') OR ends_with(value, ' ') OR value = '') AS untidy
     FROM (${distinctPairs(s.table, cols.map((x) => x.index))})
     GROUP BY col`,
  );
  const byIndex = new Map(profiles.map((p) => [Number(p.col), p]));
  let problems = 0;
  const columns: CharacteristicColumn[] = [];
  for (const col of cols) {
    const p = byIndex.get(col.index);
    const limits = textLimitChecks(fileNo, s, col.index, col.header);
    if (p?.nul) problems += await listProblems(c, limits.nul);
    if (p && Number(p.longest ?? 0) > MAX_FIELD_BYTES) problems += await listProblems(c, limits.long);
    columns.push({ index: col.index, header: col.header, booleanSpellings: p ? booleanSpellings(p) : null, tidy: !p?.untidy });
  }
  return { columns, problems };
}

/**
 * Each column's distinct values as (col, value) rows. A narrow file groups each column on its
 * own (a third of the time of unpivoting 10M people x 3 columns); a wide one unpivots, since
 * thousands of subqueries take long to plan.
 */
function distinctPairs(table: string, indexes: number[]): string {
  if (indexes.length <= MAX_EXPRESSIONS) {
    return indexes.map((i) => `SELECT ${i} AS col, c${i} AS value FROM ${table} GROUP BY c${i}`).join(' UNION ALL ');
  }
  return `SELECT col, value FROM (SELECT ${indexes.map((i) => `c${i}`).join(', ')} FROM ${table})
    UNPIVOT INCLUDE NULLS (value FOR col IN (${indexes.map((i) => `c${i} AS '${i}'`).join(', ')})) GROUP BY ALL`;
}

/** A column is yes/no when its few distinct values (blank counted once) are all yes/no-like. */
function booleanSpellings(p: ColumnProfile): string[] | null {
  const nonBlank = (p.some ?? []).filter((x) => x.trim() !== '');
  const boolean = Number(p.n) <= MAX_BOOLEAN_SPELLINGS && nonBlank.length > 0 && nonBlank.every((x) => parseBoolean(x) !== null);
  return boolean ? nonBlank : null;
}

/**
 * The characteristics of a people row as one list (people.characteristic_values),
 * with the names in the same order: yes/no columns first, as 'true'/'false',
 * then the others trimmed (unless tidy already); blank as NULL. Up to
 * MAX_EXPRESSIONS columns the list is one expression per column; a wider
 * file's is built by one lambda over the columns (3,000 CASE expressions in
 * one SELECT took half a minute to plan).
 */
export function characteristicValues(columns: CharacteristicColumn[], row: string): { names: string[]; sql: string } {
  const yesNo = columns.filter((x) => x.booleanSpellings);
  const other = columns.filter((x) => !x.booleanSpellings);
  if (columns.length === 0) return { names: [], sql: 'CAST(NULL AS VARCHAR[])' };
  // Every spelling means the same whichever column it is in, so one CASE serves all yes/no columns.
  const spellings = [...new Set(yesNo.flatMap((x) => x.booleanSpellings!))];
  const asBoolean = (v: string) => `CASE ${v} ${spellings.map((x) => `WHEN ${lit(x)} THEN '${parseBoolean(x)}'`).join(' ')} END`;
  const ordered = [...yesNo, ...other];
  const names = ordered.map((x) => x.header);
  if (columns.length <= MAX_EXPRESSIONS) {
    // A narrow file: one expression per column, each cleaned only if it needs it (no lambda, no concatenation).
    const item = (x: CharacteristicColumn) => {
      const v = `${row}.c${x.index}`;
      return x.booleanSpellings ? asBoolean(v) : x.tidy ? v : cleanOrNull(v);
    };
    return { names, sql: `[${ordered.map(item).join(', ')}]` };
  }
  const list = (cols: CharacteristicColumn[], value: (v: string) => string) => {
    const values = `[${cols.map((x) => `${row}.c${x.index}`).join(', ')}]`;
    return value('x') === 'x' ? values : `list_transform(${values}, x -> ${value('x')})`;
  };
  // Cleaning every value cost a fifth of writing 10M people; most files need none.
  const cleaned = (v: string) => (other.every((x) => x.tidy) ? v : cleanOrNull(v));
  const parts = [...(yesNo.length > 0 ? [list(yesNo, asBoolean)] : []), ...(other.length > 0 ? [list(other, cleaned)] : [])];
  return { names, sql: parts.length === 2 ? `list_concat(${parts[0]}, ${parts[1]})` : parts[0] };
}
