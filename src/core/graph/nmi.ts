/**
 * Normalised mutual information between two partitions of the same nodes:
 *
 *   NMI(A, B) = I(A; B) / ((H(A) + H(B)) / 2)
 *
 * (the arithmetic-mean normalisation, as in scikit-learn's default and most
 * community-detection benchmarks). 1 means identical partitions up to
 * relabelling; near 0 means independent. Used to score recovery of planted
 * clusters.
 */

/**
 * NMI of two labelings. Labels are any integers; nodes whose label is
 * negative in either labeling are left out. When both partitions are a single
 * cluster (both entropies 0) the result is 1; when only one is, 0.
 */
export function nmi(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError('nmi: the labelings must cover the same nodes');
  const ia = new Map<number, number>();
  const ib = new Map<number, number>();
  const joint = new Map<number, number>();
  const la: number[] = [];
  const lb: number[] = [];
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] < 0 || b[i] < 0) continue;
    let x = ia.get(a[i]);
    if (x === undefined) ia.set(a[i], (x = ia.size));
    let y = ib.get(b[i]);
    if (y === undefined) ib.set(b[i], (y = ib.size));
    la.push(x);
    lb.push(y);
    n++;
  }
  if (n === 0) return 1;
  const ka = ia.size;
  const kb = ib.size;
  const ca = new Float64Array(ka);
  const cb = new Float64Array(kb);
  for (let i = 0; i < n; i++) {
    ca[la[i]]++;
    cb[lb[i]]++;
    const key = la[i] * kb + lb[i];
    joint.set(key, (joint.get(key) ?? 0) + 1);
  }
  const h = (c: Float64Array) => {
    let s = 0;
    for (let i = 0; i < c.length; i++) if (c[i] > 0) s -= (c[i] / n) * Math.log(c[i] / n);
    return s;
  };
  const ha = h(ca);
  const hb = h(cb);
  if (ha === 0 && hb === 0) return 1;
  if (ha === 0 || hb === 0) return 0;
  let mi = 0;
  for (const [key, nij] of joint) {
    const x = Math.floor(key / kb);
    const y = key - x * kb;
    mi += (nij / n) * Math.log((n * nij) / (ca[x] * cb[y]));
  }
  return Math.max(0, Math.min(1, mi / ((ha + hb) / 2)));
}

/** NMI over all nodes of a bipartite partition (rows then columns). */
export function bipartiteNmi(rowA: ArrayLike<number>, colA: ArrayLike<number>, rowB: ArrayLike<number>, colB: ArrayLike<number>): number {
  return nmi(concat(rowA, colA), concat(rowB, colB));
}

function concat(x: ArrayLike<number>, y: ArrayLike<number>): Float64Array {
  const out = new Float64Array(x.length + y.length);
  for (let i = 0; i < x.length; i++) out[i] = x[i];
  for (let i = 0; i < y.length; i++) out[x.length + i] = y[i];
  return out;
}
