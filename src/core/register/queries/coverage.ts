/**
 * Coverage of a competency framework (seed 003 section 6): which areas the key
 * qualifications of a role or cluster cover, through their modules. A
 * qualification covers an area when it is mapped to it directly or any of its
 * parts covers it (a part that is itself a qualification counts with its own
 * parts). Gaps are the areas no key qualification covers; a comparison puts
 * several roles or clusters side by side.
 */
import { compareIds } from '../ids.js';
import { byName, lookup, type RegisterLookup } from '../lookup.js';
import type { Area, Qualification, RegisterData } from '../types.js';

export type Target = { kind: 'role'; id: string } | { kind: 'cluster'; id: string };

export interface CoveredQualification {
  id: string;
  title: string;
  level: number | null;
  /** Area ids of the framework it covers, in framework order. */
  areas: string[];
}

export interface AreaCoverage {
  areaId: string;
  area: string;
  position: number;
  /** Key qualifications covering the area. */
  qualifications: number;
  /** Share of the key qualifications covering it (0 when there are none). */
  share: number;
  qualificationIds: string[];
}

export interface Coverage {
  target: { kind: 'role' | 'cluster'; id: string; name: string };
  frameworkId: string;
  framework: string;
  keyQualifications: CoveredQualification[];
  areas: AreaCoverage[];
  /** Areas no key qualification covers. */
  gaps: string[];
}

/** Areas each qualification covers, through its parts, memoised over one lookup. */
export function qualificationAreas(look: RegisterLookup): (qualificationId: string) => ReadonlySet<string> {
  const memo = new Map<string, Set<string>>();
  const visit = (id: string, onPath: Set<string>): Set<string> => {
    const known = memo.get(id);
    if (known) return known;
    const out = new Set<string>();
    const q = look.qualification(id);
    if (q) {
      onPath.add(id);
      q.areas.forEach((a) => out.add(a));
      for (const part of q.parts) {
        if (part.id.startsWith('M')) look.module(part.id)?.areas.forEach((a) => out.add(a));
        else if (!onPath.has(part.id)) visit(part.id, onPath).forEach((a) => out.add(a));
      }
      onPath.delete(id);
    }
    memo.set(id, out);
    return out;
  };
  return (id) => visit(id, new Set());
}

/** The current qualifications linked to a role or the roles of a cluster (distinct), key ones only when `keyOnly`. */
export function targetQualifications(look: RegisterLookup, target: Target, keyOnly: boolean): Qualification[] {
  const roles = target.kind === 'role' ? [look.role(target.id)] : (look.cluster(target.id)?.roles ?? []).map((id) => look.role(id));
  const ids = new Set<string>();
  for (const role of roles) {
    if (!role || role.status !== 'current') continue;
    for (const link of role.qualifications) if (!keyOnly || link.key) ids.add(link.id);
  }
  return [...ids]
    .map((id) => look.qualification(id))
    .filter((q): q is Qualification => q !== undefined && q.status === 'current')
    .sort((a, b) => compareIds(a.id, b.id));
}

export function targetName(look: RegisterLookup, target: Target): string {
  const r = target.kind === 'role' ? look.role(target.id) : look.cluster(target.id);
  if (!r) throw new RangeError(`no ${target.kind} ${target.id}`);
  return 'name' in r ? r.name : target.id;
}

export function coverage(data: RegisterData, target: Target, frameworkId: string, look: RegisterLookup = lookup(data)): Coverage {
  const framework = data.frameworks.find((f) => f.id === frameworkId);
  if (!framework) throw new RangeError(`no framework ${frameworkId}`);
  const name = targetName(look, target);
  const areas = look.areasOf(frameworkId);
  const areasOfQ = qualificationAreas(look);
  const keyQuals = targetQualifications(look, target, true);
  const covered: CoveredQualification[] = keyQuals.map((q) => {
    const own = areasOfQ(q.id);
    return { id: q.id, title: q.title, level: q.level, areas: areas.filter((a) => own.has(a.id)).map((a) => a.id) };
  });
  const rows = areas.map((a) => areaRow(a, covered));
  return {
    target: { kind: target.kind, id: target.id, name },
    frameworkId,
    framework: framework.name,
    keyQualifications: covered,
    areas: rows,
    gaps: rows.filter((r) => r.qualifications === 0).map((r) => r.areaId),
  };
}

