/**
 * The clusters analysis: store -> counts -> clusters, confidence, significant
 * links, cluster tables and profiles -> Results (unprotected, internal).
 *
 *   1. the network is counted in SQL (src/store/network.ts), filtered;
 *   2. the graph w(q, o) is clustered with Leiden-Barber (best of `restarts`
 *      runs, deterministic for a seed);
 *   3. the bootstrap resamples people and re-clusters `bootstrap` times for
 *      each node's confidence, on worker threads (bootstrap-pool.ts);
 *   4. each link is tested (hypergeometric, BH);
 *   5. the cluster report and the Results bundle are built (src/core/clusters).
 */
import type { z } from 'zod';
import { InputError } from '../../core/errors.js';
import type { Findings, Results, Settings } from '../../core/results.js';
import { bipartiteFromEdges, type BipartiteGraph } from '../../core/graph/bipartite.js';
import { leidenBarber, type LeidenBarberResult } from '../../core/graph/leiden.js';
import type { BootstrapResult } from '../../core/graph/bootstrap.js';
import { linkSignificance, type LinkSignificance } from '../../core/links/significance.js';
import { buildClusterReport, type ClusterReport } from '../../core/clusters/report.js';
import { clusterResults } from '../../core/clusters/results.js';
import { clusterFlatTables, type FlatTable } from '../../core/clusters/tables.js';
import { clusterCellKeys } from '../../core/clusters/cell-keys.js';
import type { ReportCellKeys } from '../../core/clusters/count-tables.js';
import { loadClassifications } from '../../reference/classifications.js';
import { loadNetwork, type NetworkData, type NetworkFilters } from '../../store/network.js';
import type { Dataset } from '../../store/datasets.js';
import { readCharacteristicCodes } from '../../store/characteristic-codes.js';
import { parseOptions, resolveRegion, settingNotes, shared, type AnalysisContext, type RunScope } from '../analysis.js';
import { describeFilters, networkFilters } from './filters.js';
import { groupedTitles } from './title-groups.js';
import { clustersOptions, type ClustersOptions } from './options.js';
import { bootstrapInWorkers } from './bootstrap-pool.js';

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
  /** CPU seconds of the whole process (every thread: DuckDB's, the bootstrap workers') in each phase; on a shared machine these say more than wall time. */
  cpuSeconds: { count: number; cluster: number; bootstrap: number; report: number };
}

/** Options as callers give them (defaults filled in by the schema). */
export type ClustersInput = z.input<typeof clustersOptions>;

/** Run the clusters analysis on an opened dataset; `scope.region` may be any spelling of a region. */
export async function runClusters(context: AnalysisContext, input: ClustersInput = {}, scope: Partial<RunScope> = {}): Promise<{ results: Results; detail: ClustersDetail }> {
  const options = parseOptions(clustersOptions, input);
  const { dataset } = context;
  const filters = networkFilters(options, await resolveRegion(context, scope.region));
  if (options.titles === 'grouped') filters.titleLabels = await groupedTitles(context.store, dataset.id);
  const t0 = performance.now();
  const c0 = cpuNow();
  const network = await loadNetwork(context.store, dataset.id, filters, {
    recordKeys: context.recordKeys,
    characteristics: () => shared(context, 'clusters:characteristics', () => readCharacteristicCodes(context.store, dataset.id)),
  });
  const t1 = performance.now();
  const c1 = cpuNow();
  if (network.people === 0) {
    const f = describeFilters(filters);
    throw new InputError(`no one in dataset '${dataset.name}' has both a qualification and an occupation${f ? ` with ${f}` : ''}: nothing to cluster`);
  }
  const progress = (phase: string) => (scope.onProgress ? (d: number, t: number) => scope.onProgress?.(d, t, phase) : undefined);
  const { links } = network;
  const graph = bipartiteFromEdges(network.qualifications.keys.length, network.occupations.keys.length, links.q, links.o, Float64Array.from(links.w));
  const partition = leidenBarber(graph, { resolution: options.resolution, seed: options.seed, restarts: options.restarts, onProgress: progress('clustering runs') });
  const t2 = performance.now();
  const c2 = cpuNow();
  const bootstrap =
    options.bootstrap > 0
      ? await bootstrapInWorkers(network.incidence, partition, { replicates: options.bootstrap, seed: options.seed, resolution: options.resolution, onProgress: progress('bootstrap replicates') })
      : null;
  const t3 = performance.now();
  const c3 = cpuNow();
  const linkStats = linkSignificance(
    { links, qualificationPeople: network.qualifications.people, occupationPeople: network.occupations.people, people: network.people },
    { fdr: options.fdr, tests: options.linkTests === 'all' ? network.qualifications.keys.length * network.occupations.keys.length : undefined },
  );
  const report = buildClusterReport(
    {
      people: network.people,
      incidence: network.incidence,
      qualifications: { keys: network.qualifications.keys, people: network.qualifications.people },
      occupations: { keys: network.occupations.keys, labels: occupationNodeLabels(network, dataset), people: network.occupations.people },
      links,
      linkStats,
      rowCluster: partition.rowCluster,
      colCluster: partition.colCluster,
      rowConfidence: bootstrap?.rowConfidence,
      colConfidence: bootstrap?.colConfidence,
      characteristics: network.characteristics,
    },
    { top: options.top, fdr: options.fdr, coreThreshold: bootstrap?.coreThreshold },
  );
  const keys: ReportCellKeys = {
    cells: clusterCellKeys(network.incidence, report.membership, partition.rowCluster, partition.colCluster, report.characteristics, network.recordKeys),
    qualification: network.qualifications.cellKeys,
    occupation: network.occupations.cellKeys,
    link: network.linkKeys,
  };
  const results = buildResults(dataset, filters, options, { network, partition, linkStats, report, bootstrap, keys });
  const tables = clusterFlatTables(report, links, linkStats);
  const t4 = performance.now();
  const c4 = cpuNow();
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
      cpuSeconds: { count: c1 - c0, cluster: c2 - c1, bootstrap: c3 - c2, report: c4 - c3 },
    },
  };
}

