/**
 * Gaussian elimination modulo a prime for secondary suppression (secondary.ts):
 * sparse vectors over the inner cells, and a basis of the published space that
 * reduces any vector to its residual.
 *
 * A vector is two typed arrays, its inner cells in increasing order and their
 * values: combining two is one merge into spare arrays, which the vector then
 * keeps while its old ones go back to a pool. No hashing, no copying back and
 * next to nothing for the garbage collector (the model's Maps, or a new
 * vector per step, cost several times more, most of it in garbage collection).
 */
import type { SparseVector } from './model.js';

/**
 * Arithmetic is modulo a prime just under 2^26, so every product stays exact in a double
 * (exact rational elimination can grow coefficients without bound on 3-D tables). Working
 * modulo a prime can only err one way: a vector that is not a combination over the
 * rationals might look like one modulo P (probability about 1/P per test), which makes a
 * cell look disclosive and suppresses more, never less. The audit (audit.ts) then checks
 * the result in exact integer arithmetic.
 */
export const P = 67108859;

/** x modulo P, for any safe integer (a relation's coefficient). */
export function mod(x: number): number {
  const r = x % P;
  return r < 0 ? r + P : r;
}

const INV_P = 1 / P;

/**
 * a*b modulo P for 0 <= a, b < P. The product is exact in a double (below 2^52); the quotient
 * comes from a multiplication, not from %, which V8 compiles to a call into C for doubles
 * (the hot spot of the elimination when it did).
 */
export function mulMod(a: number, b: number): number {
  const x = a * b;
  const r = x - Math.floor(x * INV_P) * P;
  return r < 0 ? r + P : r >= P ? r - P : r;
}

/** a - b modulo P for 0 <= a, b < P. */
export function subMod(a: number, b: number): number {
  const r = a - b;
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

/** A sparse vector modulo P: its first n inner cells (in increasing order) and their non-zero values. */
export interface Vec {
  idx: Int32Array;
  val: Int32Array;
  n: number;
}

/** Spare arrays by capacity (powers of two), so merges need not allocate. */
const spare: Int32Array[][] = [];

function take(need: number): Int32Array {
  let c = 0;
  while (1 << c < need) c++;
  return spare[c]?.pop() ?? new Int32Array(1 << c);
}

function give(a: Int32Array): void {
  const c = Math.log2(a.length);
  (spare[c] ??= []).push(a);
}

/** Drop the spare arrays (after a run: nothing is kept between runs). */
export function releaseSpare(): void {
  spare.length = 0;
}

function vecOf(entries: Array<readonly [number, number]>): Vec {
  const v: Vec = { idx: take(entries.length), val: take(entries.length), n: entries.length };
  entries.forEach(([k, x], i) => {
    v.idx[i] = k;
    v.val[i] = x;
  });
  return v;
}

/** The vector of a cell: 1 at each of its inner cells. */
export function supportVec(support: number[]): Vec {
  const increasing = support.every((k, i) => i === 0 || k > support[i - 1]!);
  if (!increasing) {
    const counts = new Map<number, number>();
    for (const k of support) counts.set(k, (counts.get(k) ?? 0) + 1);
    return fromMap(counts);
  }
  const v: Vec = { idx: take(support.length), val: take(support.length), n: support.length };
  for (let i = 0; i < support.length; i++) {
    v.idx[i] = support[i]!;
    v.val[i] = 1;
  }
  return v;
}

/** A model vector (a relation) modulo P. */
export function fromMap(v: SparseVector): Vec {
  const entries = [...v].map(([k, x]) => [k, mod(x)] as const).filter(([, x]) => x !== 0);
  entries.sort((a, b) => a[0] - b[0]);
  return vecOf(entries);
}

/** The value of v at inner cell k (0 when absent); binary search. */
export function valueAt(v: Vec, k: number): number {
  const idx = v.idx;
  let lo = 0;
  let hi = v.n - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const x = idx[mid]!;
    if (x < k) lo = mid + 1;
    else if (x > k) hi = mid - 1;
    else return v.val[mid]!;
  }
  return 0;
}

/** A hash of one inner cell; a support's hash is the sum over its cells (order-independent). */
export function cellHash(k: number): number {
  let m = Math.imul(k + 0x9e3779b9, 0x85ebca6b);
  m ^= m >>> 16;
  m = Math.imul(m, 0x27d4eb2f);
  return m ^ (m >>> 15);
}

/** An order-independent hash of a vector's support (its non-zero inner cells). */
export function supportKey(v: Vec): number {
  let h = 0;
  for (let i = 0; i < v.n; i++) h = (h + cellHash(v.idx[i]!)) | 0;
  return h;
}

