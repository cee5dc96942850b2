/**
 * Exact row spaces over the rationals for the audit (audit.ts): a fully
 * reduced row echelon form (each pivot column is zero in every other row),
 * rows kept as coprime integers, pivoting on the column fewest rows use.
 *
 * The integers are plain numbers while every value stays a safe integer, and
 * BigInts otherwise: the arithmetic (a Ring) throws Overflow as soon as a
 * result would leave the safe range, and the audit starts again with BigInts.
 * A product or difference of safe integers is computed exactly whenever the
 * exact result is itself safe, and is never safe when the exact result is not
 * (rounding is monotone and 2^53 is a double), so the check loses nothing:
 * either way the result is exact. Audited releases rarely need BigInts; their
 * coefficients stay small, and numbers spare the allocation of a BigInt per step.
 */
import type { SparseVector } from './model.js';

export interface Ring<T> {
  readonly zero: T;
  fromInt(n: number): T;
  add(a: T, b: T): T;
  mul(a: T, b: T): T;
  sub(a: T, b: T): T;
  /** a / b where b divides a. */
  div(a: T, b: T): T;
  /** Greatest common divisor, >= 0. */
  gcd(a: T, b: T): T;
  neg(a: T): T;
  negative(a: T): boolean;
}

/** Thrown by SAFE_INTEGERS when an exact result would not be a safe integer. */
export class Overflow extends Error {
  override name = 'Overflow';
}

const overflow = new Overflow('exact arithmetic left the safe-integer range');

function safe(x: number): number {
  if (!Number.isSafeInteger(x)) throw overflow;
  return x;
}

export const SAFE_INTEGERS: Ring<number> = {
  zero: 0,
  fromInt: safe,
  add: (a, b) => safe(a + b),
  mul: (a, b) => safe(a * b),
  sub: (a, b) => safe(a - b),
  div: (a, b) => a / b,
  gcd: (a, b) => {
    a = Math.abs(a);
    b = Math.abs(b);
    while (b !== 0) [a, b] = [b, a % b];
    return a;
  },
  neg: (a) => -a,
  negative: (a) => a < 0,
};

export const BIG_INTEGERS: Ring<bigint> = {
  zero: 0n,
  fromInt: (n) => BigInt(n),
  add: (a, b) => a + b,
  mul: (a, b) => a * b,
  sub: (a, b) => a - b,
  div: (a, b) => a / b,
  gcd: (a, b) => {
    a = a < 0n ? -a : a;
    b = b < 0n ? -b : b;
    while (b !== 0n) [a, b] = [b, a % b];
    return a;
  },
  neg: (a) => -a,
  negative: (a) => a < 0n,
};

export type Vec<T> = Map<number, T>;

/** A cell's support (inner cells, each counted once per listing) or a relation, in ring T. */
export function toVec<T>(ring: Ring<T>, v: SparseVector | number[]): Vec<T> {
  const out: Vec<T> = new Map();
  if (Array.isArray(v)) {
    const one = ring.fromInt(1);
    for (const i of v) {
      const x = out.get(i);
      out.set(i, x === undefined ? one : ring.add(x, one));
    }
  } else for (const [k, x] of v) out.set(k, ring.fromInt(x));
  return out;
}

/** Whether two vectors are equal (canonical vectors: whether they are multiples of each other). */
export function sameVec<T>(a: Vec<T>, b: Vec<T>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, x] of a) if (b.get(k) !== x) return false;
  return true;
}

/** An order-independent hash of a vector's support: equal vectors, equal hashes. */
export function supportHash<T>(v: Vec<T>): number {
  let h = 0;
  for (const k of v.keys()) {
    let m = Math.imul(k + 0x9e3779b9, 0x85ebca6b);
    m ^= m >>> 16;
    m = Math.imul(m, 0x27d4eb2f);
    h = (h + (m ^ (m >>> 15))) | 0;
  }
  return h;
}

/** Row echelon form over the rationals, fully reduced, rows kept as coprime integers. */
export class RowSpace<T> {
  private readonly rows = new Map<number, Vec<T>>(); // pivot -> row
  /**
   * Column -> pivots of the rows non-zero there. Kept lazily (a row whose entry cancels stays
   * listed; a listed row is checked before use): the lists only guide the choice of pivot and
   * find the rows to clear, so they may hold more than they must.
   */
  private readonly occurs = new Map<number, number[]>();

