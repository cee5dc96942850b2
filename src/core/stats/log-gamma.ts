/**
 * log(n!) and log-binomial coefficients, accurate to double precision.
 *
 * Written here rather than taken from npm because the hypergeometric and
 * Fisher tests below need log(n!) for n up to tens of millions with full
 * relative precision, and the packages that offer it (jStat, mathjs) use a
 * Lanczos lgamma with ~1e-14 absolute error in the log that is fine but not
 * documented; this is short, exact for small n (sum of logs) and uses
 * Stirling's series (error < 1e-17 relative for n >= 256) above.
 */

const TABLE_SIZE = 256;
const LOG_FACTORIAL: Float64Array = (() => {
  const t = new Float64Array(TABLE_SIZE);
  let s = 0;
  for (let i = 2; i < TABLE_SIZE; i++) {
    s += Math.log(i);
    t[i] = s;
  }
  return t;
})();

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** log(n!) for a non-negative integer n. */
export function logFactorial(n: number): number {
  if (n < 0 || !Number.isInteger(n)) throw new RangeError(`logFactorial needs a non-negative integer, got ${n}`);
  if (n < TABLE_SIZE) return LOG_FACTORIAL[n];
  // Stirling's series for log Gamma(n + 1); the terms after 1/(1260 n^5) are below 1e-20 at n = 256.
  const x = n + 1;
  const inv = 1 / x;
  const inv2 = inv * inv;
  const series = inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 * (1 / 1680))));
  return (x - 0.5) * Math.log(x) - x + HALF_LOG_2PI + series;
}

/** log C(n, k); -Infinity when k is outside 0..n. */
export function logChoose(n: number, k: number): number {
  if (k < 0 || k > n) return -Infinity;
  return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
}

/** log(exp(a) + exp(b)) without overflow or underflow. */
export function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  const m = Math.max(a, b);
  return m + Math.log1p(Math.exp(-Math.abs(a - b)));
}
