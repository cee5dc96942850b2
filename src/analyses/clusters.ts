/**
 * The clusters analysis: store -> counts -> clusters, confidence, significant
 * links, cluster tables and profiles -> Results (unprotected, internal).
 *
 *   1. the network is counted in SQL (src/store/network.ts), filtered;
 *   2. the graph w(q, o) from the SQL link table is clustered with
 *      Leiden-Barber (best of `restarts` runs, deterministic for a seed);
 *   3. the bootstrap resamples people and re-clusters `bootstrap` times for
 *      each node's confidence;
 *   4. each link is tested (hypergeometric, BH);
 *   5. the cluster report and the Results bundle are built (src/core/clusters).
 */
import { InputError, UsageError } from '../core/errors.js';
import type { Results } from '../core/results.js';
import { bipartiteFromEdges, type BipartiteGraph } from '../core/graph/bipartite.js';
import { leidenBarber, type LeidenBarberResult } from '../core/graph/leiden.js';
import { bootstrapConfidence, type BootstrapResult } from '../core/graph/bootstrap.js';
import { DEFAULT_FDR, linkSignificance, type LinkSignificance } from '../core/links/significance.js';
import { buildClusterReport, DEFAULT_TOP, type ClusterReport } from '../core/clusters/report.js';
import { clusterResults } from '../core/clusters/results.js';
import { clusterFlatTables, type FlatTable } from '../core/clusters/tables.js';
import { loadClassifications } from '../reference/classifications.js';
import { matchRegion, REGION_SPELLINGS } from '../reference/regions.js';
import type { Store } from '../store/database.js';
import { getDataset, type Dataset } from '../store/datasets.js';
import { loadNetwork, type NetworkData, type NetworkFilters, type OccupationGrouping } from '../store/network.js';

export interface ClustersOptions {
  /** Region code or name (e.g. 'YH' or 'Yorkshire and The Humber'). */
  region?: string | null;
  levels?: number[];
  /** SSA tier 1 codes or titles. */
  ssa?: string[];
  type?: 'apprenticeship' | 'classroom';
  from?: string;
  to?: string;
  minPeople?: number;
  occupationBy?: OccupationGrouping;
  /** Resolution gamma (default 1). */
  resolution?: number;
  /** Seed (default 1). */
  seed?: number;
  /** Leiden runs, best kept (default 10). */
  restarts?: number;
  /** Bootstrap replicates (default 100; 0 for none). */
  bootstrap?: number;
  /** FDR for significant links and profile flags (default 0.05). */
  fdr?: number;
  /** Members shown per side in each cluster table (default 10). */
  top?: number;
  /**
   * The family the link q-values correct over: 'observed' (default) the pairs
   * held by at least one person; 'all' every qualification x occupation pair
   * (Tumminello et al.'s stricter count; pairs nobody holds have p = 1).
   */
  linkTests?: 'observed' | 'all';
  /** Progress of the long phases. */
  onProgress?: (phase: 'clustering' | 'bootstrap', done: number, total: number) => void;
}

export interface ClustersDetail {
  dataset: Dataset;
  filters: NetworkFilters;
  network: NetworkData;
  graph: BipartiteGraph;
  partition: LeidenBarberResult;
  bootstrap: BootstrapResult | null;
  linkStats: LinkSignificance;
  report: ClusterReport;
  /** Flat tables (nodes, links, clusters, profiles) for internal CSV files. */
  tables: FlatTable[];
  /** Seconds spent in each phase. */
  seconds: { count: number; cluster: number; bootstrap: number; report: number };
}