function areaRow(area: Area, covered: readonly CoveredQualification[]): AreaCoverage {
  const ids = covered.filter((q) => q.areas.includes(area.id)).map((q) => q.id);
  return {
    areaId: area.id,
    area: area.name,
    position: area.position,
    qualifications: ids.length,
    share: covered.length === 0 ? 0 : ids.length / covered.length,
    qualificationIds: ids,
  };
}

export interface GapRow {
  target: { kind: 'role' | 'cluster'; id: string; name: string };
  keyQualifications: number;
  /** Areas no key qualification covers, in framework order. */
  gaps: { areaId: string; area: string }[];
}

/**
 * Gaps for every current role (or every cluster of a clustering), or for the
 * targets given; rows with no gap are left out unless `includeCovered`.
 */
export function gaps(
  data: RegisterData,
  frameworkId: string,
  targets: readonly Target[] | 'roles' | { clusteringId: string },
  includeCovered = false,
): GapRow[] {
  const look = lookup(data);
  const list = resolveTargets(look, targets);
  const rows: GapRow[] = [];
  for (const target of list) {
    const c = coverage(data, target, frameworkId, look);
    if (c.gaps.length === 0 && !includeCovered) continue;
    rows.push({
      target: c.target,
      keyQualifications: c.keyQualifications.length,
      gaps: c.areas.filter((a) => a.qualifications === 0).map((a) => ({ areaId: a.areaId, area: a.area })),
    });
  }
  return rows;
}

export function resolveTargets(look: RegisterLookup, targets: readonly Target[] | 'roles' | { clusteringId: string }): Target[] {
  if (targets === 'roles') {
    return look.data.roles
      .filter((r) => r.status === 'current')
      .sort((a, b) => byName(a.name, b.name) || compareIds(a.id, b.id))
      .map((r) => ({ kind: 'role', id: r.id }));
  }
  if ('clusteringId' in targets) return look.clustersOf(targets.clusteringId).map((c) => ({ kind: 'cluster', id: c.id }));
  return [...targets];
}

export interface Comparison {
  frameworkId: string;
  framework: string;
  areas: { areaId: string; area: string; position: number }[];
  rows: {
    target: { kind: 'role' | 'cluster'; id: string; name: string };
    keyQualifications: number;
    /** Per area, in the order of `areas`: key qualifications covering it and their share. */
    cells: { qualifications: number; share: number }[];
    areasCovered: number;
  }[];
}

/** Coverage of several roles or clusters side by side (the seed's 'differentiation in the level of coverage'). */
export function compareCoverage(data: RegisterData, frameworkId: string, targets: readonly Target[] | { clusteringId: string }): Comparison {
  const look = lookup(data);
  const framework = data.frameworks.find((f) => f.id === frameworkId);
  if (!framework) throw new RangeError(`no framework ${frameworkId}`);
  const areas = look.areasOf(frameworkId).map((a) => ({ areaId: a.id, area: a.name, position: a.position }));
  const rows = resolveTargets(look, targets).map((t) => {
    const c = coverage(data, t, frameworkId, look);
    return {
      target: c.target,
      keyQualifications: c.keyQualifications.length,
      cells: c.areas.map((a) => ({ qualifications: a.qualifications, share: a.share })),
      areasCovered: c.areas.filter((a) => a.qualifications > 0).length,
    };
  });
  return { frameworkId, framework: framework.name, areas, rows };
}
