/**
 * The maximum-entropy distribution of one p-table row, as sdcTools' ptable
 * defines it (`pt_optim_entropy`, optim = 1; Giessing 2016, "Computational
 * issues in the design of transition probabilities and disclosure risk
 * estimation for additive noise", PSD 2016, LNCS 9867):
 *
 *   maximise  -sum p_k log p_k            over the allowed perturbations v_k
 *   such that  sum p_k = 1,  sum v_k p_k = 0,  sum v_k^2 p_k <= V,
 *              lb_k <= p_k <= ub_k (lb 1e-8, or pstay for v = 0; ub 1, or
 *              the false-zero cap for a published 0),
 *              p_a <= p_b for each monotony pair (below the true count the
 *              probability does not fall towards v = 0).
 *
 * Why hand-written: no npm package solves entropy maximisation with linear
 * constraints (ptable uses R's nloptr/SLSQP), and the problem is tiny (at most
 * 2D + 1 unknowns) and smooth, so a short exact dual method is the simplest
 * dependable solver. It is deterministic: the same row gives the same bits.
 *
 * Method: Lagrange duality. For multipliers y = (alpha, beta, gamma >= 0,
 * mu >= 0 per monotony pair) the entropy Lagrangian is minimised in closed
 * form, p_k = clamp(exp(-1 - c_k), lb_k, ub_k) with c_k = alpha + beta v_k +
 * gamma v_k^2 + (mu terms), and the concave dual is maximised by projected
 * Newton steps (Bertsekas 1982) with an Armijo line search. At the optimum the
 * dual's gradient is the primal constraint residual, so convergence means the
 * constraints hold to `TOLERANCE`. An infeasible row makes the dual unbounded:
 * reported as `feasible: false`.
 */

export interface EntropyRowProblem {
  /** Allowed perturbations, ascending. */
  v: readonly number[];
  /** Lower bound of each probability. */
  lb: readonly number[];
  /** Upper bound of each probability (default 1: none). */
  ub?: readonly number[];
  /** Bound on the variance sum v^2 p. */
  variance: number;
  /** Pairs [a, b] of indices into v with p_a <= p_b required. */
  monotony: ReadonlyArray<readonly [number, number]>;
}

export interface EntropyRowSolution {
  p: number[];
  /** False when the constraints cannot all hold (or the solver could not show they do). */
  feasible: boolean;
  /** The variance multiplier: > 0 means the variance bound is reached. */
  gamma: number;
  iterations: number;
}

/** Largest constraint residual accepted (sum of p, mean, variance excess, monotony). */
export const TOLERANCE = 1e-12;
const MAX_ITERATIONS = 400;
/** A dual value this large means the dual is unbounded: no p satisfies the constraints. */
const DIVERGED = 1e6;

interface DualState {
  y: number[];
  p: number[];
  free: boolean[];
  value: number; // F(y) = -dual(y), minimised
  grad: number[]; // gradient of F
}

/** Solve one row. */
export function maxEntropyRow(problem: EntropyRowProblem): EntropyRowSolution {
  const n = problem.v.length;
  if (n === 0) throw new RangeError('a p-table row needs at least one allowed perturbation');
  if (n === 1) {
    // One allowed value: the mean condition forces it to be 0.
    return { p: [1], feasible: problem.v[0] === 0 && problem.lb[0] <= 1 && (problem.ub?.[0] ?? 1) >= 1, gamma: 0, iterations: 0 };
  }
  const m = problem.monotony.length;
  const dim = 3 + m;
  // Indices 2 (gamma) and 3.. (mu) are bounded below by 0.
  const bounded = (i: number) => i >= 2;
  const y = new Array<number>(dim).fill(0);
  y[0] = Math.log(n) - 1; // start from the uniform distribution
  let state = evaluate(problem, y);
  let iterations = 0;
  for (; iterations < MAX_ITERATIONS; iterations++) {
    if (residual(problem, state) <= TOLERANCE) break;
    if (state.y.some((x) => !Number.isFinite(x) || Math.abs(x) > DIVERGED)) break;
    const next = newtonStep(problem, state, bounded);
    if (!next) break;
    state = next;
  }
  const feasible = residual(problem, state) <= 1e-9;
  return { p: state.p, feasible, gamma: state.y[2], iterations };
}

/** c_k = dc/dy . y : the coefficient of p_k in the Lagrangian. */
function coefficients(problem: EntropyRowProblem, y: readonly number[]): number[] {
  const c = problem.v.map((v) => y[0] + y[1] * v + y[2] * v * v);
  problem.monotony.forEach(([a, b], t) => {
    c[a] += y[3 + t];
    c[b] -= y[3 + t];
  });
  return c;
}

function evaluate(problem: EntropyRowProblem, y: number[]): DualState {
  const c = coefficients(problem, y);
  const p: number[] = [];
  const free: boolean[] = [];
  // Dual g(y) = sum_k min_{lb <= p <= ub} (p log p + c_k p) - alpha - gamma V; F = -g.
  // The inner minimum is exp(-1 - c_k) clamped to the bounds (the function is convex in p).
  let g = -y[0] - y[2] * problem.variance;
  c.forEach((ck, k) => {
    const e = Math.exp(-1 - ck);
    const lb = problem.lb[k];
    const ub = problem.ub?.[k] ?? Infinity;
    if (e >= lb && e <= ub) {
      p.push(e);
      free.push(true);
      g -= e;
    } else {
      const b = e < lb ? lb : ub;
      p.push(b);
      free.push(false);
      g += b * Math.log(b) + ck * b;
    }
  });
  const grad = constraintValues(problem, p).map((x) => -x);
  return { y, p, free, value: -g, grad };
}

