/**
 * The answers of the explorer endpoints and of queries, given an opened
 * dataset and the service's context (the store's queue, the p-table lookup,
 * the policy and rules): destinations of a qualification, occupation groups
 * by search, routes into an occupation group, and protected query tables.
 */
import type { Classifications } from '../../core/classify/classifications.js';
import type { DisclosurePolicy } from '../../core/disclosure/policy.js';
import type { PerturbationLookup } from '../../core/disclosure/perturbation/lookup.js';
import { PERTURBATION_METHOD } from '../../core/disclosure/perturbation-release.js';
import type { MappingRow } from '../../core/pathways/types.js';
import { checkCounts, checkShape, keptCategories, MEASURES, type QueryRules } from '../../core/query/rules.js';
import { publishCount, publishQuery, type TrueCell } from '../../core/query/table.js';
import type { Dataset } from '../../store/datasets.js';
import { countCellSets, titleSocGroups, titleSsa, type CellCountQuery, type ClusterMembers } from '../../store/query-counts.js';
import type { ConnectionPool } from './pool.js';
import { notFound } from './problems.js';
import type { ReportTables } from './tables.js';
import type { ApiDimension, DatasetInfo, Destinations, OccupationHit, QualificationHit, QueryAnswer, QueryResult, Routes } from './types.js';

export interface Opened {
  dataset: Dataset;
  info: DatasetInfo;
  dims: Map<string, ApiDimension>;
  characteristics: string[];
  /** The qualification titles of each cluster on the published map, once known (the `cluster` dimension). */
  clusters?: ClusterMembers;
}

export interface Ctx {
  lookup: PerturbationLookup;
  policy: DisclosurePolicy;
  rules: QueryRules;
  cls: Classifications;
  reports: ReportTables;
  mappings: Map<string, MappingRow[]>;
  /** The store's connections: every store query runs through here. */
  pool: ConnectionPool;
  count(o: Opened, q: Omit<CellCountQuery, 'datasetId' | 'characteristics' | 'recordKeys'>): Promise<TrueCell[]>;
  total(o: Opened, filters: Record<string, string[]>): Promise<number>;
  regionFilter(o: Opened, region?: string): Record<string, string[]>;
  titleOf(o: Opened, dim: string, code: string): string | undefined;
  qualificationHits(o: Opened, keys: string[]): Promise<QualificationHit[]>;
}

const LIST_LIMIT = 50;
const SEARCH_LIMIT = 20;

/** A share of perturbed counts: [z] on a base of 0, [u] on a base under the minimum. */
export function shareOf(num: number, den: number, minBase: number): { share: number | null; symbol?: '[u]' | '[z]' } {
  if (den <= 0) return { share: null, symbol: '[z]' };
  const share = Math.round((num / den) * 10000) / 10000;
  return den < minBase ? { share, symbol: '[u]' } : { share };
}

export async function destinations(ctx: Ctx, o: Opened, id: string, region?: string): Promise<Destinations> {
  const [hit] = await ctx.qualificationHits(o, o.dims.get('qualification')!.categories.some((c) => c.code === id) ? [id] : []);
  if (!hit) throw notFound(`no qualification '${id}' in dataset ${o.info.id} (or held by too few people to show); search with GET qualifications?search=`);
  const rf = ctx.regionFilter(o, region);
  const base = await ctx.total(o, { ...rf, qualification: [id] });
  const cells = await ctx.count(o, { cells: ['soc_submajor'], filters: { ...rf, qualification: [id] } });
  const ssa = await ctx.pool.run((lane) => titleSsa(lane.store, o.dataset.id, id));
  const related = new Set((ctx.mappings.get(o.info.id) ?? []).filter((r) => r.ssa === ssa && r.related).map((r) => r.soc));
  const occupations = cells
    .map((c) => {
      const soc = String(c.values[0]);
      const people = publishCount(ctx.lookup, c.n, c.key);
      return { soc, title: ctx.titleOf(o, 'soc_submajor', soc) ?? soc, people, ...shareOf(people, base, ctx.policy.minBase), related: ssa === null ? null : related.has(soc) };
    })
    .filter((d) => d.people > 0)
    .sort((a, b) => b.people - a.people || a.soc.localeCompare(b.soc));
  const relatedPeople = ssa === null || related.size === 0 ? 0 : await ctx.total(o, { ...rf, qualification: [id], soc_submajor: [...related] });
  const rs = shareOf(relatedPeople, base, ctx.policy.minBase);
  return {
    dataset: o.info.id,
    qualification: { ...hit, ssa, ssaTitle: ssa === null ? null : (ctx.cls.ssaTier1(ssa)?.title ?? null) },
    region: region ?? null,
    people: base,
    occupations,
    relatedShare: ssa === null ? null : rs.share,
    ...(ssa !== null && rs.symbol ? { relatedSymbol: rs.symbol } : {}),
    cluster: await ctx.reports.clusterOf(o.info.id, hit.title),
  };
}

/**
 * Occupation groups by search: SOC major and sub-major groups whose title
 * holds the text, then the sub-major groups of occupation titles as recorded
 * that hold it ("care assistant" finds Caring personal services), each with
 * the recorded titles that matched. Recorded titles are only those the
 * dataset's dimensions list (held by enough people to show).
 */
