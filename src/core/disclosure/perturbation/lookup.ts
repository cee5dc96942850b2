/**
 * The lookup step of the cell key method: a true count and its cell key give
 * the published count, deterministically.
 *
 * Key k (0..4095) stands for the point u = (k + 0.5) / 4096 of [0, 1), the
 * middle of its 1/4096 slice; it selects the row entry whose interval
 * [lb, ub) holds u (cellKey's `ck < ub` rule: the first entry with u < ub).
 * So each entry gets the keys whose slice centres fall in its interval: its
 * probability p to the nearest 1/4096 (see keyShares for the exact shares).
 * Counts of maxI or more use row maxI, shifted: they are published as count + v.
 *
 * The table is compiled once into one small integer array, (maxI + 1) x 4096
 * perturbations, so perturbing a cell is one array read.
 */
import { KEY_RANGE, isKey } from './cell-key.js';
import type { PTable } from './ptable.js';

export class PerturbationLookup {
  /** Counts >= maxI are perturbed with row maxI. */
  readonly maxI: number;
  /** The largest |v| of row maxI (D for a generated table). */
  readonly maxPerturbation: number;
  /** perturbations[i * 4096 + key]: the perturbation v of a true count min(i, maxI) with that cell key. */
  private readonly perturbations: Int8Array;

  constructor(readonly table: PTable) {
    this.maxI = table.maxI;
    this.maxPerturbation = Math.max(0, ...table.rows.filter((r) => r.i === table.maxI).map((r) => Math.abs(r.v)));
    this.perturbations = new Int8Array((this.maxI + 1) * KEY_RANGE);
    for (let i = 0; i <= this.maxI; i++) {
      const entries = table.rows.filter((r) => r.i === i);
      if (entries.length === 0) throw new RangeError(`the p-table has no row for a true count of ${i}`);
      let e = 0;
      for (let k = 0; k < KEY_RANGE; k++) {
        const u = (k + 0.5) / KEY_RANGE;
        while (e < entries.length - 1 && !(u < entries[e].ub)) e++;
        this.perturbations[i * KEY_RANGE + k] = entries[e].v;
      }
    }
  }

  /** The perturbation v added to a true count with this cell key. */
  perturbation(count: number, key: number): number {
    if (!Number.isInteger(count) || count < 0) throw new RangeError(`a count must be a whole number 0 or more, got ${count}`);
    if (!isKey(key)) throw new RangeError(`a cell key must be a whole number 0..${KEY_RANGE - 1}, got ${key}`);
    return this.perturbations[Math.min(count, this.maxI) * KEY_RANGE + key];
  }

  /** The published (perturbed) count of a true count with this cell key. */
  perturb(count: number, key: number): number {
    return count + this.perturbation(count, key);
  }

  /** Perturb many cells at once (no checks beyond the array lengths): out[c] = counts[c] + v. */
  perturbAll(counts: ArrayLike<number>, keys: ArrayLike<number>, out: Int32Array = new Int32Array(counts.length)): Int32Array {
    if (keys.length !== counts.length || out.length < counts.length) throw new RangeError('perturbAll: counts, keys and out must have the same length');
    const t = this.perturbations;
    const maxI = this.maxI;
    for (let c = 0; c < counts.length; c++) {
      const n = counts[c];
      out[c] = n + t[(n < maxI ? n : maxI) * KEY_RANGE + (keys[c] & (KEY_RANGE - 1))];
    }
    return out;
  }

  /**
   * The share of the 4096 keys giving each perturbation of a true count: the
   * transition probabilities the lookup really applies (each within 1/4096 of
   * the table's p). Map v -> share.
   */
  keyShares(count: number): Map<number, number> {
    const base = Math.min(count, this.maxI) * KEY_RANGE;
    const out = new Map<number, number>();
    for (let k = 0; k < KEY_RANGE; k++) {
      const v = this.perturbations[base + k];
      out.set(v, (out.get(v) ?? 0) + 1 / KEY_RANGE);
    }
    return new Map([...out.entries()].sort((a, b) => a[0] - b[0]));
  }
}
