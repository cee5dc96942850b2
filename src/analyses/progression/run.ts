/**
 * The progression analysis end to end: the store counts the histories (SQL,
 * with cell keys for the cell key method), the core builds the measures,
 * flow and routes tables (pure), the result is an unprotected Results
 * bundle for disclosure control.
 */
import { InputError } from '../../core/errors.js';
import type { ProgressionCounts } from '../../core/progression/counts.js';
import { progressionResults } from '../../core/progression/publication.js';
import type { DimensionSpec } from '../../core/progression/publish-measures.js';
import { NO_JOB, NOT_CODED } from '../../core/progression/routes.js';
import { progressionSettings, type GroupDimension } from '../../core/progression/settings.js';
import type { Results, Settings } from '../../core/results.js';
import { countDatedSpells, countHistoryContext, countProgression, preparePopulation } from '../../store/progression-counts.js';
import { parseOptions, resolveRegion, settingNotes, shared, type AnalysisContext, type RunScope } from '../analysis.js';
import { pathwayLabels } from '../pathways/run.js';
import { progressionOptions, type ProgressionOptions } from './options.js';
import { clusterGroups, type ClusterGroups } from './clusters.js';
import { addLadder } from './ladder.js';

const TYPE_LABELS: Record<string, string> = { apprenticeship: 'Apprenticeship', classroom: 'Classroom-based' };

function dimensionSpecs(dims: readonly GroupDimension[], socVersion: string, clusters: ClusterGroups | null = null): DimensionSpec[] {
  const labels = pathwayLabels(socVersion === '2010' ? '2010' : '2020');
  const clusterName = (c: string) => (clusters?.names.get(c) ? `${c.replace(/^c/, 'Cluster ')}: ${clusters.names.get(c)}` : c);
  const specs: Record<GroupDimension, DimensionSpec> = {
    ssa: { id: 'ssa', label: 'Sector subject area', classification: 'SSA tier 1', labelOf: (c) => (labels.ssa[c] ? `${c} ${labels.ssa[c]}` : c), complete: true },
    level: { id: 'level', label: 'Level', classification: 'RQF level', labelOf: (c) => `Level ${c}`, complete: true },
    type: { id: 'type', label: 'Qualification type', labelOf: (c) => TYPE_LABELS[c] ?? c, complete: true },
    title: { id: 'title', label: 'Qualification title', labelOf: (c) => c, complete: false },
    cluster: { id: 'cluster', label: 'Cluster', labelOf: clusterName, complete: true, sameInEveryRegion: false, missingLabel: 'In no cluster' },
    region: { id: 'region', label: 'Region', labelOf: (c) => labels.region?.[c] ?? c, complete: true },
  };
  return dims.map((d) => specs[d]);
}

function clusterNotes(groups: Awaited<ReturnType<typeof clusterGroups>> | null): string[] {
  if (groups === null) return [];
  if ('reason' in groups) return [`The table by cluster is left out: ${groups.reason}.`];
  return [
    "By cluster: each person is counted in the cluster of their highest qualification's title, as found by this report's clusters analysis (clusters are found in each region for itself, so a region's cluster 1 is not another region's). People whose qualification is in no cluster (held by too few people to be clustered) are shown as 'In no cluster'.",
  ];
}

/** Why the analysis has nothing to do on this dataset (no dated employment spells), or null. */
export async function progressionSkipReason(context: AnalysisContext): Promise<string | null> {
  if (context.dataset.kind === 'counts') {
    return `dataset ${context.dataset.name} holds counts from a warehouse (import-counts); progression needs the employment histories, which stay in the warehouse, so progression was left out`;
  }
  const spells = await countDatedSpells(context.store, context.dataset.id);
  return spells > 0 ? null : `dataset ${context.dataset.name} has no employment histories (no occupation with a start date), so progression was left out`;
}

export interface ProgressionRun {
  results: Results;
  counts: ProgressionCounts;
}

