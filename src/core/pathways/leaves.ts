/**
 * Step 1 of the pathway tables: the leaf cells of the main table (region?,
 * SSA, qualification type, employment type, occupation, related) and of the
 * coverage table, for one level.
 */
import type { LeafCell } from './cube.js';
import { KEY_RANGE } from '../disclosure/perturbation/cell-key.js';
import type { PathwayCountRow, PathwayCounts, PathwayOptions } from './types.js';

export const TOTAL = 'total';
export const UNKNOWN = 'unknown';

export interface Leaves {
  main: LeafCell[];
  cover: LeafCell[];
  /** People in subject-occupation pairs the mapping does not list. */
  unmappedPeople: number;
}

function adder(weighted: boolean) {
  return (m: Map<string, LeafCell>, keys: string[], r: PathwayCountRow): void => {
    const { n, w, w2, key } = r;
    const id = keys.join('|');
    const c = m.get(id);
    if (!c) {
      m.set(id, { keys, n, ...(key !== undefined ? { key } : {}), ...(weighted ? { w: w ?? 0, w2: w2 ?? 0 } : {}) });
      return;
    }
    c.n += n;
    if (c.key !== undefined && key !== undefined) c.key = (c.key + key) % KEY_RANGE;
    if (weighted) {
      c.w! += w ?? 0;
      c.w2! += w2 ?? 0;
    }
  };
}

export function collectLeaves(counts: PathwayCounts, options: PathwayOptions, weighted: boolean, byRegion: boolean): Leaves {
  const related = new Map(options.mapping.rows.map((r) => [`${r.ssa}|${r.soc}`, r.related]));
  const add = adder(weighted);
  const main = new Map<string, LeafCell>();
  const cover = new Map<string, LeafCell>();
  let unmappedPeople = 0;
  for (const r of counts.rows) {
    if (options.level !== 'all' && r.level !== options.level) continue;
    const reg = byRegion ? [r.region ?? UNKNOWN] : [];
    if (r.status !== 'analysed' || r.ssa === null || r.soc === null) {
      add(cover, [...reg, r.status], r);
      continue;
    }
    const rel = related.get(`${r.ssa}|${r.soc}`);
    if (rel === undefined) unmappedPeople += r.n;
    add(cover, [...reg, rel === undefined ? 'analysed-unmapped' : 'analysed-mapped'], r);
    const keys = [...reg, r.ssa, r.qualificationType ?? UNKNOWN, r.employmentType ?? UNKNOWN, r.soc, rel ? 'related' : 'not-related'];
    add(main, keys, r);
  }
  return { main: [...main.values()], cover: [...cover.values()], unmappedPeople };
}

/** Codes in numeric order when they are numbers, else as text. */
export function byCode(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  if (Number.isFinite(x) && Number.isFinite(y) && x !== y) return x - y;
  return a < b ? -1 : a > b ? 1 : 0;
}
