/**
 * Risk and utility of a protected release, for the internal risk-utility
 * report: pure functions over the cells' (true, published) pairs, where
 * `published` is null for a cell withheld (suppression) and a number otherwise.
 *
 * Utility (sdcTools cellKey `ck_cnt_measures`; Shlomo, Antal and Elliot 2015,
 * "Measuring disclosure risk and data utility for flexible table generators",
 * JOS 31(2)): share of cells with a value, mean absolute and relative
 * perturbation, false zeros and false positives, and the Hellinger distance
 * HD = sqrt(sum (sqrt(true) - sqrt(published))^2 / 2) with the utility
 * 1 - HD / sqrt(sum true), both per table.
 *
 * Risk of small counts: the posterior probability that a published value
 * hides a true count of 1..small (Bayes, with the lookup's transition
 * probabilities and a distribution of true counts, e.g. the release's own).
 */
import type { PerturbationLookup } from './lookup.js';
import { appendTo } from '../../multimap.js';

export interface CellOutcome {
  trueCount: number;
  /** The published count, or null when the cell is withheld. */
  published: number | null;
}

export interface UtilityMeasures {
  cells: number;
  /** Share of cells published with a value (1 under perturbation, less under suppression). */
  publishedShare: number;
  /** Mean |published - true| over the cells with a value. */
  meanAbsolutePerturbation: number;
  /** Mean |published - true| / true over the cells with a value and true > 0. */
  meanRelativePerturbation: number;
  maxAbsolutePerturbation: number;
  /** Cells with true > 0 published as 0. */
  falseZeros: number;
  /** Cells with true 0 published above 0. */
  falsePositives: number;
  hellingerDistance: number;
  hellingerUtility: number;
}

/** Utility measures of one table's cells. Cells without a value are left out of every measure but the published share. */
export function utilityMeasures(cells: readonly CellOutcome[]): UtilityMeasures {
  let shown = 0;
  let absSum = 0;
  let relSum = 0;
  let relCells = 0;
  let maxAbs = 0;
  let falseZeros = 0;
  let falsePositives = 0;
  for (const c of cells) {
    checkCount(c.trueCount, 'a true count');
    if (c.published === null) continue;
    checkCount(c.published, 'a published count');
    shown++;
    const d = Math.abs(c.published - c.trueCount);
    absSum += d;
    maxAbs = Math.max(maxAbs, d);
    if (c.trueCount > 0) {
      relSum += d / c.trueCount;
      relCells++;
      if (c.published === 0) falseZeros++;
    } else if (c.published > 0) falsePositives++;
  }
  const h = hellinger(cells);
  return {
    cells: cells.length,
    publishedShare: cells.length === 0 ? 1 : shown / cells.length,
    meanAbsolutePerturbation: shown === 0 ? 0 : absSum / shown,
    meanRelativePerturbation: relCells === 0 ? 0 : relSum / relCells,
    maxAbsolutePerturbation: maxAbs,
    falseZeros,
    falsePositives,
    hellingerDistance: h.distance,
    hellingerUtility: h.utility,
  };
}

/** Hellinger distance between a table's true and published counts, and the utility 1 - HD / sqrt(total) (1 for an empty table). */
export function hellinger(cells: readonly CellOutcome[]): { distance: number; utility: number } {
  let sq = 0;
  let total = 0;
  for (const c of cells) {
    if (c.published === null) continue;
    const d = Math.sqrt(c.trueCount) - Math.sqrt(c.published);
    sq += d * d;
    total += c.trueCount;
  }
  const distance = Math.sqrt(sq / 2);
  return { distance, utility: total === 0 ? 1 : 1 - distance / Math.sqrt(total) };
}

/** Share of the cells with a true count of at least `minTrue` that are published above zero (e.g. links a map draws). 1 when there are none. */
export function shownShare(cells: readonly CellOutcome[], minTrue: number): number {
  let eligible = 0;
  let shown = 0;
  for (const c of cells) {
    if (c.trueCount < minTrue) continue;
    eligible++;
    if (c.published !== null && c.published > 0) shown++;
  }
  return eligible === 0 ? 1 : shown / eligible;
}

export interface SmallCountRisk {
  /** The true counts treated as small: 1..small. */
  small: number;
  /** For each value that can be published: its probability and the posterior that it hides a true small count. Ascending. */
  byPublished: Array<{ published: number; probability: number; posteriorSmall: number }>;
  /** The largest posterior over published values above 0. */
  worstPositive: number;
  /** The posterior that a published 0 hides a true small count (0 if 0 is never published). */
  zero: number;
  /** The mean posterior an attacker reaches for the cells that truly are small. */
  meanForSmall: number;
}

/**
 * P(true in 1..small | published = j) for every j, by Bayes: the prior is the
 * distribution of `trueCounts` (one entry per cell, e.g. every cell of the
 * release), the likelihood the lookup's key shares.
 */
export function smallCountRisk(lookup: PerturbationLookup, trueCounts: ArrayLike<number>, small = 2): SmallCountRisk {
  if (!Number.isInteger(small) || small < 1) throw new RangeError(`small must be a whole number of at least 1, got ${small}`);
  const cellsOf = new Map<number, number>();
  for (let c = 0; c < trueCounts.length; c++) {
    const n = checkCount(trueCounts[c], 'a true count');
    cellsOf.set(n, (cellsOf.get(n) ?? 0) + 1);
  }
  const prior = new Map([...cellsOf].map(([i, k]) => [i, k / trueCounts.length] as const));
  // Counts of maxI or more share one row: compute its key shares once.
  const top = lookup.keyShares(lookup.maxI);
  const sharesOf = (i: number) => (i >= lookup.maxI ? top : lookup.keyShares(i));
  // Joint P(true = i, published = j), accumulated per j: total and the small part.
  const all = new Map<number, number>();
  const smallPart = new Map<number, number>();
  const transitions = new Map<number, Array<[number, number]>>();
  for (const [i, pi] of prior) {
    for (const [v, share] of sharesOf(i)) {
      const j = i + v;
      all.set(j, (all.get(j) ?? 0) + pi * share);
      if (i >= 1 && i <= small) smallPart.set(j, (smallPart.get(j) ?? 0) + pi * share);
      if (i >= 1 && i <= small) appendTo(transitions, i, [j, share]);
    }
  }
  const posterior = (j: number) => ((all.get(j) ?? 0) > 0 ? (smallPart.get(j) ?? 0) / all.get(j)! : 0);
  const byPublished = [...all.keys()].sort((a, b) => a - b).map((j) => ({ published: j, probability: all.get(j)!, posteriorSmall: posterior(j) }));
  let mean = 0;
  let smallMass = 0;
  for (const [i, list] of transitions) {
    const pi = prior.get(i)!;
    smallMass += pi;
    for (const [j, share] of list) mean += pi * share * posterior(j);
  }
  return {
    small,
    byPublished,
    worstPositive: Math.max(0, ...byPublished.filter((b) => b.published > 0).map((b) => b.posteriorSmall)),
    zero: posterior(0),
    meanForSmall: smallMass === 0 ? 0 : mean / smallMass,
  };
}

function checkCount(n: number, what: string): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${what} must be a whole number 0 or more, got ${n}`);
  return n;
}
