/**
 * Career routes from each qualification (seed 004, recommendation 3):
 * qualification -> first job -> job at the end of the window.
 *
 * Every analysed person follows exactly one route, so the counts partition
 * people: a qualification's people = the sum of its two-step routes = the
 * sum of its three-step routes. A job is its occupation (SOC sub-major group,
 * or the title as entered), `none` when there is no job (no first job in the
 * window; not in work at its end) and `unknown` when the job has no SOC code.
 * A route moves up when the job at the end is of a higher SOC skill level
 * than the first (skill.ts); `up` counts those people (with titles, people on
 * one route can differ).
 */
import type { JobSummary, PersonOutcome } from './person.js';
import { appendTo } from '../multimap.js';

export type OccupationBy = 'soc' | 'title';
export type QualificationBy = 'title' | 'ssa';
export const NO_JOB = 'none';
export const NOT_CODED = 'unknown';

export interface RouteOptions {
  occupationBy: OccupationBy;
  qualificationBy: QualificationBy;
}

/** People on one three-step route. */
export interface RouteCount {
  from: string;
  first: string;
  then: string;
  people: number;
  /** Of them, people whose job at the end is of a higher skill level than their first. */
  up: number;
  /** The route's cell key (sum of its people's record keys modulo 4096), when asked for (the store's SQL only). Internal. */
  key?: number;
  /** The cell key of the `up` people, likewise. */
  upKey?: number;
}

export interface Route {
  from: string;
  /** The jobs after the qualification: [first] (two steps) or [first, then] (three). */
  steps: string[];
  people: number;
  /** Of the qualification's people. */
  share: number;
  up: number;
}

export function jobKey(job: JobSummary | null, by: OccupationBy): string {
  if (job === null) return NO_JOB;
  if (by === 'title') return job.title;
  return job.socSubmajor ?? NOT_CODED;
}

export function qualificationKey(o: PersonOutcome, by: QualificationBy): string {
  return by === 'title' ? o.qualification.title : o.qualification.ssa ?? NOT_CODED;
}

export function movedUp(o: PersonOutcome): boolean {
  return o.first !== null && o.end !== null && o.first.skill !== null && o.end.skill !== null && o.end.skill > o.first.skill;
}

export function compareRouteCounts(a: RouteCount, b: RouteCount): number {
  return cmp(a.from, b.from) || cmp(a.first, b.first) || cmp(a.then, b.then);
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Route counts of analysed people, sorted by qualification, first job, job at the end. */
export function countRoutes(outcomes: Iterable<PersonOutcome>, options: RouteOptions): RouteCount[] {
  const map = new Map<string, RouteCount>();
  for (const o of outcomes) {
    if (o.status !== 'analysed') continue;
    const r = { from: qualificationKey(o, options.qualificationBy), first: jobKey(o.first, options.occupationBy), then: jobKey(o.end, options.occupationBy) };
    const id = JSON.stringify([r.from, r.first, r.then]);
    let c = map.get(id);
    if (!c) map.set(id, (c = { ...r, people: 0, up: 0 }));
    c.people++;
    if (movedUp(o)) c.up++;
  }
  return [...map.values()].sort(compareRouteCounts);
}

/** The most common routes of `steps` (2: qualification -> first job; 3: -> job at the end) from each qualification, `top` per qualification. */
export function topRoutes(counts: readonly RouteCount[], steps: 2 | 3, top: number): Route[] {
  const totals = new Map<string, number>();
  const routes = new Map<string, Route>();
  for (const c of counts) {
    totals.set(c.from, (totals.get(c.from) ?? 0) + c.people);
    const path = steps === 2 ? [c.first] : [c.first, c.then];
    const id = JSON.stringify([c.from, ...path]);
    const r = routes.get(id) ?? { from: c.from, steps: path, people: 0, share: 0, up: 0 };
    r.people += c.people;
    r.up += c.up;
    routes.set(id, r);
  }
  const byFrom = new Map<string, Route[]>();
  for (const r of routes.values()) {
    r.share = r.people / totals.get(r.from)!;
    appendTo(byFrom, r.from, r);
  }
  return [...byFrom.keys()].sort(cmp).flatMap((from) => byFrom.get(from)!.sort(byPeople).slice(0, top));
}

/** Three-step routes on which someone moved up a skill level, most such people first. */
export function upwardRoutes(counts: readonly RouteCount[], top: number): Route[] {
  const totals = new Map<string, number>();
  for (const c of counts) totals.set(c.from, (totals.get(c.from) ?? 0) + c.people);
  return counts
    .filter((c) => c.up > 0)
    .map((c) => ({ from: c.from, steps: [c.first, c.then], people: c.people, share: c.people / totals.get(c.from)!, up: c.up }))
    .sort((a, b) => b.up - a.up || byPeople(a, b))
    .slice(0, top);
}

function byPeople(a: Route, b: Route): number {
  return b.people - a.people || cmp(a.from, b.from) || cmp(a.steps.join('\u0000'), b.steps.join('\u0000'));
}
