/**
 * The pathways analysis (seed 002, DfE 2020) from counts: the count tables
 * disclosure control protects, and the report tables that reference them.
 *
 * Count tables (one level per run; `<lvl>` is l2, l3 or all):
 * - `pathways-<lvl>`: people by [region,] SSA x qualification type x
 *   employment type x occupation (SOC sub-major group) x related. Additive:
 *   each person has one highest qualification and one main occupation (see
 *   types.ts). Margins: `total` in every dimension; 'Other sector subject
 *   areas' (`other`, `other-2`...: the SSAs under the minimum base, which can
 *   differ by region) and 'Other occupations' likewise. Every published cell
 *   of every pathways report table is a cell of this one table, so secondary
 *   suppression sees all their relations at once.
 * - `pathways-<lvl>-coverage`: who was analysed and who was not, and why.
 *   Its `analysed` cell equals the main table's total (linked).
 *
 * Report tables, for all people (and, with byRegion, for each region:
 * `pathways-<lvl>-r-<REGION>-...`), one builder each in tables/:
 * - `...-ssa` (DfE Tables 8/9), `...-ssa-occupation` (Annex D),
 *   `...-related-by-type` (Tables 1/2), `...-ssa-by-type` (Tables 4/5),
 *   `...-occupation-by-type` (Tables 6/7), `...-coverage`.
 *
 * The DfE's 'na' becomes `not-applicable` ([z]): figures that do not apply to
 * the 'Other' and 'All' rows, and shares on bases under the minimum base.
 */
import type { CountTable, HeadlineItem, LayoutFact, ReportTable, Results } from '../results.js';
import type { Cube, LeafCell } from './cube.js';
import { pathwayCubes } from './dimensions.js';
import { viewFacts } from './facts.js';
import { levelId, levelLabel } from './labels.js';
import { byCode, collectLeaves, TOTAL } from './leaves.js';
import { PATHWAY_METHOD_NOTES, PATHWAY_SECTIONS, pathwayHeadlines } from './publication.js';
import { DFE_THRESHOLDS, type PathwayCounts, type PathwayOptions, type PathwayThresholds } from './types.js';
import { viewContext, type ViewContext } from './view-context.js';
import { otherCodes, view, type View } from './views.js';
import { ssaTable } from './tables/ssa.js';
import { ssaOccupationTable } from './tables/ssa-occupation.js';
import { relatedByTypeTable } from './tables/related-by-type.js';
import { occupationByTypeTable, ssaByTypeTable } from './tables/by-type.js';
import { coverageTable } from './tables/coverage.js';

export { TOTAL };

function resolveThresholds(t: Partial<PathwayThresholds> | undefined): PathwayThresholds {
  const r = { ...DFE_THRESHOLDS, ...(t ?? {}) };
  for (const k of ['clearPathway', 'minShare'] as const) {
    if (!(r[k] >= 0 && r[k] <= 1)) throw new RangeError(`threshold ${k} must be a share between 0 and 1, got ${r[k]}`);
  }
  if (!(Number.isInteger(r.minBase) && r.minBase >= 0)) throw new RangeError(`threshold minBase must be a whole number >= 0, got ${r.minBase}`);
  return r;
}

/** Everyone, then each region; the 'Other' groups assigned across them. */
function views(leaves: LeafCell[], options: PathwayOptions, t: PathwayThresholds, byRegion: boolean, mainId: string): { views: View[]; regions: string[] } {
  const o = byRegion ? 1 : 0;
  const regionLabel = (c: string): string => options.labels.region?.[c] ?? c;
  const regions = byRegion ? [...new Set(leaves.map((l) => l.keys[0]))].sort(byCode) : [];
  const all = view(leaves, o, t.minBase, byRegion ? TOTAL : undefined, mainId, options.region ? `in ${regionLabel(options.region)}` : 'in all regions');
  return { views: [all, ...regions.map((r) => view(leaves, o, t.minBase, r, `${mainId}-r-${r}`, `in ${regionLabel(r)}`))], regions };
}

