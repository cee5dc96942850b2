/**
 * The temp table `import_problems`: one row per problem found in SQL (file
 * order, staging rowid, column), so millions of rows are checked without
 * passing through JavaScript. Lines are attached at the end, only for the
 * rows with problems, when the whole list goes to the rejects CSV.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../store/database.js';
import { SHOWN_PROBLEMS, type Problem } from './problems.js';
import type { Staged } from './staging.js';

export const PROBLEMS_TABLE = 'import_problems';

/** The columns a check's SELECT gives, in this order. */
export const PROBLEM_COLUMNS = 'file_no, file, rid, col, field, value, problem, expected, first_rid';

export const lit = (s: string): string => `'${s.replaceAll("'", "''")}'`;

export async function createProblemsTable(connection: DuckDBConnection): Promise<void> {
  await connection.run(`DROP TABLE IF EXISTS ${PROBLEMS_TABLE}`);
  await connection.run(`CREATE TEMP TABLE ${PROBLEMS_TABLE} (
    file_no INTEGER, file VARCHAR, rid BIGINT, col INTEGER, field VARCHAR, value VARCHAR, problem VARCHAR, expected VARCHAR,
    first_rid BIGINT, line BIGINT, first_line BIGINT)`);
}

/** Add the problems a SELECT of PROBLEM_COLUMNS lists; returns how many. */
export async function insertProblems(connection: DuckDBConnection, select: string): Promise<number> {
  const r = await connection.run(`INSERT INTO ${PROBLEMS_TABLE} (${PROBLEM_COLUMNS}) ${select}`);
  return Number(r.rowsChanged);
}

/** Problems found in SQL, and the staging rows of each file they reject. */
export async function problemCounts(connection: DuckDBConnection): Promise<{ total: number; rowsByFile: Map<string, number> }> {
  const rows = await queryRows<{ file: string; n: bigint; rows: bigint }>(
    connection,
    `SELECT file, count(*) AS n, count(DISTINCT rid) AS rows FROM ${PROBLEMS_TABLE} GROUP BY file`,
  );
  return { total: rows.reduce((a, r) => a + Number(r.n), 0), rowsByFile: new Map(rows.map((r) => [r.file, Number(r.rows)])) };
}

/**
 * Give every problem its line, add the records DuckDB could not read, write
 * them all to the rejects CSV (DuckDB's COPY: there may be millions) and
 * return the first few in file order.
 */
export async function collectProblems(c: DuckDBConnection, staged: Staged[], path: string): Promise<Problem[]> {
  for (const [i, s] of staged.entries()) {
    await attachLines(c, i, s);
    await appendStructural(c, i, s);
  }
  const select = `SELECT file, line, col AS "column", field, value, problem,
      CASE WHEN first_line IS NOT NULL THEN expected || ' (first on ' || (CASE WHEN file LIKE '%.parquet' THEN 'row ' ELSE 'line ' END) || first_line || ')' ELSE expected END AS expected
    FROM ${PROBLEMS_TABLE} ORDER BY file_no, line, col, problem`;
  await c.run(`COPY (${select}) TO ${lit(path)} (HEADER, DELIMITER ',', QUOTE '"')`);
  const first = await queryRows<{ file: string; line: bigint | null; column: number | null; field: string | null; value: string | null; problem: string; expected: string | null }>(
    c,
    `${select} LIMIT ${SHOWN_PROBLEMS}`,
  );
  const parquet = new Set(staged.filter((s) => s.format === 'parquet').map((s) => s.file));
  return first.map((r) => {
    const at = r.line === null ? undefined : Number(r.line);
    return {
      file: r.file,
      ...(parquet.has(r.file) ? { row: at } : { line: at }),
      column: r.column ?? undefined,
      field: r.field ?? undefined,
      value: r.value,
      problem: r.problem,
      expected: r.expected ?? undefined,
    };
  });
}

async function attachLines(c: DuckDBConnection, fileNo: number, s: Staged): Promise<void> {
  const max = await queryRows<{ m: bigint | null }>(
    c,
    `SELECT max(greatest(rid, coalesce(first_rid, 0))) AS m FROM ${PROBLEMS_TABLE} WHERE file_no = ${fileNo}`,
  );
  if (max[0].m === null) return;
  await s.writeLines(c, 'import_lines', Number(max[0].m));
  await c.run(`UPDATE ${PROBLEMS_TABLE} p SET line = l.line FROM import_lines l WHERE p.file_no = ${fileNo} AND l.rid = p.rid`);
  await c.run(`UPDATE ${PROBLEMS_TABLE} p SET first_line = l.line FROM import_lines l WHERE p.file_no = ${fileNo} AND l.rid = p.first_rid`);
}

/** The records the CSV slow path could not stage (they have lines already). */
async function appendStructural(c: DuckDBConnection, fileNo: number, s: Staged): Promise<void> {
  if (s.structural.length === 0) return;
  const appender = await c.createAppender(PROBLEMS_TABLE, 'main', 'temp');
  try {
    for (const p of s.structural) {
      const cells: (string | number | null | undefined)[] = [fileNo, p.file, null, p.column, p.field, p.value, p.problem, p.expected, null, p.line, null];
      cells.forEach((v, k) => {
        if (v === null || v === undefined) appender.appendNull();
        else if (k === 0 || k === 3) appender.appendInteger(Number(v));
        else if (k === 9) appender.appendBigInt(BigInt(v));
        else appender.appendVarchar(String(v));
      });
      appender.endRow();
    }
  } finally {
    appender.closeSync();
  }
}
