/**
 * Generating a count p-table the way sdcTools' `ptable::create_cnt_ptable`
 * does (ptable 1.0, R/pt_create_pTable.R and R/pt_create_pParams.R):
 *
 * - Row i = 0 is {0 -> 0 with probability 1}: zeros stay zeros.
 * - Rows i = 1..ncat (ncat = D, or D + js + 1 when js > 0) allow the published
 *   values j = max(i - D, 0)..i + D except 1..js, i.e. perturbations v = j - i;
 *   each row's probabilities are the maximum-entropy solution of max-entropy.ts
 *   (lower bound 1e-8 on every probability, pstay on v = 0 when given, the
 *   monotony condition below the true count).
 * - With pstay, where the variance V is not reached the bound on v = 0 is
 *   lowered by 0.05 and the row solved again (up to 20 attempts), as ptable does.
 * - With the false-zero cap maxZero (Routeways' own), the probability of
 *   publishing 0 has that upper bound in every row i > js. Where the cap makes V
 *   unreachable even without pstay, pstay is kept, not lowered: lowering it
 *   could not reach V.
 * - The last row (i = ncat) is symmetric and is used for every count >= ncat.
 * - Cumulative probabilities are rounded to 8 decimals and p is replaced by the
 *   difference of the rounded bounds (ptable's "IMPORTANT step"), so each row's
 *   intervals [lb, ub) tile [0, 1) exactly.
 */
import { maxEntropyRow } from './max-entropy.js';
import { checkPTableParameters, minimumVariance, PROBABILITY_FLOOR, PTableParameterError, rowCount, type PTableParameters } from './params.js';

export { PROBABILITY_FLOOR } from './params.js';

/** One row of a p-table: a true count i is published as j = i + v with probability p; cell keys in [lb, ub) of [0, 1) select it. */
export interface PTableRow {
  i: number;
  j: number;
  p: number;
  v: number;
  /** ptable's p_int_lb. */
  lb: number;
  /** ptable's p_int_ub. */
  ub: number;
}

export interface PTable {
  /** The parameters the table was generated with (absent for a table read from a file that does not say). */
  parameters?: PTableParameters;
  /** Rows ordered by i, then j. */
  rows: PTableRow[];
  /** The largest i with its own rows: counts >= maxI use row maxI's perturbations. */
  maxI: number;
}

const DIGITS = 8;
const PSTAY_STEP = 0.05;
const PSTAY_ATTEMPTS = 20;

/** Generate the p-table for the given parameters. Throws PTableParameterError for parameters that cannot work. */
export function generatePTable(parameters: PTableParameters): PTable {
  const params = checkPTableParameters(parameters);
  const { maxPerturbation: d, forbid: js } = params;
  const ncat = rowCount(d, js);
  const rows: PTableRow[] = [{ i: 0, j: 0, p: 1, v: 0, lb: 0, ub: 1 }];
  for (let i = 1; i <= ncat; i++) {
    const mono = Array.isArray(params.mono) ? params.mono[i - 1] : params.mono;
    const cap = i > js ? params.maxZero : undefined;
    const probs = solveCount(i, { variance: params.variance, d, js, pstay: params.pstay, mono: mono as boolean, maxZero: cap });
    rows.push(...intervals(i, probs.v, probs.p));
  }
  const out: PTable = { parameters: { maxPerturbation: d, variance: params.variance, forbid: js }, rows, maxI: ncat };
  if (params.pstay !== undefined) out.parameters!.pstay = params.pstay;
  if (params.maxZero !== undefined) out.parameters!.maxZero = params.maxZero;
  return out;
}

/** The allowed perturbations of a true count i: to j in max(i - D, 0)..i + D, never 1..js. */
export function allowedPerturbations(i: number, d: number, js: number): number[] {
  const v: number[] = [];
  for (let j = Math.max(i - d, 0); j <= i + d; j++) if (j === 0 || j > js) v.push(j - i);
  return v;
}

interface RowSettings {
  variance: number;
  d: number;
  js: number;
  pstay: number | undefined;
  mono: boolean;
  /** Upper bound on P(published 0) for this row, or undefined. */
  maxZero: number | undefined;
}

const varianceOf = (v: readonly number[], p: readonly number[]) => p.reduce((s, pk, k) => s + v[k] * v[k] * pk, 0);

