/**
 * The API's store connections: a few read-only connections to one DuckDB
 * database ("lanes"), each taking one piece of work at a time, so a slow new
 * query does not hold up the next one while a CPU is free. Each lane holds
 * its own record keys per open dataset, because DuckDB's temporary tables
 * belong to the connection that made them.
 *
 * Why not a general pool library: the lanes are DuckDB connections with
 * per-connection state made once at start, work is handed to the first free
 * lane in order, and that is a queue and a list (generic-pool and the like
 * add creation, eviction and validation we do not need).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Store } from '../../store/database.js';
import { prepareRecordKeys, type RecordKeyTable } from '../../store/record-keys.js';

export interface Lane {
  readonly store: Pick<Store, 'connection'>;
  /** Record keys of each open dataset on this connection (absent: computed in each query). */
  recordKeys(datasetId: number): RecordKeyTable | undefined;
}

export interface ConnectionPool {
  readonly size: number;
  /** Run `work` on the first free lane (work waits in order when all are busy). */
  run<T>(work: (lane: Lane) => Promise<T>): Promise<T>;
  /** Drop the record-key tables (the connections close with the store). */
  close(): Promise<void>;
}

/** The number of lanes when not chosen: one per CPU, at least 1, at most 4. */
export function defaultLanes(cpus: number): number {
  return Math.max(1, Math.min(4, cpus));
}

async function makeLane(connection: DuckDBConnection, datasetIds: readonly number[]): Promise<Lane & { keys: RecordKeyTable[] }> {
  const store = { connection };
  const byId = new Map<number, RecordKeyTable>();
  for (const id of datasetIds) {
    try {
      byId.set(id, await prepareRecordKeys(store, id));
    } catch {
      // Left to each query (recordKeysSql) when the temporary table cannot be made.
    }
  }
  return { store, recordKeys: (id) => byId.get(id), keys: [...byId.values()] };
}

/** `size` lanes over the store: the store's own connection and size - 1 more. */
export async function openConnectionPool(store: Store, datasetIds: readonly number[], size: number): Promise<ConnectionPool> {
  const connections = [store.connection];
  for (let i = 1; i < size; i++) connections.push(await store.connect());
  const lanes = await Promise.all(connections.map((c) => makeLane(c, datasetIds)));
  const free = [...lanes];
  const waiting: Array<(lane: (typeof lanes)[number]) => void> = [];
  const release = (lane: (typeof lanes)[number]) => {
    const next = waiting.shift();
    if (next) next(lane);
    else free.push(lane);
  };
  return {
    size: lanes.length,
    async run(work) {
      const lane = free.shift() ?? (await new Promise<(typeof lanes)[number]>((resolve) => waiting.push(resolve)));
      try {
        return await work(lane);
      } finally {
        release(lane);
      }
    },
    async close() {
      for (const lane of lanes) for (const k of lane.keys) await k.drop().catch(() => undefined);
    },
  };
}
