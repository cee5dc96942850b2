/**
 * What the layout of one view's tables says about its counts beyond the
 * counts themselves, as linear facts for the audit's model (see LayoutFact):
 * which subject areas and occupations get rows of their own (30 or more
 * people) and which go to 'Other' (fewer), the order of those rows (most
 * people first), the most common occupation of each subject area (at least
 * as many people as each other) and whether it is a clear pathway. Weighted
 * tables choose on weighted figures, which are not counts: no facts then.
 */
import type { CellRef, LayoutFact } from '../results.js';
import type { Keys, ViewContext } from './view-context.js';

const at = (ref: CellRef, coef = 1) => ({ ref, coef });

/** Rows chosen by a threshold on their counts, ordered by them (most first). */
function thresholdFacts(x: ViewContext, big: Keys[], small: Keys[], what: string): LayoutFact[] {
  const m = x.t.minBase;
  const facts: LayoutFact[] = [
    ...big.map((k) => ({ terms: [at(x.ref(k))], min: m, why: `${what} shown with ${m} or more people` })),
    ...small.map((k) => ({ terms: [at(x.ref(k))], max: m - 1, why: `${what} with fewer than ${m} people (grouped as Other)` })),
  ];
  for (let i = 1; i < big.length; i++) {
    facts.push({ terms: [at(x.ref(big[i - 1]!)), at(x.ref(big[i]!), -1)], min: 0, why: `${what} ordered by people` });
  }
  return facts;
}

/** The most common occupation of an SSA row has at least as many people as each other; a clear pathway's share is at least the threshold. */
export function topFacts(x: ViewContext, row: Keys, top: string, occupations: string[], clear: boolean): LayoutFact[] {
  if (x.weighted || top === '') return [];
  const topRef = x.ref({ ...row, soc: top });
  // Told by the most common occupation's name and the clear pathway column, both withheld with these counts.
  const when = [topRef, x.ref(row)];
  const facts: LayoutFact[] = occupations
    .filter((s) => s !== top)
    .map((s) => ({ terms: [at(topRef), at(x.ref({ ...row, soc: s }), -1)], min: 0, why: 'most common occupation', when }));
  // top - c x row >= 0 for a clear pathway, <= 0 otherwise (the strict "under" relaxed to <=).
  const c = x.t.clearPathway;
  facts.push({ terms: [at(topRef), at(x.ref(row), -c)], ...(clear ? { min: 0 } : { max: 0 }), why: clear ? 'clear pathway' : 'not a clear pathway', when });
  return facts;
}

/** The threshold and order facts of a view's SSA and occupation rows. */
export function viewFacts(x: ViewContext): LayoutFact[] {
  if (x.weighted) return [];
  const v = x.view;
  const bigSsa = x.ssaRows.filter((r) => r.kind === 'ssa').map((r) => r.k);
  const bigSoc = [...v.socN].filter(([, c]) => c >= x.t.minBase).sort((a, b) => b[1] - a[1] || x.socLabel(a[0]).localeCompare(x.socLabel(b[0])));
  return [
    ...thresholdFacts(x, bigSsa, v.smallSsa.map((c) => ({ ssa: c })), 'sector subject area'),
    ...thresholdFacts(x, bigSoc.map(([c]) => ({ soc: c })), v.smallSoc.map((c) => ({ soc: c })), 'occupation'),
  ];
}
