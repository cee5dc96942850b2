/**
 * Per-group aggregates: what the measures are made of, for each group of
 * people (e.g. SSA x level x region and its margins). These are counts of
 * people, sums and order statistics, never records; the store's SQL returns
 * exactly this shape from a whole dataset, and `aggregateOutcomes` computes
 * it from histories in memory (the reference the SQL is tested against).
 */
import { naturalCompare } from '../natural-order.js';
import { medianInterval, type MedianWithInterval } from '../stats/median-interval.js';
import { MEAN_MEASURES, MEDIAN_MEASURES, SHARE_MEASURES, type MeanMeasure, type MedianMeasure, type ShareMeasure } from './catalogue.js';
import type { PersonOutcome } from './person.js';
import type { PersonValues } from './person-values.js';
import type { GroupDimension } from './settings.js';

export interface ShareCount {
  /** People in the base with the outcome. */
  num: number;
  /** People in the base. */
  den: number;
}

export interface MeanSums {
  n: number;
  sum: number;
  sumSq: number;
}

export interface GroupAggregate {
  /** The dimensions of this grouping (empty: everyone). */
  by: GroupDimension[];
  /** One value per dimension of `by`; null = not recorded. */
  keys: (string | null)[];
  /** People followed up in the group. */
  people: number;
  shares: Record<ShareMeasure, ShareCount>;
  medians: Record<MedianMeasure, MedianWithInterval>;
  means: Record<MeanMeasure, MeanSums>;
  /** Cell keys (the cell key method) of the group's counts, when the count pass was asked for them (the store's SQL only). Internal. */
  cellKeys?: AggregateKeys;
}

/** Cell keys of a group's counts: sums of the people's record keys modulo 4096 (src/store/record-keys.ts). */
export interface AggregateKeys {
  people: number;
  shares: Record<ShareMeasure, { num: number; den: number }>;
  /** The key of each median's and mean's base (people with a value). */
  bases: Record<MedianMeasure | MeanMeasure, number>;
}

/** The groupings to report: `by` itself and, with margins, every subset of it down to everyone (largest first). */
export function groupingSets(by: readonly GroupDimension[], margins: boolean): GroupDimension[][] {
  if (!margins) return [[...by]];
  const sets: GroupDimension[][] = [];
  for (let mask = (1 << by.length) - 1; mask >= 0; mask--) sets.push(by.filter((_, i) => mask & (1 << (by.length - 1 - i))));
  return sets.sort((a, b) => b.length - a.length);
}

/** The value of a grouping dimension for a person (`clusters`: qualification title -> cluster id). */
export function dimensionValue(o: PersonOutcome, d: GroupDimension, clusters?: ReadonlyMap<string, string>): string | null {
  const q = o.qualification;
  switch (d) {
    case 'ssa':
      return q.ssa;
    case 'level':
      return q.level === null ? null : String(q.level);
    case 'type':
      return q.type;
    case 'title':
      return q.title;
    case 'cluster':
      return q.title === null ? null : (clusters?.get(q.title) ?? null);
    case 'region':
      return o.region;
  }
}

/** Canonical order: grouping sets in the given order, then keys (not recorded first, then by code). */
export function compareAggregates(sets: readonly GroupDimension[][]): (a: GroupAggregate, b: GroupAggregate) => number {
  const index = (g: GroupAggregate) => sets.findIndex((s) => s.join() === g.by.join());
  return (a, b) => index(a) - index(b) || compareKeys(a.keys, b.keys);
}

function compareKeys(a: (string | null)[], b: (string | null)[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    if (a[i] === null) return -1;
    if (b[i] === null) return 1;
    return naturalCompare(a[i]!, b[i]!);
  }
  return 0;
}

interface Accumulator {
  by: GroupDimension[];
  keys: (string | null)[];
  people: number;
  shares: Record<ShareMeasure, ShareCount>;
  values: Record<MedianMeasure, number[]>;
  means: Record<MeanMeasure, MeanSums>;
}

function accumulator(by: GroupDimension[], keys: (string | null)[]): Accumulator {
  return {
    by,
    keys,
    people: 0,
    shares: Object.fromEntries(SHARE_MEASURES.map((m) => [m, { num: 0, den: 0 }])) as Record<ShareMeasure, ShareCount>,
    values: Object.fromEntries(MEDIAN_MEASURES.map((m) => [m, []])) as unknown as Record<MedianMeasure, number[]>,
    means: Object.fromEntries(MEAN_MEASURES.map((m) => [m, { n: 0, sum: 0, sumSq: 0 }])) as Record<MeanMeasure, MeanSums>,
  };
}

function add(acc: Accumulator, v: PersonValues): void {
  acc.people++;
  for (const m of SHARE_MEASURES) {
    const x = v.shares[m];
    if (x === null) continue;
    acc.shares[m].den++;
    if (x) acc.shares[m].num++;
  }
  for (const m of MEDIAN_MEASURES) if (v.medians[m] !== null) acc.values[m].push(v.medians[m]!);
  for (const m of MEAN_MEASURES) {
    const x = v.means[m];
    if (x === null) continue;
    const s = acc.means[m];
    s.n++;
    s.sum += x;
    s.sumSq += x * x;
  }
}

/** Aggregates of analysed people's values over each grouping set, in canonical order. */
export function aggregateOutcomes(people: ReadonlyArray<{ outcome: PersonOutcome; values: PersonValues }>, sets: GroupDimension[][], clusters?: ReadonlyMap<string, string>): GroupAggregate[] {
  const groups = new Map<string, Accumulator>();
  for (const { outcome, values } of people) {
    for (const by of sets) {
      const keys = by.map((d) => dimensionValue(outcome, d, clusters));
      const id = JSON.stringify([by, keys]);
      let acc = groups.get(id);
      if (!acc) groups.set(id, (acc = accumulator(by, keys)));
      add(acc, values);
    }
  }
  const out: GroupAggregate[] = [...groups.values()].map((acc) => ({
    by: acc.by,
    keys: acc.keys,
    people: acc.people,
    shares: acc.shares,
    medians: Object.fromEntries(MEDIAN_MEASURES.map((m) => [m, medianInterval(acc.values[m].sort((a, b) => a - b))])) as Record<MedianMeasure, MedianWithInterval>,
    means: acc.means,
  }));
  return out.sort(compareAggregates(sets));
}
