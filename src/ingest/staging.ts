/**
 * Loading one extract file, every column as text, into a temporary staging
 * table `c0, c1, ...` that validation and the write read from.
 *
 * CSV, fast path: DuckDB's own parallel CSV reader (read_csv). The staging row
 * number (rowid) is then the record number, and the line of a record with a
 * problem is found afterwards by a byte scan (only when there are problems).
 * CSV, slow path, when DuckDB refuses the file (bytes that are not UTF-8,
 * ragged rows, an unclosed quote, mixed line endings, a line over 2 MB):
 * csv-parse streams the file in JavaScript, lists each broken record as a
 * problem with its line, and appends the rest.
 * Parquet: read_parquet, each column cast to text (so the same validation
 * applies); problems are placed by row number.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { InputError } from '../core/errors.js';
import type { ResolvedHeader } from './column-map.js';
import { forEachRecordStart, hasBadBytes, parseRecords, type CsvEncoding } from './csv-file.js';
import type { FileFormat } from './extract-files.js';
import type { FileSpec } from './extract-format.js';
import { duckdbReason, type Problem } from './problems.js';

export interface Staged {
  spec: FileSpec;
  /** File name as reported (people.csv, people.parquet, ...). */
  file: string;
  path: string;
  format: FileFormat;
  table: string;
  header: string[];
  resolved: ResolvedHeader;
  /** Data records read (good or not). */
  records: number;
  /**
   * The file may hold a NUL byte, so values are checked for one. False for a CSV file whose
   * bytes hold none (found while its checksum is taken), which saves a scan of every value.
   */
  mayHoldNul: boolean;
  /** Records DuckDB could not take (CSV slow path), with lines: always rejected. */
  structural: Problem[];
  /** Staging column for one of our fields, or undefined when the file lacks it. */
  col(field: string): string | undefined;
  /**
   * Write temp table `table(rid, line)`: the line (CSV) or row number (Parquet)
   * of each staging row up to `maxRid`, for problem reports.
   */
  writeLines(connection: DuckDBConnection, table: string, maxRid: number): Promise<void>;
}

export interface StageArgs {
  spec: FileSpec;
  file: string;
  path: string;
  format: FileFormat;
  table: string;
  header: string[];
  /** Parquet: the column names as in the file, and their DuckDB types. */
  sourceColumns?: { name: string; type: string }[];
  resolved: ResolvedHeader;
  encoding: CsvEncoding;
  onProgress?: (fraction: number) => void;
}

const sqlString = (s: string): string => `'${s.replaceAll("'", "''")}'`;
const sqlIdent = (s: string): string => `"${s.replaceAll('"', '""')}"`;

export async function stageFile(connection: DuckDBConnection, args: StageArgs): Promise<Staged> {
  await connection.run(`DROP TABLE IF EXISTS ${args.table}`);
  return args.format === 'parquet' ? stageParquet(connection, args) : stageCsv(connection, args);
}

function columnOf(resolved: ResolvedHeader): (field: string) => string | undefined {
  const colOf = new Map<string, string>();
  for (const c of resolved.columns) if (c.field) colOf.set(c.field, `c${c.index}`);
  return (field) => colOf.get(field);
}

async function count(connection: DuckDBConnection, table: string): Promise<number> {
  const n = await connection.runAndReadAll(`SELECT count(*) FROM ${table}`);
  return Number(n.getRows()[0][0]);
}

const isInterrupt = (err: unknown): boolean => err instanceof Error && /interrupt/i.test(err.message);

/**
 * Run one long DuckDB statement, reporting its progress every 200 ms, and
 * return DuckDB's error if it failed. When the progress callback throws (the
 * user asked to stop), DuckDB is interrupted and that error is thrown.
 */
async function runWithProgress(connection: DuckDBConnection, sql: string, onProgress?: (fraction: number) => void): Promise<Error | undefined> {
  let aborted: unknown;
  const timer = onProgress
    ? setInterval(() => {
        const p = connection.progress.percentage;
        try {
          if (p >= 0) onProgress(Math.min(1, p / 100));
        } catch (err) {
          aborted = err;
          clearInterval(timer);
          connection.interrupt();
        }
      }, 200)
    : undefined;
  let failed: Error | undefined;
  try {
    await connection.run(sql);
  } catch (err) {
    failed = err instanceof Error ? err : new Error(String(err));
  } finally {
    if (timer) clearInterval(timer);
  }
  if (aborted) throw aborted;
  if (failed && isInterrupt(failed)) throw failed;
  return failed;
}

