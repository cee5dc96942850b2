/**
 * Classification matching at scale: the distinct raw values of a column
 * (few, even in 10M rows) are matched in JavaScript with the shipped
 * classifications (src/core/classify), and the result goes back to DuckDB as
 * a small lookup table that the write joins on.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Classifications } from '../core/classify/classifications.js';
import { isBlank } from './extract-format.js';

export type Matched = { code: string | null; sub?: string | null; major?: string | null };

/**
 * Create temp table `name(raw VARCHAR, code VARCHAR, sub VARCHAR, major VARCHAR, n BIGINT)`
 * for the distinct non-blank values of `column` in `table`, `n` the rows with each.
 */
export async function buildLookup(
  connection: DuckDBConnection,
  name: string,
  table: string,
  column: string,
  match: (raw: string) => Matched,
): Promise<void> {
  // Keyed by the value exactly as in the file, so the write joins without trimming every row.
  // Distinct values first, then leave out the blank ones (trimming every row would cost more than the rest).
  // Counting the rows of each value costs no more than finding the distinct ones, and spares the
  // import report a pass over the written records (import-report.ts).
  const reader = await connection.runAndReadAll(
    `SELECT raw, n FROM (SELECT ${column} AS raw, count(*) AS n FROM ${table} GROUP BY 1) WHERE NOT ${isBlank('raw')}`,
  );
  const rows = reader.getRowsJS() as [string, bigint][];
  await connection.run(`DROP TABLE IF EXISTS ${name}`);
  await connection.run(`CREATE TEMP TABLE ${name} (raw VARCHAR PRIMARY KEY, code VARCHAR, sub VARCHAR, major VARCHAR, n BIGINT)`);
  const appender = await connection.createAppender(name, 'main', 'temp');
  try {
    for (const [raw, n] of rows) {
      const m = match(String(raw).trim());
      appender.appendVarchar(String(raw));
      for (const v of [m.code, m.sub ?? null, m.major ?? null]) {
        if (v === null || v === undefined) appender.appendNull();
        else appender.appendVarchar(v);
      }
      appender.appendBigInt(BigInt(n));
      appender.endRow();
    }
  } finally {
    appender.closeSync();
  }
}

export const regionMatcher = (c: Classifications) => (raw: string): Matched => ({ code: c.matchRegion(raw) });
export const ssaMatcher = (c: Classifications) => (raw: string): Matched => ({ code: c.matchSsa(raw) });
export const socMatcher = (c: Classifications) => (raw: string): Matched => {
  const m = c.matchSoc(raw);
  return { code: m.soc, sub: m.subMajor, major: m.major };
};
