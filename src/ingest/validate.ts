/**
 * Record-level validation, in SQL over the staging tables: every problem
 * becomes a row of the temp table `import_problems` (file order, staging
 * rowid, column), so millions of rows are checked without passing through
 * JavaScript. Lines are attached later, only for the rows with problems.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { applySql, clean, isBlank } from './extract-format.js';
import type { Staged } from './staging.js';

export const PROBLEMS_TABLE = 'import_problems';

const lit = (s: string): string => `'${s.replaceAll("'", "''")}'`;

export async function createProblemsTable(connection: DuckDBConnection): Promise<void> {
  await connection.run(`DROP TABLE IF EXISTS ${PROBLEMS_TABLE}`);
  await connection.run(`CREATE TEMP TABLE ${PROBLEMS_TABLE} (
    file_no INTEGER, file VARCHAR, rid BIGINT, col INTEGER, field VARCHAR, value VARCHAR, problem VARCHAR, expected VARCHAR,
    first_rid BIGINT, line BIGINT, first_line BIGINT)`);
}

/**
 * Add the problems of one staged file; returns how many. One scan counts the
 * failures of every check; only the checks that failed are run again to list
 * their rows (a clean extract, the usual case, is scanned once).
 */
export async function validateStaged(connection: DuckDBConnection, fileNo: number, s: Staged): Promise<number> {
  const checks: { select: string; where: string }[] = [];
  const lookupChecks: { select: string; from: string; where: string }[] = [];
  for (const f of s.spec.fields) {
    const col = s.col(f.name);
    if (!col) continue;
    const at = s.resolved.columns.find((c) => c.field === f.name)!;
    const head = `${fileNo}, ${lit(s.file)}, rowid, ${at.index + 1}, ${lit(at.header)}, ${col}`;
    if (f.notBlank) {
      checks.push({ select: `${head}, 'blank', ${lit(f.expected ?? 'a value')}, NULL`, where: isBlank(col) });
    }
    if (f.normalise && f.categorical) {
      // Normalise each distinct value once; rows are scanned only if some value is bad.
      const lk = lookupName(s, f.name);
      await connection.run(`CREATE OR REPLACE TEMP TABLE ${lk} AS
        SELECT raw, CASE WHEN ${isBlank('raw')} THEN NULL ELSE ${applySql(f.normalise, 'raw')} END AS val,
               NOT ${isBlank('raw')} AND (${applySql(f.normalise, 'raw')}) IS NULL AS bad
        FROM (SELECT DISTINCT ${col} AS raw FROM ${s.table})`);
      const bad = Number((await connection.runAndReadAll(`SELECT count(*) FROM ${lk} WHERE bad`)).getRows()[0][0]);
      if (bad > 0) {
        lookupChecks.push({
          select: `${fileNo}, ${lit(s.file)}, t.rowid, ${at.index + 1}, ${lit(at.header)}, t.${col}, 'not valid', ${lit(f.expected ?? 'a valid value')}, NULL`,
          from: `${s.table} t JOIN ${lk} l ON l.raw = t.${col}`,
          where: 'l.bad',
        });
      }
    } else if (f.normalise) {
      checks.push({
        select: `${head}, 'not valid', ${lit(f.expected ?? 'a valid value')}, NULL`,
        where: `NOT ${isBlank(col)} AND (${applySql(f.normalise, col)}) IS NULL`,
      });
    }
  }
  const pid = s.spec.file === 'people.csv' ? s.col('person_id') : undefined;
  const counts = [
    ...checks.map((c, i) => `count(*) FILTER (WHERE ${c.where}) AS k${i}`),
    pid ? `count(${pid}) FILTER (WHERE NOT ${isBlank(pid)}) - count(DISTINCT CASE WHEN NOT ${isBlank(pid)} THEN ${clean(pid)} END) AS dup` : '0 AS dup',
  ];
  const reader = await connection.runAndReadAll(`SELECT ${counts.join(', ')} FROM ${s.table}`);
  const row = reader.getRowsJS()[0].map((v) => Number(v));
  let total = 0;
  for (const [i, c] of checks.entries()) {
    if (row[i] === 0) continue;
    await connection.run(`INSERT INTO ${PROBLEMS_TABLE} (file_no, file, rid, col, field, value, problem, expected, first_rid) SELECT ${c.select} FROM ${s.table} WHERE ${c.where}`);
    total += row[i];
  }
  for (const c of lookupChecks) {
    const r = await connection.run(`INSERT INTO ${PROBLEMS_TABLE} (file_no, file, rid, col, field, value, problem, expected, first_rid) SELECT ${c.select} FROM ${c.from} WHERE ${c.where}`);
    total += Number(r.rowsChanged);
  }
  const dup = row[checks.length];
  if (pid && dup > 0) {
    const at = s.resolved.columns.find((c) => c.field === 'person_id')!;
    // Every occurrence after the first of a person_id is a problem; the first stays.
    await connection.run(
      `INSERT INTO ${PROBLEMS_TABLE} (file_no, file, rid, col, field, value, problem, expected, first_rid)
       SELECT ${fileNo}, ${lit(s.file)}, rid, ${at.index + 1}, ${lit(at.header)}, pid, 'duplicate person_id', 'each person_id once in people.csv', first_rid
       FROM (SELECT rowid AS rid, ${clean(pid)} AS pid, min(rowid) OVER (PARTITION BY ${clean(pid)}) AS first_rid
             FROM ${s.table} WHERE NOT ${isBlank(pid)})
       WHERE rid <> first_rid`,
    );
    total += dup;
  }
  return total;
}

/** Temp lookup table of a categorical field: raw (as in the file) -> val (normalised), bad. */
export function lookupName(s: Staged, field: string): string {
  return `lk_${s.table}_${field}`;
}
