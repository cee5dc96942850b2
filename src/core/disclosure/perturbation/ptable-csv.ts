/**
 * A p-table as CSV, with ptable's column names: i, j, p, v, p_int_lb, p_int_ub
 * (one row per true count i and published value j = i + v; cell keys in
 * [p_int_lb, p_int_ub) select it). Probabilities are written with 8 decimals,
 * as ptable rounds them. Reading checks everything the lookup relies on and
 * names the line and column of the first problem.
 */
import { InputError } from '../../errors.js';
import { MAX_D } from './params.js';
import type { PTable, PTableRow } from './ptable.js';

export const PTABLE_COLUMNS = ['i', 'j', 'p', 'v', 'p_int_lb', 'p_int_ub'] as const;

/** The table as CSV text (LF line ends, trailing newline). */
export function formatPTableCsv(table: PTable): string {
  const lines = [PTABLE_COLUMNS.join(',')];
  for (const r of table.rows) lines.push([r.i, r.j, r.p.toFixed(8), r.v, r.lb.toFixed(8), r.ub.toFixed(8)].join(','));
  return lines.join('\n') + '\n';
}

/** Read a p-table CSV. Throws InputError naming `file`, the line and the column. */
export function parsePTableCsv(text: string, file: string): PTable {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const header = (lines[0] ?? '').split(',').map((h) => h.trim().toLowerCase());
  if (header.join(',') !== PTABLE_COLUMNS.join(',')) {
    throw new InputError(`the header must be ${PTABLE_COLUMNS.join(',')} (a p-table as written by 'routeways ptable'), got '${lines[0] ?? ''}'`, { file, line: 1 });
  }
  const rows: PTableRow[] = [];
  for (let l = 1; l < lines.length; l++) {
    const fields = lines[l].split(',');
    const where = (c: number) => ({ file, line: l + 1, column: c + 1, field: PTABLE_COLUMNS[c] });
    if (fields.length !== PTABLE_COLUMNS.length) throw new InputError(`expected ${PTABLE_COLUMNS.length} fields, got ${fields.length}`, { file, line: l + 1 });
    const num = (c: number, whole: boolean) => {
      const s = fields[c].trim();
      const x = Number(s);
      if (s === '' || !Number.isFinite(x) || (whole && !Number.isInteger(x))) {
        throw new InputError(`column '${PTABLE_COLUMNS[c]}' value '${s}': expected ${whole ? 'a whole number' : 'a number'}`, where(c));
      }
      return x;
    };
    rows.push({ i: num(0, true), j: num(1, true), p: num(2, false), v: num(3, true), lb: num(4, false), ub: num(5, false) });
  }
  return { rows, maxI: checkRows(rows, file) };
}

/** Check the rows tile [0, 1) for every i = 0..maxI and that zeros stay zeros; returns maxI. */
function checkRows(rows: readonly PTableRow[], file: string): number {
  if (rows.length === 0) throw new InputError('the p-table has no rows', { file, line: 2 });
  let expectI = 0;
  let prev: PTableRow | null = null;
  rows.forEach((r, k) => {
    const line = k + 2;
    const bad = (column: number, problem: string) => new InputError(problem, { file, line, column: column + 1, field: PTABLE_COLUMNS[column] });
    const starts = prev === null || r.i !== prev.i;
    if (starts) {
      if (prev !== null && prev.ub !== 1) throw new InputError(`the entries for a true count of ${prev.i} must end at p_int_ub = 1, got ${prev.ub}`, { file, line: line - 1, column: 6 });
      if (r.i !== expectI) throw bad(0, `expected the entries for a true count of ${expectI} next (rows ordered by i, every i from 0), got i = ${r.i}`);
      expectI++;
      if (r.lb !== 0) throw bad(4, `the first entry of a true count must start at p_int_lb = 0, got ${r.lb}`);
    } else {
      if (r.j <= prev!.j) throw bad(1, `published values j must increase within a true count, got ${r.j} after ${prev!.j}`);
      if (Math.abs(r.lb - prev!.ub) > 1e-12) throw bad(4, `p_int_lb must equal the previous entry's p_int_ub (${prev!.ub}), got ${r.lb}`);
    }
    if (r.j !== r.i + r.v) throw bad(3, `v must equal j - i (${r.j - r.i}), got ${r.v}`);
    if (Math.abs(r.v) > MAX_D) throw bad(3, `a perturbation must be within -${MAX_D}..${MAX_D}, got ${r.v}`);
    if (r.j < 0) throw bad(1, `a published value cannot be negative, got ${r.j}`);
    if (!(r.ub > r.lb) || r.ub > 1) throw bad(5, `p_int_ub must be above p_int_lb (${r.lb}) and at most 1, got ${r.ub}`);
    if (Math.abs(r.p - (r.ub - r.lb)) > 1e-7) throw bad(2, `p must equal p_int_ub - p_int_lb (${(r.ub - r.lb).toFixed(8)}), got ${r.p}`);
    if (r.i === 0 && r.j !== 0) throw bad(1, 'a true zero must stay zero (the only entry for i = 0 is j = 0)');
    prev = r;
  });
  const last = rows[rows.length - 1];
  if (last.ub !== 1) throw new InputError(`the entries for a true count of ${last.i} must end at p_int_ub = 1, got ${last.ub}`, { file, line: rows.length + 1, column: 6 });
  return last.i;
}

/** The largest js such that the table never publishes 1..js (0 when it may publish 1). */
export function forbiddenUpTo(table: PTable): number {
  let smallest = Infinity;
  for (const r of table.rows) {
    if (r.j > 0 && r.j < smallest) smallest = r.j;
    // Counts above maxI are published as count + v with row maxI's v: maxI + 1 gives the smallest.
    if (r.i === table.maxI && r.j + 1 > 0 && r.j + 1 < smallest) smallest = r.j + 1;
  }
  return Number.isFinite(smallest) ? smallest - 1 : 0;
}
