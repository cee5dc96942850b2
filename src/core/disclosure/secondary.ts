/**
 * Secondary suppression by Gaussian elimination, after Statistics Norway's
 * GaussSuppression (R package SSBtools; Langsrud 2024, "Secondary cell
 * suppression by Gaussian elimination: an algorithm suitable for handling
 * issues with zeros and singletons"). Written here because no JavaScript
 * library does secondary suppression at all.
 *
 * Each cell is a vector over the inner cells (model.ts). Candidates are taken
 * in order of preference for publication (totals, then large inner cells, then
 * small ones: so small inner cells are the first to be suppressed). A
 * candidate is published if, added to everything already published, it does
 * not make any primary-suppressed cell a linear combination of published
 * cells; otherwise it is suppressed (secondary). The published cells are kept
 * as an echelon basis (arithmetic modulo a prime, see below), and every primary cell's residual against that basis is kept up
 * to date: a candidate is refused exactly when adding it would turn some
 * primary residual to zero.
 *
 * Zeros: true zeros are always published (policy), and a published zero tells
 * anyone that every inner cell under it is zero; the model drops zero inner
 * cells, i.e. treats them as known. A suppressed cell is therefore never zero.
 *
 * Singletons (protectSingletons): a person counted alone in an inner cell
 * knows that cell is 1. For every such singleton inner cell s and every
 * primary cell p (other than s itself), p must not be derivable from the
 * published cells plus s: in residual terms, p's residual must not be
 * parallel to s's residual. Exception: when the linked-table relations alone
 * make p equal to s (the same people counted in two tables), the insider
 * learns only about themselves, so the pair is exempt. This is the
 * single-insider guarantee; a coalition
 * of several singletons is not guarded against (GaussSuppression's "anySum"
 * family goes further for sums of singletons).
 *
 * Linked tables enter as known relations (added before any candidate).
 */
import type { LinearModel, SparseVector } from './model.js';

export interface SecondaryInput {
  model: LinearModel;
  /** Cells suppressed by the primary rules (published or hidden). */
  primary: number[];
  /** Published cells that may be suppressed, most wanted for publication first. */
  candidates: number[];
  /** Published cells that are never suppressed (true zeros). */
  forced: number[];
  /** Inner cells holding exactly one person (insider knowledge), when protecting singletons. */
  singletons: number[];
  onProgress?: (done: number, total: number) => void;
}

export interface SecondaryResult {
  /** Candidates suppressed to protect the primary cells. */
  secondary: number[];
}

/**
 * Arithmetic is modulo a prime just under 2^26, so every product stays exact in a double
 * (exact rational elimination can grow coefficients without bound on 3-D tables). Working
 * modulo a prime can only err one way: a vector that is not a combination over the
 * rationals might look like one modulo P (probability about 1/P per test), which makes a
 * cell look disclosive and suppresses more, never less. The audit (audit.ts) then checks
 * the result in exact BigInt arithmetic.
 */
const P = 67108859;

function mod(x: number): number {
  const r = x % P;
  return r < 0 ? r + P : r;
}

/** Multiplicative inverse modulo P (extended Euclid). */
function inverse(a: number): number {
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

/** Scale so the lowest-index coefficient is 1: parallel vectors become equal. */
function normalise(v: SparseVector): void {
  let first = Infinity;
  for (const k of v.keys()) if (k < first) first = k;
  if (first === Infinity) return;
  const inv = inverse(v.get(first)!);
  if (inv === 1) return;
  for (const [k, x] of v) v.set(k, mod(x * inv));
}

/** x := x - c*b (mod P), dropping zeros; returns x. */
function combine(x: SparseVector, c: number, b: SparseVector): SparseVector {
  for (const [k, bv] of b) {
    const nv = mod((x.get(k) ?? 0) - mod(c * bv));
    if (nv === 0) x.delete(k);
    else x.set(k, nv);
  }
  return x;
}

/** An order-independent hash of a normalised vector (parallel vectors normalise to equal ones); 0 for the zero vector. */
function hashVector(v: SparseVector): number {
  let h = 0;
  for (const [k, x] of v) {
    let m = Math.imul(k + 0x9e3779b9, 0x85ebca6b) ^ Math.imul(x | 0, 0xc2b2ae35);
    m ^= m >>> 16;
    m = Math.imul(m, 0x27d4eb2f);
    h = (h + (m ^ (m >>> 15))) | 0;
  }
  return v.size === 0 ? 0 : h || 1;
}

function sameVector(a: SparseVector, b: SparseVector): boolean {
  if (a.size !== b.size) return false;
  for (const [k, x] of a) if (b.get(k) !== x) return false;
  return true;
}

/** A binary min-heap of integers. */
class MinHeap {
  private a: number[] = [];
  get size() {
    return this.a.length;
  }
  push(x: number) {
    const a = this.a;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p]! <= x) break;
      a[i] = a[p]!;
      i = p;
    }
    a[i] = x;
  }
  pop(): number {
    const a = this.a;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= a.length) break;
        const r = l + 1;
        const c = r < a.length && a[r]! < a[l]! ? r : l;
        if (a[c]! >= last) break;
        a[i] = a[c]!;
        i = c;
      }
      a[i] = last;
    }
    return top;
  }
}

