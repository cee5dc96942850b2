/**
 * The risk-utility report of a release set: INTERNAL, for the analyst
 * deciding what to publish, never part of a site (it compares published
 * figures with true ones). For each report and for the whole set: the share
 * of cells published with a value, how far published counts are from the
 * truth (mean absolute and relative perturbation, Hellinger utility), false
 * zeros, how many of the links with 3 or more people the map still draws,
 * and, under the cell key method, the risk that a published value hides a
 * true 1 or 2 (posterior from the p-table and the release's own counts).
 */
import { hellinger, smallCountRisk, utilityMeasures, type CellOutcome, type UtilityMeasures } from './perturbation/measures.js';
import type { PerturbationLookup } from './perturbation/lookup.js';
import { appendTo } from '../multimap.js';

export interface CellComparison extends CellOutcome {
  /** The table the cell is in (Hellinger utility is per table, then averaged). */
  table: string;
}

export interface RiskUtility extends Pick<UtilityMeasures, 'cells' | 'publishedShare' | 'meanAbsolutePerturbation' | 'meanRelativePerturbation' | 'maxAbsolutePerturbation' | 'falseZeros'> {
  /** Mean over tables of the Hellinger utility (1 = published as true). */
  hellingerUtility: number;
  /** Links with a true count of 3 or more, and the share of them the map draws. */
  mapLinks: { trueThreeOrMore: number; drawn: number; drawnShare: number };
  /** Cell key method only: P(true count is 1 or 2 | published value), worst over positive values, and for a published 0. */
  smallCountRisk?: { worstPositive: number; zero: number; meanForSmall: number };
}

export interface RiskUtilityReport {
  internal: true;
  note: string;
  method: 'perturbation' | 'suppression';
  overall: RiskUtility;
  reports: Array<{ region: string | null } & RiskUtility>;
}

function byTable(cells: readonly CellComparison[]): Map<string, CellComparison[]> {
  const m = new Map<string, CellComparison[]>();
  for (const c of cells) appendTo(m, c.table, c);
  return m;
}

/** Risk and utility of some cells and links (true count of each link, and whether the map draws it). */
export function riskUtility(cells: readonly CellComparison[], links: ReadonlyArray<{ trueCount: number; drawn: boolean }>, lookup?: PerturbationLookup): RiskUtility {
  const u = utilityMeasures(cells);
  const tables = [...byTable(cells).values()].filter((t) => t.some((c) => c.published !== null));
  const hellingerUtility = tables.length === 0 ? 1 : tables.reduce((s, t) => s + hellinger(t.filter((c) => c.published !== null)).utility, 0) / tables.length;
  const big = links.filter((l) => l.trueCount >= 3);
  const drawn = big.filter((l) => l.drawn).length;
  const out: RiskUtility = {
    cells: u.cells,
    publishedShare: u.publishedShare,
    meanAbsolutePerturbation: u.meanAbsolutePerturbation,
    meanRelativePerturbation: u.meanRelativePerturbation,
    maxAbsolutePerturbation: u.maxAbsolutePerturbation,
    falseZeros: u.falseZeros,
    hellingerUtility,
    mapLinks: { trueThreeOrMore: big.length, drawn, drawnShare: big.length === 0 ? 1 : drawn / big.length },
  };
  if (lookup && cells.length > 0) {
    const r = smallCountRisk(lookup, cells.map((c) => c.trueCount));
    out.smallCountRisk = { worstPositive: r.worstPositive, zero: r.zero, meanForSmall: r.meanForSmall };
  }
  return out;
}