/** The first position in idx[lo, hi) holding k or more (binary search). */
function lowerBound(idx: Int32Array, k: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (idx[mid]! < k) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** r is short next to t (a published inner cell against a long total): jump through t, copying its runs natively. */
const SHORT = 8;

/** t - c*r (c non-zero) as new arrays. Pushes onto added the inner cells where t was zero. */
function merge(t: Vec, c: number, r: Vec, added?: number[]): Vec {
  if (r.n * SHORT < t.n) return sparseMerge(t, c, r, added);
  const oi = take(t.n + r.n);
  const ov = take(t.n + r.n);
  const { idx: ti, val: tv, n: tn } = t;
  const { idx: ri, val: rv, n: rn } = r;
  let n = 0;
  let i = 0;
  let j = 0;
  while (i < tn && j < rn) {
    const a = ti[i]!;
    const b = ri[j]!;
    if (a < b) {
      oi[n] = a;
      ov[n++] = tv[i++]!;
    } else if (b < a) {
      oi[n] = b;
      ov[n++] = P - mulMod(c, rv[j++]!);
      if (added) added.push(b);
    } else {
      const x = subMod(tv[i++]!, mulMod(c, rv[j++]!));
      if (x !== 0) {
        oi[n] = a;
        ov[n++] = x;
      }
    }
  }
  for (; i < tn; i++, n++) {
    oi[n] = ti[i]!;
    ov[n] = tv[i]!;
  }
  for (; j < rn; j++, n++) {
    oi[n] = ri[j]!;
    ov[n] = P - mulMod(c, rv[j]!);
    if (added) added.push(ri[j]!);
  }
  return { idx: oi, val: ov, n };
}

/** merge() for a short r: O(r log t) steps and a native copy of t. */
function sparseMerge(t: Vec, c: number, r: Vec, added?: number[]): Vec {
  const oi = take(t.n + r.n);
  const ov = take(t.n + r.n);
  const { idx: ti, val: tv, n: tn } = t;
  const { idx: ri, val: rv, n: rn } = r;
  let n = 0;
  let i = 0;
  const copyTo = (end: number) => {
    if (end > i) {
      oi.set(ti.subarray(i, end), n);
      ov.set(tv.subarray(i, end), n);
      n += end - i;
      i = end;
    }
  };
  for (let j = 0; j < rn; j++) {
    const b = ri[j]!;
    copyTo(lowerBound(ti, b, i, tn));
    if (i < tn && ti[i] === b) {
      const x = subMod(tv[i++]!, mulMod(c, rv[j]!));
      if (x !== 0) {
        oi[n] = b;
        ov[n++] = x;
      }
    } else {
      oi[n] = b;
      ov[n++] = P - mulMod(c, rv[j]!);
      if (added) added.push(b);
    }
  }
  copyTo(tn);
  return { idx: oi, val: ov, n };
}

/** t := t - c*r (mod P, c non-zero), in place. Pushes onto added the inner cells where t was zero. */
export function subtract(t: Vec, c: number, r: Vec, added?: number[]): void {
  const m = merge(t, c, r, added);
  give(t.idx);
  give(t.val);
  t.idx = m.idx;
  t.val = m.val;
  t.n = m.n;
}

/** t - c*r as a new vector (t is left as it is). */
export function minus(t: Vec, c: number, r: Vec): Vec {
  return merge(t, c, r);
}

/**
 * What t := t - c*r would do to t's support: its hash (from key, t's) and size, without
 * changing t (one walk, nothing allocated).
 */
export function supportAfter(t: Vec, c: number, r: Vec, key: number): { key: number; size: number } {
  const { idx: ti, val: tv, n: tn } = t;
  const { idx: ri, val: rv, n: rn } = r;
  let size = tn;
  let i = 0;
  const jump = rn * SHORT < tn;
  for (let j = 0; j < rn; j++) {
    const b = ri[j]!;
    if (jump) i = lowerBound(ti, b, i, tn);
    else while (i < tn && ti[i]! < b) i++;
    if (i < tn && ti[i] === b) {
      if (tv[i] === mulMod(c, rv[j]!)) {
        key = (key - cellHash(b)) | 0;
        size--;
      }
    } else {
      key = (key + cellHash(b)) | 0;
      size++;
    }
  }
  return { key, size };
}

/** The inner cells of v, as a list. */
export function cellsOf(v: Vec): number[] {
  return Array.from(v.idx.subarray(0, v.n));
}

/**
 * A basis of the published space in reduced echelon form: each vector is 1 at its
 * pivot and zero at every other pivot. Reducing a vector is then one pass (no
 * vector brings back a pivot already cleared); adding one clears its pivot from
 * the vectors that use it, so a pivot few vectors use (see using()) keeps that cheap.
 */
export class ReducedBasis {
  private readonly rows = new Map<number, Vec>();
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

  /** The residual of v: v minus a combination of the basis, zero at every pivot (unique for a given basis). Reduces v itself. */
  reduce(v: Vec): Vec {
    // Only v's own entries can be pivots: the vectors combined in are zero at every other pivot.
    for (const k of cellsOf(v)) {
      const row = this.rows.get(k);
      if (row === undefined) continue;
      const xk = valueAt(v, k);
      if (xk !== 0) subtract(v, xk, row);
    }
    return v;
  }

  /** Add a residual r (non-zero, zero at every pivot) with pivot q, an inner cell where r is non-zero; the basis keeps r (scaled). */
  add(r: Vec, q: number): void {
    const inv = inverse(valueAt(r, q));
    for (let i = 0; i < r.n; i++) r.val[i] = mulMod(r.val[i]!, inv);
    for (const p of this.uses.get(q) ?? []) {
      const b = this.rows.get(p)!;
      const c = valueAt(b, q);
      if (c === 0) continue; // no longer non-zero there, or listed twice
      const added: number[] = [];
      subtract(b, c, r, added);
      for (const k of added) this.useList(k).push(p);
    }
    this.uses.delete(q);
    this.rows.set(q, r);
    for (let i = 0; i < r.n; i++) if (r.idx[i] !== q) this.useList(r.idx[i]!).push(q);
  }

  private useList(k: number): number[] {
    let list = this.uses.get(k);
    if (!list) this.uses.set(k, (list = []));
    return list;
  }
}

/** Whether a and b (non-zero) are multiples of each other modulo P. */
export function parallel(a: Vec, b: Vec): boolean {
  const n = a.n;
  if (n !== b.n) return false;
  if (n === 0) return true;
  for (let i = 0; i < n; i++) if (a.idx[i] !== b.idx[i]) return false;
  const ratio = mulMod(b.val[0]!, inverse(a.val[0]!));
  for (let i = 1; i < n; i++) if (mulMod(ratio, a.val[i]!) !== b.val[i]) return false;
  return true;
}
