/**
 * Wilson score interval for a proportion (Wilson 1927). Unlike the normal
 * ("Wald") interval it stays inside [0, 1] and behaves at 0% and 100% and on
 * small bases, which is where pathway shares live.
 *
 * For a weighted share pass the Kish effective base as `n` (see kish.ts): the
 * interval then reflects the loss of precision unequal weights cause.
 */

/** z for a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

export interface Interval {
  low: number;
  high: number;
}

/** Wilson interval for proportion `p` observed on base `n` (> 0). */
export function wilsonInterval(p: number, n: number, z: number = Z95): Interval {
  if (!(n > 0)) return { low: 0, high: 1 };
  const q = Math.min(1, Math.max(0, p));
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (q + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((q * (1 - q)) / n + z2 / (4 * n * n));
  // The interval always contains p (rounding could leave 1 - 1e-16 at p = 1).
  return { low: Math.min(q, Math.max(0, centre - half)), high: Math.max(q, Math.min(1, centre + half)) };
}

/** Wilson interval for `successes` out of `n`. */
export function wilsonCounts(successes: number, n: number, z: number = Z95): Interval {
  return wilsonInterval(n > 0 ? successes / n : 0, n, z);
}
