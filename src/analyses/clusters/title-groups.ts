/**
 * Accepted spelling variants (`routeways code variants`) as labels for the
 * clusters' nodes: with `--titles grouped`, 'FLT', 'Fork Lift Truck' and
 * 'forklift licence' count as one node under the group's label. Raw titles
 * are the default, as seed 000 chose on purpose.
 */
import { memoryKey } from '../../core/coding/memory.js';
import { distinctTitles, listVariantGroups } from '../../store/coding.js';
import type { Store } from '../../store/database.js';
import type { NetworkFilters } from '../../store/network.js';

async function labels(store: Store, datasetId: number, kind: 'qualification' | 'occupation'): Promise<Array<[string, string]>> {
  const byKey = new Map<string, string>();
  for (const g of await listVariantGroups(store, kind)) for (const m of g.members) byKey.set(m.titleKey, g.label);
  if (byKey.size === 0) return [];
  const out: Array<[string, string]> = [];
  for (const t of await distinctTitles(store, datasetId, kind)) {
    const label = byKey.get(memoryKey(t.title));
    if (label !== undefined && label !== t.title) out.push([t.title, label]);
  }
  return out;
}

/** The title labels of a dataset's accepted variant groups, both sides. */
export async function groupedTitles(store: Store, datasetId: number): Promise<NonNullable<NetworkFilters['titleLabels']>> {
  return { qualification: await labels(store, datasetId, 'qualification'), occupation: await labels(store, datasetId, 'occupation') };
}