  constructor(private readonly ring: Ring<T>) {}

  get rank(): number {
    return this.rows.size;
  }

  /** A copy that can grow on its own (rows are replaced, never changed in place, so they are shared). */
  clone(): RowSpace<T> {
    const copy = new RowSpace(this.ring);
    for (const [p, row] of this.rows) copy.rows.set(p, row);
    for (const [j, list] of this.occurs) copy.occurs.set(j, list.slice());
    return copy;
  }

  /** Scale to coprime integers with a positive coefficient at the highest index. */
  canonical(v: Vec<T>): Vec<T> {
    const R = this.ring;
    let g = R.zero;
    let top = -1;
    for (const [k, x] of v) {
      g = R.gcd(g, x);
      if (k > top) top = k;
    }
    if (g === R.zero) return v;
    if (R.negative(v.get(top)!)) g = R.neg(g);
    else if (g === R.fromInt(1)) return v;
    const out: Vec<T> = new Map();
    for (const [k, x] of v) out.set(k, R.div(x, g));
    return out;
  }

  /** x := a*x - c*row (a new vector when fresh, else x itself), dropping zeros. */
  private combine(x: Vec<T>, a: T, c: T, row: Vec<T>, fresh: boolean): Vec<T> {
    const R = this.ring;
    let out = x;
    if (fresh) {
      out = new Map();
      for (const [j, xv] of x) out.set(j, R.mul(xv, a));
    } else if (a !== R.fromInt(1)) for (const [j, xv] of x) x.set(j, R.mul(xv, a));
    for (const [j, rv] of row) {
      const nv = R.sub(out.get(j) ?? R.zero, R.mul(c, rv));
      if (nv === R.zero) out.delete(j);
      else out.set(j, nv);
    }
    return out;
  }

  /** v reduced against every row (zero at every pivot), canonical scale. */
  residual(v: Vec<T>): Vec<T> {
    const R = this.ring;
    const x: Vec<T> = new Map(v);
    for (const k of [...x.keys()]) {
      const row = this.rows.get(k);
      const xk = x.get(k);
      if (!row || xk === undefined) continue;
      // Rows are zero at other pivots, so one pass suffices.
      const rk = row.get(k)!;
      const g = R.gcd(rk, xk);
      this.combine(x, R.div(rk, g), R.div(xk, g), row, false);
    }
    return this.canonical(x);
  }

  /** Add v to the space; returns false when it was already in it. */
  add(v: Vec<T>): boolean {
    const R = this.ring;
    const r = this.residual(v);
    if (r.size === 0) return false;
    // Pivot on the column that the fewest existing rows use (least back-substitution and fill-in),
    // the highest index on ties.
    let pivot = -1;
    let uses = Infinity;
    for (const k of r.keys()) {
      const u = this.occurs.get(k)?.length ?? 0;
      if (u < uses || (u === uses && k > pivot)) {
        pivot = k;
        uses = u;
      }
    }
    const rp = r.get(pivot)!;
    // Clear the new pivot column from the existing rows.
    const using = this.occurs.get(pivot) ?? [];
    // Once a pivot, the column stays zero in every other row: no list needed.
    this.occurs.delete(pivot);
    for (const p of using) {
      const row = this.rows.get(p)!;
      const xk = row.get(pivot);
      if (xk === undefined) continue; // cancelled since, or listed twice
      const g = R.gcd(rp, xk);
      this.setRow(p, this.canonical(this.combine(row, R.div(rp, g), R.div(xk, g), r, true)), row);
    }
    this.setRow(pivot, r, undefined);
    return true;
  }

  private setRow(pivot: number, row: Vec<T>, old: Vec<T> | undefined) {
    this.rows.set(pivot, row);
    for (const j of row.keys()) {
      if (j === pivot || old?.has(j)) continue;
      let list = this.occurs.get(j);
      if (!list) this.occurs.set(j, (list = []));
      list.push(pivot);
    }
  }
}
