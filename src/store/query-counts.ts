/**
 * The SQL behind the open data API: distinct people per cell, with cell keys
 * (src/store/record-keys.ts), for any crossing of the dimensions a query may
 * ask for. Parameterised throughout: dimension ids are looked up in fixed
 * tables of column expressions, category codes and search text are bound.
 *
 * The population is the linked people: those with a qualification and an
 * occupation. A person is counted in a cell when they hold a qualification
 * record and an occupation record (and are a person) with the cell's values,
 * so a qualification's holders, its destinations and a query's cells count
 * the same people the same way and get the same cell keys.
 *
 * Titles (qualification, occupation) are keyed by the first 12 hex digits of
 * the SHA-256 of the title as entered: stable, URL-safe, and no record id.
 */
import { listValue, type DuckDBValue } from '@duckdb/node-api';
import { queryRows, type Store } from './database.js';
import { KEY_RANGE } from '../core/disclosure/perturbation/cell-key.js';
import { refuseCountsOnly } from './counts.js';
import { ensureRecordKeySecret, keyedCellCounts, recordKeysSql, type KeyedCell, type RecordKeyTable } from './record-keys.js';

export type CountSide = 'qualification' | 'occupation' | 'person';

/** A title's key: 12 hex digits of SHA-256 of the title as entered. */
export const titleKeySql = (col: string) => `left(sha256(${col}), 12)`;

/** The dimensions counted from a fixed column (characteristics are added by name). */
export const FIXED_DIMENSIONS: Readonly<Record<string, { side: CountSide; sql: string }>> = {
  ssa: { side: 'qualification', sql: 'ssa' },
  level: { side: 'qualification', sql: 'CAST(level AS VARCHAR)' },
  type: { side: 'qualification', sql: 'type' },
  qualification: { side: 'qualification', sql: titleKeySql('title') },
  soc_major: { side: 'occupation', sql: 'soc_major' },
  soc_submajor: { side: 'occupation', sql: 'soc_submajor' },
  employment_type: { side: 'occupation', sql: 'employment_type' },
  occupation: { side: 'occupation', sql: titleKeySql('title') },
  region: { side: 'person', sql: 'region' },
};

export interface CellCountQuery {
  datasetId: number;
  /** Dimension ids that make a cell ([] for one total). */
  cells: string[];
  /** Dimension ids whose value must be known for a person to count (usually every dimension of the table). */
  known?: string[];
  /** Dimension id -> codes to keep. */
  filters?: Record<string, readonly string[]>;
  /** Dimension ids that are characteristic columns (people.csv), by name. */
  characteristics?: readonly string[];
  /** The `cluster` dimension: each qualification title (as entered) in a cluster, and the cluster's id. */
  clusters?: ClusterMembers;
  recordKeys?: RecordKeyTable;
}

/** Qualification titles and the cluster each is in (parallel lists), e.g. from a published network. */
export interface ClusterMembers {
  titles: readonly string[];
  ids: readonly string[];
}

/**
 * The cluster dimension: the cluster of the qualification held, looked up in
 * two bound lists (a few hundred titles), so no table is written to the
 * read-only store. Qualifications in no cluster have no value (NULL).
 */
function clusterDimension(q: CellCountQuery, params: Record<string, DuckDBValue>): { side: CountSide; sql: string } {
  if (!q.clusters) throw new RangeError("countCells: the 'cluster' dimension needs the clusters' members");
  params.cl_t = listValue([...q.clusters.titles]);
  params.cl_i = listValue([...q.clusters.ids]);
  return { side: 'qualification', sql: 'list_extract($cl_i, list_position($cl_t, title))' };
}

const PLAIN = /^[A-Za-z_][A-Za-z0-9_]*$/;

interface Built {
  holdings: string;
  params: Record<string, DuckDBValue>;
  columns: string[];
}

