/**
 * Register records to and from rows: each kind's table and columns, and the
 * link tables it owns. Reading loads whole tables (the register is small: the
 * seed's had about 1,000 qualifications and 4,000 modules); writing inserts in
 * batches or rewrites one record with its links.
 */
import { sql, type Kysely } from 'kysely';
import { compareIds } from '../../core/register/ids.js';
import { COLLECTION, RECORD_KINDS, emptyRegister, type RecordKind, type RegisterData, type RegisterRecord } from '../../core/register/types.js';
import type { RegisterDb } from './schema.js';

export type Engine = 'duckdb' | 'postgres';

type Row = Record<string, unknown>;
// Tables are chosen by kind at run time; the specs below keep names and columns right.
type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface LinkSpec {
  field: string;
  table: string;
  owner: string;
  toRows(record: Row): Row[];
  fromRow(row: Row): unknown;
  /** Id of a link item, for sorting. */
  sortKey(item: unknown): string;
}

interface KindSpec {
  table: string;
  /** [domain field, column] for the record's own columns (id, status and version included). */
  columns: readonly (readonly [string, string])[];
  links: readonly LinkSpec[];
}

const common = [
  ['id', 'id'],
  ['status', 'status'],
  ['version', 'version'],
] as const;

function idLink(field: string, table: string, owner: string, column: string): LinkSpec {
  return {
    field,
    table,
    owner,
    toRows: (r) => (r[field] as string[]).map((id) => ({ [owner]: r.id, [column]: id })),
    fromRow: (row) => row[column],
    sortKey: (item) => item as string,
  };
}

function flagLink(field: string, table: string, owner: string, column: string, flag: string): LinkSpec {
  return {
    field,
    table,
    owner,
    toRows: (r) => (r[field] as Row[]).map((x) => ({ [owner]: r.id, [column]: x.id, [flag]: x[flag] })),
    fromRow: (row) => ({ id: row[column], [flag]: Boolean(row[flag]) }),
    sortKey: (item) => (item as Row).id as string,
  };
}

const areasLink = idLink('areas', 'register_item_areas', 'item_id', 'area_id');

export const KIND_SPECS: { readonly [K in RecordKind]: KindSpec } = {
  qualification: {
    table: 'register_qualifications',
    columns: [
      ...common,
      ['title', 'title'],
      ['key', 'key'],
      ['type', 'type'],
      ['awardingBody', 'awarding_body'],
      ['level', 'level'],
      ['learningHours', 'learning_hours'],
      ['unitCode', 'unit_code'],
      ['ssa', 'ssa'],
      ['notes', 'notes'],
      ['source', 'source'],
      ['sourceUrl', 'source_url'],
    ],
    links: [
      flagLink('parts', 'register_parts', 'qualification_id', 'part_id', 'mandatory'),
      idLink('prerequisites', 'register_prerequisites', 'qualification_id', 'required_id'),
      areasLink,
    ],
  },
  module: {
    table: 'register_modules',
    columns: [
      ...common,
      ['title', 'title'],
      ['unitCode', 'unit_code'],
      ['level', 'level'],
      ['learningHours', 'learning_hours'],
      ['notes', 'notes'],
      ['source', 'source'],
      ['sourceUrl', 'source_url'],
    ],
    links: [areasLink],
  },
  role: {
    table: 'register_roles',
    columns: [...common, ['name', 'name'], ['notes', 'notes']],
    links: [flagLink('qualifications', 'register_role_qualifications', 'role_id', 'qualification_id', 'key')],
  },
  clustering: { table: 'register_clusterings', columns: [...common, ['name', 'name'], ['notes', 'notes']], links: [] },
  cluster: {
    table: 'register_clusters',
    columns: [...common, ['clusteringId', 'clustering_id'], ['name', 'name'], ['notes', 'notes']],
    links: [idLink('roles', 'register_cluster_roles', 'cluster_id', 'role_id')],
  },
  framework: { table: 'register_frameworks', columns: [...common, ['name', 'name'], ['notes', 'notes']], links: [] },
  area: {
    table: 'register_areas',
    columns: [...common, ['frameworkId', 'framework_id'], ['name', 'name'], ['description', 'description'], ['position', 'position']],
    links: [],
  },
  provider: {
    table: 'register_providers',
    columns: [...common, ['name', 'name'], ['url', 'url'], ['notes', 'notes']],
    links: [
      {
        field: 'courses',
        table: 'register_provider_courses',
        owner: 'provider_id',
        toRows: (r) => (r.courses as Row[]).map((c) => ({ provider_id: r.id, qualification_id: c.qualificationId, hours: c.hours })),
        fromRow: (row) => ({ qualificationId: row.qualification_id, hours: row.hours === null ? null : Number(row.hours) }),
        sortKey: (item) => (item as Row).qualificationId as string,
      },
    ],
  },
};

/** Every table holding records or links (for wiping the register). */
export const RECORD_TABLES: readonly string[] = [...new Set(RECORD_KINDS.flatMap((k) => [KIND_SPECS[k].table, ...KIND_SPECS[k].links.map((l) => l.table)]))];

function toRow(kind: RecordKind, record: RegisterRecord): Row {
  const r = record as unknown as Row;
  return Object.fromEntries(KIND_SPECS[kind].columns.map(([f, c]) => [c, r[f] ?? null]));
}

