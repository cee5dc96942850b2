/**
 * Writing an imported dataset: the only SQL that writes the store's dataset
 * tables (schema.ts). The import (src/ingest) reads, validates and normalises
 * an extract into temporary relations (tables or views) holding exactly the
 * rows to store, with the columns listed here, and hands them over inside a
 * transaction; this module adds the dataset id and writes them. What was
 * written is then counted from the stored tables for the import report.
 */
import { ensureRecordKeySecret } from './record-keys.js';
import { queryRows, type Store, type Transaction } from './database.js';
import type { SourceFile } from './datasets.js';
import { insertDatasetMapping } from './mappings.js';
import { asEnteredSql } from './as-entered.js';

/** The columns each input relation must have (names as in schema.ts, without dataset_id). */
export const DATASET_INPUT_COLUMNS = {
  people: ['person_key', 'person_id', 'region', 'region_raw', 'characteristic_values'],
  qualifications: ['person_key', 'title', 'code', 'ssa', 'ssa_raw', 'level', 'type', 'achieved_on', 'highest', 'weight'],
  occupations: [
    'person_key', 'title', 'soc', 'soc_raw', 'soc_submajor', 'soc_major', 'employment_type', 'started_on',
    'ended_on', 'hours', 'pay', 'pay_period', 'contract', 'exit_reason',
  ],
  benefits: ['person_key', 'started_on', 'ended_on'],
  related: ['ssa', 'soc', 'related'],
} as const;

export interface DatasetInput {
  name: string;
  sourceDir: string;
  /** The column mapping used (kept as JSON). */
  columnMap: unknown;
  socVersion: '2010' | '2020';
  /** Relations with DATASET_INPUT_COLUMNS: people (person_key dense 0..n-1, their characteristics as a list) and their records. */
  people: string;
  /** The names of the characteristics, in the order of people's characteristic_values. */
  characteristicNames: string[];
  qualifications: string;
  occupations: string;
  /** The extract's benefits.csv (benefit claims), when it has one. */
  benefits?: string;
  /** The extract's related.csv, stored as the dataset's own related-occupation mapping. */
  related?: { mappingName: string; source: string; rows: string };
  files: SourceFile[];
}

export type WriteStep = 'qualifications' | 'occupations' | 'benefits';

export interface Written {
  id: number;
  people: number;
  characteristics: number;
  qualifications: number;
  occupations: number;
  benefits: number;
  related: { mappingId: number; rows: number } | null;
}

/** Write a new dataset from validated relations; `onStep` is called before each large write (it may throw to abort). */
export async function writeDataset(tx: Transaction, input: DatasetInput, onStep?: (step: WriteStep) => void): Promise<Written> {
  const c = tx.connection;
  // The store's record-key secret exists from the first import on, so a server can open the store read-only.
  await ensureRecordKeySecret(tx);
  const idRow = await queryRows<{ id: number }>(
    c,
    `INSERT INTO datasets (name, imported_at, source_dir, column_map, soc_version)
     VALUES ($name, CAST(now() AT TIME ZONE 'UTC' AS TIMESTAMP), $dir, $map, $soc) RETURNING dataset_id AS id`,
    { name: input.name, dir: input.sourceDir, map: JSON.stringify(input.columnMap), soc: input.socVersion },
  );
  const id = idRow[0].id;
  const copy = async (table: keyof typeof DATASET_INPUT_COLUMNS, from: string): Promise<number> => {
    const cols = DATASET_INPUT_COLUMNS[table].join(', ');
    const r = await c.run(`INSERT INTO ${table} (dataset_id, ${cols}) SELECT $id, ${cols} FROM ${from}`, { id });
    return Number(r.rowsChanged);
  };
  // People are found by person_key, never by row order, so DuckDB may write them in parallel;
  // qualifications and occupations keep file order (rowid is 'first listed' in pathways).
  const people = await unordered(tx, () => copy('people', input.people));
  // One statement for all names (a wide people.csv has thousands).
  await c.run(
    `INSERT INTO characteristic_names (dataset_id, position, name)
     SELECT $id, generate_subscripts(l, 1), unnest(l) FROM (SELECT from_json($names, '["VARCHAR"]') AS l)`,
    { id, names: JSON.stringify(input.characteristicNames) },
  );
  // Every person has a value (perhaps NULL) for every characteristic.
  const characteristics = people * input.characteristicNames.length;
  onStep?.('qualifications');
  const qualifications = await copy('qualifications', input.qualifications);
  onStep?.('occupations');
  const occupations = await copy('occupations', input.occupations);
  let benefits = 0;
  if (input.benefits) {
    onStep?.('benefits');
    benefits = await copy('benefits', input.benefits);
  }
  const related = input.related
    ? await insertDatasetMapping(tx, { name: input.related.mappingName, datasetId: id, source: input.related.source, rows: input.related.rows })
    : null;
  for (const f of input.files) {
    await c.run(`INSERT INTO source_files (dataset_id, file, rows, rejected, bytes, sha256) VALUES ($id, $file, $rows, $rej, $bytes, $sha)`, {
      id, file: f.file, rows: f.rows, rej: f.rejected, bytes: f.bytes, sha: f.sha256,
    });
  }
  return { id, people, characteristics, qualifications, occupations, benefits, related };
}