/** An echelon basis of the published space: each vector is zero at the pivots of the vectors before it. */
export class EchelonBasis {
  readonly vectors: SparseVector[] = [];
  readonly pivots: number[] = [];
  private readonly pivotOwner = new Map<number, number>();

  /** The residual of v: v minus a combination of the basis, zero at every pivot (scaled to integers). */
  reduce(v: SparseVector): SparseVector {
    const x: SparseVector = new Map();
    for (const [k, c] of v) if (mod(c) !== 0) x.set(k, mod(c));
    const heap = new MinHeap();
    const queued = new Set<number>();
    for (const k of x.keys()) {
      const o = this.pivotOwner.get(k);
      if (o !== undefined && !queued.has(o)) {
        queued.add(o);
        heap.push(o);
      }
    }
    while (heap.size > 0) {
      const bi = heap.pop();
      const q = this.pivots[bi]!;
      const xq = x.get(q);
      if (xq === undefined) continue;
      const b = this.vectors[bi]!;
      combine(x, xq, b); // b[q] is 1
      for (const k of b.keys()) {
        const o = this.pivotOwner.get(k);
        if (o !== undefined && o > bi && !queued.has(o) && x.has(k)) {
          queued.add(o);
          heap.push(o);
        }
      }
    }
    normalise(x);
    return x;
  }

  /** Add a residual (non-zero, zero at every existing pivot) with the given pivot; stored scaled to 1 there. */
  add(r: SparseVector, pivot: number): void {
    const inv = inverse(r.get(pivot)!);
    const scaled: SparseVector = new Map();
    for (const [k, x] of r) scaled.set(k, mod(x * inv));
    this.pivotOwner.set(pivot, this.vectors.length);
    this.vectors.push(scaled);
    this.pivots.push(pivot);
  }
}

/** Pick a pivot: the lowest inner-cell index (deterministic). */
export function choosePivot(r: SparseVector): number {
  let best = Infinity;
  for (const k of r.keys()) if (k < best) best = k;
  return best;
}

/** Eliminate the pivot q of r from t (a residual): t := r[q]*t - t[q]*r, normalised. */
export function eliminate(t: SparseVector, r: SparseVector, q: number): SparseVector {
  const tq = t.get(q);
  if (tq === undefined) return t;
  const x = combine(new Map(t), mod(tq * inverse(r.get(q)!)), r);
  normalise(x);
  return x;
}

export function unitVector(support: number[]): SparseVector {
  return new Map(support.map((i) => [i, 1] as const));
}

interface Tracked {
  kind: 'primary' | 'singleton';
  /** Inner cell: for a singleton, its own; for a primary that is one inner cell, that cell; else -1. */
  inner: number;
  res: SparseVector;
  /** hashVector(res) when protecting singletons (0: zero vector). */
  key: number;
}

/**
 * Run secondary suppression. Deterministic given the candidate order.
 *
 * The model falls apart into independent blocks: inner cells linked by a cell
 * that sums them or by a relation. Elimination in one block never touches
 * another (a residual of one block's vectors lives on that block's inner
 * cells; a primary and a singleton in different blocks can only have equal
 * residuals when both are zero), so each block is solved on its own, with
 * the same result as one big run but without scanning every primary cell for
 * every candidate (a set of reports protected together is mostly small
 * blocks: one node or one link across the regions).
 */
