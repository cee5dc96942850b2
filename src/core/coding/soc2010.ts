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
