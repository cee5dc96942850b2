/**
 * Over-provision (seed 003's third purpose): framework areas that many of a
 * role's qualifications cover, and near-duplicate qualifications, whose parts
 * are mostly the same (Jaccard similarity of their part sets) or whose titles
 * are the same once case and punctuation are set aside.
 */
import { compareIds } from '../ids.js';
import { lookup } from '../lookup.js';
import type { Qualification, RegisterData } from '../types.js';
import { qualificationAreas, resolveTargets, targetQualifications, type Target } from './coverage.js';

export interface CrowdedArea {
  target: { kind: 'role' | 'cluster'; id: string; name: string };
  areaId: string;
  area: string;
  /** Current qualifications of the role (key or not) covering the area. */
  qualifications: number;
  /** All current qualifications of the role. */
  of: number;
  qualificationIds: string[];
}

export interface OverprovisionOptions {
  /** An area is crowded when at least this many of a role's qualifications cover it (default 3). */
  minQualifications?: number;
}

/** Areas covered by at least `minQualifications` qualifications of each target (every current role by default). */
export function crowdedAreas(
  data: RegisterData,
  frameworkId: string,
  targets: readonly Target[] | 'roles' | { clusteringId: string } = 'roles',
  options: OverprovisionOptions = {},
): CrowdedArea[] {
  const min = options.minQualifications ?? 3;
  const look = lookup(data);
  const areas = look.areasOf(frameworkId);
  const areasOfQ = qualificationAreas(look);
  const out: CrowdedArea[] = [];
  for (const target of resolveTargets(look, targets)) {
    const quals = targetQualifications(look, target, false);
    const name = target.kind === 'role' ? look.role(target.id)!.name : look.cluster(target.id)!.name;
    for (const area of areas) {
      const ids = quals.filter((q) => areasOfQ(q.id).has(area.id)).map((q) => q.id);
      if (ids.length >= min) {
        out.push({ target: { ...target, name }, areaId: area.id, area: area.name, qualifications: ids.length, of: quals.length, qualificationIds: ids });
      }
    }
  }
  return out;
}

export interface NearDuplicate {
  a: { id: string; title: string; level: number | null; awardingBody: string | null };
  b: { id: string; title: string; level: number | null; awardingBody: string | null };
  sharedParts: number;
  /** Shared parts / parts of either (1 when the part sets are the same). */
  similarity: number;
  sameTitle: boolean;
  sameLevel: boolean;
}

export interface NearDuplicateOptions {
  /** Pairs at or above this part similarity are reported (default 0.8). */
  minSimilarity?: number;
  /** Limit to the qualifications of one role or cluster. */
  target?: Target;
}

/** Title with case, punctuation and spacing set aside. */
export function titleKey(title: string): string {
  return title.toLowerCase().replace(/&/g, ' and ').replace(/[^a-z0-9]+/g, ' ').trim();
}

/** Pairs of current qualifications that look like the same thing twice, most similar first. */
export function nearDuplicates(data: RegisterData, options: NearDuplicateOptions = {}): NearDuplicate[] {
  const min = options.minSimilarity ?? 0.8;
  const look = lookup(data);
  const quals = options.target
    ? targetQualifications(look, options.target, false)
    : data.qualifications.filter((q) => q.status === 'current').sort((a, b) => compareIds(a.id, b.id));
  // Candidate pairs share a part or a title: an inverted index avoids comparing every pair.
  const byPart = new Map<string, number[]>();
  const byTitle = new Map<string, number[]>();
  quals.forEach((q, i) => {
    for (const p of q.parts) push(byPart, p.id, i);
    push(byTitle, titleKey(q.title), i);
  });
  const shared = new Map<number, number>();
  const key = (i: number, j: number) => i * quals.length + j;
  for (const list of byPart.values()) forPairs(list, (i, j) => shared.set(key(i, j), (shared.get(key(i, j)) ?? 0) + 1));
  for (const list of byTitle.values()) forPairs(list, (i, j) => shared.set(key(i, j), shared.get(key(i, j)) ?? 0));
  const out: NearDuplicate[] = [];
  for (const [k, n] of shared) {
    const i = Math.floor(k / quals.length);
    const j = k % quals.length;
    const pair = describePair(quals[i], quals[j], n);
    if (pair.similarity >= min || pair.sameTitle) out.push(pair);
  }
  return out.sort((x, y) => y.similarity - x.similarity || compareIds(x.a.id, y.a.id) || compareIds(x.b.id, y.b.id));
}

function describePair(a: Qualification, b: Qualification, sharedParts: number): NearDuplicate {
  const union = a.parts.length + b.parts.length - sharedParts;
  const brief = (q: Qualification) => ({ id: q.id, title: q.title, level: q.level, awardingBody: q.awardingBody });
  return {
    a: brief(a),
    b: brief(b),
    sharedParts,
    similarity: union === 0 ? 0 : sharedParts / union,
    sameTitle: titleKey(a.title) === titleKey(b.title),
    sameLevel: a.level === b.level,
  };
}

function push<K>(map: Map<K, number[]>, k: K, v: number): void {
  const list = map.get(k);
  if (list) list.push(v);
  else map.set(k, [v]);
}

function forPairs(list: readonly number[], f: (i: number, j: number) => void): void {
  for (let x = 0; x < list.length; x++) for (let y = x + 1; y < list.length; y++) f(list[x], list[y]);
}