export function gaussSuppress(input: SecondaryInput): SecondaryResult {
  const { model } = input;
  const parent = new Int32Array(model.innerCount).map((_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  const union = (ids: Iterable<number>) => {
    let first = -1;
    for (const i of ids) {
      if (first < 0) first = find(i);
      else {
        const r = find(i);
        if (r !== first) parent[r] = first;
      }
    }
  };
  for (const rel of model.relations) union(rel.keys());
  for (const list of [input.primary, input.candidates, input.forced]) for (const c of list) union(model.cells[c]!.support);
  const blocks = new Map<number, { relations: SparseVector[]; primary: number[]; candidates: number[]; forced: number[]; singletons: number[] }>();
  const block = (inner: number) => {
    const root = find(inner);
    let b = blocks.get(root);
    if (!b) blocks.set(root, (b = { relations: [], primary: [], candidates: [], forced: [], singletons: [] }));
    return b;
  };
  for (const rel of model.relations) for (const k of rel.keys()) { block(k).relations.push(rel); break; }
  for (const c of input.primary) block(model.cells[c]!.support[0]!).primary.push(c);
  for (const c of input.candidates) block(model.cells[c]!.support[0]!).candidates.push(c);
  // A forced cell with no inner cells (a true zero) adds nothing.
  for (const c of input.forced) if (model.cells[c]!.support.length > 0) block(model.cells[c]!.support[0]!).forced.push(c);
  for (const s of input.singletons) block(s).singletons.push(s);
  const total = input.candidates.length;
  let done = 0;
  const secondary: number[] = [];
  for (const b of blocks.values()) {
    // Candidates only, no primary cell: everything in the block is published.
    if (b.primary.length === 0) {
      done += b.candidates.length;
      continue;
    }
    const base = done;
    const r = solveBlock(
      model,
      b.relations,
      b,
      input.onProgress ? (d) => input.onProgress!(base + d, total) : undefined,
    );
    done += b.candidates.length;
    secondary.push(...r);
  }
  const position = new Map(input.candidates.map((c, i) => [c, i] as const));
  secondary.sort((a, b) => position.get(a)! - position.get(b)!);
  if (input.onProgress && total > 0) input.onProgress(total, total);
  return { secondary };
}

/** Secondary suppression of one independent block of the model. */
function solveBlock(
  model: LinearModel,
  relations: SparseVector[],
  input: { primary: number[]; candidates: number[]; forced: number[]; singletons: number[] },
  onProgress?: (done: number) => void,
): number[] {
  const basis = new EchelonBasis();
  const insider = input.singletons.length > 0;
  const tracked: Tracked[] = [];
  for (const p of input.primary) {
    const c = model.cells[p]!;
    const res = unitVector(c.support);
    tracked.push({ kind: 'primary', inner: c.support.length === 1 ? c.support[0]! : -1, res, key: insider ? hashVector(res) : 0 });
  }
  for (const s of input.singletons) {
    const res = unitVector([s]);
    tracked.push({ kind: 'singleton', inner: s, res, key: hashVector(res) });
  }
  // Which tracked vectors touch each inner cell, to find the ones a new pivot affects.
  const byKey = { primary: new Map<number, Set<number>>(), singleton: new Map<number, Set<number>>() };
  const index = (id: number) => {
    const t = tracked[id]!;
    if (!insider) return;
    let set = byKey[t.kind].get(t.key);
    if (!set) byKey[t.kind].set(t.key, (set = new Set()));
    set.add(id);
  };
  const unindex = (id: number) => {
    const t = tracked[id]!;
    if (!insider) return;
    const set = byKey[t.kind].get(t.key);
    set?.delete(id);
    if (set && set.size === 0) byKey[t.kind].delete(t.key);
  };
  tracked.forEach((_, id) => index(id));

  const exempt = new Set<string>();
  const pairKey = (a: number, b: number) => (a < b ? `${a}:${b}` : `${b}:${a}`);

  /** Try to publish v; returns false (and changes nothing) if that would disclose a primary cell. */
  const tryPublish = (v: SparseVector, check: boolean): boolean => {
    const r = basis.reduce(v);
    if (r.size === 0) return true;
    const q = choosePivot(r);
    const changed = new Map<number, SparseVector>();
    for (let id = 0; id < tracked.length; id++) {
      const t = tracked[id]!;
      if (!t.res.has(q)) continue;
      const nr = eliminate(t.res, r, q);
      if (check && t.kind === 'primary' && nr.size === 0) return false;
      changed.set(id, nr);
    }
    const newKeys = new Map<number, number>();
    if (insider) for (const [id, nr] of changed) newKeys.set(id, hashVector(nr));
    if (check && insider) {
      const idsWithKey = (kind: 'primary' | 'singleton', key: number): number[] => {
        const out: number[] = [];
        for (const id of byKey[kind].get(key) ?? []) if (!changed.has(id)) out.push(id);
        for (const [id, k] of newKeys) if (k === key && tracked[id]!.kind === kind) out.push(id);
        return out;
      };
      const resOf = (id: number) => changed.get(id) ?? tracked[id]!.res;
      for (const [id, k] of newKeys) {
        if (k === 0) continue;
        const t = tracked[id]!;
        const other = t.kind === 'primary' ? 'singleton' : 'primary';
        for (const o of idsWithKey(other, k)) {
          if ((tracked[o]!.inner !== t.inner || t.inner === -1) && !exempt.has(pairKey(id, o)) && sameVector(resOf(id), resOf(o))) return false;
        }
      }
    }
    basis.add(r, q);
    for (const [id, nr] of changed) {
      unindex(id);
      tracked[id]!.res = nr;
      tracked[id]!.key = newKeys.get(id) ?? 0;
      index(id);
    }
    return true;
  };

  for (const rel of relations) tryPublish(rel, false);
  for (const f of input.forced) tryPublish(unitVector(model.cells[f]!.support), false);
  // A primary cell that the linked-table relations alone make equal to a singleton counts the
  // same people: the insider learns only about themselves. Such pairs are exempt.
  if (insider) {
    for (const [id, t] of tracked.entries()) {
      if (t.kind !== 'primary' || t.key === 0) continue;
      for (const o of byKey.singleton.get(t.key) ?? []) if (sameVector(t.res, tracked[o]!.res)) exempt.add(pairKey(id, o));
    }
  }
  const suppressed: number[] = [];
  input.candidates.forEach((c, i) => {
    if (!tryPublish(unitVector(model.cells[c]!.support), true)) suppressed.push(c);
    if (onProgress && i % 256 === 255) onProgress(i + 1);
  });
  // A suppressed candidate that later publications made derivable adds nothing by being hidden: publish it.
  return suppressed.filter((c) => basis.reduce(unitVector(model.cells[c]!.support)).size > 0);
}
