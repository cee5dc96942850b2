/**
 * Loading one extract file, every column as text, into a temporary staging
 * table that validation and the final write read from.
 *
 * Fast path: DuckDB's own parallel CSV reader (read_csv). The staging row
 * number (rowid) is then the record number, and the line of a record with a
 * problem is found afterwards by a byte scan (only when there are problems).
 * Slow path, when DuckDB refuses the file (bytes that are not UTF-8, ragged
 * rows, an unclosed quote, mixed line endings): csv-parse streams the file in
 * JavaScript, lists each broken record as a problem with its line, and
 * appends the rest.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ResolvedHeader } from './column-map.js';
import { forEachRecordStart, hasBadBytes, parseRecords, type CsvEncoding } from './csv-file.js';
import type { FileSpec } from './extract-format.js';
import type { Problem } from './problems.js';

export interface Staged {
  spec: FileSpec;
  /** File name as reported (people.csv, ...). */
  file: string;
  path: string;
  table: string;
  header: string[];
  resolved: ResolvedHeader;
  /** Data records read (good or not). */
  records: number;
  /** Records DuckDB could not take (slow path), with lines: always rejected. */
  structural: Problem[];
  /** Staging column for one of our fields, or undefined when the file lacks it. */
  col(field: string): string | undefined;
  /**
   * Write temp table `table(rid, line)`: the line of each staging row up to
   * `maxRid`, for problem reports (streamed: there may be millions).
   */
  writeLines(connection: DuckDBConnection, table: string, maxRid: number): Promise<void>;
  /** True when the fast path failed and csv-parse read the file. */
  slowPath: boolean;
}

const sqlString = (s: string): string => `'${s.replaceAll("'", "''")}'`;

export async function stageFile(
  connection: DuckDBConnection,
  args: {
    spec: FileSpec;
    file: string;
    path: string;
    table: string;
    header: string[];
    resolved: ResolvedHeader;
    encoding: CsvEncoding;
    onProgress?: (fraction: number) => void;
  },
): Promise<Staged> {
  const { spec, file, path, table, header, resolved, encoding } = args;
  const colOf = new Map<string, string>();
  for (const c of resolved.columns) if (c.field) colOf.set(c.field, `c${c.index}`);
  const col = (field: string) => colOf.get(field);
  const columnsSql = header.map((_, i) => `'c${i}': 'VARCHAR'`).join(', ');
  await connection.run(`DROP TABLE IF EXISTS ${table}`);
  const fast = `CREATE TEMP TABLE ${table} AS SELECT * FROM read_csv(${sqlString(path)},
      header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
      encoding = ${sqlString(encoding)}, columns = {${columnsSql}})`;
  let timer: NodeJS.Timeout | undefined;
  let aborted: unknown;
  if (args.onProgress) {
    const report = args.onProgress;
    timer = setInterval(() => {
      const p = connection.progress.percentage;
      try {
        if (p >= 0) report(Math.min(1, p / 100));
      } catch (err) {
        // The progress callback asked to stop: interrupt DuckDB's read.
        aborted = err;
        clearInterval(timer);
        connection.interrupt();
      }
    }, 200);
  }
  try {
    await connection.run(fast);
    if (aborted) throw aborted;
    const n = await connection.runAndReadAll(`SELECT count(*) FROM ${table}`);
    const records = Number(n.getRows()[0][0]);
    return {
      spec, file, path, table, header, resolved, records, structural: [], col, slowPath: false,
      writeLines: (conn, t, maxRid) =>
        appendLines(conn, t, (emit) => forEachRecordStart(path, (rec, line) => (rec <= maxRid ? (emit(rec, line), true) : false))),
    };
  } catch (err) {
    if (aborted) throw aborted;
    void err; // DuckDB refused the file: read it with csv-parse to say exactly where and why.
  } finally {
    if (timer) clearInterval(timer);
  }
  return stageSlow(connection, { spec, file, path, table, header, resolved, encoding, col });
}

async function stageSlow(
  connection: DuckDBConnection,
  a: { spec: FileSpec; file: string; path: string; table: string; header: string[]; resolved: ResolvedHeader; encoding: CsvEncoding; col: (f: string) => string | undefined },
): Promise<Staged> {
  await connection.run(`DROP TABLE IF EXISTS ${a.table}`);
  await connection.run(`CREATE TEMP TABLE ${a.table} (${a.header.map((_, i) => `c${i} VARCHAR`).join(', ')})`);
  const appender = await connection.createAppender(a.table, 'main', 'temp');
  const lineOfRow: number[] = [];
  const structural: Problem[] = [];
  const width = a.header.length;
  let records = 0;
  try {
    for await (const r of parseRecords(a.path, a.file, a.encoding)) {
      records++;
      if (r.fields.length !== width) {
        structural.push({
          file: a.file,
          line: r.line,
          value: r.fields.join(',').slice(0, 200),
          problem: `the record has ${r.fields.length} field${r.fields.length === 1 ? '' : 's'}`,
          expected: `${width} fields, as in the header (quote values that contain commas)`,
        });
        continue;
      }
      const bad = r.fields.findIndex(hasBadBytes);
      if (bad >= 0) {
        structural.push({
          file: a.file,
          line: r.line,
          column: bad + 1,
          field: a.header[bad],
          value: r.fields[bad],
          problem: `bytes that are not valid ${a.encoding === 'utf-8' ? 'UTF-8' : a.encoding}`,
          expected: 'UTF-8 text (save the file as UTF-8, or pass --encoding latin-1)',
        });
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
    spec: a.spec, file: a.file, path: a.path, table: a.table, header: a.header, resolved: a.resolved,
    records, structural, col: a.col, slowPath: true,
    writeLines: (conn, t, maxRid) =>
      appendLines(conn, t, async (emit) => {
        for (let r = 0; r <= maxRid && r < lineOfRow.length; r++) emit(r, lineOfRow[r]);
      }),
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
