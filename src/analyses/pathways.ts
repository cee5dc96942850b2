/**
 * The pathways analysis end to end: the store counts (SQL), the core builds
 * the tables (pure), the result is an unprotected Results bundle for
 * disclosure control.
 */
import { buildPathways } from '../core/pathways/build.js';
import type { PathwayCounts, PathwayLabels, PathwayLevel, PathwayThresholds, RelatedMapping } from '../core/pathways/types.js';
import type { Results } from '../core/results.js';
import { loadClassifications } from '../reference/classifications.js';
import type { Store } from '../store/database.js';
import { getDataset } from '../store/datasets.js';
import { loadMapping } from '../store/mappings.js';
import { countPathways } from '../store/pathway-counts.js';

export interface RunPathwaysOptions {
  /** 2, 3 or 'all' (default 'all'). */
  level?: PathwayLevel;
  /** Mapping name or name@version; default: the dataset's own related.csv, else dfe-2020. */
  mapping?: string;
  thresholds?: Partial<PathwayThresholds>;
  /** Only people in this region (code). */
  region?: string | null;
  /** Count by region too and make the tables for each region (protected together). */
  byRegion?: boolean;
  weighted?: boolean;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Readers' labels from the shipped classifications: SOC sub-major group titles
 * of the dataset's SOC version, falling back to the other version's title for
 * a code that version lacks.
 */
export function pathwayLabels(socVersion: SocVersion = '2020'): PathwayLabels {
  const cls = loadClassifications();
  const ssa: Record<string, string> = {};
  for (const s of cls.data.ssaTier1) ssa[s.code] = s.title;
  const soc: Record<string, string> = {};
  const other: SocVersion = socVersion === '2010' ? '2020' : '2010';
  for (const s of cls.data.soc[other].subMajor) soc[s.code] = s.title;
  for (const s of cls.data.soc[socVersion].subMajor) soc[s.code] = s.title;
  const region: Record<string, string> = {};
  for (const r of cls.data.regions) region[r.code] = r.name;
  return { ssa, soc, region };
}

/** Counts for every level at once (the SQL runs once; buildPathways picks a level). */
type SocVersion = '2010' | '2020';

function socVersionOf(dataset: { socVersion: string | null }): SocVersion {
  return dataset.socVersion === '2010' ? '2010' : '2020';
}

export async function countForPathways(store: Store, datasetId: number, options: RunPathwaysOptions): Promise<PathwayCounts> {
  return countPathways(store, datasetId, {
    level: options.level,
    region: options.region,
    byRegion: options.byRegion,
    weighted: options.weighted,
  });
}

export async function runPathways(store: Store, datasetName: string, options: RunPathwaysOptions = {}): Promise<{ results: Results; mapping: RelatedMapping }> {
  const dataset = await getDataset(store, datasetName);
  const total = 3;
  options.onProgress?.(0, total);
  const mapping = await loadMapping(store, options.mapping, dataset.id);
  options.onProgress?.(1, total);
  const counts = await countForPathways(store, dataset.id, options);
  options.onProgress?.(2, total);
  const results = buildPathways(counts, {
    dataset: dataset.name,
    level: options.level ?? 'all',
    mapping,
    thresholds: options.thresholds,
    labels: pathwayLabels(socVersionOf(dataset)),
    socClassification: `SOC ${socVersionOf(dataset)} sub-major group`,
    region: options.region ?? null,
    byRegion: options.byRegion,
    weighted: options.weighted,
  });
  results.labels = { ...results.labels, date: new Date().toISOString().slice(0, 10) };
  options.onProgress?.(3, total);
  return { results, mapping };
}

/**
 * Several levels from one count pass (the SQL is the expensive part): e.g.
 * levels [2, 3, 'all'] for a report. Each Results is what runPathways gives
 * for that level.
 */
export async function runPathwaysLevels(
  store: Store,
  datasetName: string,
  levels: PathwayLevel[],
  options: Omit<RunPathwaysOptions, 'level'> = {},
): Promise<{ results: Results[]; mapping: RelatedMapping }> {
  const dataset = await getDataset(store, datasetName);
  const mapping = await loadMapping(store, options.mapping, dataset.id);
  const counts = await countForPathways(store, dataset.id, { ...options, level: 'all' });
  const labels = pathwayLabels(socVersionOf(dataset));
  const date = new Date().toISOString().slice(0, 10);
  const results = levels.map((level, i) => {
    options.onProgress?.(i, levels.length);
    const r = buildPathways(counts, {
      dataset: dataset.name,
      level,
      mapping,
      thresholds: options.thresholds,
      labels,
      socClassification: `SOC ${socVersionOf(dataset)} sub-major group`,
      region: options.region ?? null,
      byRegion: options.byRegion,
      weighted: options.weighted,
    });
    r.labels = { ...r.labels, date };
    return r;
  });
  options.onProgress?.(levels.length, levels.length);
  return { results, mapping };
}
