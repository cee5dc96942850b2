/**
 * Primary suppression: the cells that may not be published as they stand.
 * Counts of 1..minCount-1 people are suppressed; true zeros are shown.
 * (Percentages on small bases are handled where report cells are built, in
 * protect.ts, since they do not change the linear model.)
 */
import type { LinearModel } from './model.js';
import type { DisclosurePolicy } from './policy.js';

/** Indices of every model cell (published or not) with a small non-zero count. */
export function primarySuppress(model: LinearModel, policy: Pick<DisclosurePolicy, 'minCount'>): number[] {
  const out: number[] = [];
  for (const c of model.cells) if (c.n > 0 && c.n < policy.minCount) out.push(c.index);
  return out;
}

/** Inner cells holding exactly one person: what an insider counted alone knows. */
export function singletonInnerCells(model: LinearModel): number[] {
  const out: number[] = [];
  model.innerN.forEach((n, i) => {
    if (n === 1) out.push(i);
  });
  return out;
}
