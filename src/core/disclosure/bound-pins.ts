/**
 * Cells the rank test cannot see pinned: primary cells pinned by their bounds.
 *
 * Secondary suppression (secondary.ts) makes sure no withheld cell is a
 * linear combination of published ones. But an attacker also knows that a
 * withheld primary cell holds 1 to minCount-1 people (zeros are shown). When
 * a published cell splits, along one of its table's dimensions, into
 * published cells and k withheld primary cells only, the withheld ones sum to
 * a known R; if R is k x (minCount-1) or k, every one of them is pinned (two
 * cells under 10 that sum to 18 are both 9). The LP audit finds these; this
 * finds the common case in the core, so that protection can withhold one more
 * cell instead of the audit refusing the release.
 *
 * Written here (no library does disclosure control on this model); a check on
 * partitions by one dimension, not a full interval analysis: the LP audit
 * stays the judge.
 */
import type { LinearModel, ModelCell } from './model.js';

/** Cells of one table at the same keys except at `dim`, grouped by that shape. */
function siblings(model: LinearModel, shown: ReadonlySet<number>): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  for (const c of shown) {
    const cell = model.cells[c]!;
    cell.keys.forEach((_, d) => {
      const shape = `${cell.table}\u0000${d}\u0000${cell.keys.map((k, i) => (i === d ? '' : k)).join('\u0000')}`;
      const list = groups.get(shape);
      if (list) list.push(c);
      else groups.set(shape, [c]);
    });
  }
  return groups;
}

/** Members of `group` that partition `parent`'s support (smallest first, disjoint), or null. */
function partition(model: LinearModel, parent: ModelCell, group: readonly number[]): number[] | null {
  const inParent = new Set(parent.support);
  const taken = new Set<number>();
  const parts: number[] = [];
  const members = group.filter((c) => c !== parent.index && model.cells[c]!.support.length < parent.support.length).sort((a, b) => model.cells[a]!.support.length - model.cells[b]!.support.length);
  for (const c of members) {
    const s = model.cells[c]!.support;
    if (s.length === 0 || !s.every((i) => inParent.has(i) && !taken.has(i))) continue;
    for (const i of s) taken.add(i);
    parts.push(c);
  }
  return taken.size === inParent.size && parts.length > 1 ? parts : null;
}

/**
 * Published cells to withhold as well: for each published cell that splits
 * into published cells and two or more withheld primary cells whose bounds pin
 * them, its smallest published part (or itself when it has none).
 */
export function boundPinnedCells(model: LinearModel, shown: ReadonlySet<number>, primary: ReadonlySet<number>, withheld: ReadonlySet<number>, minCount: number): number[] {
  const out = new Set<number>();
  const published = (c: number) => !withheld.has(c);
  for (const [shape, group] of siblings(model, shown)) {
    if (group.filter((c) => primary.has(c)).length < 2) continue;
    const d = Number(shape.split('\u0000')[1]);
    for (const p of group) {
      const parent = model.cells[p]!;
      if (!published(p) || parent.keys[d] === undefined) continue;
      const parts = partition(model, parent, group);
      if (!parts || parts.some((c) => withheld.has(c) && !primary.has(c))) continue;
      const hidden = parts.filter((c) => primary.has(c));
      if (hidden.length < 2) continue;
      const shownParts = parts.filter(published);
      const rest = parent.n - shownParts.reduce((s, c) => s + model.cells[c]!.n, 0);
      if (rest !== hidden.length * (minCount - 1) && rest !== hidden.length) continue;
      // True zeros are always shown, so the part to withhold is the smallest non-zero one.
      const smallest = shownParts.filter((c) => model.cells[c]!.n > 0).sort((a, b) => model.cells[a]!.n - model.cells[b]!.n || a - b)[0];
      out.add(smallest ?? p);
    }
  }
  return [...out].sort((a, b) => a - b);
}
