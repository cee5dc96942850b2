/**
 * Importing an outcome extract as a named dataset.
 *
 * 1. Files and headers: the files present (CSV or Parquet, extract-files.ts),
 *    required columns there after the column mapping (headers.ts).
 * 2. Staging: each file read, all text, into a temp table (staging.ts).
 * 3. Validation in SQL (validate.ts, characteristics.ts), then the employment
 *    histories' rules (histories.ts: reversed or overlapping spells and
 *    claims, pay without a period); problems get their
 *    lines and all go to the rejects CSV beside the store. Any problem stops
 *    the import before anything is written, unless `skipInvalid` (then the
 *    rows with problems are left out).
 * 4. Classification values matched (distinct values only), and the validated
 *    rows set out as the relations the store writes (relations.ts).
 * 5. One transaction: the store writes the dataset (src/store/write-dataset.ts;
 *    with `replace`, after deleting the old one); a failure or an interruption
 *    leaves the store as it was.
 * 6. The linkage report (import-report.ts), kept with the dataset.
 */
import { existsSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Classifications } from '../core/classify/classifications.js';
import { UsageError } from '../core/errors.js';
import { inTransaction, queryRows, type Store, type Transaction } from '../store/database.js';
import { deleteDatasetRows, findDataset, type Dataset, type SourceFile } from '../store/datasets.js';
import { saveImportReport, writeDataset } from '../store/write-dataset.js';
import { profileCharacteristics, type CharacteristicColumn } from './characteristics.js';
import { loadClassifications } from '../reference/classifications.js';
import type { ColumnMap } from './column-map.js';
import { checksum, type CsvEncoding } from './csv-file.js';
import { locateExtract } from './extract-files.js';
import type { ExtractFileName } from './extract-format.js';
import { readHeaders, type FileHeader } from './headers.js';
import { linkageReport, orphans, unmatchedReport, type ImportReport, type LookupCounts, type Orphans } from './import-report.js';
import { buildLookup, regionMatcher, socMatcher, ssaMatcher } from './match-values.js';
import { PROBLEMS_TABLE, collectProblems, createProblemsTable, problemCounts } from './problem-table.js';
import { refuseImport, type Problem } from './problems.js';
import { validateHistories } from './histories.js';
import { createRelations, type Relations, type StagedExtract } from './relations.js';
import { stageFile, type Staged } from './staging.js';
import { validateRelated, validateStaged } from './validate.js';

export interface ImportOptions {
  /** Dataset name: letters, digits, '.', '_' and '-'. */
  name: string;
  map?: ColumnMap;
  /** Import the valid rows and list the rest in the rejects file. */
  skipInvalid?: boolean;
  /** Replace a dataset of the same name (in the same transaction). */
  replace?: boolean;
  /** Text encoding of CSV files (Parquet text is UTF-8). */
  encoding?: CsvEncoding;
  /** SOC version the extract's codes follow (for titles); codes group the same in both. */
  socVersion?: '2010' | '2020';
  /** Rejects CSV path; default `<store>.<dataset>.rejects.csv` beside the store. */
  rejectsPath?: string;
  /**
   * Runs inside the import's transaction once the dataset is written (import
   * --code codes its titles here); what it returns goes into the report as
   * `coding`. A throw rolls the whole import back.
   */
  afterWrite?: (tx: Transaction, dataset: { id: number; socVersion: '2010' | '2020' }) => Promise<unknown>;
  /** Called as work advances; `phase` names the step. May throw to abort (the store is left as it was). */
  onProgress?: (done: number, total: number, phase?: string) => void;
}

export type { FileReport, ImportReport, LinkageReport, UnmatchedReport } from './import-report.js';
export { ImportError, SHOWN_PROBLEMS } from './problems.js';
export { parseBoolean } from './characteristics.js';
export { fileSpec } from './extract-format.js';

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Rejects CSV beside the store: `<store>.<dataset>.rejects.csv`. */
export function rejectsPathFor(store: Store, name: string): string {
  return join(dirname(store.path), `${basename(store.path).replace(/\.duckdb$/i, '')}.${name}.rejects.csv`);
}

/** One import's settings and where it reports. */
interface Run {
  store: Store;
  c: DuckDBConnection;
  options: ImportOptions;
  dir: string;
  rejectsFile: string;
  warnings: string[];
  started: number;
  /** Bytes of all files: progress runs to twice this (reading, then the rest). */
  totalBytes: number;
  /** Report progress at `share` x totalBytes. */
  progress(share: number, phase: string): void;
}

