/**
 * Counts-only datasets (`routeways import-counts`): the count tables a
 * warehouse computed with the queries `routeways sql` prints, classified by
 * the ingest layer, written here in one transaction. There are no records:
 * the store functions the analyses use (network.ts, pathway-counts.ts,
 * regions.ts) answer from these tables when a dataset's kind is 'counts'.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { InputError } from '../core/errors.js';
import { KEY_RANGE } from '../core/disclosure/perturbation/cell-key.js';
import type { CoverageStatus } from '../core/pathways/types.js';
import type { MappingRow } from '../core/pathways/types.js';
import { inTransaction, queryRows, type Store, type Transaction } from './database.js';
import { deleteDatasetRows, type SourceFile } from './datasets.js';
import { insertDatasetMapping } from './mappings.js';
import { ensureRecordKeySecret } from './record-keys.js';

export interface CountPattern {
  region: string | null;
  qualifications: string[];
  occupations: string[];
  people: number;
  /** Sum of the people's record keys modulo 4096. */
  keySum: number;
}

export interface CountPathwayRow {
  level: number | null;
  region: string | null;
  status: CoverageStatus;
  ssa: string | null;
  qt: string | null;
  soc: string | null;
  et: string | null;
  n: number;
  keySum: number;
  w: number | null;
  w2: number | null;
  missingW: number;
}

export interface CountsInput {
  name: string;
  sourceDir: string;
  socVersion: '2010' | '2020';
  regions: Array<{ region: string | null; people: number }>;
  patterns: CountPattern[];
  pathways: CountPathwayRow[];
  /** The folder's related.csv, as the dataset's own mapping. */
  related?: { source: string; rows: MappingRow[] };
  files: SourceFile[];
}

/** 'counts' for a dataset imported with import-counts, 'records' otherwise. */
export async function datasetKind(store: Pick<Store, 'connection'>, datasetId: number): Promise<'records' | 'counts'> {
  const rows = await queryRows<{ kind: string | null }>(store.connection, `SELECT kind FROM datasets WHERE dataset_id = $id`, { id: datasetId });
  return rows[0]?.kind === 'counts' ? 'counts' : 'records';
}

/**
 * Refuse a record-level query on a counts-only dataset (the API's queries,
 * progression): its records stay in the warehouse, and answering from no
 * records would give zeros that look like data.
 */
export class CountsOnlyError extends InputError {
  override name = 'CountsOnlyError';
  /** For a server: the request conflicts with what the dataset is (409), not a fault. */
  readonly statusCode = 409;
}

export async function refuseCountsOnly(store: Pick<Store, 'connection'>, datasetId: number, what: string): Promise<void> {
  if ((await datasetKind(store, datasetId)) !== 'counts') return;
  throw new CountsOnlyError(`${what} needs record-level data, and this dataset holds counts from a warehouse (import-counts): its records stay in the warehouse`);
}

type Cell = string | number | null;

/** A temp table filled with an appender (fast for millions of rows); columns are VARCHAR, INTEGER, BIGINT or DOUBLE. */
async function tempTable(c: DuckDBConnection, name: string, columns: Array<[string, string]>, rows: Iterable<Cell[]>): Promise<void> {
  await c.run(`DROP TABLE IF EXISTS ${name}`);
  await c.run(`CREATE TEMP TABLE ${name} (${columns.map(([n, t]) => `${n} ${t}`).join(', ')})`);
  const appender = await c.createAppender(name, 'main', 'temp');
  try {
    for (const row of rows) {
      row.forEach((v, i) => {
        const type = columns[i]![1];
        if (v === null) appender.appendNull();
        else if (type === 'VARCHAR') appender.appendVarchar(String(v));
        else if (type === 'DOUBLE') appender.appendDouble(Number(v));
        else if (type === 'BIGINT') appender.appendBigInt(BigInt(v));
        else appender.appendInteger(Number(v));
      });
      appender.endRow();
    }
  } finally {
    appender.closeSync();
  }
}

function* itemRows(patterns: CountPattern[]): Generator<Cell[]> {
  for (const [i, p] of patterns.entries()) {
    for (const q of p.qualifications) yield [i, 'q', q];
    for (const o of p.occupations) yield [i, 'o', o];
  }
}

const TEMP = { regions: 'rw_ic_regions', patterns: 'rw_ic_patterns', items: 'rw_ic_items', pathways: 'rw_ic_pathways', related: 'rw_ic_related' };

/** Stage every row in temp tables first: the transaction then only copies, and nothing lands in the store until it commits. */
async function stage(c: DuckDBConnection, input: CountsInput): Promise<void> {
  await tempTable(c, TEMP.regions, [['region', 'VARCHAR'], ['people', 'BIGINT']], input.regions.map((r) => [r.region, r.people]));
  await tempTable(c, TEMP.patterns, [['pattern', 'INTEGER'], ['region', 'VARCHAR'], ['people', 'INTEGER'], ['key_sum', 'INTEGER']],
    input.patterns.map((p, i) => [i, p.region, p.people, p.keySum]));
  await tempTable(c, TEMP.items, [['pattern', 'INTEGER'], ['side', 'VARCHAR'], ['item', 'VARCHAR']], itemRows(input.patterns));
  const pathwayColumns: Array<[string, string]> = [
    ['level', 'INTEGER'], ['region', 'VARCHAR'], ['status', 'VARCHAR'], ['ssa', 'VARCHAR'], ['qt', 'VARCHAR'], ['soc', 'VARCHAR'], ['et', 'VARCHAR'],
    ['n', 'BIGINT'], ['key_sum', 'INTEGER'], ['w', 'DOUBLE'], ['w2', 'DOUBLE'], ['missing_w', 'BIGINT'],
  ];
  await tempTable(c, TEMP.pathways, pathwayColumns, input.pathways.map((r) => [r.level, r.region, r.status, r.ssa, r.qt, r.soc, r.et, r.n, r.keySum, r.w, r.w2, r.missingW]));
  await tempTable(c, TEMP.related, [['ssa', 'VARCHAR'], ['soc', 'VARCHAR'], ['related', 'BOOLEAN']], []);
  if (input.related) {
    for (const r of input.related.rows) await c.run(`INSERT INTO ${TEMP.related} VALUES ($1, $2, $3)`, [r.ssa, r.soc, r.related]);
  }
}