/** The holdings SQL: one row per (person, combination of the dimensions' values). */
function buildHoldings(q: CellCountQuery): Built {
  const chars = new Set(q.characteristics ?? []);
  const used = [...new Set([...q.cells, ...(q.known ?? []), ...Object.keys(q.filters ?? {})])];
  const params: Record<string, DuckDBValue> = { ds: q.datasetId };
  const where: Record<CountSide, string[]> = { qualification: [], occupation: [], person: [] };
  const select: Record<CountSide, string[]> = { qualification: [], occupation: [], person: [] };
  const joins: string[] = [];
  const columns: string[] = [];
  used.forEach((id, i) => {
    const col = `d${i}`;
    columns[i] = col;
    const known = (q.known ?? []).includes(id) || q.cells.includes(id);
    const codes = q.filters?.[id];
    if (chars.has(id)) {
      params[`c${i}`] = id;
      joins.push(`JOIN characteristics c${i} ON c${i}.dataset_id = $ds AND c${i}.person_key = q.person_key AND c${i}.name = $c${i}${known ? ` AND c${i}.value IS NOT NULL` : ''}${codes ? ` AND list_contains($f${i}, c${i}.value)` : ''}`);
      if (codes) params[`f${i}`] = listValue([...codes]);
      return;
    }
    const dim = id === 'cluster' ? clusterDimension(q, params) : FIXED_DIMENSIONS[id];
    if (!dim) throw new RangeError(`countCells: unknown dimension '${id}'`);
    select[dim.side].push(`${dim.sql} AS ${col}`);
    if (known) where[dim.side].push(`${dim.sql} IS NOT NULL`);
    if (codes) {
      where[dim.side].push(`list_contains($f${i}, ${dim.sql})`);
      params[`f${i}`] = listValue([...codes]);
    }
  });
  const cond = (side: CountSide) => where[side].map((w) => ` AND ${w}`).join('');
  const sel = (side: CountSide) => select[side].map((s) => `, ${s}`).join('');
  const people = select.person.length > 0 || where.person.length > 0;
  const out = used.map((id, i) => (chars.has(id) ? `c${i}.value AS ${columns[i]}` : columns[i])).filter((_, i) => q.cells.includes(used[i]!));
  const holdings = `
SELECT q.person_key${out.map((c) => `, ${c.includes(' AS ') ? c : `${c}`}`).join('')}
  FROM (SELECT DISTINCT person_key${sel('qualification')} FROM qualifications WHERE dataset_id = $ds${cond('qualification')}) q
  JOIN (SELECT DISTINCT person_key${sel('occupation')} FROM occupations WHERE dataset_id = $ds${cond('occupation')}) o USING (person_key)
  ${people ? `JOIN (SELECT person_key${sel('person')} FROM people WHERE dataset_id = $ds${cond('person')}) p USING (person_key)` : ''}
  ${joins.join('\n  ')}`;
  return { holdings, params, columns: q.cells.map((c) => columns[used.indexOf(c)]!) };
}

/**
 * Distinct people and cell key of each cell of `cells` (rows ordered by the
 * cells; absent cells are true zeros). Internal: true counts never leave
 * without perturbation.
 */
export async function countCells(store: Pick<Store, 'connection'>, q: CellCountQuery): Promise<KeyedCell[]> {
  for (const c of q.characteristics ?? []) if (!PLAIN.test(c) && c.length > 200) throw new RangeError('countCells: characteristic name too long');
  await refuseCountsOnly(store, q.datasetId, 'a query of counts by any dimension');
  const b = buildHoldings(q);
  return keyedCellCounts(store, { datasetId: q.datasetId, holdings: b.holdings, params: b.params, cells: b.columns, ...(q.recordKeys ? { recordKeys: q.recordKeys } : {}) });
}

/**
 * Several groupings of the same people in one query (a table's cells, its row
 * and column totals, its total): the holdings are read once, and each
 * grouping counts each person once per cell. `sets` lists dimension ids of
 * `q.cells`; the answer has one list of cells per set, in order.
 */
export async function countCellSets(store: Pick<Store, 'connection'>, q: CellCountQuery, sets: readonly string[][]): Promise<KeyedCell[][]> {
  await refuseCountsOnly(store, q.datasetId, 'a query of counts by any dimension');
  const b = buildHoldings(q);
  await ensureRecordKeySecret(store);
  const keys = q.recordKeys ? `SELECT person_key, rkey FROM ${q.recordKeys.table}` : recordKeysSql('$ds');
  const col = (id: string) => {
    const i = q.cells.indexOf(id);
    if (i < 0) throw new RangeError(`countCellSets: '${id}' is not one of the cells`);
    return b.columns[i]!;
  };
  const parts = sets.map((set, k) => {
    const cols = set.map(col);
    const out = b.columns.map((c) => (cols.includes(c) ? c : `NULL AS ${c}`));
    const list = cols.length > 0 ? `${cols.join(', ')}, ` : '';
    return `SELECT ${k} AS rw_set, ${out.join(', ')}${out.length > 0 ? ', ' : ''}CAST(count(*) AS INTEGER) AS rw_n, CAST(sum(rkey) % ${KEY_RANGE} AS INTEGER) AS rw_key
      FROM (SELECT DISTINCT ${list}person_key, rkey FROM m) ${cols.length > 0 ? `GROUP BY ${cols.join(', ')}` : ''}`;
  });
  const sql = `WITH h AS (${b.holdings}), m AS MATERIALIZED (SELECT DISTINCT h.*, rk.rkey FROM h JOIN (${keys}) rk USING (person_key))
${parts.join('\nUNION ALL\n')}
ORDER BY ALL`;
  const rows = await queryRows<Record<string, unknown>>(store.connection, sql, b.params);
  const out: KeyedCell[][] = sets.map(() => []);
  for (const r of rows) {
    const set = sets[Number(r.rw_set)]!;
    if (Number(r.rw_n) === 0) continue;
    out[Number(r.rw_set)]!.push({ values: set.map((id) => plain(r[col(id)])), n: Number(r.rw_n), key: Number(r.rw_key) });
  }
  return out;
}

