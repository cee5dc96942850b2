/**
 * Step 2: the views the report tables are made for (everyone, then each
 * region with byRegion) and, per view, the groups under the minimum base that
 * go together as 'Other'.
 */
import type { LeafCell } from './cube.js';
import { byCode, TOTAL } from './leaves.js';

export interface View {
  /** Region key in the count tables ('total' for everyone; undefined without a region dimension). */
  region?: string;
  /** Report table id prefix. */
  prefix: string;
  /** Words for captions. */
  where: string;
  ssaN: Map<string, number>;
  socN: Map<string, number>;
  smallSsa: string[];
  smallSoc: string[];
  otherSsaCode?: string;
  otherSocCode?: string;
}

/** Offset of the SSA key in a leaf: 1 with a region dimension, else 0. */
export function view(leaves: LeafCell[], o: number, minBase: number, region: string | undefined, prefix: string, where: string): View {
  const ssaN = new Map<string, number>();
  const socN = new Map<string, number>();
  for (const l of leaves) {
    if (region !== undefined && region !== TOTAL && l.keys[0] !== region) continue;
    ssaN.set(l.keys[o], (ssaN.get(l.keys[o]) ?? 0) + l.n);
    socN.set(l.keys[o + 3], (socN.get(l.keys[o + 3]) ?? 0) + l.n);
  }
  const small = (m: Map<string, number>) => [...m].filter(([, n]) => n < minBase).map(([c]) => c).sort(byCode);
  return { region, prefix, where, ssaN, socN, smallSsa: small(ssaN), smallSoc: small(socN) };
}

/**
 * 'Other' margins: one category per distinct set of small groups across the
 * views ('other', 'other-2'...), assigned to each view that has one.
 */
export function otherCodes(views: View[], pick: (v: View) => string[], assign: (v: View, code: string) => void): Map<string, string[]> {
  const codes = new Map<string, string[]>();
  const byKey = new Map<string, string>();
  for (const v of views) {
    const set = pick(v);
    if (set.length === 0) continue;
    const key = set.join(',');
    let code = byKey.get(key);
    if (!code) {
      code = byKey.size === 0 ? 'other' : `other-${byKey.size + 1}`;
      byKey.set(key, code);
      codes.set(code, set);
    }
    assign(v, code);
  }
  return codes;
}