export const DEFAULTS = { resolution: 1, seed: 1, restarts: 10, bootstrap: 100, fdr: DEFAULT_FDR, top: DEFAULT_TOP } as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function runClusters(store: Store, datasetName: string, options: ClustersOptions = {}): Promise<{ results: Results; detail: ClustersDetail }> {
  const resolution = options.resolution ?? DEFAULTS.resolution;
  const seed = options.seed ?? DEFAULTS.seed;
  const restarts = options.restarts ?? DEFAULTS.restarts;
  const replicates = options.bootstrap ?? DEFAULTS.bootstrap;
  const fdr = options.fdr ?? DEFAULTS.fdr;
  const top = options.top ?? DEFAULTS.top;
  const linkTests = options.linkTests ?? 'observed';
  if (linkTests !== 'observed' && linkTests !== 'all') throw new UsageError(`--link-tests must be observed or all, got ${String(linkTests)}`);
  if (!(resolution >= 0) || !Number.isFinite(resolution)) throw new UsageError(`--resolution must be a number >= 0, got ${resolution}`);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed must be an integer, got ${seed}`);
  if (!Number.isInteger(restarts) || restarts < 1) throw new UsageError(`--restarts must be a positive integer, got ${restarts}`);
  if (!Number.isInteger(replicates) || replicates < 0) throw new UsageError(`--bootstrap must be a whole number of replicates (0 for none), got ${replicates}`);
  if (!(fdr > 0 && fdr < 1)) throw new UsageError(`--fdr must be between 0 and 1, got ${fdr}`);
  if (!Number.isInteger(top) || top < 1) throw new UsageError(`--top must be a positive integer, got ${top}`);

  const dataset = await getDataset(store, datasetName);
  const filters = resolveFilters(options);
  const t0 = performance.now();
  const network = await loadNetwork(store, dataset.id, filters);
  const t1 = performance.now();
  if (network.people === 0) {
    throw new InputError(
      `no one in dataset '${dataset.name}' has both a qualification and an occupation${describeFilters(filters) ? ` with ${describeFilters(filters)}` : ''}: nothing to cluster`,
    );
  }

  const { links } = network;
  const graph = bipartiteFromEdges(network.qualifications.keys.length, network.occupations.keys.length, links.q, links.o, Float64Array.from(links.w));
  const partition = leidenBarber(graph, {
    resolution,
    seed,
    restarts,
    onProgress: options.onProgress ? (d, t) => options.onProgress?.('clustering', d, t) : undefined,
  });
  const t2 = performance.now();
  const bootstrap =
    replicates > 0
      ? bootstrapConfidence(network.incidence, partition, {
          replicates,
          seed,
          resolution,
          onProgress: options.onProgress ? (d, t) => options.onProgress?.('bootstrap', d, t) : undefined,
        })
      : null;
  const t3 = performance.now();

  const linkStats = linkSignificance(
    { links, qualificationPeople: network.qualifications.people, occupationPeople: network.occupations.people, people: network.people },
    { fdr, tests: linkTests === 'all' ? network.qualifications.keys.length * network.occupations.keys.length : undefined },
  );
  const occupationLabels = occupationNodeLabels(network, dataset);
  const report = buildClusterReport(
    {
      people: network.people,
      incidence: network.incidence,
      qualifications: { keys: network.qualifications.keys, people: network.qualifications.people },
      occupations: { keys: network.occupations.keys, labels: occupationLabels, people: network.occupations.people },
      links,
      linkStats,
      rowCluster: partition.rowCluster,
      colCluster: partition.colCluster,
      rowConfidence: bootstrap?.rowConfidence,
      colConfidence: bootstrap?.colConfidence,
      characteristics: network.characteristics,
    },
    { top, fdr, coreThreshold: bootstrap?.coreThreshold },
  );
  const socVersion = dataset.socVersion ?? '2020';
  const settings: Record<string, unknown> = {
    filters: { ...filters },
    occupationBy: network.occupationBy,
    resolution,
    seed,
    restarts,
    bootstrap: replicates,
    bootstrapMethod: bootstrap?.method ?? null,
    coreThreshold: report.coreThreshold,
    fdr,
    linkTests,
    top,
    people: network.people,
    qualifications: network.qualifications.keys.length,
    occupations: network.occupations.keys.length,
    links: links.w.length,
    significantLinks: linkStats.significant.reduce((s, v) => s + v, 0),
    clusters: report.clusters.length,
    modularity: partition.modularity,
    unclustered: report.unclustered,
  };
  const classifications = loadClassifications();
  const regionName = filters.region ? (classifications.region(filters.region)?.name ?? filters.region) : null;
  const results = clusterResults({
    dataset: dataset.name,
    region: filters.region ?? null,
    settings,
    report,
    links,
    linkStats,
    occupationBy: network.occupationBy,
    classifications:
      network.occupationBy === 'soc'
        ? ['Qualification titles as entered', `SOC ${socVersion} sub-major groups`]
        : ['Qualification titles as entered', 'Occupation titles as entered'],
    labels: {
      source: `Routeways dataset '${dataset.name}' (imported ${dataset.importedAt.slice(0, 10)})`,
      date: new Date().toISOString().slice(0, 10),
      spatialAvailability: regionName ?? 'All regions in the dataset',
    },
  });
  const tables = clusterFlatTables(report, links, linkStats);
  const t4 = performance.now();
  return {
    results,
    detail: {
      dataset,
      filters,
      network,
      graph,
      partition,
      bootstrap,
      linkStats,
      report,
      tables,
      seconds: { count: (t1 - t0) / 1000, cluster: (t2 - t1) / 1000, bootstrap: (t3 - t2) / 1000, report: (t4 - t3) / 1000 },
    },
  };
}

/** Turn user-facing filter values (region names, SSA titles) into the codes the store holds. */
export function resolveFilters(options: ClustersOptions): NetworkFilters {
  const cls = loadClassifications();
  const filters: NetworkFilters = { occupationBy: options.occupationBy ?? 'title', minPeople: options.minPeople ?? 1 };
  if (options.region) {
    const code = matchRegion(options.region);
    if (!code) throw new UsageError(`unknown region '${options.region}': expected ${REGION_SPELLINGS}`);
    filters.region = code;
  }
  if (options.levels && options.levels.length > 0) {
    for (const l of options.levels) if (!Number.isInteger(l) || l < 1 || l > 8) throw new UsageError(`--level must be 1-8, got ${l}`);
    filters.levels = [...options.levels];
  }
  if (options.ssa && options.ssa.length > 0) {
    filters.ssa = options.ssa.map((s) => {
      const code = cls.matchSsa(s);
      if (!code) throw new UsageError(`unknown sector subject area '${s}': expected an SSA tier 1 number (1-15) or title`);
      return code;
    });
  }
  if (options.type) {
    if (options.type !== 'apprenticeship' && options.type !== 'classroom') throw new UsageError(`--type must be apprenticeship or classroom, got ${String(options.type)}`);
    filters.type = options.type;
  }
  for (const key of ['from', 'to'] as const) {
    const v = options[key];
    if (v === undefined) continue;
    if (!DATE.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`))) throw new UsageError(`--${key} must be a date YYYY-MM-DD, got '${v}'`);
    filters[key] = v;
  }
  if (filters.from && filters.to && filters.from > filters.to) throw new UsageError(`--from (${filters.from}) is after --to (${filters.to})`);
  if (!Number.isInteger(filters.minPeople) || (filters.minPeople as number) < 1) throw new UsageError(`--min-people must be a positive integer, got ${options.minPeople}`);
  if (filters.occupationBy !== 'title' && filters.occupationBy !== 'soc') throw new UsageError(`--occupation-by must be title or soc, got ${String(filters.occupationBy)}`);
  return filters;
}

function describeFilters(f: NetworkFilters): string {
  const parts: string[] = [];
  if (f.region) parts.push(`region ${f.region}`);
  if (f.levels) parts.push(`level ${f.levels.join('/')}`);
  if (f.ssa) parts.push(`SSA ${f.ssa.join('/')}`);
  if (f.type) parts.push(`type ${f.type}`);
  if (f.from) parts.push(`achieved from ${f.from}`);
  if (f.to) parts.push(`achieved to ${f.to}`);
  if (f.minPeople && f.minPeople > 1) parts.push(`at least ${f.minPeople} people per qualification and occupation`);
  return parts.join(', ');
}

/** Occupation labels: titles as entered, or 'code title' of the SOC sub-major group. */
function occupationNodeLabels(network: NetworkData, dataset: Dataset): string[] {
  if (network.occupationBy === 'title') return network.occupations.keys;
  const cls = loadClassifications();
  const version = dataset.socVersion === '2010' ? '2010' : '2020';
  return network.occupations.keys.map((code) => {
    const g = cls.socSubMajor(code, version);
    return g ? `${code} ${g.title}` : `SOC ${code}`;
  });
}