function solveCount(i: number, row: RowSettings): { v: number[]; p: number[] } {
  const { variance, d, js, pstay, mono, maxZero } = row;
  const v = allowedPerturbations(i, d, js);
  const zero = v.indexOf(0);
  // ptable's monotony: consecutive allowed values up to v = 0 have non-decreasing probabilities.
  const monotony: Array<[number, number]> = [];
  if (mono && zero > 0) for (let k = 0; k < zero; k++) monotony.push([k, k + 1]);
  // The false-zero cap bounds the entry j = 0 (v = -i), present while i <= D; cut to 8 decimals so the rounded table keeps it.
  const cap = maxZero === undefined ? undefined : Math.floor(maxZero * 10 ** DIGITS + 1e-6) / 10 ** DIGITS;
  const ub = cap === undefined ? undefined : v.map((x) => (x === -i ? cap : 1));
  const solve = (stay: number | undefined) => {
    const lb = v.map((x) => (x === 0 && stay !== undefined ? Math.max(stay, PROBABILITY_FLOOR) : PROBABILITY_FLOOR));
    return maxEntropyRow({ v, lb, ub, variance, monotony });
  };
  // ptable stops lowering pstay once the variance (to 3 decimals) reaches V; under a cap V may be out of reach altogether.
  const reaches = (p: readonly number[]) => Math.abs(varianceOf(v, p) - variance) < 5e-4;
  let attempts = pstay === undefined || zero < 0 ? 1 : PSTAY_ATTEMPTS;
  if (attempts > 1 && ub !== undefined) {
    const free = solve(undefined);
    if (free.feasible && !reaches(free.p)) attempts = 1;
  }
  let best: number[] | null = null;
  for (let t = 0; t < attempts; t++) {
    const sol = solve(pstay === undefined ? undefined : pstay - PSTAY_STEP * t);
    if (!sol.feasible) throw infeasible(i, row, ub !== undefined && maxEntropyRow({ v, lb: v.map(() => PROBABILITY_FLOOR), variance, monotony }).feasible);
    best = sol.p;
    if (reaches(sol.p)) break;
  }
  return { v, p: best! };
}

function infeasible(i: number, row: RowSettings, becauseOfCap: boolean): PTableParameterError {
  if (becauseOfCap) {
    return new PTableParameterError('maxZero', row.maxZero, `leaves no distribution for a true count of ${i} with D = ${row.d}, V = ${row.variance}, js = ${row.js}; choose a larger cap`);
  }
  return new PTableParameterError(
    'variance',
    row.variance,
    `leaves no distribution for a true count of ${i}: it is too close to the smallest variance js = ${row.js} allows (${minimumVariance(row.js)}); choose a larger V`,
  );
}

function intervals(i: number, v: readonly number[], p: readonly number[]): PTableRow[] {
  const out: PTableRow[] = [];
  let cum = 0;
  let lb = 0;
  v.forEach((vk, k) => {
    cum += p[k];
    const ub = k === v.length - 1 ? 1 : round(cum, DIGITS);
    out.push({ i, j: i + vk, p: round(ub - lb, DIGITS), v: vk, lb, ub });
    lb = ub;
  });
  return out;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Mean, variance and probability of no change of each row i, from the table's (rounded) probabilities. */
export interface RowSummary {
  i: number;
  mean: number;
  variance: number;
  pStay: number;
  /** Probability of publishing 0 (a false zero when i > 0). */
  pZero: number;
  /** Smallest and largest published value. */
  minJ: number;
  maxJ: number;
  sum: number;
}

export function summariseRows(table: PTable): RowSummary[] {
  const byI = new Map<number, PTableRow[]>();
  for (const r of table.rows) {
    const list = byI.get(r.i) ?? [];
    list.push(r);
    byI.set(r.i, list);
  }
  return [...byI.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([i, rs]) => ({
      i,
      mean: rs.reduce((s, r) => s + r.v * r.p, 0),
      variance: rs.reduce((s, r) => s + r.v * r.v * r.p, 0),
      pStay: rs.find((r) => r.v === 0)?.p ?? 0,
      pZero: rs.find((r) => r.j === 0)?.p ?? 0,
      minJ: Math.min(...rs.map((r) => r.j)),
      maxJ: Math.max(...rs.map((r) => r.j)),
      sum: rs.reduce((s, r) => s + r.p, 0),
    }));
}
