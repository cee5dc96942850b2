/**
 * The published report tables of each open dataset: the analyses run through
 * the one publishing pipeline (src/pipeline/publish.ts protectDatasetReports)
 * once, when first asked for, on a read-only store of their own (so the API's
 * queries do not wait behind them), protected as a release set with the same
 * policy and p-table as the API's own counts. Also where a qualification's
 * cluster comes from (the clusters analysis's network).
 */
import type { ProtectedRelease, PublishedTable } from '../../core/disclosure/release.js';
import type { PolicyInput } from '../../core/disclosure/policy.js';
import type { PTable } from '../../core/disclosure/perturbation/ptable.js';
import type { Analysis } from '../../analyses/analysis.js';
import { protectDatasetReports } from '../../pipeline/publish.js';
import type { Store } from '../../store/database.js';

export interface ClusterInfo {
  id: string;
  name: string;
  members: string[];
}

export interface ReportTables {
  /** The release of all regions together, or null when nothing could be published. */
  release(dataset: string): Promise<ProtectedRelease | null>;
  table(dataset: string, id: string): Promise<PublishedTable | undefined>;
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
  const made = new Map<string, Promise<ProtectedRelease | null>>();
  let store: Promise<Store> | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  const release = (dataset: string): Promise<ProtectedRelease | null> => {
    let p = made.get(dataset);
    if (!p) {
      store ??= options.openStore();
      const s = store;
      const run = () => s.then((st) => protectDatasetReports(st, dataset, { ...(options.policy ? { policy: options.policy } : {}), ...(options.ptable ? { ptable: options.ptable } : {}), ...(options.analyses ? { analyses: options.analyses } : {}) }));
      // One dataset at a time on the reports' connection.
      p = queue.then(run, run).then((rs) => rs.find((r) => r.region === null) ?? null);
      queue = p.catch(() => undefined);
      made.set(dataset, p);
    }
    return p;
  };
  return {
    async close() {
      await queue;
      if (store) (await store).close();
    },
    release,
    async table(dataset, id) {
      return (await release(dataset))?.tables.find((t) => t.id === id);
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