async function unordered<T>(tx: Transaction, work: () => Promise<T>): Promise<T> {
  await tx.connection.run('SET preserve_insertion_order = false');
  try {
    return await work();
  } finally {
    await tx.connection.run('RESET preserve_insertion_order');
  }
}

/** Keep the import report (as printed) with the dataset. */
export async function saveImportReport(tx: Transaction, datasetId: number, report: unknown): Promise<void> {
  await tx.connection.run(`UPDATE datasets SET report = $r WHERE dataset_id = $id`, { r: JSON.stringify(report), id: datasetId });
}

/** Who has which records, counted over a stored dataset (as in the DfE's linked-data method). */
export interface StoredLinkage {
  people: number;
  qualificationRecords: number;
  occupationRecords: number;
  peopleWithBoth: number;
  peopleWithQualificationsOnly: number;
  peopleWithOccupationsOnly: number;
  peopleWithNeither: number;
  /** What analyses of qualifications against occupations use: people with both, and their records. */
  intoAnalysis: { people: number; qualificationRecords: number; occupationRecords: number };
}

const LINKAGE_BLOCK_BITS = 16;
const LINKAGE_BLOCK_MASK = (1 << LINKAGE_BLOCK_BITS) - 1;

export async function storedLinkage(store: Pick<Store, 'connection'>, datasetId: number): Promise<StoredLinkage> {
  const c = store.connection;
  const count = await queryRows<{ n: bigint }>(c, `SELECT count(*) AS n FROM people WHERE dataset_id = $id`, { id: datasetId });
  const people = Number(count[0].n);
  const none = { people, qualificationRecords: 0, occupationRecords: 0, peopleWithBoth: 0, peopleWithQualificationsOnly: 0, peopleWithOccupationsOnly: 0 };
  if (people === 0) return { ...none, peopleWithNeither: 0, intoAnalysis: { people: 0, qualificationRecords: 0, occupationRecords: 0 } };
  // person_key is dense (0..people-1), so who has records is a bit string: a few passes over the
  // keys instead of a hash aggregate over millions of groups. The bits are kept in blocks of
  // 2^16 keys, one row per block, and records find theirs by a join on key >> 16: a single
  // 10M-bit constant is copied into every vector of records that reads it, more than twice the cost.
  const blocks = (table: string) =>
    `CREATE OR REPLACE TEMP TABLE routeways_linkage_${table} AS
     SELECT person_key >> ${LINKAGE_BLOCK_BITS} AS block, bitstring_agg(person_key & ${LINKAGE_BLOCK_MASK}, 0, ${LINKAGE_BLOCK_MASK}) AS bits
     FROM ${table} WHERE dataset_id = $id GROUP BY 1`;
  const inOther = (table: string, other: string) =>
    `(SELECT sum(get_bit(b.bits, r.person_key & ${LINKAGE_BLOCK_MASK})) AS into, count(*) AS n
      FROM ${table} r LEFT JOIN routeways_linkage_${other} b ON b.block = r.person_key >> ${LINKAGE_BLOCK_BITS} WHERE r.dataset_id = $id)`;
  let r: Record<string, bigint>[];
  try {
    await c.run(blocks('qualifications'), { id: datasetId });
    await c.run(blocks('occupations'), { id: datasetId });
    r = await queryRows<Record<string, bigint>>(
      c,
      `SELECT (SELECT sum(bit_count(bits)) FROM routeways_linkage_qualifications) AS with_q,
              (SELECT sum(bit_count(bits)) FROM routeways_linkage_occupations) AS with_o,
              (SELECT sum(bit_count(q.bits & o.bits)) FROM routeways_linkage_qualifications q JOIN routeways_linkage_occupations o USING (block)) AS both,
              q.n AS qrec, o.n AS orec, q.into AS aq, o.into AS ao
       FROM ${inOther('qualifications', 'occupations')} q, ${inOther('occupations', 'qualifications')} o`,
      { id: datasetId },
    );
  } finally {
    await c.run('DROP TABLE IF EXISTS routeways_linkage_qualifications');
    await c.run('DROP TABLE IF EXISTS routeways_linkage_occupations');
  }
  const x = Object.fromEntries(Object.entries(r[0]).map(([k, v]) => [k, Number(v ?? 0)]));
  return {
    people,
    qualificationRecords: x.qrec,
    occupationRecords: x.orec,
    peopleWithBoth: x.both,
    peopleWithQualificationsOnly: x.with_q - x.both,
    peopleWithOccupationsOnly: x.with_o - x.both,
    peopleWithNeither: people - (x.with_q + x.with_o - x.both),
    intoAnalysis: { people: x.both, qualificationRecords: x.aq, occupationRecords: x.ao },
  };
}

