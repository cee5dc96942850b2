/**
 * The columns of each extract file (a CSV header row, or a Parquet file's
 * schema) matched to Routeways' columns through the column mapping, and the
 * problems with them: a required column missing, a column named twice, a
 * mapping naming a column that is not there.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { InputError } from '../core/errors.js';
import { resolveHeader, type ColumnMap, type ResolvedHeader } from './column-map.js';
import { readHeader, type CsvEncoding } from './csv-file.js';
import type { ExtractFile } from './extract-files.js';
import { duckdbReason, type Problem } from './problems.js';

export interface FileHeader extends ExtractFile {
  /** Column names, trimmed. */
  header: string[];
  /** Parquet: the columns as named in the file, with their DuckDB types. */
  sourceColumns?: { name: string; type: string }[];
  resolved: ResolvedHeader;
}

export interface HeadersRead {
  headers: FileHeader[];
  problems: Problem[];
  warnings: string[];
}

export async function readHeaders(connection: DuckDBConnection, files: ExtractFile[], encoding: CsvEncoding, map: ColumnMap): Promise<HeadersRead> {
  const out: HeadersRead = { headers: [], problems: [], warnings: [] };
  for (const f of files) {
    const { header, sourceColumns } = f.format === 'csv' ? { header: (await readHeader(f.path, f.file, encoding)).header, sourceColumns: undefined } : await readParquetColumns(connection, f);
    const resolved = resolveHeader(f.spec, header, map);
    out.problems.push(...headerProblems(f, header, resolved));
    if (!f.spec.extraColumnsAreCharacteristics && resolved.unknown.length > 0) {
      const u = resolved.unknown;
      out.warnings.push(
        `${f.file}: column${u.length > 1 ? 's' : ''} ${u.map((x) => `'${x}'`).join(', ')} not used (not a Routeways column; only extra columns in ${peopleName(files)} are kept, as characteristics)`,
      );
    }
    out.headers.push({ ...f, header, sourceColumns, resolved });
  }
  return out;
}

const peopleName = (files: ExtractFile[]): string => files.find((f) => f.spec.file === 'people.csv')?.file ?? 'people.csv';

function headerProblems(f: ExtractFile, header: string[], resolved: ResolvedHeader): Problem[] {
  const { file, spec } = f;
  // A CSV's column names are on line 1; a Parquet file's are in its schema, on no line.
  const line = f.format === 'csv' ? 1 : undefined;
  const columnsWord = f.format === 'csv' ? 'a header with' : 'columns named';
  const problems: Problem[] = [];
  for (const d of resolved.duplicates) {
    problems.push({ file, line, column: header.indexOf(d) + 1, field: d, value: d, problem: 'column named twice in the header', expected: 'each column once' });
  }
  for (const m of resolved.missing) {
    problems.push({
      file, line, field: m.field, value: header.join(','),
      problem: `required column '${m.field}' is missing (looked for ${m.lookedFor})`,
      expected: `${columnsWord} ${spec.fields.filter((x) => x.required).map((x) => x.name).join(', ')}; map other names with --map ${m.field}=HEADER`,
    });
  }
  for (const u of resolved.unmatchedMappings) {
    problems.push({
      file, line, field: u.field, value: header.join(','),
      problem: `the mapping names column '${u.header}' for '${u.field}', which is not in the header`,
      expected: `one of the headers: ${header.join(', ')}`,
    });
  }
  return problems;
}

/** A Parquet file's columns (DESCRIBE reads only its footer). */
async function readParquetColumns(connection: DuckDBConnection, f: ExtractFile): Promise<{ header: string[]; sourceColumns: { name: string; type: string }[] }> {
  if (f.bytes === 0) throw new InputError(`${f.file} is empty; expected a Parquet file`, { file: f.file });
  let rows: unknown[][];
  try {
    const r = await connection.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${f.path.replaceAll("'", "''")}')`);
    rows = r.getRowsJS();
  } catch (err) {
    throw new InputError(`${f.path} is not a Parquet file that can be read (${duckdbReason(err)}); expected a Parquet file`);
  }
  const sourceColumns = rows.map((r) => ({ name: String(r[0]), type: String(r[1]) }));
  return { header: sourceColumns.map((c) => c.name.trim()), sourceColumns };
}
