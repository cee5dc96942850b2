/**
 * Hypergeometric distribution: the one-sided test of a link in a
 * "statistically validated network" (Tumminello et al. 2011). Of N people,
 * K hold qualification q and n entered occupation o; under independence the
 * number holding both is hypergeometric, and the p-value of an observed k is
 * P(X >= k).
 *
 * Written here, not taken from npm, for the precision of tiny upper tails:
 * the packages that offer it (jStat, simple-statistics, @stdlib) either sum
 * the pmf in linear space from 0 and return 1 - cdf, which is 0 for any tail
 * below ~1e-16, or compute each term from factorials that overflow for
 * national-scale N. Here the tail is summed from its first term outwards by
 * the ratio of successive terms, relative to that term, in log space: the
 * result keeps full relative precision down to 1e-300 and beyond (the log
 * version never underflows).
 */
import { logChoose } from './log-gamma.js';

function checkArgs(N: number, K: number, n: number, k: number): void {
  for (const [name, v] of [['N', N], ['K', K], ['n', n], ['k', k]] as const) {
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`hypergeometric: ${name} must be a non-negative integer, got ${v}`);
  }
  if (K > N || n > N) throw new RangeError(`hypergeometric: K (${K}) and n (${n}) cannot exceed N (${N})`);
}

/** log P(X = k) for X ~ Hypergeometric(N population, K successes, n draws). */
export function hypergeometricLogPmf(N: number, K: number, n: number, k: number): number {
  checkArgs(N, K, n, k);
  if (k < Math.max(0, n - (N - K)) || k > Math.min(n, K)) return -Infinity;
  return logChoose(K, k) + logChoose(N - K, n - k) - logChoose(N, n);
}

/** log P(X >= k): the one-sided (over-representation) p-value, in log space. */
export function hypergeometricLogUpperTail(N: number, K: number, n: number, k: number): number {
  checkArgs(N, K, n, k);
  const lo = Math.max(0, n - (N - K));
  const hi = Math.min(n, K);
  if (k <= lo) return 0;
  if (k > hi) return -Infinity;
  const mode = Math.floor(((n + 1) * (K + 1)) / (N + 2));
  if (k <= mode) {
    // The tail holds the mode, so it is not small: 1 - P(X <= k - 1), where
    // the lower tail is summed downwards from k - 1 (terms decrease away from the mode).
    const lower = Math.exp(sumDown(N, K, n, k - 1, lo));
    return Math.log1p(-Math.min(lower, 1));
  }
  return sumUp(N, K, n, k, hi);
}

/** P(X >= k). Underflows to 0 only below ~1e-308; use the log version to rank such links. */
export function hypergeometricUpperTail(N: number, K: number, n: number, k: number): number {
  return Math.exp(hypergeometricLogUpperTail(N, K, n, k));
}

/** log sum_{j=k}^{hi} P(X = j), for k above the mode (terms decrease). */
function sumUp(N: number, K: number, n: number, k: number, hi: number): number {
  const first = hypergeometricLogPmf(N, K, n, k);
  let term = 1;
  let sum = 1;
  for (let j = k; j < hi; j++) {
    // P(j + 1) / P(j)
    term *= ((K - j) * (n - j)) / ((j + 1) * (N - K - n + j + 1));
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return first + Math.log(sum);
}

/** log sum_{j=lo}^{k} P(X = j), for k at or below the mode (terms decrease going down). */
function sumDown(N: number, K: number, n: number, k: number, lo: number): number {
  if (k < lo) return -Infinity;
  const first = hypergeometricLogPmf(N, K, n, k);
  let term = 1;
  let sum = 1;
  for (let j = k; j > lo; j--) {
    // P(j - 1) / P(j)
    term *= (j * (N - K - n + j)) / ((K - j + 1) * (n - j + 1));
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return first + Math.log(sum);
}
