/**
 * The basket of measures as publishable tables: for one grouping dimension
 * (SSA, level, qualification type, title, cluster, region), a count table of
 * people (each measure's base and, for shares, the people with the outcome,
 * each cell with its cell key) and a report table with every measure's base,
 * figure and 95% interval.
 *
 * Money and hours figures are magnitudes, protected by the base rule and
 * rounding (MAGNITUDES): a median or mean is published only from a base of
 * at least the minimum (disclosure control checks it: the stat's `base`),
 * and rounded to the precision stated here before it leaves the analysis.
 */
import type { CountCell, CountTable, Dimension, ReportCell, ReportRow, ReportTable } from '../results.js';
import type { GroupAggregate } from './aggregate.js';
import { meanInterval } from './basket.js';
import { MEASURES, type MeanMeasure, type MeasureDefinition, type MeasureId, type MedianMeasure, type ShareMeasure } from './catalogue.js';
import type { GroupDimension } from './settings.js';

export const TOTAL = 'total';
export const NOT_RECORDED = 'not-recorded';

/** How a magnitude is published: scaled (pounds, percent, hours, months), rounded to `step`, shown with `decimals`. */
export interface Magnitude {
  scale: number;
  step: number;
  decimals: number;
  /** The precision in words, for the method notes. */
  words: string;
}

export const MAGNITUDES: Readonly<Record<MedianMeasure | MeanMeasure, Magnitude>> = {
  wage_gain: { scale: 100, step: 1, decimals: 0, words: 'the nearest percentage point' },
  hourly_pay_end: { scale: 1, step: 0.1, decimals: 2, words: 'the nearest 10p' },
  hours_change: { scale: 1, step: 0.5, decimals: 1, words: 'the nearest half hour' },
  months_in_work: { scale: 1, step: 0.1, decimals: 1, words: 'the nearest tenth of a month' },
};

/** A measure's name in the tables, with the unit its figure is in. */
export function measureLabel(m: MeasureDefinition): string {
  switch (m.unit) {
    case 'share':
      return m.label;
    case 'change':
      return `${m.label} (median, %)`;
    case 'pounds-per-hour':
      return `${m.label} (median, £ an hour)`;
    case 'hours':
      return `${m.label} (median, hours a week)`;
    case 'months':
      return `${m.label} (mean, months)`;
  }
}

/** A value rounded as its magnitude says (NaN stays NaN: published as not available). */
export function roundMagnitude(value: number | null, m: Magnitude): number {
  if (value === null || !Number.isFinite(value)) return Number.NaN;
  const r = Math.round((value * m.scale) / m.step) * m.step;
  return Number(r.toFixed(Math.max(0, m.decimals)));
}

/** The categories of a dimension: codes as grouped (null: not recorded), readers' labels. */
export interface DimensionSpec {
  id: GroupDimension;
  label: string;
  classification?: string;
  /** Readers' label of a code. */
  labelOf: (code: string) => string;
  /** Whether the table lists every group and a total (false for titles: only groups of at least the minimum base). */
  complete: boolean;
  /** The same code means the same group in every region's report, so its cells add up across regions (default true; false for clusters, which each region finds for itself). */
  sameInEveryRegion?: boolean;
  /** Label of the group with no value (default 'Not recorded'). */
  missingLabel?: string;
}

const code = (key: string | null) => key ?? NOT_RECORDED;
const groupLabel = (spec: DimensionSpec, key: string | null) => (key === null ? (spec.missingLabel ?? 'Not recorded') : spec.labelOf(key));

/** Measure-count codes: `people`, `<measure>:base`, `<share measure>:with`. */
function measureDimension(): Dimension {
  const categories = [{ code: 'people', label: 'People followed up' }];
  for (const m of MEASURES) {
    categories.push({ code: `${m.id}:base`, label: `${m.label}: base` });
    if (m.kind === 'share') categories.push({ code: `${m.id}:with`, label: `${m.label}: people with the outcome` });
  }
  return { id: 'measure', label: 'Count', categories };
}

function cellsOf(g: GroupAggregate, group: string): CountCell[] {
  const k = g.cellKeys;
  const cell = (m: string, n: number, key: number | undefined): CountCell => ({ keys: [group, m], n, ...(key !== undefined ? { key } : {}) });
  const out = [cell('people', g.people, k?.people)];
  for (const m of MEASURES) {
    if (m.kind === 'share') {
      const s = g.shares[m.id as ShareMeasure];
      out.push(cell(`${m.id}:base`, s.den, k?.shares[m.id as ShareMeasure].den), cell(`${m.id}:with`, s.num, k?.shares[m.id as ShareMeasure].num));
    } else {
      const n = m.kind === 'median' ? g.medians[m.id as MedianMeasure].n : g.means[m.id as MeanMeasure].n;
      out.push(cell(`${m.id}:base`, n, k?.bases[m.id as MedianMeasure | MeanMeasure]));
    }
  }
  return out.filter((c) => c.n > 0);
}