function plain(x: unknown): string | number | boolean | null {
  if (x === null || x === undefined) return null;
  if (typeof x === 'bigint') return Number(x);
  if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') return x;
  return String(x);
}

export interface TitleRow {
  key: string;
  title: string;
  n: number;
}

/**
 * Titles (as entered) of one side held by at least `min` linked people,
 * optionally containing `search` (case-insensitive, no wildcards). True counts: internal.
 */
export async function titleCounts(
  store: Pick<Store, 'connection'>,
  datasetId: number,
  side: 'qualification' | 'occupation',
  options: { min: number; search?: string; keys?: readonly string[]; limit?: number },
): Promise<TitleRow[]> {
  await refuseCountsOnly(store, datasetId, 'a title search');
  const [table, other] = side === 'qualification' ? ['qualifications', 'occupations'] : ['occupations', 'qualifications'];
  const params: Record<string, DuckDBValue> = { ds: datasetId, min: options.min };
  const where: string[] = [];
  if (options.search !== undefined) {
    params.s = options.search.toLowerCase();
    where.push('contains(lower(t.title), $s)');
  }
  if (options.keys) {
    params.k = listValue([...options.keys]);
    where.push(`list_contains($k, ${titleKeySql('t.title')})`);
  }
  const rows = await queryRows<{ key: string; title: string; n: bigint }>(
    store.connection,
    `SELECT ${titleKeySql('t.title')} AS key, t.title, count(DISTINCT t.person_key) AS n
       FROM ${table} t SEMI JOIN (SELECT person_key FROM ${other} WHERE dataset_id = $ds) x ON x.person_key = t.person_key
      WHERE t.dataset_id = $ds ${where.map((w) => `AND ${w}`).join(' ')}
      GROUP BY t.title HAVING count(DISTINCT t.person_key) >= $min
      ORDER BY n DESC, t.title ${options.limit ? `LIMIT ${Math.max(1, Math.floor(options.limit))}` : ''}`,
    params,
  );
  return rows.map((r) => ({ key: r.key, title: r.title, n: Number(r.n) }));
}

/** The SSA (tier 1) a qualification title is most often recorded with, or null. */
export async function titleSsa(store: Pick<Store, 'connection'>, datasetId: number, key: string): Promise<string | null> {
  const rows = await queryRows<{ ssa: string | null }>(
    store.connection,
    `SELECT ssa FROM qualifications WHERE dataset_id = $ds AND ${titleKeySql('title')} = $k AND ssa IS NOT NULL GROUP BY ssa ORDER BY count(*) DESC, ssa LIMIT 1`,
    { ds: datasetId, k: key },
  );
  return rows[0]?.ssa ?? null;
}

/** The SOC sub-major group each occupation title (by key) is most often recorded with; titles without one are left out. */
export async function titleSocGroups(store: Pick<Store, 'connection'>, datasetId: number, keys: readonly string[]): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const rows = await queryRows<{ key: string; soc: string }>(
    store.connection,
    `SELECT key, arg_max(soc_submajor, n) AS soc FROM (
       SELECT ${titleKeySql('title')} AS key, soc_submajor, count(*) AS n FROM occupations
        WHERE dataset_id = $ds AND soc_submajor IS NOT NULL AND list_contains($k, ${titleKeySql('title')}) GROUP BY ALL)
      GROUP BY key`,
    { ds: datasetId, k: listValue([...keys]) },
  );
  return new Map(rows.map((r) => [r.key, r.soc]));
}

/** Characteristic columns of a dataset and their recorded values (sorted). */
export async function characteristicValues(store: Pick<Store, 'connection'>, datasetId: number): Promise<Array<{ name: string; values: string[] }>> {
  const rows = await queryRows<{ name: string; values: string[] }>(
    store.connection,
    `SELECT name, list_sort(list(DISTINCT value) FILTER (WHERE value IS NOT NULL)) AS values FROM characteristics WHERE dataset_id = $ds GROUP BY name ORDER BY name`,
    { ds: datasetId },
  );
  return rows.map((r) => ({ name: r.name, values: [...r.values].map(String) }));
}

/** The distinct known values of a fixed dimension among the linked people (for its categories). */
export async function dimensionValues(store: Pick<Store, 'connection'>, datasetId: number, id: string): Promise<string[]> {
  const dim = FIXED_DIMENSIONS[id];
  if (!dim || id === 'qualification' || id === 'occupation') throw new RangeError(`dimensionValues: not a coded dimension '${id}'`);
  const table = dim.side === 'qualification' ? 'qualifications' : dim.side === 'occupation' ? 'occupations' : 'people';
  const rows = await queryRows<{ v: string }>(store.connection, `SELECT DISTINCT ${dim.sql} AS v FROM ${table} WHERE dataset_id = $ds AND ${dim.sql} IS NOT NULL ORDER BY 1`, { ds: datasetId });
  return rows.map((r) => String(r.v));
}
