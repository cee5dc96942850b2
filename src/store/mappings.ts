/**
 * Related-occupation mappings in the store (tables `mappings`, `mapping_rows`):
 * named and versioned. Importing a name again adds the next version; analyses
 * use the latest unless asked for `name@version`. The DfE's own mapping
 * (data/related/dfe-2020.csv) is the default and is put in the store the
 * first time it is needed.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'csv-parse/sync';
import { InputError } from '../core/errors.js';
import { parseMappingRecords } from '../core/pathways/mapping.js';
import type { MappingRow, RelatedMapping } from '../core/pathways/types.js';
import { dataDir, loadClassifications } from '../reference/classifications.js';
import { inTransaction, queryRows, type Store, type Transaction } from './database.js';

/** The mapping the project ships and uses by default. */
export const DEFAULT_MAPPING = 'dfe-2020';

export interface MappingInfo {
  id: number;
  name: string;
  version: number;
  /** Set when imported with a dataset (its related.csv). */
  datasetId: number | null;
  source: string;
  /** ISO time. */
  createdAt: string;
  rows: number;
  relatedRows: number;
}

export interface ImportMappingOptions {
  name: string;
  datasetId?: number | null;
  /** Where the rows came from (file path, "related.csv of dataset X"...). */
  source: string;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * Store `rows` as the next version of the mapping `name` (version 1 if new),
 * in one transaction. Rows must already be valid (parseMappingRecords).
 * (An extract's related.csv is written with its dataset: insertDatasetMapping.)
 */
export async function importMapping(store: Pick<Store, 'connection'>, rows: MappingRow[], options: ImportMappingOptions): Promise<MappingInfo> {
  if (!NAME.test(options.name)) {
    throw new InputError(`mapping name '${options.name}' is not usable; use letters, digits, '.', '_' or '-' (up to 64), starting with a letter or digit`);
  }
  if (rows.length === 0) throw new InputError(`mapping '${options.name}' has no rows`);
  let id: number;
  try {
    id = await inTransaction(store, (tx) => insertMapping(tx, rows, options));
  } catch (err) {
    if (err instanceof Error && /Constraint|Duplicate key/i.test(err.message)) {
      throw new InputError(`mapping '${options.name}' has the same SSA and SOC pair twice, or was imported twice at once: ${err.message}`);
    }
    throw err;
  }
  const info = (await listMappings(store, { includeDefault: false })).find((m) => m.id === id);
  return info!;
}

/** The next version of a mapping and its rows; returns the new mapping id. */
async function insertMapping(tx: Transaction, rows: MappingRow[], options: ImportMappingOptions): Promise<number> {
  const c = tx.connection;
  const id = await insertMappingVersion(tx, options);
  // Rows are validated codes; insert in chunks with parameters.
  for (let i = 0; i < rows.length; i += 200) {
    const chunk = rows.slice(i, i + 200);
    const params: (string | number | boolean)[] = [];
    const values = chunk.map((r, j) => {
      params.push(id, r.ssa, r.soc, r.related);
      const b = j * 4;
      return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4})`;
    });
    await c.run(`INSERT INTO mapping_rows (mapping_id, ssa, soc, related) VALUES ${values.join(', ')}`, params);
  }
  return id;
}

/** A new row in `mappings`: the next version of `name` (1 if new). */
async function insertMappingVersion(tx: Transaction, options: ImportMappingOptions): Promise<number> {
  const ins = await queryRows<{ id: number }>(
    tx.connection,
    `INSERT INTO mappings (name, version, dataset_id, source, created_at)
     SELECT $name, coalesce((SELECT max(version) FROM mappings WHERE name = $name), 0) + 1, $dataset, $source,
            CAST(now() AT TIME ZONE 'UTC' AS TIMESTAMP)
     RETURNING mapping_id AS id`,
    { name: options.name, dataset: options.datasetId ?? null, source: options.source },
  );
  return Number(ins[0].id);
}

/**
 * A dataset's own mapping (an extract's related.csv), written with the dataset:
 * `rows` is a relation (table or view) with columns ssa, soc, related, already
 * validated and matched to codes. Returns the mapping id and rows written.
 */
export async function insertDatasetMapping(
  tx: Transaction,
  options: { name: string; datasetId: number; source: string; rows: string },
): Promise<{ mappingId: number; rows: number }> {
  const mappingId = await insertMappingVersion(tx, options);
  const r = await tx.connection.run(
    `INSERT INTO mapping_rows (mapping_id, ssa, soc, related) SELECT $id, ssa, soc, related FROM ${options.rows}`,
    { id: mappingId },
  );
  return { mappingId, rows: Number(r.rowsChanged) };
}

interface MappingRecord {
  id: number;
  name: string;
  version: number;
  dataset_id: number | null;
  source: string;
  created_at: Date | string;
  rows: bigint | number;
  related_rows: bigint | number;
}

/** Every version of every mapping, by name then version. Puts the default mapping in the store first unless told not to. */
export async function listMappings(store: Pick<Store, 'connection'>, options: { includeDefault?: boolean } = {}): Promise<MappingInfo[]> {
  if (options.includeDefault ?? true) await ensureDefaultMapping(store);
  const rows = await queryRows<MappingRecord>(
    store.connection,
    `SELECT m.mapping_id AS id, m.name, m.version, m.dataset_id, m.source, m.created_at,
            count(r.mapping_id) AS rows, count(*) FILTER (WHERE r.related) AS related_rows
       FROM mappings m LEFT JOIN mapping_rows r USING (mapping_id)
      GROUP BY ALL ORDER BY m.name, m.version`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    name: r.name,
    version: Number(r.version),
    datasetId: r.dataset_id === null ? null : Number(r.dataset_id),
    source: r.source,
    createdAt: r.created_at instanceof Date ? r.created_at.toISOString() : new Date(`${r.created_at}Z`).toISOString(),
    rows: Number(r.rows),
    relatedRows: Number(r.related_rows),
  }));
}

async function hasDatasetMapping(store: Pick<Store, 'connection'>, datasetId?: number): Promise<boolean> {
  if (datasetId === undefined) return false;
  const rows = await queryRows<{ n: bigint }>(store.connection, `SELECT count(*) AS n FROM mappings WHERE dataset_id = $d`, { d: datasetId });
  return Number(rows[0]?.n ?? 0) > 0;
}

/** The shipped default mapping's file. */
export function defaultMappingFile(): string {
  return join(dataDir(), 'related', `${DEFAULT_MAPPING}.csv`);
}

/** Put the shipped DfE mapping in the store as `dfe-2020` version 1 if it is not there. */
export async function ensureDefaultMapping(store: Pick<Store, 'connection'>): Promise<void> {
  const have = await queryRows<{ n: bigint }>(store.connection, `SELECT count(*) AS n FROM mappings WHERE name = $name`, { name: DEFAULT_MAPPING });
  if (Number(have[0].n) > 0) return;
  const file = defaultMappingFile();
  await importMapping(store, readMappingFile(file), {
    name: DEFAULT_MAPPING,
    source: `DfE (2020) Occupational pathways of technical qualifications, Annex D table 10 (${relative(join(dataDir(), '..'), file)})`,
  });
}

/** Read and check a mapping CSV file (ssa, soc, related). SSA titles are matched with the shipped classification. */
export function readMappingFile(file: string): MappingRow[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read the mapping file: ${(err as Error).message}`, { file });
  }
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true });
  } catch (err) {
    throw new InputError(`the mapping file is not valid CSV: ${(err as Error).message}`, { file });
  }
  const cls = loadClassifications();
  return parseMappingRecords(records, file, { matchSsa: (v) => cls.matchSsa(v) });
}