async function copyTables(tx: Transaction, id: number): Promise<void> {
  const c = tx.connection;
  await c.run(`INSERT INTO count_regions SELECT $id, region, people FROM ${TEMP.regions}`, { id });
  await c.run(`INSERT INTO count_patterns SELECT $id, pattern, region, people, key_sum FROM ${TEMP.patterns}`, { id });
  await c.run(`INSERT INTO count_pattern_items SELECT $id, pattern, side, item FROM ${TEMP.items}`, { id });
  await c.run(
    `INSERT INTO count_pathways (dataset_id, level, region, status, ssa, qt, soc, et, n, key_sum, w, w2, missing_w)
     SELECT $id, level, region, status, ssa, qt, soc, et, n, key_sum, w, w2, missing_w FROM ${TEMP.pathways}`,
    { id },
  );
}

async function newDataset(tx: Transaction, input: CountsInput, replace: boolean): Promise<number> {
  const c = tx.connection;
  const old = await queryRows<{ id: number }>(c, `SELECT dataset_id AS id FROM datasets WHERE name = $name`, { name: input.name });
  if (old.length > 0 && !replace) throw new InputError(`a dataset named '${input.name}' already exists; give --replace to replace it, or another --name`);
  if (old.length > 0) await deleteDatasetRows(tx, old[0]!.id);
  const rows = await queryRows<{ id: number }>(
    c,
    `INSERT INTO datasets (name, imported_at, source_dir, column_map, soc_version, kind)
     VALUES ($name, CAST(now() AT TIME ZONE 'UTC' AS TIMESTAMP), $dir, NULL, $soc, 'counts') RETURNING dataset_id AS id`,
    { name: input.name, dir: input.sourceDir, soc: input.socVersion },
  );
  return rows[0]!.id;
}

/** Write a counts-only dataset in one transaction (replacing one of the same name when `replace`); returns its id. */
export async function writeCountsDataset(store: Pick<Store, 'connection'>, input: CountsInput, options: { replace?: boolean } = {}): Promise<number> {
  const c = store.connection;
  await ensureRecordKeySecret(store);
  try {
    await stage(c, input);
    return await inTransaction(store, async (tx) => {
      const id = await newDataset(tx, input, options.replace ?? false);
      await copyTables(tx, id);
      if (input.related) await insertDatasetMapping(tx, { name: `${input.name}-related`, datasetId: id, source: input.related.source, rows: TEMP.related });
      for (const f of input.files) {
        await tx.connection.run(`INSERT INTO source_files (dataset_id, file, rows, rejected, bytes, sha256) VALUES ($id, $file, $rows, 0, $bytes, $sha)`, {
          id, file: f.file, rows: f.rows, bytes: f.bytes, sha: f.sha256,
        });
      }
      return id;
    });
  } finally {
    for (const t of Object.values(TEMP)) await c.run(`DROP TABLE IF EXISTS ${t}`);
  }
}

/** The linked people of a counts-only dataset (a qualification and an occupation) and their cell key: the API's population. */
export async function countedLinkedTotal(store: Pick<Store, 'connection'>, datasetId: number): Promise<{ n: number; key: number }> {
  const rows = await queryRows<{ n: bigint | null; k: number | null }>(
    store.connection,
    `SELECT sum(people) AS n, CAST(coalesce(sum(key_sum), 0) % ${KEY_RANGE} AS INTEGER) AS k FROM count_patterns WHERE dataset_id = $id`,
    { id: datasetId },
  );
  return { n: Number(rows[0]?.n ?? 0), key: Number(rows[0]?.k ?? 0) };
}

/** People per region of a counts-only dataset (known regions only), as datasetRegions gives them. */
export async function countRegions(store: Pick<Store, 'connection'>, datasetId: number): Promise<Array<{ code: string; people: number }>> {
  const rows = await queryRows<{ region: string; people: bigint }>(
    store.connection,
    `SELECT region, sum(people) AS people FROM count_regions WHERE dataset_id = $id AND region IS NOT NULL GROUP BY region ORDER BY region`,
    { id: datasetId },
  );
  return rows.map((r) => ({ code: r.region, people: Number(r.people) }));
}

/** The pathway cube of a counts-only dataset, in the columns and order pathwayCountSql gives. */
export function countedPathwaySql(options: { byRegion: boolean; oneRegion: boolean; level?: 2 | 3 }): string {
  const where = ['dataset_id = $dataset', ...(options.oneRegion ? ['region = $region'] : []), ...(options.level ? ['level = $level'] : [])];
  return `SELECT level, ${options.byRegion ? 'region,' : ''} status, ssa, qt, soc, et, sum(n) AS n, CAST(sum(key_sum) % ${KEY_RANGE} AS INTEGER) AS cell_key,
       sum(w) AS w, sum(w2) AS w2, sum(missing_w) AS missing_w
  FROM count_pathways WHERE ${where.join(' AND ')}
 GROUP BY ALL ORDER BY ALL`;
}
