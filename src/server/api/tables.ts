/**
 * The published report tables of each open dataset: the analyses run through
 * the one publishing pipeline (src/pipeline/publish.ts protectDatasetReports)
 * once, in the background after start, protected as a release set with the
 * same policy and p-table as the API's own counts. Also where a
 * qualification's cluster comes from (the clusters analysis's network).
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
}

export interface ReportTableOptions {
  policy?: PolicyInput;
  ptable?: PTable;
  analyses?: readonly Analysis[];
  /** Queue for the store's one connection (the analyses share it with the API). */
  serial: <T>(work: () => Promise<T>) => Promise<T>;
}

export function reportTables(store: Store, datasets: string[], options: ReportTableOptions): ReportTables {
  const made = new Map<string, Promise<ProtectedRelease | null>>();
  const release = (dataset: string): Promise<ProtectedRelease | null> => {
    let p = made.get(dataset);
    if (!p) {
      p = options
        .serial(() => protectDatasetReports(store, dataset, { ...(options.policy ? { policy: options.policy } : {}), ...(options.ptable ? { ptable: options.ptable } : {}), ...(options.analyses ? { analyses: options.analyses } : {}) }))
        .then((rs) => rs.find((r) => r.region === null) ?? null);
      made.set(dataset, p);
    }
    return p;
  };
  for (const d of datasets) void release(d).catch(() => undefined); // start now; errors surface on request
  return {
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