/** What validation found. */
interface Checked {
  problemCount: number;
  first: Problem[];
  rejectedByFile: Map<string, number>;
  /** Some rows are rejected by SQL checks (so the relations leave them out). */
  sqlRejects: boolean;
  characteristics: CharacteristicColumn[];
  /** Each file's text fields that need no trimming. */
  tidy: Map<Staged, ReadonlySet<string>>;
}

export async function importExtract(store: Store, folder: string, options: ImportOptions): Promise<ImportReport> {
  const started = Date.now();
  if (!NAME_RE.test(options.name)) {
    throw new UsageError(`dataset name '${options.name}' is not allowed; use letters, digits, '.', '_' or '-' (at most 64, starting with a letter or digit)`);
  }
  const { dir, files } = locateExtract(folder);
  const existing = await findDataset(store, options.name);
  if (existing && !options.replace) {
    throw new UsageError(
      `a dataset named '${options.name}' already exists in ${store.path} (imported ${existing.importedAt}); pass --replace to replace it, or choose another --name`,
    );
  }
  const rejectsFile = options.rejectsPath ?? rejectsPathFor(store, options.name);
  const read = await readHeaders(store.connection, files, options.encoding ?? 'utf-8', options.map ?? {});
  if (read.problems.length > 0) await refuseImport(read.problems, read.problems.length, rejectsFile, 'the extract\'s headers are not as expected');
  const totalBytes = files.reduce((a, f) => a + f.bytes, 0);
  const run: Run = {
    store, c: store.connection, options, dir, rejectsFile, warnings: read.warnings, started, totalBytes,
    progress: (share, phase) => options.onProgress?.(Math.min(totalBytes * 2, Math.round(totalBytes * share)), totalBytes * 2, phase),
  };
  const sums = read.headers.map((h) => checksum(h.path));
  sums.forEach((p) => p.catch(() => undefined));
  try {
    const staged = await stageAll(run, read.headers);
    const fileSums = await Promise.all(sums);
    staged.forEach((s, i) => (s.mayHoldNul = s.format === 'parquet' || fileSums[i].hasNul));
    const checked = await validateAll(run, staged);
    run.progress(1.2, 'matching classifications');
    const relations = await prepare(run, staged, checked);
    const files: SourceFile[] = staged.map((s, i) => ({
      file: s.file, rows: s.records, rejected: checked.rejectedByFile.get(s.file) ?? 0, bytes: fileSums[i].bytes, sha256: fileSums[i].sha256,
    }));
    const report = await inTransaction(store, (tx) => writeAndReport(run, tx, { existing, staged, checked, relations, files }), {
      beforeCommit: () => run.progress(2, 'committing'),
    });
    report.seconds = (Date.now() - started) / 1000;
    return report;
  } finally {
    await dropImportTables(run.c);
  }
}

const STAGING_TABLES: Record<ExtractFileName, string> = {
  'people.csv': 'stg_people',
  'qualifications.csv': 'stg_qualifications',
  'occupations.csv': 'stg_occupations',
  'related.csv': 'stg_related',
  'benefits.csv': 'stg_benefits',
};

/** The staged file of one kind (people, qualifications and occupations are always there). */
const stagedOf = (staged: Staged[], file: ExtractFileName): Staged | undefined => staged.find((s) => s.spec.file === file);

async function stageAll(run: Run, headers: FileHeader[]): Promise<Staged[]> {
  const staged: Staged[] = [];
  let doneBytes = 0;
  for (const h of headers) {
    const phase = `reading ${h.file}`;
    const s = await stageFile(run.c, {
      spec: h.spec, file: h.file, path: h.path, format: h.format, table: STAGING_TABLES[h.spec.file], header: h.header,
      sourceColumns: h.sourceColumns, resolved: h.resolved, encoding: run.options.encoding ?? 'utf-8',
      onProgress: (f) => run.progress((doneBytes + f * h.bytes) / run.totalBytes, phase),
    });
    doneBytes += h.bytes;
    run.progress(doneBytes / run.totalBytes, phase);
    staged.push(s);
  }
  const empty: Problem[] = staged
    .filter((s) => s.records === 0 && !s.spec.optional)
    .map((s) =>
      s.format === 'csv'
        ? { file: s.file, line: 2, problem: 'the file has a header row but no records', expected: 'one record per line after the header' }
        : { file: s.file, problem: 'the file has no rows', expected: 'one row per record' },
    );
  if (empty.length > 0) await refuseImport(empty, empty.length, run.rejectsFile, 'the extract has empty files');
  return staged;
}

