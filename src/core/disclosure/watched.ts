/**
 * The residuals secondary suppression (secondary.ts) watches: the primary
 * cells' and the singletons' vectors, reduced against the published space.
 *
 * Watched vectors whose residuals are parallel are kept once, as one class: a
 * step changes parallel residuals alike, so they stay parallel for good. That
 * merges the primaries of one support, a primary that is one singleton's inner
 * cell with that singleton, and whatever the linked-table relations make equal
 * (counts of the same people, which are exempt from the singleton rule). Later
 * steps only ever merge what is allowed to be equal (primaries with primaries,
 * singletons with singletons), so two classes are never an exempt pair.
 *
 * A step (publishing r, pivot q) changes only the classes whose residual is
 * non-zero at q: t := t - c*r, in place. Classes are found by inner cell and
 * by an order-independent hash of their support (parallel vectors have the
 * same support), so a step costs a merge per class it changes and nothing for
 * the others; whether it may be taken is decided from the supports' hashes
 * first, and new residuals are only made for the rare exact comparisons.
 */
import { minus, mulMod, parallel, subtract, supportAfter, supportKey, valueAt, type Vec } from './echelon.js';

/** A class of watched vectors that all have the same residual (up to a factor). */
export interface Watched {
  res: Vec;
  /** supportKey(res). */
  key: number;
  /** Holds a primary cell: its residual must never become zero. */
  primary: boolean;
  /** Holds a singleton's inner cell: its residual must never be parallel to a primary's. */
  singleton: boolean;
  /** The last step that looked at this class (a class can be listed twice under one inner cell). */
  seen: number;
}

/** A class's residual after a step, not yet applied: res - coef*r, with this support key and size. */
export interface Change {
  id: number;
  coef: number;
  key: number;
  size: number;
}

export class WatchList {
  private readonly items: Array<Watched | undefined> = [];
  private readonly byKey = new Map<number, number[]>();
  /**
   * Inner cell -> the classes whose residual is non-zero there. Kept lazily, as ReducedBasis
   * does: a class stays listed after its entry cancels (or it is merged away) until the cell
   * becomes a pivot, when no residual can be non-zero there again and the list is dropped.
   */
  private readonly byInner = new Map<number, number[]>();
  private step = 0;

  get(id: number): Watched {
    return this.items[id]!;
  }

  /** Watch v (non-zero); merged into a class with a parallel residual if there is one. */
  add(v: Vec, primary: boolean, singleton: boolean): void {
    const key = supportKey(v);
    const same = this.find(v, key, () => true);
    if (same !== undefined) {
      this.merge(same, { primary, singleton });
      return;
    }
    const id = this.items.length;
    this.items.push({ res: v, key, primary, singleton, seen: 0 });
    this.keyList(key).push(id);
    for (let i = 0; i < v.n; i++) this.innerList(v.idx[i]!).push(id);
  }

  /** A class whose residual is parallel to v (key: supportKey(v)) and that passes test, if any. */
  find(v: Vec, key: number, test: (w: Watched) => boolean): number | undefined {
    for (const id of this.byKey.get(key) ?? []) {
      const w = this.items[id]!;
      if (test(w) && parallel(w.res, v)) return id;
    }
    return undefined;
  }

  idsWithKey(key: number): readonly number[] {
    return this.byKey.get(key) ?? [];
  }

  /** About how many classes a step with pivot k would change (at most this many). */
  using(k: number): number {
    return this.byInner.get(k)?.length ?? 0;
  }

  /** What eliminating pivot q of r (inv: the inverse of r[q]) would do to each class touching q. */
  changes(r: Vec, q: number, inv: number): Change[] {
    const out: Change[] = [];
    const step = ++this.step;
    for (const id of this.byInner.get(q) ?? []) {
      const w = this.items[id];
      if (w === undefined || w.seen === step) continue;
      w.seen = step;
      const tq = valueAt(w.res, q);
      if (tq === 0) continue;
      const coef = mulMod(tq, inv);
      const { key, size } = supportAfter(w.res, coef, r, w.key);
      out.push({ id, coef, key, size });
    }
    return out;
  }

  /** A change's residual as a new vector (for the exact comparisons before a step is taken). */
  after(c: Change, r: Vec): Vec {
    return minus(this.items[c.id]!.res, c.coef, r);
  }

  /** Take the step with pivot q: apply its changes, drop residuals that became zero, merge parallel ones. */
  apply(changes: Change[], r: Vec, q: number): void {
    // Out of the support index first: a class not yet updated must not be matched by its old residual.
    for (const c of changes) this.removeKey(c.id);
    const added: number[] = [];
    for (const c of changes) {
      const w = this.items[c.id]!;
      added.length = 0;
      subtract(w.res, c.coef, r, added);
      w.key = c.key;
      for (const k of added) this.innerList(k).push(c.id);
    }
    this.byInner.delete(q);
    for (const c of changes) {
      const w = this.items[c.id]!;
      const zero = w.res.n === 0;
      const same = zero ? undefined : this.find(w.res, w.key, () => true);
      if (!zero && same === undefined) this.keyList(w.key).push(c.id);
      else {
        if (same !== undefined) this.merge(same, w);
        this.items[c.id] = undefined;
      }
    }
  }

  private merge(into: number, from: { primary: boolean; singleton: boolean }): void {
    const w = this.items[into]!;
    w.primary ||= from.primary;
    w.singleton ||= from.singleton;
  }

  private removeKey(id: number): void {
    const key = this.items[id]!.key;
    const list = this.byKey.get(key)!;
    list.splice(list.indexOf(id), 1);
    if (list.length === 0) this.byKey.delete(key);
  }

  private keyList(key: number): number[] {
    let list = this.byKey.get(key);
    if (!list) this.byKey.set(key, (list = []));
    return list;
  }

  private innerList(k: number): number[] {
    let list = this.byInner.get(k);
    if (!list) this.byInner.set(k, (list = []));
    return list;
  }
}
