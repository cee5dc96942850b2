/**
 * Fisher's exact test for a 2 x 2 table, two-sided: the sum of the
 * probabilities of every table with the same margins that is no more likely
 * than the one observed (the convention of R's fisher.test, with the same
 * relative tolerance 1e-7 for ties).
 *
 * Written here because the npm implementations either compute factorials in
 * linear space (overflow past n ~ 170) or return one-sided values only; this
 * walks the hypergeometric support outwards from its mode with the ratio of
 * successive terms, which is exact up to rounding at any table size.
 */
import { hypergeometricLogPmf } from './hypergeometric.js';

/**
 *         | col 1 | col 2
 *   row 1 |   a   |   b
 *   row 2 |   c   |   d
 */
export function fisherExactTwoSided(a: number, b: number, c: number, d: number): number {
  for (const [name, v] of [['a', a], ['b', b], ['c', c], ['d', d]] as const) {
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`fisherExactTwoSided: ${name} must be a non-negative integer, got ${v}`);
  }
  const N = a + b + c + d;
  const K = a + b; // row 1 total
  const n = a + c; // column 1 total
  const lo = Math.max(0, n - (N - K));
  const hi = Math.min(n, K);
  if (lo === hi) return 1;
  const mode = Math.floor(((n + 1) * (K + 1)) / (N + 2));
  const logMode = hypergeometricLogPmf(N, K, n, mode);
  // Observed probability relative to the mode's.
  const observed = Math.exp(hypergeometricLogPmf(N, K, n, a) - logMode);
  const threshold = observed * (1 + 1e-7);
  let total = 1; // sum of all terms relative to the mode
  let tail = 1 <= threshold ? 1 : 0;
  // Upwards from the mode.
  let term = 1;
  for (let j = mode; j < hi; j++) {
    term *= ((K - j) * (n - j)) / ((j + 1) * (N - K - n + j + 1));
    total += term;
    if (term <= threshold) {
      tail += term;
      // Terms only shrink from here on: stop once they no longer change the tail.
      if (term < tail * 1e-17) break;
    }
  }
  // Downwards from the mode.
  term = 1;
  for (let j = mode; j > lo; j--) {
    term *= (j * (N - K - n + j)) / ((K - j + 1) * (n - j + 1));
    total += term;
    if (term <= threshold) {
      tail += term;
      // Terms only shrink from here on: stop once they no longer change the tail.
      if (term < tail * 1e-17) break;
    }
  }
  return Math.min(1, tail / total);
}
