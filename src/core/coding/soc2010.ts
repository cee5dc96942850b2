/**
 * SOC 2010 -> SOC 2020 with the ONS relationship table (dual-coded LFS and
 * Census records): the most likely SOC 2020 unit group, its share as the
 * confidence, the others as alternatives.
 */
import type { Alternative, SocRelation } from './types.js';

export interface Soc2010Conversion {
  soc2010: string;
  code: string;
  confidence: number;
  alternatives: Alternative[];
}

export type Soc2010Converter = (soc2010: string) => Soc2010Conversion | null;

export function createSoc2010Converter(relations: readonly SocRelation[], unitTitle: ReadonlyMap<string, string>): Soc2010Converter {
  const by = new Map<string, SocRelation[]>();
  for (const r of relations) {
    const l = by.get(r.soc2010) ?? [];
    l.push(r);
    by.set(r.soc2010, l);
  }
  for (const l of by.values()) l.sort((a, b) => b.share - a.share || a.soc2020.localeCompare(b.soc2020));
  return (soc2010) => {
    const l = by.get(soc2010.trim());
    if (!l || l.length === 0) return null;
    const pct = (s: number) => Math.round(s * 100);
    return {
      soc2010,
      code: l[0].soc2020,
      confidence: pct(l[0].share),
      alternatives: l
        .slice(1, 4)
        .filter((r) => r.share > 0)
        .map((r) => ({ code: r.soc2020, title: unitTitle.get(r.soc2020) ?? '', confidence: pct(r.share) })),
    };
  };
}

/**
 * The relationship table summed to sub-major groups, weighted by the
 * dual-coded people (a unit group's share when the table has no counts):
 * for records that carry a SOC 2010 sub-major group and no unit group.
 */
export function subMajorRelations(relations: readonly SocRelation[]): SocRelation[] {
  const weight = new Map<string, Map<string, number>>();
  for (const r of relations) {
    const from = r.soc2010.slice(0, 2);
    const to = r.soc2020.slice(0, 2);
    const w = r.people !== undefined && Number.isFinite(r.people) ? r.people : r.share;
    const m = weight.get(from) ?? new Map<string, number>();
    m.set(to, (m.get(to) ?? 0) + w);
    weight.set(from, m);
  }
  const out: SocRelation[] = [];
  for (const [from, m] of weight) {
    const total = [...m.values()].reduce((a, b) => a + b, 0);
    if (total > 0) for (const [to, w] of m) out.push({ soc2010: from, soc2020: to, share: w / total });
  }
  return out;
}

/**
 * A record's SOC 2010 key (a 4-digit unit group, or a 2-digit sub-major group)
 * to SOC 2020: unit groups by the table, a unit group the table lacks by its
 * sub-major group, sub-major groups by the summed table.
 */
export function createSoc2010KeyConverter(relations: readonly SocRelation[], unitTitle: ReadonlyMap<string, string>, subMajorTitle: ReadonlyMap<string, string>): Soc2010Converter {
  const unit = createSoc2010Converter(relations, unitTitle);
  const sub = createSoc2010Converter(subMajorRelations(relations), subMajorTitle);
  return (key) => {
    const k = key.trim();
    if (k.length === 4) {
      const u = unit(k);
      if (u) return u;
      const s = sub(k.slice(0, 2));
      return s && { ...s, soc2010: k };
    }
    return k.length === 2 ? sub(k) : null;
  };
}
