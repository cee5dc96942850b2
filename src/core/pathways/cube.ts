/**
 * Builds an additive count table from its leaf cells: every margin category
 * (a category with `children`) gets the sum of its children, for every
 * combination with the other dimensions, so that the table holds every
 * non-zero cell (absent cells are true zeros, as the Results contract says).
 */
import type { CountCell, CountTable, Dimension } from '../results.js';

export interface LeafCell {
  keys: string[];
  n: number;
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

/** For each dimension, the categories (leaf itself and margins) each leaf code belongs to. */
function memberships(dim: Dimension): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const c of dim.categories) if (!c.children) m.set(c.code, [c.code]);
  for (const c of dim.categories) {
    if (!c.children) continue;
    for (const leaf of c.children) {
      const list = m.get(leaf);
      if (!list) throw new Error(`margin ${dim.id}=${c.code} lists ${leaf}, which is not a leaf category`);
      list.push(c.code);
    }
  }
  return m;
}

export function buildCube(
  base: Omit<CountTable, 'cells' | 'additive'>,
  leaves: Iterable<LeafCell>,
  weighted: boolean,
): Cube {
  const member = base.dimensions.map(memberships);
  const acc = new Map<string, CountCell>();
  const d = base.dimensions.length;
  const keys = new Array<string>(d);
  for (const leaf of leaves) {
    if (leaf.n === 0) continue;
    const lists = leaf.keys.map((k, i) => {
      const l = member[i].get(k);
      if (!l) throw new Error(`leaf key ${base.dimensions[i].id}=${k} is not a category of table ${base.id}`);
      return l;
    });
    const visit = (i: number): void => {
      if (i === d) {
        const id = keys.join(SEP);
        let c = acc.get(id);
        if (!c) {
          c = { keys: keys.slice(), n: 0, ...(weighted ? { w: 0, w2: 0 } : {}) };
          acc.set(id, c);
        }
        c.n += leaf.n;
        if (weighted) {
          c.w! += leaf.w ?? 0;
          c.w2! += leaf.w2 ?? 0;
        }
        return;
      }
      for (const k of lists[i]) {
        keys[i] = k;
        visit(i + 1);
      }
    };
    visit(0);
  }
  // Deterministic order: by category order of each dimension.
  const order = base.dimensions.map((dim) => new Map(dim.categories.map((c, i) => [c.code, i])));
  const cells = [...acc.values()].sort((a, b) => {
    for (let i = 0; i < d; i++) {
      const x = order[i].get(a.keys[i])! - order[i].get(b.keys[i])!;
      if (x !== 0) return x;
    }
    return 0;
  });
  return new Cube({ ...base, additive: true, cells });
}
