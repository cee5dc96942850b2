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
 * - The last row (i = ncat) is symmetric and is used for every count >= ncat.
 * - Cumulative probabilities are rounded to 8 decimals and p is replaced by the
 *   difference of the rounded bounds (ptable's "IMPORTANT step"), so each row's
 *   intervals [lb, ub) tile [0, 1) exactly.
 */
import { maxEntropyRow } from './max-entropy.js';
import { checkPTableParameters, minimumVariance, PTableParameterError, rowCount, type PTableParameters } from './params.js';

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

/** ptable's lower bound for every probability (so every allowed value keeps some chance). */
export const PROBABILITY_FLOOR = 1e-8;
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
    const probs = solveCount(i, params.variance, d, js, params.pstay, mono as boolean);
    rows.push(...intervals(i, probs.v, probs.p));
  }
  const out: PTable = { parameters: { maxPerturbation: d, variance: params.variance, forbid: js }, rows, maxI: ncat };
  if (params.pstay !== undefined) out.parameters!.pstay = params.pstay;
  return out;
}

/** The allowed perturbations of a true count i: to j in max(i - D, 0)..i + D, never 1..js. */
export function allowedPerturbations(i: number, d: number, js: number): number[] {
  const v: number[] = [];
  for (let j = Math.max(i - d, 0); j <= i + d; j++) if (j === 0 || j > js) v.push(j - i);
  return v;
}

function solveCount(i: number, variance: number, d: number, js: number, pstay: number | undefined, mono: boolean): { v: number[]; p: number[] } {
  const v = allowedPerturbations(i, d, js);
  const zero = v.indexOf(0);
  // ptable's monotony: consecutive allowed values up to v = 0 have non-decreasing probabilities.
  const monotony: Array<[number, number]> = [];
  if (mono && zero > 0) for (let k = 0; k < zero; k++) monotony.push([k, k + 1]);
  const attempts = pstay === undefined || zero < 0 ? 1 : PSTAY_ATTEMPTS;
  let best: number[] | null = null;
  for (let t = 0; t < attempts; t++) {
    const lb = v.map((x) => (x === 0 && pstay !== undefined ? Math.max(pstay - PSTAY_STEP * t, PROBABILITY_FLOOR) : PROBABILITY_FLOOR));
    const sol = maxEntropyRow({ v, lb, variance, monotony });
    if (!sol.feasible) {
      throw new PTableParameterError(
        'variance',
        variance,
        `leaves no distribution for a true count of ${i}: it is too close to the smallest variance js = ${js} allows (${minimumVariance(js)}); choose a larger V`,
      );
    }
    best = sol.p;
    // ptable stops once the variance (to 3 decimals) reaches V.
    const reached = Math.abs(sol.p.reduce((s, p, k) => s + v[k] * v[k] * p, 0) - variance) < 5e-4;
    if (reached) break;
  }
  return { v, p: best! };
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
      minJ: Math.min(...rs.map((r) => r.j)),
      maxJ: Math.max(...rs.map((r) => r.j)),
      sum: rs.reduce((s, r) => s + r.p, 0),
    }));
}
