/**
 * The basket of measures from per-group aggregates: each measure with its
 * base, value, 95% interval and the minimum-base flag (the DfE does not
 * report groups of fewer than 30 people; here they are flagged, and
 * disclosure control decides what is shown).
 */
import { wilsonCounts, Z95 } from '../stats/wilson.js';
import type { GroupAggregate, MeanSums } from './aggregate.js';
import { MEASURES, type MeasureId, type MeasureKind, type MeasureUnit } from './catalogue.js';
import type { GroupDimension } from './settings.js';

export interface MeasureValue {
  id: MeasureId;
  kind: MeasureKind;
  unit: MeasureUnit;
  /** People in the base. */
  base: number;
  /** Shares: people in the base with the outcome. */
  num?: number;
  value: number | null;
  low: number | null;
  high: number | null;
  /** The base is under the minimum base. */
  lowBase: boolean;
}

export interface GroupMeasures {
  by: GroupDimension[];
  keys: (string | null)[];
  people: number;
  measures: MeasureValue[];
}

/** Mean with a normal 95% interval (none below 2 values). */
export function meanInterval(s: MeanSums): { value: number | null; low: number | null; high: number | null } {
  if (s.n === 0) return { value: null, low: null, high: null };
  const mean = s.sum / s.n;
  if (s.n < 2) return { value: mean, low: null, high: null };
  const variance = Math.max(0, (s.sumSq - (s.sum * s.sum) / s.n) / (s.n - 1));
  const half = Z95 * Math.sqrt(variance / s.n);
  return { value: mean, low: mean - half, high: mean + half };
}

function measureValue(g: GroupAggregate, id: MeasureId, kind: MeasureKind, unit: MeasureUnit, minBase: number): MeasureValue {
  const head = { id, kind, unit };
  if (kind === 'share') {
    const c = g.shares[id as keyof GroupAggregate['shares']];
    const ci = c.den > 0 ? wilsonCounts(c.num, c.den) : null;
    return { ...head, base: c.den, num: c.num, value: c.den > 0 ? c.num / c.den : null, low: ci?.low ?? null, high: ci?.high ?? null, lowBase: c.den < minBase };
  }
  if (kind === 'median') {
    const m = g.medians[id as keyof GroupAggregate['medians']];
    return { ...head, base: m.n, value: m.median, low: m.low, high: m.high, lowBase: m.n < minBase };
  }
  const s = g.means[id as keyof GroupAggregate['means']];
  return { ...head, base: s.n, ...meanInterval(s), lowBase: s.n < minBase };
}

/** Every measure of every group, in the catalogue's order. */
export function basketOfMeasures(aggregates: readonly GroupAggregate[], minBase: number): GroupMeasures[] {
  return aggregates.map((g) => ({
    by: g.by,
    keys: g.keys,
    people: g.people,
    measures: MEASURES.map((d) => measureValue(g, d.id, d.kind, d.unit, minBase)),
  }));
}