export async function searchOccupations(ctx: Ctx, o: Opened, text: string): Promise<OccupationHit[]> {
  const t = text.toLowerCase();
  const groups = new Map<string, { dim: 'soc_major' | 'soc_submajor'; matchedTitles?: string[] }>();
  for (const dim of ['soc_major', 'soc_submajor'] as const) for (const c of o.dims.get(dim)!.categories) if (c.label.toLowerCase().includes(t) || c.code === text) groups.set(c.code, { dim });
  const titles = o.dims.get('occupation')!.categories.filter((c) => c.label.toLowerCase().includes(t)).slice(0, SEARCH_LIMIT);
  const socs = await ctx.pool.run((lane) => titleSocGroups(lane.store, o.dataset.id, titles.map((c) => c.code)));
  for (const c of titles) {
    const soc = socs.get(c.code);
    if (soc === undefined || !o.dims.get('soc_submajor')!.categories.some((g) => g.code === soc)) continue;
    const g = groups.get(soc) ?? { dim: 'soc_submajor' as const };
    g.matchedTitles = [...(g.matchedTitles ?? []), c.label];
    groups.set(soc, g);
  }
  const out: OccupationHit[] = [];
  for (const dim of ['soc_major', 'soc_submajor'] as const) {
    const codes = [...groups].filter(([, g]) => g.dim === dim).map(([code]) => code);
    if (codes.length === 0) continue;
    const cells = await ctx.count(o, { cells: [dim], filters: { [dim]: codes } });
    const people = new Map(cells.map((c) => [String(c.values[0]), publishCount(ctx.lookup, c.n, c.key)]));
    for (const code of codes) {
      const matched = groups.get(code)!.matchedTitles;
      out.push({ soc: code, title: ctx.titleOf(o, dim, code) ?? code, level: dim === 'soc_major' ? 'major' : 'submajor', people: people.get(code) ?? 0, ...(matched ? { matchedTitles: matched } : {}) });
    }
  }
  return out.slice(0, SEARCH_LIMIT);
}

export async function routes(ctx: Ctx, o: Opened, soc: string, region?: string): Promise<Routes> {
  const dim = soc.length === 1 ? 'soc_major' : 'soc_submajor';
  const title = ctx.titleOf(o, dim, soc);
  if (title === undefined) throw notFound(`no SOC group '${soc}' in dataset ${o.info.id}: give a 1-digit major or 2-digit sub-major group code; search with GET occupations?search=`);
  const rf = ctx.regionFilter(o, region);
  const base = await ctx.total(o, { ...rf, [dim]: [soc] });
  const listed = new Set(o.dims.get('qualification')!.categories.map((c) => c.code));
  const cells = await ctx.count(o, { cells: ['qualification'], filters: { ...rf, [dim]: [soc] } });
  const qualifications = cells
    .filter((c) => listed.has(String(c.values[0])))
    .map((c) => {
      const id = String(c.values[0]);
      const people = publishCount(ctx.lookup, c.n, c.key);
      return { id, title: ctx.titleOf(o, 'qualification', id) ?? id, people, ...shareOf(people, base, ctx.policy.minBase) };
    })
    .filter((r) => r.people > 0)
    .sort((a, b) => b.people - a.people || a.title.localeCompare(b.title))
    .slice(0, LIST_LIMIT);
  return { dataset: o.info.id, occupation: { soc, title, level: dim === 'soc_major' ? 'major' : 'submajor' }, region: region ?? null, people: base, qualifications };
}

export async function query(ctx: Ctx, o: Opened, spec: QueryAnswer['query']): Promise<QueryResult> {
  const dimCats = new Map([...o.dims.values()].map((d) => [d.id, d.categories.map((c) => c.code)]));
  for (const m of spec.measures) if (!(MEASURES as readonly string[]).includes(m)) return { ok: false, refusals: [{ rule: 'unknown-dimension', reason: `unknown measure ${m}`, fix: `choose from ${MEASURES.join(', ')}`, field: 'measures' }] };
  const shape = checkShape(spec, dimCats, ctx.rules);
  if (shape.length > 0) return { ok: false, refusals: shape };
  const all = [...spec.rows, ...spec.columns];
  const [inner, totals, rowsT, colsT] = await ctx.pool.run((lane) => {
    const recordKeys = lane.recordKeys(o.dataset.id);
    const q = { datasetId: o.dataset.id, cells: all, known: all, filters: spec.filters, characteristics: o.characteristics, ...(o.clusters ? { clusters: o.clusters } : {}), ...(recordKeys ? { recordKeys } : {}) };
    return countCellSets(lane.store, q, [all, [], spec.rows, spec.columns]);
  });
  const population = totals[0]?.n ?? 0;
  const kept = keptCategories(spec, dimCats);
  const keptSets = all.map((d) => new Set(kept.get(d)));
  const innerShown = inner!.filter((c) => c.values.every((v, i) => keptSets[i]!.has(String(v))));
  const counted = checkCounts(population, innerShown.map((c) => c.n), ctx.rules);
  if (counted.length > 0) return { ok: false, refusals: counted };
  const published = publishQuery({ inner: inner!, rows: rowsT!, columns: spec.columns.length > 0 ? colsT! : [], total: totals! }, all.map((d) => kept.get(d)!), spec.rows.length, spec.measures, ctx.lookup, ctx.policy.minBase);
  const dimensions = all.map((d) => {
    const dim = o.dims.get(d)!;
    const keep = new Set(kept.get(d));
    return { ...dim, categories: dim.categories.filter((c) => keep.has(c.code)) };
  });
  return { ok: true, answer: { dataset: o.info.id, version: o.info.version, query: spec, dimensions, ...published, method: PERTURBATION_METHOD } };
}

