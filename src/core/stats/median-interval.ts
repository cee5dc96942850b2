/**
 * The median and its exact distribution-free 95% interval from order
 * statistics (the binomial, or "sign test", interval; e.g. Conover,
 * Practical Nonparametric Statistics, 3rd ed., section 3.2).
 *
 * Of n values sorted x(1) <= ... <= x(n), the number below the true median
 * is Binomial(n, 1/2), so [x(j), x(n-j+1)] covers the median with
 * probability 1 - 2 P(B <= j-1). j is the largest rank with
 * P(B <= j-1) <= 2.5%: the narrowest such interval with coverage of at least
 * 95% (n = 10: x(2)..x(9); n = 30: x(10)..x(21)). Below n = 6 no pair of
 * order statistics reaches 95% and the interval is not given.
 *
 * Written here, on the project's log-gamma, because it needs only the lower
 * tail of Binomial(n, 1/2) for n up to millions with full precision, which
 * the npm distribution packages compute by summing from 0 in linear space.
 */
import { logChoose } from './log-gamma.js';

const LOG2 = Math.log(2);

/** log P(B <= k) for B ~ Binomial(n, 1/2), k below n/2 (summed downwards from k, where the terms are largest). */
export function binomialHalfLogCdf(n: number, k: number): number {
  if (k < 0) return -Infinity;
  if (k >= n) return 0;
  const top = logChoose(n, k) - n * LOG2;
  let term = 1;
  let sum = 1;
  for (let i = k; i > 0; i--) {
    term *= i / (n - i + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return top + Math.log(sum);
}

/** The lower rank j (1-based) of the 95% interval of a median of n values; null when n < 6. */
export function medianLowerRank(n: number, alpha = 0.05): number | null {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`medianLowerRank needs a whole number of values, got ${n}`);
  const limit = Math.log(alpha / 2) + 1e-12;
  const ok = (j: number) => j >= 1 && binomialHalfLogCdf(n, j - 1) <= limit;
  // Start from the normal approximation and step to the exact rank.
  let j = Math.max(1, Math.floor(n / 2 - 0.98 * Math.sqrt(n)));
  while (j > 1 && !ok(j)) j--;
  if (!ok(j)) return null;
  while (ok(j + 1)) j++;
  return j;
}

export interface MedianWithInterval {
  n: number;
  median: number | null;
  low: number | null;
  high: number | null;
}

/**
 * The ranks (1-based) whose values make the median and its interval: the
 * two middle ranks (equal when n is odd) and the interval's two ends.
 */
export function medianRanks(n: number): { mid: [number, number]; interval: [number, number] | null } {
  const mid: [number, number] = [Math.floor((n + 1) / 2), Math.floor(n / 2) + 1];
  const j = medianLowerRank(n);
  return { mid, interval: j === null ? null : [j, n - j + 1] };
}

/** The median as the mean of the two middle values (the value itself when n is odd). */
export function medianOf(lowMiddle: number, highMiddle: number): number {
  return (lowMiddle + highMiddle) / 2;
}

/** Median and 95% interval of values sorted ascending. */
export function medianInterval(sorted: readonly number[]): MedianWithInterval {
  const n = sorted.length;
  if (n === 0) return { n, median: null, low: null, high: null };
  const r = medianRanks(n);
  return {
    n,
    median: medianOf(sorted[r.mid[0] - 1], sorted[r.mid[1] - 1]),
    low: r.interval === null ? null : sorted[r.interval[0] - 1],
    high: r.interval === null ? null : sorted[r.interval[1] - 1],
  };
}