/** Check every value; refuse the import on any problem unless --skip-invalid. */
async function validateAll(run: Run, staged: Staged[]): Promise<Checked> {
  const { c } = run;
  run.progress(1, 'checking');
  await createProblemsTable(c);
  const tidy = new Map<Staged, ReadonlySet<string>>();
  for (const [i, s] of staged.entries()) tidy.set(s, (await validateStaged(c, i, s)).tidy);
  const { columns: characteristics } = await profileCharacteristics(c, 0, staged[0]);
  const related = staged.findIndex((s) => s.spec.file === 'related.csv');
  if (related >= 0) await validateRelated(c, related, staged[related], classifications());
  const occupations = staged.findIndex((s) => s.spec.file === 'occupations.csv');
  const benefits = staged.findIndex((s) => s.spec.file === 'benefits.csv');
  await validateHistories(c, {
    occupations: staged[occupations], occupationsNo: occupations,
    ...(benefits >= 0 ? { benefits: staged[benefits], benefitsNo: benefits } : {}),
  });
  const structural = staged.reduce((a, s) => a + s.structural.length, 0);
  const sql = await problemCounts(c);
  const problemCount = sql.total + structural;
  const rejectedByFile = new Map(staged.map((s) => [s.file, s.structural.length + (sql.rowsByFile.get(s.file) ?? 0)]));
  let first: Problem[] = [];
  if (problemCount > 0) {
    first = await collectProblems(c, staged, run.rejectsFile);
    if (!run.options.skipInvalid) await refuseImport(first, problemCount, run.rejectsFile, null);
  } else if (existsSync(run.rejectsFile)) {
    rmSync(run.rejectsFile); // an old list would mislead
  }
  return { problemCount, first, rejectedByFile, sqlRejects: sql.total > 0, characteristics, tidy };
}

let loaded: Classifications | undefined;
const classifications = (): Classifications => (loaded ??= loadClassifications());

/** Classification lookups, then the relations the store writes. */
async function prepare(run: Run, staged: Staged[], checked: Checked): Promise<Relations> {
  const { c } = run;
  const x: StagedExtract = {
    people: staged[0], qualifications: staged[1], occupations: staged[2],
    related: stagedOf(staged, 'related.csv'), benefits: stagedOf(staged, 'benefits.csv'),
  };
  const cl = classifications();
  await buildLookup(c, 'lk_region', x.people.table, x.people.col('region')!, regionMatcher(cl));
  const ssa = x.qualifications.col('ssa');
  if (ssa) await buildLookup(c, 'lk_ssa', x.qualifications.table, ssa, ssaMatcher(cl));
  const soc = x.occupations.col('soc');
  if (soc) await buildLookup(c, 'lk_soc', x.occupations.table, soc, socMatcher(cl));
  if (checked.sqlRejects) {
    await c.run(`CREATE OR REPLACE TEMP TABLE import_rejected AS SELECT DISTINCT file_no, rid FROM ${PROBLEMS_TABLE} WHERE rid IS NOT NULL`);
  }
  return createRelations(c, x, {
    rejected: checked.sqlRejects ? 'import_rejected' : null,
    fileNo: (s) => staged.indexOf(s),
    // Rows of people.csv rejected in SQL leave gaps in the staging row numbers (those DuckDB could not read were never staged).
    peopleRejected: (checked.rejectedByFile.get(x.people.file) ?? 0) > x.people.structural.length,
    characteristics: checked.characteristics,
    tidy: (s) => checked.tidy.get(s) ?? new Set(),
  });
}