/** CPU seconds used by the process so far (all threads). */
function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

interface Found {
  network: NetworkData;
  partition: LeidenBarberResult;
  linkStats: LinkSignificance;
  report: ClusterReport;
  bootstrap: BootstrapResult | null;
  keys: ReportCellKeys;
}

function buildResults(dataset: Dataset, filters: NetworkFilters, options: ClustersOptions, found: Found): Results {
  const { network, report, linkStats } = found;
  // The analyst's choices, with SSAs as the codes they resolved to.
  const settings: Settings = JSON.parse(JSON.stringify({ ...options, ssa: filters.ssa ?? [] })) as Settings;
  const findings: Findings = {
    people: network.people,
    qualifications: network.qualifications.keys.length,
    occupations: network.occupations.keys.length,
    links: network.links.w.length,
    significantLinks: linkStats.significant.reduce((s, v) => s + v, 0),
    clusters: report.clusters.length,
    modularity: found.partition.modularity,
    unclustered: report.unclustered,
    bootstrapMethod: found.bootstrap?.method ?? null,
    coreThreshold: report.coreThreshold,
  };
  const socVersion = dataset.socVersion ?? '2020';
  const regionName = filters.region ? (loadClassifications().region(filters.region)?.name ?? filters.region) : null;
  const grouped = options.titles === 'grouped';
  const results = clusterResults({
    dataset: dataset.name,
    region: filters.region ?? null,
    settings,
    findings,
    settingNotes: settingNotes(clustersOptions, settings),
    report,
    keys: found.keys,
    links: network.links,
    linkStats,
    occupationBy: network.occupationBy,
    classifications: [
      ...(network.occupationBy === 'soc' ? ['Qualification titles as recorded', `SOC ${socVersion} sub-major group (occupations)`] : ['Qualification and occupation titles as recorded']),
      ...(grouped ? ['Spelling variants grouped (routeways code variants)'] : []),
    ],
    labels: {
      source: `Routeways clusters analysis of the outcome extract "${dataset.name}" (imported ${dataset.importedAt.slice(0, 10)})`,
      date: new Date().toISOString().slice(0, 10),
      spatialAvailability: regionName ?? 'All regions in the dataset',
    },
  });
  if (dataset.kind === 'counts') {
    results.methodNotes = [
      ...(results.methodNotes ?? []),
      'This dataset holds counts computed in a data warehouse (routeways import-counts): the people\'s characteristics stay there, so the clusters have no profiles by characteristic.',
    ];
  }
  if (grouped) {
    results.methodNotes = [
      ...(results.methodNotes ?? []),
      "Titles that are spelling variants of each other (for example 'FLT', 'Fork Lift Truck' and 'forklift licence'), as accepted with routeways code variants, are counted as one, under the group's label.",
    ];
  }
  return results;
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
