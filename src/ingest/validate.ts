/**
 * Record-level validation, in SQL over the staging tables: every problem
 * becomes a row of the temp table `import_problems` (file order, staging
 * rowid, column), so millions of rows are checked without passing through
 * JavaScript. Lines are attached later, only for the rows with problems.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { applySql, isBlank } from './extract-format.js';
import type { Staged } from './staging.js';

export const PROBLEMS_TABLE = 'import_problems';

const lit = (s: string): string => `'${s.replaceAll("'", "''")}'`;

export async function createProblemsTable(connection: DuckDBConnection): Promise<void> {
  await connection.run(`DROP TABLE IF EXISTS ${PROBLEMS_TABLE}`);
  await connection.run(`CREATE TEMP TABLE ${PROBLEMS_TABLE} (
    file_no INTEGER, file VARCHAR, rid BIGINT, col INTEGER, field VARCHAR, value VARCHAR, problem VARCHAR, expected VARCHAR,
    first_rid BIGINT)`);
}

/** Add the problems of one staged file; returns how many. */
export async function validateStaged(connection: DuckDBConnection, fileNo: number, s: Staged): Promise<number> {
  let total = 0;
  const add = async (select: string) => {
    const r = await connection.run(`INSERT INTO ${PROBLEMS_TABLE} ${select}`);
    total += Number(r.rowsChanged);
  };
  for (const f of s.spec.fields) {
    const col = s.col(f.name);
    if (!col) continue;
    const at = s.resolved.columns.find((c) => c.field === f.name)!;
    const head = `${fileNo}, ${lit(s.file)}, rowid, ${at.index + 1}, ${lit(at.header)}, ${col}`;
    if (f.notBlank) {
      await add(`SELECT ${head}, 'blank', ${lit(f.expected ?? 'a value')}, NULL FROM ${s.table} WHERE ${isBlank(col)}`);
    }
    if (f.normalise) {
      await add(
        `SELECT ${head}, 'not valid', ${lit(f.expected ?? 'a valid value')}, NULL FROM ${s.table}
         WHERE NOT ${isBlank(col)} AND (${applySql(f.normalise, col)}) IS NULL`,
      );
    }
  }
  if (s.spec.file === 'people.csv') {
    const col = s.col('person_id')!;
    const at = s.resolved.columns.find((c) => c.field === 'person_id')!;
    // Every occurrence after the first of a person_id is a problem; the first stays.
    await add(
      `SELECT ${fileNo}, ${lit(s.file)}, rid, ${at.index + 1}, ${lit(at.header)}, pid, 'duplicate person_id',
              'each person_id once in people.csv', first_rid
       FROM (SELECT rowid AS rid, trim(${col}) AS pid, min(rowid) OVER (PARTITION BY trim(${col})) AS first_rid
             FROM ${s.table} WHERE NOT ${isBlank(col)})
       WHERE rid <> first_rid`,
    );
  }
  return total;
}