async function stageCsv(connection: DuckDBConnection, args: StageArgs): Promise<Staged> {
  const { path, table, header, encoding } = args;
  const columnsSql = header.map((_, i) => `'c${i}': 'VARCHAR'`).join(', ');
  const fast = `CREATE TEMP TABLE ${table} AS SELECT * FROM read_csv(${sqlString(path)},
      header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
      encoding = ${sqlString(encoding)}, columns = {${columnsSql}})`;
  // DuckDB refused the file: read it with csv-parse to say exactly where and why.
  if (await runWithProgress(connection, fast, args.onProgress)) return stageCsvSlow(connection, args);
  return {
    ...stagedBase(args), records: await count(connection, table), structural: [],
    writeLines: (conn, t, maxRid) =>
      appendLines(conn, t, (emit) => forEachRecordStart(path, (rec, line) => (rec <= maxRid ? (emit(rec, line), true) : false))),
  };
}

function stagedBase(args: StageArgs): Pick<Staged, 'spec' | 'file' | 'path' | 'format' | 'table' | 'header' | 'resolved' | 'col' | 'mayHoldNul'> {
  const { spec, file, path, format, table, header, resolved } = args;
  return { spec, file, path, format, table, header, resolved, col: columnOf(resolved), mayHoldNul: true };
}

async function stageCsvSlow(connection: DuckDBConnection, args: StageArgs): Promise<Staged> {
  const { file, path, table, header, encoding } = args;
  await connection.run(`DROP TABLE IF EXISTS ${table}`);
  await connection.run(`CREATE TEMP TABLE ${table} (${header.map((_, i) => `c${i} VARCHAR`).join(', ')})`);
  const appender = await connection.createAppender(table, 'main', 'temp');
  const lineOfRow: number[] = [];
  const structural: Problem[] = [];
  let records = 0;
  try {
    for await (const r of parseRecords(path, file, encoding)) {
      records++;
      const problem = recordProblem(r.fields, r.line, args);
      if (problem) {
        structural.push(problem);
        continue;
      }
      for (const f of r.fields) {
        if (f === '') appender.appendNull();
        else appender.appendVarchar(f);
      }
      appender.endRow();
      lineOfRow.push(r.line);
    }
  } finally {
    appender.closeSync();
  }
  return {
    ...stagedBase(args), records, structural,
    writeLines: (conn, t, maxRid) =>
      appendLines(conn, t, async (emit) => {
        for (let r = 0; r <= maxRid && r < lineOfRow.length; r++) emit(r, lineOfRow[r]);
      }),
  };
}

/** A record DuckDB could not stage: the wrong number of fields, or bytes that are not text in the encoding. */
function recordProblem(fields: string[], line: number, args: StageArgs): Problem | undefined {
  const width = args.header.length;
  if (fields.length !== width) {
    return {
      file: args.file,
      line,
      value: fields.join(',').slice(0, 200),
      problem: `the record has ${fields.length} field${fields.length === 1 ? '' : 's'}`,
      expected: `${width} fields, as in the header (quote values that contain commas)`,
    };
  }
  const bad = fields.findIndex(hasBadBytes);
  if (bad < 0) return undefined;
  return {
    file: args.file,
    line,
    column: bad + 1,
    field: args.header[bad],
    value: fields[bad],
    problem: `bytes that are not valid ${args.encoding === 'utf-8' ? 'UTF-8' : args.encoding}`,
    expected: 'UTF-8 text (save the file as UTF-8, or pass --encoding latin-1)',
  };
}

async function stageParquet(connection: DuckDBConnection, args: StageArgs): Promise<Staged> {
  const { file, path, table } = args;
  const source = args.sourceColumns ?? [];
  // Each column as its text, as a CSV would hold it (a DATE '2020-09-01', a BOOLEAN 'true', a TIMESTAMP with its time, read as its date).
  const select = source.map((s, i) => `CAST(${sqlIdent(s.name)} AS VARCHAR) AS c${i}`);
  const failed = await runWithProgress(connection, `CREATE TEMP TABLE ${table} AS SELECT ${select.join(', ')} FROM read_parquet(${sqlString(path)})`, args.onProgress);
  if (failed) throw new InputError(`cannot read ${file} as Parquet (${duckdbReason(failed)})`, { file });
  return {
    ...stagedBase(args), records: await count(connection, table), structural: [],
    writeLines: async (conn, t) => {
      // Row numbers count from 1, the first row of data.
      await conn.run(`CREATE OR REPLACE TEMP TABLE ${t} AS SELECT CAST(rowid AS INTEGER) AS rid, CAST(rowid + 1 AS INTEGER) AS line FROM ${table}`);
    },
  };
}

async function appendLines(
  connection: DuckDBConnection,
  table: string,
  produce: (emit: (rid: number, line: number) => void) => Promise<void>,
): Promise<void> {
  await connection.run(`CREATE OR REPLACE TEMP TABLE ${table} (rid INTEGER, line INTEGER)`);
  const appender = await connection.createAppender(table, 'main', 'temp');
  try {
    await produce((rid, line) => {
      appender.appendInteger(rid);
      appender.appendInteger(line);
      appender.endRow();
    });
  } finally {
    appender.closeSync();
  }
}