function viewTables(x: ViewContext): { tables: ReportTable[]; clear: HeadlineItem[]; facts: LayoutFact[] } {
  const ssa = ssaTable(x);
  return {
    tables: [ssa.table, ssaOccupationTable(x), relatedByTypeTable(x), ssaByTypeTable(x), occupationByTypeTable(x), coverageTable(x)],
    clear: ssa.clear,
    facts: [...viewFacts(x), ...ssa.facts],
  };
}

/** Build the pathway tables for one level from aggregated counts. */
export function buildPathways(counts: PathwayCounts, options: PathwayOptions): Results {
  const t = resolveThresholds(options.thresholds);
  const weighted = options.weighted ?? false;
  if (weighted && !counts.weighted) throw new RangeError('weighted tables asked for, but the counts carry no weights');
  const byRegion = options.byRegion ?? false;
  if (byRegion && !counts.byRegion) throw new RangeError('tables by region asked for, but the counts are not by region');
  const mainId = `pathways-${levelId(options.level)}`;
  const coverageId = `${mainId}-coverage`;
  const levelText = levelLabel(options.level);
  const leaves = collectLeaves(counts, options, weighted, byRegion);
  const v = views(leaves.main, options, t, byRegion, mainId);
  const otherSsa = otherCodes(v.views, (x) => x.smallSsa, (x, c) => (x.otherSsaCode = c));
  const otherSoc = otherCodes(v.views, (x) => x.smallSoc, (x, c) => (x.otherSocCode = c));
  const cubes = pathwayCubes({ mainId, coverageId, levelText, leaves: leaves.main, cover: leaves.cover, regions: v.regions, byRegion, weighted, otherSsa, otherSoc }, options);
  const shared = {
    cubes,
    options,
    t,
    weighted,
    mainId,
    coverageId,
    levelText,
    unmappedPeople: leaves.unmappedPeople,
    related: new Map(options.mapping.rows.map((r) => [`${r.ssa}|${r.soc}`, r.related])),
    ssaLabel: (c: string) => options.labels.ssa[c] ?? `SSA ${c}`,
    socLabel: (c: string) => options.labels.soc[c] ?? `SOC ${c}`,
  };
  const built = v.views.map((x) => viewTables(viewContext(shared, x)));
  return pathwayResults(options, { t, weighted, byRegion, cube: cubes.cube, coverCube: cubes.coverCube, reportTables: built.flatMap((b) => b.tables), clear: built[0]!.clear, facts: built.flatMap((b) => b.facts) });
}

interface Built {
  t: PathwayThresholds;
  weighted: boolean;
  byRegion: boolean;
  cube: Cube;
  coverCube: Cube;
  reportTables: ReportTable[];
  clear: HeadlineItem[];
  facts: LayoutFact[];
}

function pathwayResults(options: PathwayOptions, b: Built): Results {
  // Each person is counted once, in their region: across the reports of one publish run the
  // all-regions cells are the sums of the regional ones (by-region tables hold their own regions).
  const countTables: CountTable[] = b.byRegion ? [b.cube.table, b.coverCube.table] : [{ ...b.cube.table, sumsAcrossRegions: true }, { ...b.coverCube.table, sumsAcrossRegions: true }];
  const regionLabel = (c: string): string => options.labels.region?.[c] ?? c;
  const people = b.cube.n(b.cube.table.dimensions.map(() => TOTAL));
  return {
    protected: false,
    analysis: 'pathways',
    title: 'Pathways from subjects to occupations',
    dataset: options.dataset,
    region: options.region ?? null,
    settings: {
      level: options.level,
      mapping: { name: options.mapping.name, version: options.mapping.version },
      thresholds: { ...b.t },
      weighted: b.weighted,
      byRegion: b.byRegion,
    },
    findings: { people },
    countTables,
    reportTables: b.reportTables,
    facts: b.facts,
    labels: {
      source: `Routeways pathways analysis of the outcome extract "${options.dataset}"`,
      classification: ['SSA tier 1', options.socClassification ?? 'SOC 2010 sub-major group'],
      spatialAvailability: b.byRegion ? 'All regions and each region' : options.region ? `Region ${regionLabel(options.region)}` : 'All regions',
    },
    sections: PATHWAY_SECTIONS,
    headlines: pathwayHeadlines(b.clear),
    methodNotes: PATHWAY_METHOD_NOTES,
  };
}

export type { Cube };