/** The dual gradient: (sum p - 1, sum v p, sum v^2 p - V, p_a - p_b ...). */
function constraintValues(problem: EntropyRowProblem, p: readonly number[]): number[] {
  let s = 0;
  let mean = 0;
  let sq = 0;
  p.forEach((pk, k) => {
    const v = problem.v[k];
    s += pk;
    mean += v * pk;
    sq += v * v * pk;
  });
  return [s - 1, mean, sq - problem.variance, ...problem.monotony.map(([a, b]) => p[a] - p[b])];
}

/** Largest violation of the KKT conditions: the projected gradient of F. */
function residual(problem: EntropyRowProblem, st: DualState): number {
  let r = 0;
  st.grad.forEach((gi, i) => {
    const step = i >= 2 ? st.y[i] - Math.max(0, st.y[i] - gi) : gi;
    r = Math.max(r, Math.abs(step));
  });
  return r;
}

/** One projected Newton step with backtracking; null when no progress is possible. */
function newtonStep(problem: EntropyRowProblem, st: DualState, bounded: (i: number) => boolean): DualState | null {
  const dim = st.y.length;
  const eps = Math.min(1e-6, residual(problem, st));
  // Bounded variables sitting at their bound and pushed against it are held there.
  const held = st.y.map((yi, i) => bounded(i) && yi <= eps && st.grad[i] > 0);
  const hess = hessian(problem, st, dim);
  const freeIdx = [...Array(dim).keys()].filter((i) => !held[i]);
  const d = new Array<number>(dim).fill(0);
  const sub = freeIdx.map((i) => freeIdx.map((j) => hess[i][j]));
  const trace = freeIdx.reduce((s, i) => s + hess[i][i], 0);
  const dirFree = solveRegularised(sub, freeIdx.map((i) => -st.grad[i]), 1e-12 * (1 + trace));
  if (!dirFree) return null;
  freeIdx.forEach((i, k) => (d[i] = dirFree[k]));
  for (let i = 0; i < dim; i++) if (held[i]) d[i] = -st.grad[i] / Math.max(hess[i][i], 1e-12);

  for (let s = 1, tries = 0; tries < 60; tries++, s /= 2) {
    const y = st.y.map((yi, i) => {
      const x = yi + s * d[i];
      return bounded(i) ? Math.max(0, x) : x;
    });
    const next = evaluate(problem, y);
    // Armijo on the projection arc.
    let decrease = 0;
    for (let i = 0; i < dim; i++) decrease += st.grad[i] * (st.y[i] - y[i]);
    if (next.value <= st.value - 1e-4 * decrease || Math.abs(next.value - st.value) <= 1e-15 * (1 + Math.abs(st.value))) {
      if (y.every((yi, i) => yi === st.y[i])) return null;
      return next;
    }
  }
  return null;
}

/** Hessian of F: sum over free k of p_k a_k a_k^T, a_k = dc_k/dy. */
function hessian(problem: EntropyRowProblem, st: DualState, dim: number): number[][] {
  const h = Array.from({ length: dim }, () => new Array<number>(dim).fill(0));
  const n = problem.v.length;
  const a = Array.from({ length: n }, (_, k) => {
    const row = new Array<number>(dim).fill(0);
    const v = problem.v[k];
    row[0] = 1;
    row[1] = v;
    row[2] = v * v;
    return row;
  });
  problem.monotony.forEach(([ia, ib], t) => {
    a[ia][3 + t] += 1;
    a[ib][3 + t] -= 1;
  });
  for (let k = 0; k < n; k++) {
    if (!st.free[k]) continue;
    const pk = st.p[k];
    for (let i = 0; i < dim; i++) {
      if (a[k][i] === 0) continue;
      for (let j = 0; j < dim; j++) h[i][j] += pk * a[k][i] * a[k][j];
    }
  }
  return h;
}

/** Solve (A + lambda I) x = b by Gaussian elimination with partial pivoting; null if singular. */
function solveRegularised(a: number[][], b: number[], lambda: number): number[] | null {
  const n = b.length;
  if (n === 0) return [];
  const m = a.map((row, i) => [...row.map((x, j) => (i === j ? x + lambda : x)), b[i]]);
  for (let col = 0; col < n; col++) {
    let piv = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[piv][col])) piv = r;
    if (Math.abs(m[piv][col]) < 1e-300) return null;
    [m[col], m[piv]] = [m[piv], m[col]];
    for (let r = col + 1; r < n; r++) {
      const f = m[r][col] / m[col][col];
      if (f === 0) continue;
      for (let c = col; c <= n; c++) m[r][c] -= f * m[col][c];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r][n];
    for (let c = r + 1; c < n; c++) s -= m[r][c] * x[c];
    x[r] = s / m[r][r];
  }
  return x;
}