/** Inside the transaction: replace, write, count what was written, keep the report. */
async function writeAndReport(
  run: Run,
  tx: Transaction,
  w: { existing: Dataset | undefined; staged: Staged[]; checked: Checked; relations: Relations; files: SourceFile[] },
): Promise<ImportReport> {
  const { c, options } = run;
  const { staged } = w;
  run.progress(1.3, 'writing');
  if (w.existing) await deleteDatasetRows(tx, w.existing.id);
  const socVersion = options.socVersion ?? '2020';
  const related = stagedOf(staged, 'related.csv');
  const written = await writeDataset(
    tx,
    {
      name: options.name, sourceDir: run.dir, columnMap: options.map ?? {}, socVersion, files: w.files,
      people: w.relations.people, characteristicNames: w.relations.characteristicNames,
      qualifications: w.relations.qualifications, occupations: w.relations.occupations, benefits: w.relations.benefits,
      related: related && { mappingName: `${options.name}-related`, source: related.path, rows: w.relations.related! },
    },
    (step) => run.progress(step === 'qualifications' ? 1.45 : step === 'occupations' ? 1.7 : 1.8, `writing ${step}`),
  );
  // Records of ids not in people.csv were left out by the join; name them only when there are some.
  const [q, o] = [staged[1], staged[2]];
  // The rows that went in are known without counting them: those read less those rejected.
  const orphansOf = (s: Staged, linked: number) =>
    orphans(c, w.relations.rowsOf(s), s.col('person_id')!, { total: s.records - (w.checked.rejectedByFile.get(s.file) ?? 0), linked });
  const orphanQ = await orphansOf(q, written.qualifications);
  const orphanO = await orphansOf(o, written.occupations);
  const b = stagedOf(staged, 'benefits.csv');
  const orphanB = b ? await orphansOf(b, written.benefits) : null;
  run.progress(1.9, 'linkage report');
  const linkage = await linkageReport(c, written.id, orphanQ, orphanO);
  if (linkage.intoAnalysis.people === 0) run.warnings.push('no person has both a qualification and an occupation: the analyses will have nothing to work on');
  // Unmatched values are reported as the extract had them, before any coding fills codes in.
  const unmatched = await unmatchedReport(c, written.id, {
    region: lookupCounts(w.checked, staged[0], 'region', written.people, null),
    ssa: lookupCounts(w.checked, q, 'ssa', written.qualifications, orphanQ),
    soc: lookupCounts(w.checked, o, 'soc', written.occupations, orphanO),
  });
  let coding: unknown;
  if (options.afterWrite) {
    run.progress(1.95, 'coding titles');
    coding = await options.afterWrite(tx, { id: written.id, socVersion });
  }
  const report: ImportReport = {
    dataset: options.name, datasetId: written.id, store: run.store.path, sourceDir: run.dir, socVersion, replaced: !!w.existing,
    files: staged.map((s, i) => ({ ...w.files[i], columns: s.header, unknownColumns: s.resolved.unknown })),
    characteristics: w.checked.characteristics.map((x) => x.header),
    problems: w.checked.problemCount,
    firstProblems: w.checked.first,
    rejectsFile: w.checked.problemCount > 0 ? run.rejectsFile : null,
    linkage,
    unmatched,
    related: written.related,
    benefits: orphanB && {
      claims: written.benefits, people: await claimants(c, written.id), idsNotInPeople: orphanB.ids, claimsNotInPeople: orphanB.records,
    },
    warnings: run.warnings,
    seconds: (Date.now() - run.started) / 1000,
    ...(options.afterWrite ? { coding } : {}),
  };
  await saveImportReport(tx, written.id, report);
  return report;
}

/** A file's lookup counts every row written when the file has the column and none of its rows were left out. */
function lookupCounts(checked: Checked, s: Staged, column: 'region' | 'ssa' | 'soc', rows: number, left: Orphans | null): LookupCounts | undefined {
  const whole = !!s.col(column) && (checked.rejectedByFile.get(s.file) ?? 0) === 0 && (left?.records ?? 0) === 0;
  return whole ? { lookup: `lk_${column}`, code: column === 'soc' ? 'sub' : 'code', rows } : undefined;
}

async function claimants(c: DuckDBConnection, datasetId: number): Promise<number> {
  const r = await queryRows<{ n: bigint }>(c, `SELECT count(DISTINCT person_key) AS n FROM benefits WHERE dataset_id = $id`, { id: datasetId });
  return Number(r[0].n);
}

/** Drop this import's temp tables and views (staging, lookups, problems, relations). */
async function dropImportTables(c: DuckDBConnection): Promise<void> {
  const ours = (col: string) => `(${col} LIKE 'stg\\_%' ESCAPE '\\' OR ${col} LIKE 'lk\\_%' ESCAPE '\\' OR ${col} LIKE 'import\\_%' ESCAPE '\\')`;
  const views = await queryRows<{ name: string }>(c, `SELECT view_name AS name FROM duckdb_views() WHERE temporary AND ${ours('view_name')}`).catch(() => []);
  for (const v of views) await c.run(`DROP VIEW IF EXISTS temp.main.${v.name}`).catch(() => undefined);
  const tables = await queryRows<{ name: string }>(c, `SELECT table_name AS name FROM duckdb_tables() WHERE temporary AND ${ours('table_name')}`).catch(() => []);
  for (const t of tables) await c.run(`DROP TABLE IF EXISTS temp.main.${t.name}`).catch(() => undefined);
}