function fromRow(kind: RecordKind, row: Row): Row {
  const out: Row = {};
  for (const [f, c] of KIND_SPECS[kind].columns) {
    const v = row[c];
    out[f] = typeof v === 'bigint' ? Number(v) : v === undefined ? null : v;
  }
  if ('key' in out) out.key = Boolean(out.key);
  for (const link of KIND_SPECS[kind].links) out[link.field] = [];
  return out;
}

/** Load records of one kind (all, or the ids given) with their links. */
export async function loadKind(db: RegisterDb, kind: RecordKind, ids?: readonly string[]): Promise<RegisterRecord[]> {
  const spec = KIND_SPECS[kind];
  const any = db as unknown as AnyDb;
  if (ids && ids.length === 0) return [];
  let q = any.selectFrom(spec.table).selectAll();
  if (ids) q = q.where('id', 'in', ids);
  const rows = (await q.execute()) as Row[];
  const records = rows.map((r) => fromRow(kind, r));
  const byId = new Map(records.map((r) => [r.id as string, r]));
  for (const link of spec.links) {
    let lq = any.selectFrom(link.table).selectAll();
    if (ids) lq = lq.where(link.owner, 'in', ids);
    for (const lr of (await lq.execute()) as Row[]) {
      const owner = byId.get(lr[link.owner] as string);
      if (owner) (owner[link.field] as unknown[]).push(link.fromRow(lr));
    }
    for (const r of records) (r[link.field] as unknown[]).sort((a, b) => compareIds(link.sortKey(a), link.sortKey(b)));
  }
  return (records as unknown as RegisterRecord[]).sort((a, b) => compareIds(a.id, b.id));
}

export async function loadOne(db: RegisterDb, kind: RecordKind, id: string): Promise<RegisterRecord | undefined> {
  return (await loadKind(db, kind, [id]))[0];
}

export async function loadAll(db: RegisterDb): Promise<RegisterData> {
  const data = emptyRegister();
  for (const kind of RECORD_KINDS) (data as unknown as Record<string, unknown>)[COLLECTION[kind]] = await loadKind(db, kind);
  return data;
}

// Column types for bulk inserts (a column name means the same in every table).
const BOOLEAN_COLUMNS = new Set(['key', 'mandatory', 'disabled']);
const INTEGER_COLUMNS = new Set(['level', 'learning_hours', 'version', 'position', 'next']);
const DOUBLE_COLUMNS = new Set(['hours']);

function duckDbType(column: string): string {
  return BOOLEAN_COLUMNS.has(column) ? 'BOOLEAN' : INTEGER_COLUMNS.has(column) ? 'INTEGER' : DOUBLE_COLUMNS.has(column) ? 'DOUBLE' : 'VARCHAR';
}

/**
 * Insert many rows. Binding one parameter per value costs DuckDB about 30
 * microseconds each (12,000 rows of 5 columns: 2 s), so the rows go as one
 * JSON parameter per batch that the database unpacks itself (DuckDB's
 * from_json, PostgreSQL's json_populate_recordset): 0.25 s for the same rows.
 */
export async function insertBatched(db: RegisterDb, engine: Engine, table: string, rows: readonly Row[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  const cols = sql.join(columns.map((c) => sql.ref(c)));
  for (let i = 0; i < rows.length; i += 5000) {
    const json = JSON.stringify(rows.slice(i, i + 5000));
    const source =
      engine === 'duckdb'
        ? sql`(SELECT unnest(from_json(${json}, ${JSON.stringify([Object.fromEntries(columns.map((c) => [c, duckDbType(c)]))])}), recursive := true))`
        : sql`json_populate_recordset(NULL::${sql.table(table)}, ${json}::json)`;
    await sql`INSERT INTO ${sql.table(table)} (${cols}) SELECT ${cols} FROM ${source} AS incoming`.execute(db);
  }
}

/** Insert new records of one kind with their links. */
export async function insertRecords(db: RegisterDb, engine: Engine, kind: RecordKind, records: readonly RegisterRecord[]): Promise<void> {
  const spec = KIND_SPECS[kind];
  await insertBatched(db, engine, spec.table, records.map((r) => toRow(kind, r)));
  for (const link of spec.links) await insertBatched(db, engine, link.table, records.flatMap((r) => link.toRows(r as unknown as Row)));
}

/**
 * Overwrite a stored record with `record` (whose version is the new one) if
 * the stored version is still `expected`; false when it is not (someone saved
 * first). Its links are replaced.
 */
export async function updateRecord(db: RegisterDb, engine: Engine, kind: RecordKind, record: RegisterRecord, expected: number): Promise<boolean> {
  const spec = KIND_SPECS[kind];
  const any = db as unknown as AnyDb;
  const { id: _id, ...values } = toRow(kind, record);
  const result = await any.updateTable(spec.table).set(values).where('id', '=', record.id).where('version', '=', expected).executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  for (const link of spec.links) {
    await any.deleteFrom(link.table).where(link.owner, '=', record.id).execute();
    await insertBatched(db, engine, link.table, link.toRows(record as unknown as Row));
  }
  return true;
}
