/**
 * Builds an additive count table from its leaf cells: every margin category
 * (a category with `children`) gets the sum of its children, for every
 * combination with the other dimensions, so that the table holds every
 * non-zero cell (absent cells are true zeros, as the Results contract says).
 */
import type { CountCell, CountTable, Dimension } from '../results.js';
import { KEY_RANGE } from '../disclosure/perturbation/cell-key.js';

export interface LeafCell {
  keys: string[];
  n: number;
  /** Cell key; margins get the sum of their leaves' keys (each person is in one leaf). */
  key?: number;
  w?: number;
  w2?: number;
}

const SEP = '\u0001';

/** A count table plus a fast lookup of its cells. */
export class Cube {
  private readonly index = new Map<string, CountCell>();
  readonly weighted: boolean;

  constructor(readonly table: CountTable) {
    for (const c of table.cells) this.index.set(c.keys.join(SEP), c);
    this.weighted = table.cells.some((c) => c.w !== undefined);
  }

  cell(keys: string[]): CountCell {
    return this.index.get(keys.join(SEP)) ?? { keys, n: 0, ...(this.weighted ? { w: 0, w2: 0 } : {}) };
  }

  n(keys: string[]): number {
    return this.cell(keys).n;
  }

  /** The weighted total when weighted, else the count. */
  value(keys: string[], weighted: boolean): number {
    const c = this.cell(keys);
    return weighted ? (c.w ?? 0) : c.n;
  }
}

/** For each dimension, the category indexes (leaf itself and the margins holding it) of each leaf code. */
function memberships(dim: Dimension): Map<string, number[]> {
  const m = new Map<string, number[]>();
  dim.categories.forEach((c, i) => {
    if (!c.children) m.set(c.code, [i]);
  });
  dim.categories.forEach((c, i) => {
    if (!c.children) return;
    for (const leaf of c.children) {
      const list = m.get(leaf);
      if (!list) throw new Error(`margin ${dim.id}=${c.code} lists ${leaf}, which is not a leaf category`);
      list.push(i);
    }
  });
  return m;
}

export function buildCube(
  base: Omit<CountTable, 'cells' | 'additive'>,
  leaves: Iterable<LeafCell>,
  weighted: boolean,
): Cube {
  const dims = base.dimensions;
  const d = dims.length;
  const member = dims.map(memberships);
  // Cells are numbered in mixed radix over the category indexes: the number is also the publication order.
  const radix = dims.map((dim) => dim.categories.length);
  const n = new Map<number, number>();
  const w = new Map<number, number>();
  const w2 = new Map<number, number>();
  const key = new Map<number, number>();
  let keyed = true;
  const lists: number[][] = new Array(d);
  const pos = new Array<number>(d).fill(0);
  for (const leaf of leaves) {
    if (leaf.n === 0) continue;
    if (leaf.key === undefined) keyed = false;
    for (let i = 0; i < d; i++) {
      const l = member[i].get(leaf.keys[i]);
      if (!l) throw new Error(`leaf key ${dims[i].id}=${leaf.keys[i]} is not a category of table ${base.id}`);
      lists[i] = l;
      pos[i] = 0;
    }
    // Odometer over the cartesian product of the memberships.
    for (;;) {
      let id = 0;
      for (let i = 0; i < d; i++) id = id * radix[i] + lists[i][pos[i]];
      n.set(id, (n.get(id) ?? 0) + leaf.n);
      if (leaf.key !== undefined) key.set(id, ((key.get(id) ?? 0) + leaf.key) % KEY_RANGE);
      if (weighted) {
        w.set(id, (w.get(id) ?? 0) + (leaf.w ?? 0));
        w2.set(id, (w2.get(id) ?? 0) + (leaf.w2 ?? 0));
      }
      let i = d - 1;
      while (i >= 0 && ++pos[i] === lists[i].length) pos[i--] = 0;
      if (i < 0) break;
    }
  }
  const ids = [...n.keys()].sort((a, b) => a - b);
  const cells: CountCell[] = ids.map((id) => {
    const keys = new Array<string>(d);
    let rest = id;
    for (let i = d - 1; i >= 0; i--) {
      keys[i] = dims[i].categories[rest % radix[i]].code;
      rest = Math.floor(rest / radix[i]);
    }
    const cell: CountCell = { keys, n: n.get(id)!, ...(keyed ? { key: key.get(id)! } : {}) };
    return weighted ? { ...cell, w: w.get(id)!, w2: w2.get(id)! } : cell;
  });
  return new Cube({ ...base, additive: true, cells });
}
