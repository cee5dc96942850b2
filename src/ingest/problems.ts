/**
 * Problems found in an extract, each with file, line (CSV) or row (Parquet),
 * column, value and what was expected; how they are printed and written to
 * the rejects CSV, and the error that refuses an import because of them.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { InputError } from '../core/errors.js';

export interface Problem {
  file: string;
  /** Line in the file (1 = header), of the start of the record (CSV). */
  line?: number;
  /** Row number (1 = the first row of data), in a Parquet file. */
  row?: number;
  /** Column number (1-based) in the file. */
  column?: number;
  /** Column header as written in the file. */
  field?: string;
  value?: string | null;
  /** What was wrong, e.g. 'level out of range'. */
  problem: string;
  expected?: string;
}

/**
 * "qualifications.csv:12:3: column 'level' value '9': not valid; expected a level from 1 to 8";
 * in a Parquet file "qualifications.parquet, row 11, column 3: ...".
 */
export function formatProblem(p: Problem): string {
  let where = p.file;
  if (p.row !== undefined) {
    where += `, row ${p.row}`;
    if (p.column !== undefined) where += `, column ${p.column}`;
  } else {
    if (p.line !== undefined) where += `:${p.line}`;
    if (p.column !== undefined) where += `:${p.column}`;
  }
  const field = p.field !== undefined ? `column '${p.field}' ` : '';
  const value = p.value !== undefined ? `value '${p.value ?? ''}' ` : '';
  const expected = p.expected ? `; expected ${p.expected}` : '';
  const subject = field || value ? `${field}${value}`.trimEnd() + ': ' : '';
  return `${where}: ${subject}${p.problem}${expected}`;
}

const csvCell = (v: string | number | null | undefined): string => {
  if (v === undefined || v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/** The rejects file's columns; `line` holds the row number for a Parquet file. */
export const REJECTS_HEADER = ['file', 'line', 'column', 'field', 'value', 'problem', 'expected'];

export function problemToCsvRow(p: Problem): string {
  return [p.file, p.line ?? p.row, p.column, p.field, p.value, p.problem, p.expected].map(csvCell).join(',') + '\n';
}

/** Write all problems to a CSV file (streaming: there may be millions). */
export async function writeRejects(path: string, problems: AsyncIterable<Problem> | Iterable<Problem>): Promise<number> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  let n = 0;
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  await write(REJECTS_HEADER.join(',') + '\n');
  for await (const p of problems) {
    await write(problemToCsvRow(p));
    n++;
  }
  out.end();
  await once(out, 'finish');
  return n;
}

/** The first line of a DuckDB error, without its class ('Invalid Input Error: ') or the SQL it quotes. */
export function duckdbReason(err: unknown): string {
  const first = (err instanceof Error ? err.message : String(err)).split('\n')[0];
  return first.replace(/^[A-Za-z ]*Error: /, '');
}

export const SHOWN_PROBLEMS = 20;

/** Import refused because of bad input: the problems, and where all of them were written. */
export class ImportError extends InputError {
  constructor(
    message: string,
    readonly problems: Problem[],
    readonly problemCount: number,
    readonly rejectsFile: string | null,
  ) {
    super(message);
  }
}

/**
 * Refuse the import: `first` are the first problems of `count`; when they are
 * all of them they are written to the rejects file here (otherwise the caller
 * already wrote the whole list). `what` heads the message; without it the
 * problems are row problems that --skip-invalid can leave out.
 */
export async function refuseImport(first: Problem[], count: number, rejectsFile: string | null, what: string | null): Promise<never> {
  if (rejectsFile && first.length === count) await writeRejects(rejectsFile, first);
  const shown = first.slice(0, SHOWN_PROBLEMS);
  const head = what ?? `${count} problem${count === 1 ? '' : 's'} in the extract`;
  const lines = shown.map((p) => `  ${formatProblem(p)}`);
  const more = count > shown.length ? `\n  ... and ${count - shown.length} more` : '';
  const where = rejectsFile ? `\nAll problems are listed in ${rejectsFile}.` : '';
  throw new ImportError(
    `${head}; nothing was imported.\n${lines.join('\n')}${more}${where}` +
      (what === null ? '\nFix them, or pass --skip-invalid to import the valid rows and leave these out.' : ''),
    shown,
    count,
    rejectsFile,
  );
}
