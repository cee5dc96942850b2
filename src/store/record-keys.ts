/**
 * Record keys for the cell key method, kept in the store.
 *
 * Each store holds one random secret (256 bits from node:crypto, table
 * `record_key_secret`, created on first use). A person's record key, a whole
 * number 0..4095, is the first 12 bits of SHA-256(secret ':' person_id), with
 * person_id as in the extract. So re-importing the same people gives the same
 * keys, another store gives other keys, and without the secret nobody can
 * work out a key from an id.
 *
 * Why SHA-256 of secret and id rather than HMAC: DuckDB has sha256 but no
 * HMAC, and the keys must be computed inside the counting queries. The secret
 * has a fixed length, so the hashed text is unambiguous; the weakness of
 * secret-prefix hashing (length extension) needs a published hash, and neither
 * the keys nor anything derived from them but perturbed counts is published.
 *
 * The secret and the keys never leave DuckDB: queries join the secret table
 * in SQL, and what comes back are counts and cell keys (sums of keys modulo
 * 4096), which disclosure control consumes and never writes out. The one
 * exception is `routeways sql`, which prints the secret into the queries a
 * warehouse runs (readRecordKeySecret), so that the warehouse's cell keys are
 * this store's; that SQL is then as secret as the store.
 */
import { randomBytes } from 'node:crypto';
import type { DuckDBValue } from '@duckdb/node-api';
import { KEY_RANGE } from '../core/disclosure/perturbation/cell-key.js';
import { queryRows, type Store } from './database.js';

export const SECRET_TABLE = 'record_key_secret';

/** Create the store's secret if it has none yet. Safe to call often. */
export async function ensureRecordKeySecret(store: Pick<Store, 'connection'>): Promise<void> {
  const rows = await queryRows<{ n: bigint }>(store.connection, `SELECT count(*) AS n FROM ${SECRET_TABLE}`);
  if (Number(rows[0].n) > 0) return;
  await store.connection.run(`INSERT INTO ${SECRET_TABLE} (id, secret, created_at) VALUES (1, $s, now()::TIMESTAMP) ON CONFLICT (id) DO NOTHING`, {
    s: randomBytes(32).toString('hex'),
  });
}

/** The store's secret (created if it has none yet), for the warehouse queries of `routeways sql` only. */
export async function readRecordKeySecret(store: Pick<Store, 'connection'>): Promise<string> {
  await ensureRecordKeySecret(store);
  const rows = await queryRows<{ secret: string }>(store.connection, `SELECT secret FROM ${SECRET_TABLE} WHERE id = 1`);
  return rows[0]!.secret;
}

/**
 * The SQL expression of a person's record key (INTEGER 0..4095), given the
 * alias of a `people` row and of the secret table's row, e.g.
 * `FROM people p CROSS JOIN record_key_secret s` -> recordKeySql('p', 's').
 */
export function recordKeySql(person = 'p', secret = 's'): string {
  // Three hex digits are 12 bits: 0..4095 = KEY_RANGE - 1.
  return `CAST(('0x' || left(sha256(${secret}.secret || ':' || ${person}.person_id), 3)) AS INTEGER)`;
}

/** A query of (person_key, rkey) for the people of the dataset given by the parameter `datasetParam` (e.g. '$dataset'). */
export function recordKeysSql(datasetParam: string): string {
  return `SELECT p.person_key, ${recordKeySql('p', 's')} AS rkey FROM people p CROSS JOIN ${SECRET_TABLE} s WHERE p.dataset_id = ${datasetParam}`;
}

/**
 * The dataset's record keys computed once into a temporary table (SHA-256 of
 * a million ids takes about 2 s), for a run that counts many tables. The
 * table lives on this connection only and goes with `drop()` or the session.
 */
export interface RecordKeyTable {
  readonly datasetId: number;
  /** Name of the TEMP table (person_key, rkey). */
  readonly table: string;
  drop(): Promise<void>;
}

let tempCounter = 0;

export async function prepareRecordKeys(store: Pick<Store, 'connection'>, datasetId: number): Promise<RecordKeyTable> {
  await ensureRecordKeySecret(store);
  const table = `rw_rk_${process.pid}_${++tempCounter}`;
  await store.connection.run(`CREATE TEMP TABLE ${table} AS ${recordKeysSql('$d')}`, { d: datasetId });
  return {
    datasetId,
    table,
    async drop() {
      await store.connection.run(`DROP TABLE IF EXISTS ${table}`);
    },
  };
}

export interface KeyedCellQuery {
  datasetId: number;
  /**
   * SQL returning one row per (person, cell) membership: a `person_key` column
   * (people.person_key of the dataset) and the cell's columns. Duplicates are
   * fine: each person is counted once per cell.
   */
  holdings: string;
  /** Parameters `holdings` uses (the name rw_dataset is taken). */
  params?: Record<string, DuckDBValue>;
  /** The columns of `holdings` that define a cell; [] for one total over everyone listed. */
  cells: string[];
  /** Record keys prepared for this dataset (prepareRecordKeys); computed in the query when absent. */
  recordKeys?: RecordKeyTable;
}

export interface KeyedCell {
  /** The values of the cell columns, in `cells` order. */
  values: Array<string | number | boolean | null>;
  /** Distinct people in the cell. */
  n: number;
  /** The cell key: sum of the people's record keys modulo 4096. */
  key: number;
}

const COLUMN_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Count each cell's distinct people and its cell key, in one DuckDB query.
 * A total is a cell of its own: ask with fewer `cells` (or none), never sum
 * parts when people can be in several parts. Rows come ordered by the cells.
 */
export async function keyedCellCounts(store: Pick<Store, 'connection'>, query: KeyedCellQuery): Promise<KeyedCell[]> {
  for (const c of query.cells) if (!COLUMN_RE.test(c)) throw new RangeError(`keyedCellCounts: '${c}' is not a plain column name`);
  if (query.params && 'rw_dataset' in query.params) throw new RangeError('keyedCellCounts: the parameter name rw_dataset is reserved');
  if (query.recordKeys && query.recordKeys.datasetId !== query.datasetId) {
    throw new RangeError(`keyedCellCounts: record keys prepared for dataset ${query.recordKeys.datasetId}, not ${query.datasetId}`);
  }
  await ensureRecordKeySecret(store);
  const keys = query.recordKeys ? `SELECT person_key, rkey FROM ${query.recordKeys.table} WHERE $rw_dataset IS NOT NULL` : recordKeysSql('$rw_dataset');
  const cols = query.cells.map((c) => `"${c}"`);
  const list = cols.length > 0 ? `${cols.join(', ')}, ` : '';
  const sql = `
WITH h AS (${query.holdings}),
     m AS (SELECT DISTINCT ${list}person_key FROM h),
     rk AS (${keys})
SELECT ${list}CAST(count(*) AS INTEGER) AS rw_n, CAST(coalesce(sum(rk.rkey), 0) % ${KEY_RANGE} AS INTEGER) AS rw_key
  FROM m JOIN rk USING (person_key)
  ${cols.length > 0 ? `GROUP BY ${cols.join(', ')} ORDER BY ${cols.join(', ')}` : ''}`;
  const rows = await queryRows<Record<string, unknown>>(store.connection, sql, { ...query.params, rw_dataset: query.datasetId });
  return rows.map((r) => ({
    values: query.cells.map((c) => normalise(r[c])),
    n: Number(r.rw_n),
    key: Number(r.rw_key),
  }));
}

function normalise(x: unknown): string | number | boolean | null {
  if (x === null || x === undefined) return null;
  if (typeof x === 'bigint') return Number(x);
  if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') return x;
  return String(x);
}