/** The groups of one dimension to list (one-way aggregates by `dim`), and the everyone aggregate. */
export interface MeasureGroups {
  rows: GroupAggregate[];
  total: GroupAggregate | undefined;
}

export function groupsOf(aggregates: readonly GroupAggregate[], dim: GroupDimension, complete: boolean, minBase: number): MeasureGroups {
  const rows = aggregates.filter((g) => g.by.length === 1 && g.by[0] === dim && (complete || g.people >= minBase));
  return { rows, total: complete ? aggregates.find((g) => g.by.length === 0) : undefined };
}

/** The count table of one dimension: additive over its groups when it lists them all with their total. */
export function measureCountTable(id: string, spec: DimensionSpec, groups: MeasureGroups, acrossRegions: boolean): CountTable {
  const leaves = groups.rows.map((g) => ({ code: code(g.keys[0]!), label: groupLabel(spec, g.keys[0]!) }));
  const categories = spec.complete ? [{ code: TOTAL, label: 'Total', children: leaves.map((l) => l.code) }, ...leaves] : leaves;
  const cells = [...(groups.total ? cellsOf(groups.total, TOTAL) : []), ...groups.rows.flatMap((g) => cellsOf(g, code(g.keys[0]!)))];
  return {
    id,
    title: `People followed up by ${spec.label.toLowerCase()}, for each progression measure`,
    dimensions: [{ id: spec.id, label: spec.label, ...(spec.classification ? { classification: spec.classification } : {}), categories }, measureDimension()],
    additive: spec.complete,
    cells,
    ...(spec.complete && acrossRegions ? { sumsAcrossRegions: true } : {}),
  };
}

/** One measure's cells: measure, base, figure, interval low, interval high. */
function measureCells(table: string, g: GroupAggregate, group: string, m: MeasureDefinition): ReportCell[] {
  const ref = (what: string) => ({ table, keys: [group, `${m.id}:${what}`] });
  const base: ReportCell = { kind: 'count', ref: ref('base') };
  if (m.kind === 'share') return [{ kind: 'text', text: measureLabel(m) }, base, { kind: 'share', num: ref('with'), den: ref('base') }, { kind: 'empty' }, { kind: 'empty' }];
  const id = m.id as MedianMeasure | MeanMeasure;
  const mag = MAGNITUDES[id];
  const v = m.kind === 'median' ? g.medians[id as MedianMeasure] : meanInterval(g.means[id as MeanMeasure]);
  const value = m.kind === 'median' ? (v as GroupAggregate['medians'][MedianMeasure]).median : (v as ReturnType<typeof meanInterval>).value;
  const stat = (x: number | null): ReportCell => ({ kind: 'stat', value: roundMagnitude(x, mag), dependsOn: [], base: ref('base'), decimals: mag.decimals, unit: 'number' });
  return [{ kind: 'text', text: measureLabel(m) }, base, stat(value), stat(v.low), stat(v.high)];
}

/** The report table of one dimension: a block of every measure for each group (the total first). */
export function measureReportTable(id: string, countTable: string, spec: DimensionSpec, groups: MeasureGroups, section: string, minBase: number): ReportTable {
  const rows: ReportRow[] = [];
  const block = (g: GroupAggregate, group: string, label: string, total: boolean) => {
    for (const m of MEASURES) rows.push({ id: `${group}:${m.id}`, cells: [{ kind: 'text', text: label }, ...measureCells(countTable, g, group, m)], ...(total ? { total: true } : {}) });
  };
  if (groups.total) block(groups.total, TOTAL, 'Total', true);
  for (const g of groups.rows) block(g, code(g.keys[0]!), groupLabel(spec, g.keys[0]!), false);
  return {
    id,
    title: `Progression measures by ${spec.label.toLowerCase()}`,
    caption: 'Each measure with its base (the people it is a share, median or mean of), its figure and 95% interval',
    section,
    columns: [
      { id: 'group', label: spec.label },
      { id: 'measure', label: 'Measure' },
      { id: 'base', label: 'Base (people)' },
      { id: 'value', label: 'Figure' },
      { id: 'low', label: '95% interval, low' },
      { id: 'high', label: '95% interval, high' },
    ],
    rows,
    notes: [
      `Medians and means are shown only where at least ${minBase} people are behind them; shares are marked [u] (low reliability) or withheld on smaller bases.`,
      'A share\'s 95% interval (Wilson) is shown under it; a median\'s (exact, from order statistics) and a mean\'s (normal) in the interval columns.',
      ...(spec.complete ? [] : [`Only ${spec.label.toLowerCase()}s with at least ${minBase} people followed up are listed.`]),
    ],
  };
}

export type { MeasureId };