/** Run the progression analysis on an opened dataset, for all regions or one. */
export async function runProgression(context: AnalysisContext, input: Partial<ProgressionOptions> = {}, scope: Partial<RunScope> = {}): Promise<ProgressionRun> {
  const options = parseOptions(progressionOptions, input);
  const { store, dataset } = context;
  const region = await resolveRegion(context, scope.region);
  const settings = progressionSettings({
    months: options.months,
    minBase: options.minBase,
    lowPayShare: options.lowPayShare,
    ...(options.lowPay !== undefined ? { lowPayHourly: options.lowPay } : {}),
    inflation: options.inflation,
    minGain: options.minGain,
    ...(options.observedTo !== undefined ? { observedTo: options.observedTo } : {}),
  });
  const groups = options.by.includes('cluster') ? await clusterGroups(context, { ...scope, region }) : null;
  const clusters = groups && 'ofTitle' in groups ? groups : null;
  // The region table only across all regions: within a region it is one row.
  const dims = options.by.filter((d) => (region === null || d !== 'region') && (d !== 'cluster' || clusters !== null));
  if (dims.length === 0) throw new InputError('progression by region alone has nothing to show within one region: add --by ssa (or another dimension)');
  scope.onProgress?.(0, 2, 'counting');
  const counts = await countProgression(store, dataset.id, settings, {
    by: dims,
    sets: [...dims.map((d) => [d]), []],
    region,
    routes: { occupationBy: options.routesBy, qualificationBy: options.routesFrom },
    cellKeys: context.recordKeys ?? true,
    ...(clusters ? { clusters: clusters.ofTitle } : {}),
  }, {
    history: shared(context, 'progression:history', () => countHistoryContext(store, dataset.id)),
    // Within a publish of many regions, pass 2 once for all of them.
    ...(context.shared ? { population: (m: number, o: number | null) => shared(context, `progression:population:${m}:${o}`, () => preparePopulation(store, dataset.id, m, o)) } : {}),
  });
  if (counts.coverage.analysed === 0) {
    throw new InputError(`no one in dataset ${dataset.name}${region ? ` (region ${region})` : ''} can be followed up for ${settings.months} months: ${JSON.stringify(counts.coverage)}`);
  }
  scope.onProgress?.(1, 2, 'tables');
  const labels = pathwayLabels(dataset.socVersion === '2010' ? '2010' : '2020');
  const job = (k: string) => (k === NO_JOB ? 'No job' : k === NOT_CODED ? 'Occupation not coded' : options.routesBy === 'soc' ? (labels.soc[k] ? `${k} ${labels.soc[k]}` : k) : k);
  const ssa = dimensionSpecs(['ssa'], dataset.socVersion ?? '2020')[0]!;
  const qualification = (k: string) => (options.routesFrom === 'title' ? k : k === NOT_CODED ? 'Sector subject area not recorded' : ssa.labelOf(k));
  const results = progressionResults({
    dataset: dataset.name,
    region,
    counts,
    dimensions: dimensionSpecs(dims, dataset.socVersion ?? '2020', clusters),
    routeLabels: { qualification, job },
    flow: { qualifications: options.flowQualifications, jobs: options.flowJobs, minBase: options.minBase, routesEach: options.routesEach },
    settings: options as unknown as Settings,
    socClassification: `SOC ${dataset.socVersion === '2010' ? '2010' : '2020'} sub-major group`,
    regionLabel: (c) => labels.region?.[c] ?? c,
  });
  results.labels = { ...results.labels, date: new Date().toISOString().slice(0, 10) };
  results.settingNotes = settingNotes(progressionOptions, options as unknown as Settings);
  results.methodNotes = [...(results.methodNotes ?? []), ...clusterNotes(groups)];
  await addLadder(results, context, region, 'progression-routes');
  scope.onProgress?.(2, 2, 'done');
  return { results, counts };
}
