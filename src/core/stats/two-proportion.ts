/**
 * Two-proportion z-test (pooled variance, two-sided): is the share x1/n1
 * different from x2/n2? The large-sample test used when every expected count
 * of the 2 x 2 table is at least 5; otherwise use Fisher's exact test
 * ({@link compareProportions} chooses).
 */
import { fisherExactTwoSided } from './fisher.js';
import { normalUpperTail } from './normal.js';

export interface TwoProportionResult {
  z: number;
  /** Two-sided p-value. */
  p: number;
}

export function twoProportionZTest(x1: number, n1: number, x2: number, n2: number): TwoProportionResult {
  if (!(n1 > 0 && n2 > 0)) throw new RangeError(`twoProportionZTest: both bases must be positive (got ${n1}, ${n2})`);
  if (x1 < 0 || x1 > n1 || x2 < 0 || x2 > n2) throw new RangeError(`twoProportionZTest: counts must lie within their bases`);
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return { z: 0, p: 1 }; // everyone (or no one) has it in both groups
  const z = (x1 / n1 - x2 / n2) / se;
  return { z, p: Math.min(1, 2 * normalUpperTail(Math.abs(z))) };
}

export interface ProportionComparison {
  p: number;
  test: 'z' | 'fisher';
}

/** Smallest expected count below which Fisher's exact test replaces the z-test (the usual rule of thumb). */
export const MIN_EXPECTED_FOR_Z = 5;

/**
 * Compare x1/n1 with x2/n2 (two independent groups, two-sided): the z-test
 * when every expected cell count of the 2 x 2 table is at least 5, else
 * Fisher's exact test.
 */
export function compareProportions(x1: number, n1: number, x2: number, n2: number): ProportionComparison {
  const N = n1 + n2;
  const with_ = x1 + x2;
  const without = N - with_;
  const minExpected = Math.min(n1, n2) * Math.min(with_, without) / N;
  if (minExpected < MIN_EXPECTED_FOR_Z) {
    return { p: fisherExactTwoSided(x1, n1 - x1, x2, n2 - x2), test: 'fisher' };
  }
  return { p: twoProportionZTest(x1, n1, x2, n2).p, test: 'z' };
}
