/**
 * The clusters progression groups people by: the partition of the clusters
 * analysis of the same report (its Results' network), or, when progression
 * runs alone, the clusters analysis run here without its bootstrap (the
 * bootstrap only gives confidence; the partition is the same).
 */
import { InputError } from '../../core/errors.js';
import type { NetworkResult, Results } from '../../core/results.js';
import type { AnalysisContext, RunScope } from '../analysis.js';
import { runClusters } from '../clusters/run.js';

export interface ClusterGroups {
  /** Qualification title (as on the map) -> cluster id. */
  ofTitle: Map<string, string>;
  /** Cluster id -> readers' name. */
  names: Map<string, string>;
}

function fromNetwork(network: NetworkResult | undefined): ClusterGroups | null {
  const ofTitle = new Map<string, string>();
  for (const n of network?.nodes ?? []) if (n.side === 'qualification' && n.cluster !== null) ofTitle.set(n.label, n.cluster);
  if (!network || ofTitle.size === 0) return null;
  return { ofTitle, names: new Map(network.clusters.map((c) => [c.id, c.name])) };
}

/** The clusters of this report, or null (with the reason) when there are none to group by. */
export async function clusterGroups(context: AnalysisContext, scope: Partial<RunScope>): Promise<ClusterGroups | { reason: string }> {
  const earlier = scope.earlier?.find((r: Results) => r.analysis === 'clusters');
  if (earlier) return fromNetwork(earlier.network) ?? { reason: 'the clusters analysis found no clusters of qualifications' };
  try {
    const { results } = await runClusters(context, { bootstrap: 0 }, { region: scope.region ?? null });
    return fromNetwork(results.network) ?? { reason: 'the clusters analysis found no clusters of qualifications' };
  } catch (err) {
    if (err instanceof InputError) return { reason: `no clusters could be found (${err.message})` };
    throw err;
  }
}
