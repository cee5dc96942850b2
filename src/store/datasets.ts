/**
 * Datasets in the store: list, look up, describe, delete. A dataset is one
 * import; every record row carries its `dataset_id`.
 */
import { InputError } from '../core/errors.js';
import { inTransaction, queryRows, type Store, type Transaction } from './database.js';

export interface SourceFile {
  file: string;
  rows: number;
  rejected: number;
  bytes: number;
  sha256: string;
}

export interface Dataset {
  id: number;
  name: string;
  importedAt: string; // ISO 8601, UTC
  sourceDir: string;
  socVersion: string | null;
  /** 'records' (imported from an extract) or 'counts' (count tables from a warehouse, `import-counts`: no records). */
  kind: 'records' | 'counts';
  columnMap: Record<string, Record<string, string>> | null;
  people: number;
  qualifications: number;
  occupations: number;
  files: SourceFile[];
}

interface DatasetRow {
  dataset_id: number;
  name: string;
  imported_at: Date;
  source_dir: string;
  soc_version: string | null;
  kind: string | null;
  column_map: string | null;
  people: bigint;
  qualifications: bigint;
  occupations: bigint;
}

const DATASET_SELECT = `
  SELECT d.dataset_id, d.name, d.imported_at, d.source_dir, d.soc_version, d.kind, CAST(d.column_map AS VARCHAR) AS column_map,
         (SELECT count(*) FROM people p WHERE p.dataset_id = d.dataset_id)
           + (SELECT coalesce(sum(c.people), 0) FROM count_regions c WHERE c.dataset_id = d.dataset_id) AS people,
         (SELECT count(*) FROM qualifications q WHERE q.dataset_id = d.dataset_id) AS qualifications,
         (SELECT count(*) FROM occupations o WHERE o.dataset_id = d.dataset_id) AS occupations
  FROM datasets d`;

async function toDataset(store: Store, r: DatasetRow): Promise<Dataset> {
  const files = await queryRows<{ file: string; rows: bigint; rejected: bigint; bytes: bigint; sha256: string }>(
    store.connection,
    `SELECT file, rows, rejected, bytes, sha256 FROM source_files WHERE dataset_id = $id ORDER BY file`,
    { id: r.dataset_id },
  );
  return {
    id: r.dataset_id,
    name: r.name,
    importedAt: toIso(r.imported_at),
    sourceDir: r.source_dir,
    socVersion: r.soc_version,
    kind: r.kind === 'counts' ? 'counts' : 'records',
    columnMap: r.column_map ? (JSON.parse(r.column_map) as Dataset['columnMap']) : null,
    people: Number(r.people),
    qualifications: Number(r.qualifications),
    occupations: Number(r.occupations),
    files: files.map((f) => ({ file: f.file, rows: Number(f.rows), rejected: Number(f.rejected), bytes: Number(f.bytes), sha256: f.sha256 })),
  };
}

function toIso(d: Date | string): string {
  // TIMESTAMP comes back as a Date read as UTC.
  return d instanceof Date ? d.toISOString() : new Date(`${d}Z`).toISOString();
}

/** All datasets, oldest first. */
export async function listDatasets(store: Store): Promise<Dataset[]> {
  const rows = await queryRows<DatasetRow>(store.connection, `${DATASET_SELECT} ORDER BY d.imported_at, d.dataset_id`);
  return Promise.all(rows.map((r) => toDataset(store, r)));
}

/** The dataset called `name`, or undefined. */
export async function findDataset(store: Store, name: string): Promise<Dataset | undefined> {
  const rows = await queryRows<DatasetRow>(store.connection, `${DATASET_SELECT} WHERE d.name = $name`, { name });
  return rows.length === 0 ? undefined : toDataset(store, rows[0]);
}

/** The dataset called `name`; throws InputError naming the datasets that exist when it is not there. */
export async function getDataset(store: Store, name: string): Promise<Dataset> {
  const found = await findDataset(store, name);
  if (found) return found;
  const names = (await queryRows<{ name: string }>(store.connection, `SELECT name FROM datasets ORDER BY name`)).map((r) => r.name);
  const known = names.length === 0 ? 'the store has no datasets yet' : `datasets in the store: ${names.join(', ')}`;
  throw new InputError(`no dataset named '${name}' in ${store.path} (${known})`);
}

/** The linkage and matching report stored at import (the ImportReport as JSON). */
export async function getImportReport(store: Store, datasetId: number): Promise<unknown> {
  const rows = await queryRows<{ report: string | null }>(
    store.connection,
    `SELECT CAST(report AS VARCHAR) AS report FROM datasets WHERE dataset_id = $id`,
    { id: datasetId },
  );
  return rows[0]?.report ? JSON.parse(rows[0].report) : null;
}

/** Delete every row of a dataset, in one transaction. Mappings imported with it (related.csv) go too. */
export async function deleteDataset(store: Store, name: string): Promise<Dataset> {
  const ds = await getDataset(store, name);
  await inTransaction(store, (tx) => deleteDatasetRows(tx, ds.id));
  return ds;
}

/** The deletes, inside a caller's transaction (import --replace runs them in the import's). */
export async function deleteDatasetRows(tx: Transaction, datasetId: number): Promise<void> {
  const c = tx.connection;
  const id = { id: datasetId };
  await c.run(`DELETE FROM mapping_rows WHERE mapping_id IN (SELECT mapping_id FROM mappings WHERE dataset_id = $id)`, id);
  await c.run(`DELETE FROM mappings WHERE dataset_id = $id`, id);
  for (const table of ['count_regions', 'count_patterns', 'count_pattern_items', 'count_pathways', 'coding_results', 'benefits', 'characteristic_names', 'qualifications', 'occupations', 'people', 'source_files', 'datasets']) {
    await c.run(`DELETE FROM ${table} WHERE dataset_id = $id`, id);
  }
}

