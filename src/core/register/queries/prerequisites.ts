/**
 * Prerequisite chains: what must come before a qualification, as routes of
 * levels. A route starts at something with no prerequisites and ends at the
 * qualification asked about ('L2 Certificate -> L3 Diploma -> L4 Foundation
 * Degree'); with several prerequisites there are several routes.
 */
import { compareIds } from '../ids.js';
import { lookup, type RegisterLookup } from '../lookup.js';
import type { RegisterData } from '../types.js';

export interface RouteStep {
  id: string;
  title: string;
  level: number | null;
  kind: 'qualification' | 'module';
}

export interface PrerequisiteRoutes {
  qualification: RouteStep;
  /** Every route, each from its first step to the qualification. */
  routes: RouteStep[][];
  /** True when there were more than `maxRoutes` routes and the rest were left out. */
  truncated: boolean;
  /** Every item that must or may come first, each once. */
  required: RouteStep[];
}

/** 'Entry', 'L3', or '?' for no level. */
export function levelText(level: number | null): string {
  return level === null ? '?' : level === 0 ? 'Entry' : `L${level}`;
}

/** 'L2 -> L3 -> L4'. */
export function routeLevels(route: readonly RouteStep[]): string {
  return route.map((s) => levelText(s.level)).join(' -> ');
}

export function prerequisiteRoutes(data: RegisterData, qualificationId: string, maxRoutes = 200, look: RegisterLookup = lookup(data)): PrerequisiteRoutes {
  const target = look.qualification(qualificationId);
  if (!target) throw new RangeError(`no qualification ${qualificationId}`);
  const step = (id: string): RouteStep => {
    const q = look.qualification(id);
    if (q) return { id, title: q.title, level: q.level, kind: 'qualification' };
    const m = look.module(id);
    return { id, title: m?.title ?? '(not in the register)', level: m?.level ?? null, kind: 'module' };
  };
  const routes: string[][] = [];
  let truncated = false;
  const walk = (id: string, suffix: string[]): void => {
    if (routes.length >= maxRoutes) {
      truncated = true;
      return;
    }
    const before = [...(look.qualification(id)?.prerequisites ?? [])].sort(compareIds).filter((p) => !suffix.includes(p));
    if (before.length === 0) {
      routes.push([id, ...suffix]);
      return;
    }
    for (const p of before) walk(p, [id, ...suffix]);
  };
  walk(qualificationId, []);
  const required = new Set<string>();
  routes.forEach((r) => r.slice(0, -1).forEach((id) => required.add(id)));
  return {
    qualification: step(qualificationId),
    routes: routes.filter((r) => r.length > 1).map((r) => r.map(step)),
    truncated,
    required: [...required].sort(compareIds).map(step),
  };
}