/**
 * The mapping to use: `ref` is `name` (latest version) or `name@version`.
 * Without a ref: the latest mapping imported with the dataset, else the default.
 */
export async function loadMapping(store: Pick<Store, 'connection'>, ref?: string, datasetId?: number): Promise<RelatedMapping> {
  try {
    await ensureDefaultMapping(store);
  } catch (err) {
    // A store opened read-only (the API server) cannot take the default in: read it from its file.
    if (!/read-only|read only/i.test(String(err))) throw err;
    if ((ref === undefined || ref === '' || ref === DEFAULT_MAPPING || ref === `${DEFAULT_MAPPING}@1`) && !(await hasDatasetMapping(store, datasetId))) {
      return { name: DEFAULT_MAPPING, version: 1, rows: readMappingFile(defaultMappingFile()) };
    }
  }
  let row: { id: number; name: string; version: number } | undefined;
  if (ref === undefined || ref === '') {
    if (datasetId !== undefined) {
      row = (
        await queryRows<{ id: number; name: string; version: number }>(
          store.connection,
          `SELECT mapping_id AS id, name, version FROM mappings WHERE dataset_id = $d ORDER BY created_at DESC, mapping_id DESC LIMIT 1`,
          { d: datasetId },
        )
      )[0];
    }
    ref ??= DEFAULT_MAPPING;
    if (ref === '') ref = DEFAULT_MAPPING;
  }
  if (!row) {
    const m = /^(.*?)(?:@(\d+))?$/.exec(ref!)!;
    const [name, version] = [m[1], m[2] === undefined ? undefined : Number(m[2])];
    row = (
      await queryRows<{ id: number; name: string; version: number }>(
        store.connection,
        `SELECT mapping_id AS id, name, version FROM mappings WHERE name = $name ${version === undefined ? '' : 'AND version = $version'}
          ORDER BY version DESC LIMIT 1`,
        version === undefined ? { name } : { name, version },
      )
    )[0];
    if (!row) {
      const names = (await listMappings(store)).map((x) => `${x.name}@${x.version}`);
      throw new InputError(`no mapping '${ref}' in the store (mappings: ${names.join(', ')}); import one with: routeways mapping import <file> --name ${name}`);
    }
  }
  const rows = await queryRows<{ ssa: string; soc: string; related: boolean }>(
    store.connection,
    `SELECT ssa, soc, related FROM mapping_rows WHERE mapping_id = $id ORDER BY ssa, soc`,
    { id: Number(row.id) },
  );
  return { name: row.name, version: Number(row.version), rows };
}
