/**
 * Problems found in an extract, each with file, line, column, value and what
 * was expected; how they are printed and written to the rejects CSV.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

export interface Problem {
  file: string;
  /** Line in the file (1 = header), of the start of the record. */
  line?: number;
  /** Column number (1-based) in the file. */
  column?: number;
  /** Column header as written in the file. */
  field?: string;
  value?: string | null;
  /** What was wrong, e.g. 'level out of range'. */
  problem: string;
  expected?: string;
}

/** "people.csv:12:3 (level): '9' is not valid; expected a level from 1 to 8". */
export function formatProblem(p: Problem): string {
  let where = p.file;
  if (p.line !== undefined) where += `:${p.line}`;
  if (p.column !== undefined) where += `:${p.column}`;
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

export const REJECTS_HEADER = ['file', 'line', 'column', 'field', 'value', 'problem', 'expected'];

export function problemToCsvRow(p: Problem): string {
  return [p.file, p.line, p.column, p.field, p.value, p.problem, p.expected].map(csvCell).join(',') + '\n';
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
