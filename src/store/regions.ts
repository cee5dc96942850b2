/**
 * Which regions a dataset's people are in (people.region codes from
 * data/regions.csv), for publishing one report per region. Internal counts:
 * never published as they are.
 */
import type { Store } from './database.js';
import { queryRows } from './database.js';
import { countRegions, datasetKind } from './counts.js';

export async function datasetRegions(store: Store, datasetId: number): Promise<Array<{ code: string; people: number }>> {
  if ((await datasetKind(store, datasetId)) === 'counts') return countRegions(store, datasetId);
  const rows = await queryRows<{ region: string; people: bigint }>(
    store.connection,
    `SELECT region, count(*) AS people FROM people
      WHERE dataset_id = $id AND region IS NOT NULL
      GROUP BY region ORDER BY region`,
    { id: datasetId },
  );
  return rows.map((r) => ({ code: r.region, people: Number(r.people) }));
}
