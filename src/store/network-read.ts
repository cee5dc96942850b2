/** Reading DuckDB results straight into typed arrays (no per-row objects for the big tables): shared by network.ts and counts-network.ts. */
import { queryRows, type Store } from './database.js';
import type { NodeList } from './network-types.js';

export async function scalar(store: Store, sql: string): Promise<number> {
  const rows = await queryRows<{ n: bigint | number }>(store.connection, sql);
  return Number(rows[0]?.n ?? 0);
}

type IntGetter = (row: number) => number;

/**
 * Stream a query whose columns are all INTEGER and hand each chunk's columns
 * to `onChunk` as getters (no row objects are made).
 */
export async function readIntColumns(store: Store, sql: string, onChunk: (cols: IntGetter[], rows: number) => void): Promise<void> {
  const result = await store.connection.stream(sql);
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const cols: IntGetter[] = [];
    for (let j = 0; j < chunk.columnCount; j++) {
      const v = chunk.getColumnVector(j);
      cols.push((i) => {
        const x = v.getItem(i);
        if (typeof x === 'number') return x;
        if (typeof x === 'bigint') return Number(x);
        throw new TypeError(`network: expected an integer in column ${j}, got ${String(x)}`);
      });
    }
    onChunk(cols, chunk.rowCount);
  }
}

export async function readNodes(store: Store, table: string): Promise<NodeList> {
  // Node keys are strings (one per node, far fewer than holdings); people as a typed array.
  const rows = await queryRows<{ node: string; people: number; cell_key: number }>(store.connection, `SELECT node, people, cell_key FROM ${table} ORDER BY idx`);
  const people = new Int32Array(rows.length);
  const cellKeys = new Int32Array(rows.length);
  const keys = new Array<string>(rows.length);
  rows.forEach((r, i) => {
    keys[i] = String(r.node);
    people[i] = Number(r.people);
    cellKeys[i] = Number(r.cell_key);
  });
  return { keys, people, cellKeys };
}

/** Build CSR (ptr by person, idx ascending within a person) from a (p, k) query. */
export async function readCsr(store: Store, nPeople: number, sql: string): Promise<{ ptr: Int32Array; idx: Int32Array }> {
  const total = await scalar(store, `SELECT count(*) AS n FROM (${sql})`);
  const ptr = new Int32Array(nPeople + 1);
  const idx = new Int32Array(total);
  let k = 0;
  await readIntColumns(store, `${sql} ORDER BY p, k`, (cols, n) => {
    for (let i = 0; i < n; i++, k++) {
      ptr[cols[0](i) + 1]++;
      idx[k] = cols[1](i);
    }
  });
  for (let p = 0; p < nPeople; p++) ptr[p + 1] += ptr[p];
  return { ptr, idx };
}