export interface UnmatchedValues {
  /** Rows whose non-blank value matched nothing in the classification. */
  rows: number;
  /** Distinct unmatched values. */
  values: number;
  /** The most frequent unmatched values. */
  top: { value: string; count: number }[];
  /** Rows with no value. */
  blank: number;
}

// code: what counts as matched; matched: the code stored *_raw is compared with (as-entered.ts).
const CLASSIFIED = {
  region: { table: 'people', code: 'region', matched: 'region', raw: 'region_raw' },
  ssa: { table: 'qualifications', code: 'ssa', matched: 'ssa', raw: 'ssa_raw' },
  soc: { table: 'occupations', code: 'soc_submajor', matched: 'soc', raw: 'soc_raw' },
} as const;

/** Values of a classified column kept as entered because they matched nothing, counted over the stored records. */
export async function unmatchedValues(store: Pick<Store, 'connection'>, datasetId: number, column: keyof typeof CLASSIFIED): Promise<UnmatchedValues> {
  const { table, code, matched, raw } = CLASSIFIED[column];
  const c = store.connection;
  // The value as entered: *_raw, or the code where *_raw is NULL for 'as the code' (a SOC code
  // of the right shape is kept as the code even when it has no sub-major group).
  const entered = asEnteredSql(raw, matched);
  const top = await queryRows<{ value: string; count: bigint }>(
    c,
    `SELECT ${entered} AS value, count(*) AS count FROM ${table}
     WHERE dataset_id = $id AND ${code} IS NULL AND ${entered} IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10`,
    { id: datasetId },
  );
  const t = await queryRows<{ rows: bigint; values: bigint; blank: bigint }>(
    c,
    `SELECT count(*) FILTER (WHERE ${code} IS NULL AND ${entered} IS NOT NULL) AS rows,
            count(DISTINCT ${entered}) FILTER (WHERE ${code} IS NULL) AS values,
            count(*) FILTER (WHERE ${entered} IS NULL) AS blank
     FROM ${table} WHERE dataset_id = $id`,
    { id: datasetId },
  );
  return { rows: Number(t[0].rows), values: Number(t[0].values), blank: Number(t[0].blank), top: top.map((x) => ({ value: x.value, count: Number(x.count) })) };
}
