/**
 * Titles the index itself calls ambiguous without more context. A bare title
 * ('engineer', 'cleaner', 'labourer') is ambiguous when the index
 * - has no entry for it that applies without a qualifier (no unqualified and
 *   no default entry: 'Labourer' is only ever coded with an industry), or
 * - refers it to notes ("see also notes": 'Teacher', 'Team leader'), or
 * - is a single generic word heading a large family of index titles spread
 *   over the classification ('Driver, bus', 'Driver, crane', 'Driver, fork
 *   lift truck' ...: at least 12 unit groups in 3 sub-major groups, none
 *   holding half of them), so that its default entry is a guess.
 * Such titles go to review whatever their score. The thresholds were set by
 * reading the index's families (see docs/coding-evaluation.md), not from the
 * evaluation titles.
 */
import type { CodingIndex } from './index-lookup.js';

export interface Ambiguity {
  ambiguous: boolean;
  /** Distinct unit groups the title's own entries give. */
  unitGroups: number;
  /** Share of the relevant index entries (the title's, or its family's) that give `code`. */
  share: (code: string) => number;
  why: string;
}

export const FAMILY_UNIT_GROUPS = 12;
export const FAMILY_SUB_MAJORS = 3;
export const FAMILY_TOP_SHARE = 0.5;

const cache = new WeakMap<CodingIndex, { families: Map<number, Map<string, number>>; byKey: Map<string, Ambiguity> }>();

function state(index: CodingIndex) {
  let s = cache.get(index);
  if (!s) {
    const families = new Map<number, Map<string, number>>();
    for (const e of index.entries) {
      if (e.source !== 'index') continue;
      let f = families.get(e.head);
      if (!f) families.set(e.head, (f = new Map()));
      f.set(e.soc, (f.get(e.soc) ?? 0) + 1);
    }
    s = { families, byKey: new Map() };
    cache.set(index, s);
  }
  return s;
}

const shareIn = (counts: ReadonlyMap<string, number>) => {
  const n = [...counts.values()].reduce((a, b) => a + b, 0);
  return (code: string) => (n === 0 ? 0 : (counts.get(code) ?? 0) / n);
};

export function ambiguityOf(index: CodingIndex, key: string): Ambiguity {
  const s = state(index);
  const hit = s.byKey.get(key);
  if (hit) return hit;
  const ids = (index.byKey.get(key) ?? []).filter((i) => index.entries[i].source === 'index');
  const counts = new Map<string, number>();
  let applicable = false;
  for (const i of ids) {
    const e = index.entries[i];
    counts.set(e.soc, (counts.get(e.soc) ?? 0) + 1);
    if (!e.qualified || e.isDefault) applicable = true;
  }
  let why = '';
  let share = shareIn(counts);
  const word = key.includes(' ') ? undefined : index.wordId.get(key);
  const family = word === undefined ? undefined : s.families.get(word);
  if (index.seeAlso.has(key)) why = 'the index refers it to notes';
  else if (ids.length > 0 && !applicable) why = 'the index codes it only with an industry or other qualifier';
  else if (family) {
    const n = [...family.values()].reduce((a, b) => a + b, 0);
    const subMajors = new Set([...family.keys()].map((c) => c.slice(0, 2))).size;
    const top = Math.max(...family.values()) / n;
    if (family.size >= FAMILY_UNIT_GROUPS && subMajors >= FAMILY_SUB_MAJORS && top < FAMILY_TOP_SHARE) {
      why = `the index has ${n} '${key}' titles in ${family.size} unit groups`;
      share = shareIn(family);
    }
  }
  const result: Ambiguity = { ambiguous: why !== '', unitGroups: counts.size, share, why };
  s.byKey.set(key, result);
  return result;
}