export interface Count {
  /** The stored code or value; null when blank or (with `unmatched`) not matched. */
  value: string | null;
  count: number;
  /** Classified columns: the value as entered matched nothing in the classification. */
  unmatched?: boolean;
}

export interface DatasetDescription {
  dataset: Dataset;
  byRegion: Count[];
  bySsa: Count[];
  byLevel: Count[];
  byType: Count[];
  bySocMajor: Count[];
  byEmploymentType: Count[];
  topQualifications: Count[];
  topOccupations: Count[];
  characteristics: { name: string; values: number; top: Count[] }[];
  linkage: {
    people: number;
    withBoth: number;
    qualificationsOnly: number;
    occupationsOnly: number;
    neither: number;
  };
}

async function counts(store: Store, sql: string, id: number): Promise<Count[]> {
  const rows = await queryRows<{ value: unknown; count: bigint; unmatched?: boolean }>(store.connection, sql, { id });
  return rows.map((r) => ({
    value: r.value === null || r.value === undefined ? null : String(r.value),
    count: Number(r.count),
    ...(r.unmatched ? { unmatched: true } : {}),
  }));
}

/**
 * What landed in a dataset: counts by region (people), SSA, level and type
 * (qualification records), SOC major group and employment type (occupation
 * records), the most frequent titles, and the characteristic columns.
 * Codes are returned as stored; the CLI adds classification titles.
 */
export async function describeDataset(store: Store, name: string, top = 10): Promise<DatasetDescription> {
  const dataset = await getDataset(store, name);
  if (dataset.kind === 'counts') {
    throw new InputError(`dataset '${name}' holds counts from a warehouse (import-counts), not records: describe lists records; its ${dataset.people} people are in the warehouse (routeways datasets --json shows its source files)`);
  }
  const id = dataset.id;
  const by = (table: string, column: string) =>
    counts(store, `SELECT ${column} AS value, count(*) AS count FROM ${table} WHERE dataset_id = $id GROUP BY 1 ORDER BY 2 DESC, 1 NULLS LAST`, id);
  // Classified columns: blank and unmatched (kept as entered in `raw`) are counted apart.
  const byClass = (table: string, column: string, raw: string) =>
    counts(
      store,
      `SELECT ${column} AS value, (${column} IS NULL AND ${raw} IS NOT NULL) AS unmatched, count(*) AS count
       FROM ${table} WHERE dataset_id = $id GROUP BY 1, 2 ORDER BY 3 DESC, 1 NULLS LAST, 2`,
      id,
    );
  const topTitles = (table: string) =>
    counts(store, `SELECT title AS value, count(*) AS count FROM ${table} WHERE dataset_id = $id GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${top}`, id);

  const charNames = await queryRows<{ name: string; values: bigint }>(
    store.connection,
    `SELECT name, count(DISTINCT value) AS values FROM characteristics WHERE dataset_id = $id GROUP BY name ORDER BY name`,
    { id },
  );
  const characteristics = [];
  for (const c of charNames) {
    const topValues = await queryRows<{ value: string | null; count: bigint }>(
      store.connection,
      `SELECT value, count(*) AS count FROM characteristics WHERE dataset_id = $id AND name = $name GROUP BY 1 ORDER BY 2 DESC, 1 NULLS LAST LIMIT ${top}`,
      { id, name: c.name },
    );
    characteristics.push({ name: c.name, values: Number(c.values), top: topValues.map((r) => ({ value: r.value, count: Number(r.count) })) });
  }
  const link = await queryRows<{ people: bigint; both: bigint; q_only: bigint; o_only: bigint; neither: bigint }>(
    store.connection,
    `WITH q AS (SELECT DISTINCT person_key FROM qualifications WHERE dataset_id = $id),
          o AS (SELECT DISTINCT person_key FROM occupations WHERE dataset_id = $id),
          p AS (SELECT person_key, person_key IN (SELECT person_key FROM q) AS hq, person_key IN (SELECT person_key FROM o) AS ho
                FROM people WHERE dataset_id = $id)
     SELECT count(*) AS people,
            count(*) FILTER (WHERE hq AND ho) AS both,
            count(*) FILTER (WHERE hq AND NOT ho) AS q_only,
            count(*) FILTER (WHERE ho AND NOT hq) AS o_only,
            count(*) FILTER (WHERE NOT hq AND NOT ho) AS neither
     FROM p`,
    { id },
  );
  const l = link[0];
  return {
    dataset,
    byRegion: await byClass('people', 'region', 'region_raw'),
    bySsa: await byClass('qualifications', 'ssa', 'ssa_raw'),
    byLevel: await by('qualifications', 'level'),
    byType: await by('qualifications', 'type'),
    bySocMajor: await byClass('occupations', 'soc_major', 'soc_raw'),
    byEmploymentType: await by('occupations', 'employment_type'),
    topQualifications: await topTitles('qualifications'),
    topOccupations: await topTitles('occupations'),
    characteristics,
    linkage: {
      people: Number(l.people),
      withBoth: Number(l.both),
      qualificationsOnly: Number(l.q_only),
      occupationsOnly: Number(l.o_only),
      neither: Number(l.neither),
    },
  };
}
