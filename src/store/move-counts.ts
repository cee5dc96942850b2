/**
 * The moves into and out of one occupation group (SOC sub-major) from
 * employment histories, counted for the cell key method: distinct people and
 * cell key per direction and other group, per direction, and the people with
 * a spell in the group. A move is as in src/core/progression/moves.ts: two
 * consecutive dated spells in different coded groups. Internal: true counts
 * never leave without perturbation.
 */
import { PLACED } from './progression-counts.js';
import { keyedCellCounts, type KeyedCell, type RecordKeyTable } from './record-keys.js';
import type { Store } from './database.js';

export interface OccupationMoveCounts {
  /** values: [direction ('from' | 'to'), other sub-major group]. */
  moves: KeyedCell[];
  /** values: [direction]: people who moved in, and out. */
  movers: KeyedCell[];
  /** People with a spell in the group. */
  people: KeyedCell | undefined;
}

function spells(region: boolean): string {
  const join = region ? 'JOIN people p ON p.dataset_id = o.dataset_id AND p.person_key = o.person_key AND p.region = $region' : '';
  return `SELECT o.person_key, o.soc_submajor AS k, lag(o.soc_submajor) OVER (PARTITION BY o.person_key ORDER BY o.started_on, o.rowid) AS prev
    FROM occupations o ${join} WHERE o.dataset_id = $ds AND ${PLACED}`;
}

export async function occupationMoveCounts(
  store: Pick<Store, 'connection'>,
  datasetId: number,
  soc: string,
  options: { region?: string; recordKeys?: RecordKeyTable } = {},
): Promise<OccupationMoveCounts> {
  const region = options.region !== undefined;
  const params = { ds: datasetId, soc, ...(region ? { region: options.region! } : {}) };
  const moves = `WITH sp AS (${spells(region)}),
    mv AS (SELECT DISTINCT person_key, prev AS a, k AS b FROM sp WHERE prev IS NOT NULL AND k IS NOT NULL AND prev <> k)
    SELECT person_key, 'from' AS dir, a AS other FROM mv WHERE b = $soc
    UNION ALL SELECT person_key, 'to' AS dir, b AS other FROM mv WHERE a = $soc`;
  const held = `WITH sp AS (${spells(region)}) SELECT person_key FROM sp WHERE k = $soc`;
  const base = { datasetId, params, ...(options.recordKeys ? { recordKeys: options.recordKeys } : {}) };
  return {
    moves: await keyedCellCounts(store, { ...base, holdings: moves, cells: ['dir', 'other'] }),
    movers: await keyedCellCounts(store, { ...base, holdings: moves, cells: ['dir'] }),
    people: (await keyedCellCounts(store, { ...base, holdings: held, cells: [] }))[0],
  };
}
