/**
 * Kish's effective sample size for weighted data: (sum w)^2 / sum w^2. It is
 * the number of equally weighted people that would give the same precision,
 * and is the base to use for intervals on weighted shares.
 */
export function kishEffectiveBase(sumW: number, sumW2: number): number {
  return sumW2 > 0 ? (sumW * sumW) / sumW2 : 0;
}

/** Effective base of a set of weights. */
export function kishFromWeights(weights: Iterable<number>): number {
  let s = 0;
  let s2 = 0;
  for (const w of weights) {
    s += w;
    s2 += w * w;
  }
  return kishEffectiveBase(s, s2);
}
