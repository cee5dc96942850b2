/**
 * Every person's characteristics of a dataset as integer codes, read once
 * and then narrowed to the people of each network (a region, a level).
 *
 * Reading them per network joined the whole characteristics view (a row per
 * person and column, matched on text) once per region: 0.85 s a region at 1M
 * people, whatever the region's size. Read once per publish, a region's
 * columns are a pass over its people's codes.
 */
import { queryRows, type Store } from './database.js';
import type { CharacteristicColumn } from './network-types.js';
import { readIntColumns, scalar } from './network-read.js';

let tempCounter = 0;

/** One characteristic over the whole dataset. */
export interface DatasetCharacteristic {
  name: string;
  /** The distinct recorded values, in DuckDB's order. */
  values: string[];
  /** By person_key: the index into `values`, or -1 when not recorded. */
  codes: Int32Array;
}

/**
 * The dataset's characteristics, in name order (as DuckDB sorts them); with
 * `within` (a table of person_key), only those people's values are read: what
 * a single network needs when no read is kept for others.
 */
export async function readCharacteristicCodes(store: Store, datasetId: number, within?: string): Promise<DatasetCharacteristic[]> {
  const c = store.connection;
  const id = Number(datasetId);
  const of = within ? ` AND person_key IN (SELECT person_key FROM ${within})` : '';
  const size = (await scalar(store, `SELECT coalesce(max(person_key) + 1, 0) AS n FROM people WHERE dataset_id = ${id}`)) | 0;
  const dict = `rw_char_dict_${process.pid}_${++tempCounter}`;
  await c.run(
    `CREATE TEMP TABLE ${dict} AS
     SELECT name, value,
            CAST(dense_rank() OVER (ORDER BY name) - 1 AS INTEGER) AS name_idx,
            CAST(row_number() OVER (PARTITION BY name ORDER BY value) - 1 AS INTEGER) AS value_idx
     FROM (SELECT DISTINCT name, value FROM characteristics WHERE dataset_id = $id AND value IS NOT NULL${of})`,
    { id },
  );
  const columns: DatasetCharacteristic[] = [];
  try {
    const entries = await queryRows<{ name: string; value: string; name_idx: number; value_idx: number }>(c, `SELECT name, value, name_idx, value_idx FROM ${dict} ORDER BY name_idx, value_idx`);
    for (const e of entries) {
      const col = (columns[e.name_idx] ??= { name: e.name, values: [], codes: new Int32Array(size).fill(-1) });
      col.values[e.value_idx] = e.value;
    }
    if (columns.length > 0) {
      await readIntColumns(
        store,
        `SELECT ch.person_key, d.name_idx, d.value_idx
         FROM characteristics ch JOIN ${dict} d ON d.name = ch.name AND d.value = ch.value
         WHERE ch.dataset_id = ${id}${of}`,
        (cols, n) => {
          for (let i = 0; i < n; i++) columns[cols[1](i)]!.codes[cols[0](i)] = cols[2](i);
        },
      );
    }
  } finally {
    await c.run(`DROP TABLE IF EXISTS ${dict}`);
  }
  return columns;
}

/**
 * The columns of the people analysed (`personKeys`: dense index -> person_key):
 * only the characteristics and values some of them have, in the dataset's
 * order; booleans always offer both values, so "share true" has a category
 * even when no one is true.
 */
export function characteristicsOf(all: readonly DatasetCharacteristic[], personKeys: Int32Array): CharacteristicColumn[] {
  const columns: CharacteristicColumn[] = [];
  for (const col of all) {
    const used = new Uint8Array(col.values.length);
    for (let i = 0; i < personKeys.length; i++) {
      const g = col.codes[personKeys[i]!]!;
      if (g >= 0) used[g] = 1;
    }
    const values = col.values.filter((_, g) => used[g] === 1);
    if (values.length === 0) continue;
    const boolean = values.every((v) => v === 'true' || v === 'false');
    const kept = boolean ? ['false', 'true'] : values;
    let next = 0;
    const remap = Int32Array.from(col.values, (v, g) => (used[g] !== 1 ? -1 : boolean ? kept.indexOf(v) : next++));
    const codes = new Int32Array(personKeys.length);
    for (let i = 0; i < personKeys.length; i++) {
      const g = col.codes[personKeys[i]!]!;
      codes[i] = g >= 0 ? remap[g]! : -1;
    }
    columns.push({ name: col.name, kind: boolean ? 'boolean' : 'category', values: kept, codes });
  }
  return columns;
}
