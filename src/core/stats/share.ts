/** A share of a count with its Wilson 95% interval; weighted shares on the Kish effective base of the denominator. */
import { kishEffectiveBase } from './kish.js';
import { wilsonInterval } from './wilson.js';

/** The counts a share is made of: people, and the sums of weights and squared weights when weighted. */
export interface ShareCounts {
  n: number;
  w?: number;
  w2?: number;
}

export interface Share {
  kind: 'share';
  value: number;
  low: number;
  high: number;
  base: number;
  effectiveBase: number;
}

/** The share of `den` that is `num`, with its Wilson 95% interval. */
export function shareOf(num: ShareCounts, den: ShareCounts, weighted: boolean): Share {
  const top = weighted ? (num.w ?? 0) : num.n;
  const bottom = weighted ? (den.w ?? 0) : den.n;
  const value = bottom > 0 ? top / bottom : 0;
  const effectiveBase = weighted ? kishEffectiveBase(den.w ?? 0, den.w2 ?? 0) : den.n;
  const { low, high } = wilsonInterval(value, effectiveBase);
  return { kind: 'share', value, low, high, base: den.n, effectiveBase };
}
