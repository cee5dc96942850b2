/**
 * The pathways analysis end to end: the store counts (SQL), the core builds
 * the tables (pure), the result is an unprotected Results bundle for
 * disclosure control.
 */
import type { z } from 'zod';
import { buildPathways } from '../../core/pathways/build.js';
import type { PathwayCounts, PathwayLabels, PathwayLevel, RelatedMapping } from '../../core/pathways/types.js';
import type { Results, Settings } from '../../core/results.js';
import { loadClassifications } from '../../reference/classifications.js';
import type { Dataset } from '../../store/datasets.js';
import { loadMapping } from '../../store/mappings.js';
import { countPathways } from '../../store/pathway-counts.js';
import { parseOptions, resolveRegion, settingNotes, type AnalysisContext, type RunScope } from '../analysis.js';
import { pathwaysOptions, type PathwaysOptions } from './options.js';

type SocVersion = '2010' | '2020';

/** Options as callers give them; `level` may also be the number 2 or 3. */
export type PathwaysInput = Omit<z.input<typeof pathwaysOptions>, 'level'> & { level?: PathwayLevel | '2' | '3' };

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

function socVersionOf(dataset: { socVersion: string | null }): SocVersion {
  return dataset.socVersion === '2010' ? '2010' : '2020';
}

export function levelOf(level: PathwaysOptions['level']): PathwayLevel {
  return level === 'all' ? 'all' : (Number(level) as 2 | 3);
}

function parse(input: PathwaysInput): PathwaysOptions {
  return parseOptions(pathwaysOptions, { ...input, ...(input.level !== undefined ? { level: String(input.level) } : {}) });
}

/** The tables of one level, from counts that hold every level. */
function tablesFor(dataset: Dataset, counts: PathwayCounts, mapping: RelatedMapping, options: PathwaysOptions, level: PathwayLevel, region: string | null): Results {
  const thresholds = { clearPathway: options.clearPathway, minBase: options.minBase, minShare: options.minShare };
  const results = buildPathways(counts, {
    dataset: dataset.name,
    level,
    mapping,
    thresholds,
    labels: pathwayLabels(socVersionOf(dataset)),
    socClassification: `SOC ${socVersionOf(dataset)} sub-major group`,
    region,
    byRegion: options.byRegion,
    weighted: options.weighted,
  });
  results.labels = { ...results.labels, date: new Date().toISOString().slice(0, 10) };
  results.settingNotes = settingNotes(pathwaysOptions, { ...options, level: String(level), mapping: `${mapping.name} version ${mapping.version}` } as Settings);
  return results;
}

/** Run the pathways analysis for one level on an opened dataset. */
export async function runPathways(context: AnalysisContext, input: PathwaysInput = {}, scope: Partial<RunScope> = {}): Promise<{ results: Results; mapping: RelatedMapping }> {
  const options = parse(input);
  const { results, mapping } = await runPathwaysLevels(context, [levelOf(options.level)], input, scope);
  return { results: results[0]!, mapping };
}

/**
 * Several levels from one count pass (the SQL is the expensive part): e.g.
 * levels [2, 3, 'all'] for a report. Each Results is what runPathways gives
 * for that level.
 */
export async function runPathwaysLevels(
  context: AnalysisContext,
  levels: PathwayLevel[],
  input: Omit<PathwaysInput, 'level'> = {},
  scope: Partial<RunScope> = {},
): Promise<{ results: Results[]; mapping: RelatedMapping }> {
  const options = parse(input);
  const { store, dataset } = context;
  const region = await resolveRegion(context, scope.region);
  const steps = levels.length + 2;
  scope.onProgress?.(0, steps, 'mapping');
  const mapping = await loadMapping(store, options.mapping, dataset.id);
  scope.onProgress?.(1, steps, 'counting');
  const counts = await countPathways(store, dataset.id, { level: 'all', region, byRegion: options.byRegion, weighted: options.weighted, recordKeys: context.recordKeys });
  const results = levels.map((level, i) => {
    scope.onProgress?.(2 + i, steps, 'tables');
    return tablesFor(dataset, counts, mapping, options, level, region);
  });
  scope.onProgress?.(steps, steps, 'done');
  return { results, mapping };
}
