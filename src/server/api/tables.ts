/**
 * The published report tables of each open dataset, all regions together and
 * each region's report: the analyses run through the one publishing pipeline
 * (src/pipeline/publish.ts protectDatasetReports) once, when first asked for, on a read-only store of their own (so the API's
 * queries do not wait behind them), protected as a release set with the same
 * policy and p-table as the API's own counts. Also where a qualification's
 * cluster comes from (the clusters analysis's network).
 */
import type { ProtectedRelease, PublishedTable } from '../../core/disclosure/release.js';
import type { PolicyInput } from '../../core/disclosure/policy.js';
import type { PTable } from '../../core/disclosure/perturbation/ptable.js';
import type { Analysis } from '../../analyses/analysis.js';
import { protectDatasetReports, publishingPolicy } from '../../pipeline/publish.js';
import type { Store } from '../../store/database.js';
import { getDataset } from '../../store/datasets.js';
import { datasetRegions } from '../../store/regions.js';

export interface ClusterInfo {
  id: string;
  name: string;
  members: string[];
}

export interface ReportTables {
  /** The release of all regions together, or of one region (its code), or null when there is no such report. */
  release(dataset: string, region?: string | null): Promise<ProtectedRelease | null>;
  /** The codes of the regions with a report of their own (those the dataset has people in, as `publish`). */
  regions(dataset: string): Promise<string[]>;
  table(dataset: string, id: string, region?: string | null): Promise<PublishedTable | undefined>;
  /** The cluster a qualification title belongs to in the published network, with the other members' titles. */
  clusterOf(dataset: string, title: string): Promise<ClusterInfo | null>;
  /** Wait for work in progress, then close the reports' store. */
  close(): Promise<void>;
}

export interface ReportTableOptions {
  policy?: PolicyInput;
  ptable?: PTable;
  analyses?: readonly Analysis[];
  /** Opens the store the analyses read (read-only, beside the API's). */
  openStore: () => Promise<Store>;
}

export function reportTables(options: ReportTableOptions): ReportTables {
  const made = new Map<string, Promise<ProtectedRelease[]>>();
  const regionLists = new Map<string, Promise<string[]>>();
  let store: Promise<Store> | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  // The cell key method perturbs each cell by its own people, so a region's report protected alone equals the
  // same report in the site's release set; suppression protects the set together, so it is made whole.
  const joint = publishingPolicy(options.policy).method !== 'perturbation';
  const settings = { ...(options.policy ? { policy: options.policy } : {}), ...(options.ptable ? { ptable: options.ptable } : {}), ...(options.analyses ? { analyses: options.analyses } : {}) };
  const opened = () => (store ??= options.openStore());
  const regions = (dataset: string): Promise<string[]> => {
    let p = regionLists.get(dataset);
    if (!p) regionLists.set(dataset, (p = opened().then(async (st) => (await datasetRegions(st, (await getDataset(st, dataset)).id)).map((r) => r.code))));
    return p;
  };
  const enqueue = (dataset: string, wanted: Array<string | null>): Promise<ProtectedRelease[]> => {
    // One piece of work at a time on the reports' connection.
    const run = async () => protectDatasetReports(await opened(), dataset, { ...settings, regions: wanted });
    const p = queue.then(run, run);
    queue = p.catch(() => undefined);
    return p;
  };
  const release = (dataset: string, region: string | null = null): Promise<ProtectedRelease | null> => {
    const k = joint ? dataset : `${dataset}\u0000${region ?? ''}`;
    let p = made.get(k);
    if (!p) {
      p = (joint ? regions(dataset).then((rs) => [null, ...rs]) : Promise.resolve([region])).then((wanted) => enqueue(dataset, wanted));
      made.set(k, p);
    }
    return p.then((rs) => rs.find((x) => x.region === region) ?? null);
  };
  return {
    async close() {
      await queue;
      if (store) (await store).close();
    },
    release,
    regions,
    async table(dataset, id, region = null) {
      return (await release(dataset, region))?.tables.find((t) => t.id === id);
    },
    async clusterOf(dataset, title) {
      const network = (await release(dataset))?.network;
      const node = network?.nodes.find((n) => n.side === 'qualification' && n.label === title);
      if (!network || !node || node.cluster === null) return null;
      const cluster = network.clusters.find((c) => c.id === node.cluster);
      const members = network.nodes.filter((n) => n.cluster === node.cluster && n.id !== node.id).map((n) => n.label);
      return { id: node.cluster, name: cluster?.name ?? node.cluster, members };
    },
  };
}
