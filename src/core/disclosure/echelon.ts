/**
 * Gaussian elimination modulo a prime for secondary suppression (secondary.ts):
 * sparse vectors over the inner cells, and an echelon basis of the published
 * space that reduces any vector to its residual.
 */
import type { SparseVector } from './model.js';

/**
 * Arithmetic is modulo a prime just under 2^26, so every product stays exact in a double
 * (exact rational elimination can grow coefficients without bound on 3-D tables). Working
 * modulo a prime can only err one way: a vector that is not a combination over the
 * rationals might look like one modulo P (probability about 1/P per test), which makes a
 * cell look disclosive and suppresses more, never less. The audit (audit.ts) then checks
 * the result in exact BigInt arithmetic.
 */
export const P = 67108859;

export function mod(x: number): number {
  const r = x % P;
  return r < 0 ? r + P : r;
}

/** Multiplicative inverse modulo P (extended Euclid). */
export function inverse(a: number): number {
  let t = 0;
  let newT = 1;
  let r = P;
  let newR = mod(a);
  while (newR !== 0) {
    const q = Math.floor(r / newR);
    [t, newT] = [newT, t - q * newT];
    [r, newR] = [newR, r - q * newR];
  }
  return mod(t);
}

/** x := x - c*b (mod P), dropping zeros; returns x. */
export function combine(x: SparseVector, c: number, b: SparseVector): SparseVector {
  for (const [k, bv] of b) {
    const nv = mod((x.get(k) ?? 0) - mod(c * bv));
    if (nv === 0) x.delete(k);
    else x.set(k, nv);
  }
  return x;
}

/**
 * A basis of the published space in reduced echelon form: each vector is 1 at its
 * pivot and zero at every other pivot. Reducing a vector is then one pass (no
 * vector brings back a pivot already cleared); adding one clears its pivot from
 * the vectors that use it, so a pivot few vectors use (see using()) keeps that cheap.
 */
export class ReducedBasis {
  private readonly rows = new Map<number, SparseVector>();
  /**
   * Inner cell that is no pivot -> the pivots of the vectors non-zero there. Kept lazily (an
   * entry that cancels stays listed until the cell becomes a pivot): cheaper than exact sets,
   * and the counts only guide the choice of pivot.
   */
  private readonly uses = new Map<number, number[]>();

  get rank(): number {
    return this.rows.size;
  }

  /** About how many vectors would change if inner cell k became a pivot (at most this many). */
  using(k: number): number {
    return this.uses.get(k)?.length ?? 0;
  }

  /** The residual of v: v minus a combination of the basis, zero at every pivot (unique for a given basis). */
  reduce(v: SparseVector): SparseVector {
    const x: SparseVector = new Map();
    for (const [k, c] of v) if (mod(c) !== 0) x.set(k, mod(c));
    // Only v's own entries can be pivots: the vectors combined in are zero at every other pivot.
    for (const k of v.keys()) {
      const row = this.rows.get(k);
      const xk = x.get(k);
      if (row !== undefined && xk !== undefined) combine(x, xk, row);
    }
    return x;
  }

  /** Add a residual r (non-zero, zero at every pivot) with pivot q, an inner cell where r is non-zero. */
  add(r: SparseVector, q: number): void {
    const inv = inverse(r.get(q)!);
    const row: SparseVector = new Map();
    for (const [k, x] of r) row.set(k, mod(x * inv));
    for (const p of this.uses.get(q) ?? []) {
      const b = this.rows.get(p)!;
      const c = b.get(q);
      if (c === undefined) continue; // no longer non-zero there, or listed twice
      for (const [k, x] of row) {
        const old = b.get(k) ?? 0;
        const now = mod(old - mod(c * x));
        if (now === 0) b.delete(k);
        else {
          b.set(k, now);
          if (old === 0) this.useList(k).push(p);
        }
      }
    }
    this.uses.delete(q);
    this.rows.set(q, row);
    for (const k of row.keys()) if (k !== q) this.useList(k).push(q);
  }

  private useList(k: number): number[] {
    let list = this.uses.get(k);
    if (!list) this.uses.set(k, (list = []));
    return list;
  }
}

export function unitVector(support: number[]): SparseVector {
  return new Map(support.map((i) => [i, 1] as const));
}

/** Whether a and b (non-zero) are multiples of each other modulo P. */
export function parallel(a: SparseVector, b: SparseVector): boolean {
  if (a.size !== b.size) return false;
  let ratio = -1;
  for (const [k, x] of a) {
    const y = b.get(k);
    if (y === undefined) return false;
    if (ratio < 0) ratio = mod(y * inverse(x));
    else if (mod(ratio * x) !== y) return false;
  }
  return true;
}
