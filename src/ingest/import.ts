/**
 * Importing an outcome extract as a named dataset.
 *
 * 1. Headers: files present, required columns there (after the column mapping).
 * 2. Staging: each file read, all text, into a temp table (src/ingest/staging.ts).
 * 3. Validation in SQL (src/ingest/validate.ts); problems get their lines and
 *    all go to the rejects CSV beside the store. Any problem stops the import
 *    before anything is written, unless `skipInvalid` (then the rows with
 *    problems are left out).
 * 4. Classification values matched (distinct values only).
 * 5. One transaction writes the dataset (and, with `replace`, deletes the old
 *    one first): a failure or an interruption leaves the store as it was.
 * 6. The linkage report, as the DfE's: who has both records, who only one,
 *    ids not in people.csv, and what goes into analysis.
 */
import { existsSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { InputError, UsageError } from '../core/errors.js';
import { queryRows, type Store } from '../store/database.js';
import { deleteDatasetRows, findDataset } from '../store/datasets.js';
import { loadClassifications } from '../reference/classifications.js';
import { resolveHeader, type ColumnMap } from './column-map.js';
import { checksum, readHeader, type CsvEncoding } from './csv-file.js';
import { BOOLEAN_SQL, EXTRACT_FILES, applySql, clean, cleanOrNull, fileSpec, isBlank, type ExtractFileName } from './extract-format.js';
import { buildLookup, regionMatcher, socMatcher, ssaMatcher } from './match-values.js';
import { formatProblem, writeRejects, type Problem } from './problems.js';
import { stageFile, type Staged } from './staging.js';
import { PROBLEMS_TABLE, createProblemsTable, lookupName, validateStaged } from './validate.js';

export interface ImportOptions {
  /** Dataset name: letters, digits, '.', '_' and '-'. */
  name: string;
  map?: ColumnMap;
  /** Import the valid rows and list the rest in the rejects file. */
  skipInvalid?: boolean;
  /** Replace a dataset of the same name (in the same transaction). */
  replace?: boolean;
  encoding?: CsvEncoding;
  /** SOC version the extract's codes follow (for titles); codes group the same in both. */
  socVersion?: '2010' | '2020';
  /** Rejects CSV path; default `<store>.<dataset>.rejects.csv` beside the store. */
  rejectsPath?: string;
  /** Called as work advances; `phase` names the step. May throw to abort (the store is left as it was). */
  onProgress?: (done: number, total: number, phase?: string) => void;
}

export interface FileReport {
  file: string;
  rows: number;
  rejected: number;
  bytes: number;
  sha256: string;
  columns: string[];
  /** Headers that are not Routeways columns (characteristics in people.csv; ignored elsewhere). */
  unknownColumns: string[];
}

export interface UnmatchedReport {
  /** Rows whose non-blank value matched nothing in the classification. */
  rows: number;
  /** Distinct unmatched values. */
  values: number;
  /** The most frequent unmatched values. */
  top: { value: string; count: number }[];
  /** Rows with no value. */
  blank: number;
}

export interface LinkageReport {
  people: number;
  qualificationRecords: number;
  occupationRecords: number;
  peopleWithBoth: number;
  peopleWithQualificationsOnly: number;
  peopleWithOccupationsOnly: number;
  peopleWithNeither: number;
  /** person_ids in qualifications.csv not in people.csv, and their records (left out). */
  qualificationIdsNotInPeople: number;
  qualificationRecordsNotInPeople: number;
  occupationIdsNotInPeople: number;
  occupationRecordsNotInPeople: number;
  /** What analyses of qualifications against occupations use: people with both, and their records. */
  intoAnalysis: { people: number; qualificationRecords: number; occupationRecords: number };
}

export interface ImportReport {
  dataset: string;
  datasetId: number;
  store: string;
  sourceDir: string;
  socVersion: '2010' | '2020';
  replaced: boolean;
  files: FileReport[];
  characteristics: string[];
  problems: number;
  /** The first problems (at most 20). */
  firstProblems: Problem[];
  rejectsFile: string | null;
  linkage: LinkageReport;
  unmatched: { region: UnmatchedReport; ssa: UnmatchedReport; soc: UnmatchedReport };
  related: { rows: number; mappingId: number } | null;
  warnings: string[];
  seconds: number;
}

/** Import refused because of bad input: the problems, and where all of them were written. */
export class ImportError extends InputError {
  constructor(
    message: string,
    readonly problems: Problem[],
    readonly problemCount: number,
    readonly rejectsFile: string | null,
  ) {
    super(message);
  }
}

export const SHOWN_PROBLEMS = 20;
const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Rejects CSV beside the store: `<store>.<dataset>.rejects.csv`. */
export function rejectsPathFor(store: Store, name: string): string {
  return join(dirname(store.path), `${basename(store.path).replace(/\.duckdb$/i, '')}.${name}.rejects.csv`);
}

const TABLES: Record<ExtractFileName, string> = {
  'people.csv': 'stg_people',
  'qualifications.csv': 'stg_qualifications',
  'occupations.csv': 'stg_occupations',
  'related.csv': 'stg_related',
};

export async function importExtract(store: Store, folder: string, options: ImportOptions): Promise<ImportReport> {
  const started = Date.now();
  const c = store.connection;
  const { name } = options;
  if (!NAME_RE.test(name)) {
    throw new UsageError(`dataset name '${name}' is not allowed; use letters, digits, '.', '_' or '-' (at most 64, starting with a letter or digit)`);
  }
  const dir = resolve(folder);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new InputError(`no such folder: ${dir}; expected a folder holding people.csv, qualifications.csv and occupations.csv`);
  }
  const existing = await findDataset(store, name);
  if (existing && !options.replace) {
    throw new UsageError(`a dataset named '${name}' already exists in ${store.path} (imported ${existing.importedAt}); pass --replace to replace it, or choose another --name`);
  }
  const encoding = options.encoding ?? 'utf-8';
  const map = options.map ?? {};
  const rejectsFile = options.rejectsPath ?? rejectsPathFor(store, name);
  const warnings: string[] = [];

  // 1. Files and headers.
  const present = EXTRACT_FILES.filter((s) => existsSync(join(dir, s.file)));
  const missingFiles = EXTRACT_FILES.filter((s) => !s.optional && !present.includes(s));
  if (missingFiles.length > 0) {
    throw new InputError(
      `${missingFiles.map((s) => s.file).join(', ')} not found in ${dir}; an extract is a folder with people.csv, qualifications.csv and occupations.csv (related.csv optional)`,
    );
  }
  const headerProblems: Problem[] = [];
  const headers = [];
  for (const spec of present) {
    const path = join(dir, spec.file);
    const { header, bytes } = await readHeader(path, spec.file, encoding);
    const resolved = resolveHeader(spec, header, map);
    for (const d of resolved.duplicates) {
      headerProblems.push({ file: spec.file, line: 1, column: header.indexOf(d) + 1, field: d, value: d, problem: 'column named twice in the header', expected: 'each column once' });
    }
    for (const m of resolved.missing) {
      headerProblems.push({
        file: spec.file, line: 1, field: m.field, value: header.join(','),
        problem: `required column '${m.field}' is missing (looked for ${m.lookedFor})`,
        expected: `a header with ${spec.fields.filter((f) => f.required).map((f) => f.name).join(', ')}; map other names with --map ${m.field}=HEADER`,
      });
    }
    for (const u of resolved.unmatchedMappings) {
      headerProblems.push({ file: spec.file, line: 1, field: u.field, value: header.join(','), problem: `the mapping names column '${u.header}' for '${u.field}', which is not in the header`, expected: `one of the headers: ${header.join(', ')}` });
    }
    if (!spec.extraColumnsAreCharacteristics && resolved.unknown.length > 0) {
      warnings.push(`${spec.file}: column${resolved.unknown.length > 1 ? 's' : ''} ${resolved.unknown.map((u) => `'${u}'`).join(', ')} not used (not a Routeways column; only extra columns in people.csv are kept, as characteristics)`);
    }
    headers.push({ spec, path, header, resolved, bytes });
  }
  if (headerProblems.length > 0) await fail(headerProblems, headerProblems.length, rejectsFile, 'the extract\'s headers are not as expected');

  const sums = headers.map((h) => checksum(h.path));
  sums.forEach((p) => p.catch(() => undefined));
  const totalBytes = headers.reduce((a, h) => a + h.bytes, 0);
  const total = totalBytes * 2;
  const progress = (done: number, phase: string) => options.onProgress?.(Math.min(total, Math.round(done)), total, phase);

  try {
    // 2. Staging.
    const staged: Staged[] = [];
    let doneBytes = 0;
    for (const h of headers) {
      const s = await stageFile(c, {
        spec: h.spec, file: h.spec.file, path: h.path, table: TABLES[h.spec.file], header: h.header, resolved: h.resolved, encoding,
        onProgress: (f) => progress(doneBytes + f * h.bytes, `reading ${h.spec.file}`),
      });
      doneBytes += h.bytes;
      progress(doneBytes, `reading ${h.spec.file}`);
      staged.push(s);
    }
    const emptyProblems: Problem[] = staged
      .filter((s) => s.records === 0 && !s.spec.optional)
      .map((s) => ({ file: s.file, line: 2, problem: 'the file has a header row but no records', expected: 'one record per line after the header' }));
    if (emptyProblems.length > 0) await fail(emptyProblems, emptyProblems.length, rejectsFile, 'the extract has empty files');

    // 3. Validation.
    progress(totalBytes, 'checking');
    const classifications = loadClassifications();
    await createProblemsTable(c);
    for (const [i, s] of staged.entries()) await validateStaged(c, i, s);
    const related = staged.find((s) => s.spec.file === 'related.csv');
    if (related) await validateRelated(c, staged.indexOf(related), related, classifications);
    const structural = staged.flatMap((s) => s.structural);
    const sqlCount = Number((await queryRows<{ n: bigint }>(c, `SELECT count(*) AS n FROM ${PROBLEMS_TABLE}`))[0].n);
    const problemCount = sqlCount + structural.length;
    const rejectedByFile = new Map<string, number>(staged.map((s) => [s.file, s.structural.length]));
    let first: Problem[] = [];
    if (problemCount > 0) {
      first = await writeAllProblems(c, staged, rejectsFile);
      if (!options.skipInvalid) {
        await fail(first, problemCount, rejectsFile, null);
      }
      const perFile = await queryRows<{ file: string; n: bigint }>(c, `SELECT file, count(DISTINCT rid) AS n FROM ${PROBLEMS_TABLE} GROUP BY file`);
      for (const r of perFile) rejectedByFile.set(r.file, (rejectedByFile.get(r.file) ?? 0) + Number(r.n));
    } else if (existsSync(rejectsFile)) {
      rmSync(rejectsFile); // an old list would mislead
    }
    await c.run(`CREATE OR REPLACE TEMP TABLE import_rejected AS SELECT DISTINCT file_no, rid FROM ${PROBLEMS_TABLE} WHERE rid IS NOT NULL`);
    const hasRejects = sqlCount > 0;
    // The rows that go in: all, or all but the rejected ones; `rid` is the staging row number.
    const ok = (i: number) =>
      hasRejects
        ? `(SELECT rowid AS rid, * FROM ${staged[i].table} WHERE rowid NOT IN (SELECT rid FROM import_rejected WHERE file_no = ${i}))`
        : `(SELECT rowid AS rid, * FROM ${staged[i].table})`;

    // 4. People keys and classification lookups.
    progress(totalBytes * 1.2, 'matching classifications');
    const [people, quals, occs] = [0, 1, 2].map((i) => staged[i]);
    const pid = people.col('person_id')!;
    const regionCol = people.col('region')!;
    const charCols = people.resolved.columns.filter((col) => col.field === undefined);
    // person_key: dense 0..n-1 in file order; the staging row number already is, unless rows were rejected.
    const peopleRejected = (rejectedByFile.get('people.csv') ?? 0) > staged[0].structural.length;
    const keyExpr = peopleRejected ? 'row_number() OVER (ORDER BY rid) - 1' : 'rid';
    await c.run(`CREATE OR REPLACE TEMP TABLE import_people AS
      SELECT ${clean(pid)} AS person_id, CAST(${keyExpr} AS INTEGER) AS person_key, rid, ${regionCol} AS region
      FROM ${ok(0)}`);
    await buildLookup(c, 'lk_region', people.table, regionCol, regionMatcher(classifications));
    const ssaCol = quals.col('ssa');
    if (ssaCol) await buildLookup(c, 'lk_ssa', quals.table, ssaCol, ssaMatcher(classifications));
    const socCol = occs.col('soc');
    if (socCol) await buildLookup(c, 'lk_soc', occs.table, socCol, socMatcher(classifications));

    // Characteristic columns whose values are all yes/no-like are stored as 'true'/'false'
    // (decided on the distinct values: a boolean column has only a few).
    const charInfo: { index: number; header: string; value: string }[] = [];
    for (const col of charCols) {
      const v = `c${col.index}`;
      const distinct = (await c.runAndReadAll(`SELECT DISTINCT ${v} FROM ${people.table} LIMIT 41`)).getRowsJS().map((r) => r[0] as string | null);
      const nonBlank = distinct.filter((x): x is string => x !== null && x.trim() !== '');
      const asBool = nonBlank.map((x) => parseBoolean(x));
      const boolean = distinct.length <= 40 && nonBlank.length > 0 && asBool.every((x) => x !== null);
      const value = boolean
        ? `CASE ${v} ${nonBlank.map((x, i) => `WHEN '${x.replaceAll("'", "''")}' THEN '${asBool[i]}'`).join(' ')} END`
        : cleanOrNull(v);
      charInfo.push({ index: col.index, header: col.header, value });
    }
    // People rows (with their characteristics) that go in, with their person_key.
    const peopleRows = peopleRejected
      ? `(SELECT k.person_key, s.* FROM import_people k JOIN ${people.table} s ON s.rowid = k.rid)`
      : `(SELECT CAST(rowid AS INTEGER) AS person_key, * FROM ${people.table})`;
    const fileSums = await Promise.all(sums);

    // 5. The write: one transaction.
    await c.run('BEGIN TRANSACTION');
    try {
      progress(totalBytes * 1.3, 'writing');
      if (existing) await deleteDatasetRows(store, existing.id);
      const idRow = await queryRows<{ id: number }>(
        c,
        `INSERT INTO datasets (name, imported_at, source_dir, column_map, soc_version)
         VALUES ($name, CAST(now() AT TIME ZONE 'UTC' AS TIMESTAMP), $dir, $map, $soc) RETURNING dataset_id AS id`,
        { name, dir, map: JSON.stringify(map), soc: options.socVersion ?? '2020' },
      );
      const id = idRow[0].id;
      await c.run(
        `INSERT INTO people (dataset_id, person_key, person_id, region, region_raw)
         SELECT ${id}, p.person_key, p.person_id, l.code, ${cleanOrNull('p.region')} FROM import_people p LEFT JOIN lk_region l ON l.raw = p.region`,
      );
      for (const ch of charInfo) {
        await c.run(
          `INSERT INTO characteristics (dataset_id, person_key, name, value) SELECT ${id}, person_key, $name, ${ch.value} FROM ${peopleRows}`,
          { name: ch.header },
        );
      }
      progress(totalBytes * 1.45, 'writing qualifications');
      const qIn = Number((await c.run(insertQualifications(id, quals, ok(1), !!ssaCol))).rowsChanged);
      progress(totalBytes * 1.7, 'writing occupations');
      const oIn = Number((await c.run(insertOccupations(id, occs, ok(2), !!socCol))).rowsChanged);
      // Records of ids not in people.csv were left out by the join; name them only when there are some.
      const orphanQ = await orphans(c, ok(1), quals.col('person_id')!, qIn);
      const orphanO = await orphans(c, ok(2), occs.col('person_id')!, oIn);
      let relatedReport: ImportReport['related'] = null;
      if (related) relatedReport = await insertRelated(c, id, name, related, ok(staged.indexOf(related)), join(dir, 'related.csv'));
      for (const [i, s] of staged.entries()) {
        await c.run(`INSERT INTO source_files (dataset_id, file, rows, rejected, bytes, sha256) VALUES (${id}, $file, $rows, $rej, $bytes, $sha)`, {
          file: s.file, rows: s.records, rej: rejectedByFile.get(s.file) ?? 0, bytes: fileSums[i].bytes, sha: fileSums[i].sha256,
        });
      }
      progress(totalBytes * 1.9, 'linkage report');
      const linkage = await linkageReport(c, id, orphanQ, orphanO);
      const unmatched = {
        region: await unmatchedReport(c, id, 'people', 'region', 'region_raw'),
        ssa: await unmatchedReport(c, id, 'qualifications', 'ssa', 'ssa_raw'),
        soc: await unmatchedReport(c, id, 'occupations', 'soc_submajor', 'soc_raw'),
      };
      if (linkage.intoAnalysis.people === 0) warnings.push('no person has both a qualification and an occupation: the analyses will have nothing to work on');
      const report: ImportReport = {
        dataset: name,
        datasetId: id,
        store: store.path,
        sourceDir: dir,
        socVersion: options.socVersion ?? '2020',
        replaced: !!existing,
        files: staged.map((s, i) => ({
          file: s.file, rows: s.records, rejected: rejectedByFile.get(s.file) ?? 0, bytes: fileSums[i].bytes, sha256: fileSums[i].sha256,
          columns: s.header, unknownColumns: s.resolved.unknown,
        })),
        characteristics: charCols.map((col) => col.header),
        problems: problemCount,
        firstProblems: first,
        rejectsFile: problemCount > 0 ? rejectsFile : null,
        linkage,
        unmatched,
        related: relatedReport,
        warnings,
        seconds: 0,
      };
      report.seconds = (Date.now() - started) / 1000;
      await c.run(`UPDATE datasets SET report = $r WHERE dataset_id = ${id}`, { r: JSON.stringify(report) });
      progress(total, 'committing');
      await c.run('COMMIT');
      report.seconds = (Date.now() - started) / 1000;
      return report;
    } catch (err) {
      try {
        await c.run('ROLLBACK');
      } catch {
        // already rolled back by DuckDB
      }
      throw err;
    }
  } finally {
    await dropImportTables(c);
  }
}


const TRUE_WORDS = new Set(['true', 't', 'yes', 'y', '1']);
const FALSE_WORDS = new Set(['false', 'f', 'no', 'n', '0']);

/** Yes/no-like text as a boolean, else null (the same words as BOOLEAN_SQL). */
export function parseBoolean(s: string): boolean | null {
  const w = s.trim().toLowerCase();
  return TRUE_WORDS.has(w) ? true : FALSE_WORDS.has(w) ? false : null;
}

/** Drop this import's temp tables (staging, lookups, problems). */
async function dropImportTables(c: DuckDBConnection): Promise<void> {
  const names = await queryRows<{ name: string }>(
    c,
    `SELECT table_name AS name FROM duckdb_tables() WHERE temporary AND (table_name LIKE 'stg\\_%' ESCAPE '\\' OR table_name LIKE 'lk\\_%' ESCAPE '\\' OR table_name LIKE 'import\\_%' ESCAPE '\\')`,
  ).catch(() => []);
  for (const t of names) await c.run(`DROP TABLE IF EXISTS temp.main.${t.name}`).catch(() => undefined);
}

async function fail(first: Problem[], count: number, rejectsFile: string | null, what: string | null, skippable = what === null): Promise<never> {
  if (rejectsFile && first.length === count) await writeRejects(rejectsFile, first);
  const shown = first.slice(0, SHOWN_PROBLEMS);
  const head = what ?? `${count} problem${count === 1 ? '' : 's'} in the extract`;
  const lines = shown.map((p) => `  ${formatProblem(p)}`);
  const more = count > shown.length ? `\n  ... and ${count - shown.length} more` : '';
  const where = rejectsFile ? `\nAll problems are listed in ${rejectsFile}.` : '';
  throw new ImportError(
    `${head}; nothing was imported.\n${lines.join('\n')}${more}${where}` +
      (skippable ? '\nFix them, or pass --skip-invalid to import the valid rows and leave these out.' : ''),
    shown,
    count,
    rejectsFile,
  );
}

/**
 * Give every problem its line, write them all to the rejects CSV (DuckDB's
 * COPY: there may be millions) and return the first few in file order.
 */
async function writeAllProblems(c: DuckDBConnection, staged: Staged[], path: string): Promise<Problem[]> {
  for (const [i, s] of staged.entries()) {
    const max = await queryRows<{ m: bigint | null }>(
      c,
      `SELECT max(greatest(rid, coalesce(first_rid, 0))) AS m FROM ${PROBLEMS_TABLE} WHERE file_no = ${i}`,
    );
    if (max[0].m !== null) {
      await s.writeLines(c, 'import_lines', Number(max[0].m));
      await c.run(`UPDATE ${PROBLEMS_TABLE} p SET line = l.line FROM import_lines l WHERE p.file_no = ${i} AND l.rid = p.rid`);
      await c.run(`UPDATE ${PROBLEMS_TABLE} p SET first_line = l.line FROM import_lines l WHERE p.file_no = ${i} AND l.rid = p.first_rid`);
    }
    if (s.structural.length > 0) {
      const appender = await c.createAppender(PROBLEMS_TABLE, 'main', 'temp');
      try {
        for (const p of s.structural) {
          const cells: (string | number | null | undefined)[] = [i, p.file, null, p.column, p.field, p.value, p.problem, p.expected, null, p.line, null];
          cells.forEach((v, k) => {
            if (v === null || v === undefined) appender.appendNull();
            else if (k === 0 || k === 3) appender.appendInteger(Number(v));
            else if (k === 9) appender.appendBigInt(BigInt(v));
            else appender.appendVarchar(String(v));
          });
          appender.endRow();
        }
      } finally {
        appender.closeSync();
      }
    }
  }
  const select = `SELECT file, line, col AS "column", field, value, problem,
      CASE WHEN first_line IS NOT NULL THEN expected || ' (first on line ' || first_line || ')' ELSE expected END AS expected
    FROM ${PROBLEMS_TABLE} ORDER BY file_no, line, col`;
  await c.run(`COPY (${select}) TO '${path.replaceAll("'", "''")}' (HEADER, DELIMITER ',', QUOTE '"')`);
  const first = await queryRows<{ file: string; line: bigint | null; column: number | null; field: string | null; value: string | null; problem: string; expected: string | null }>(
    c,
    `${select} LIMIT ${SHOWN_PROBLEMS}`,
  );
  return first.map((r) => ({
    file: r.file,
    line: r.line === null ? undefined : Number(r.line),
    column: r.column ?? undefined,
    field: r.field ?? undefined,
    value: r.value,
    problem: r.problem,
    expected: r.expected ?? undefined,
  }));
}

async function validateRelated(c: DuckDBConnection, fileNo: number, s: Staged, cl: ReturnType<typeof loadClassifications>): Promise<void> {
  const ssa = s.col('ssa')!;
  const soc = s.col('soc')!;
  await buildLookup(c, 'lk_related_ssa', s.table, ssa, ssaMatcher(cl));
  await buildLookup(c, 'lk_related_soc', s.table, soc, socMatcher(cl));
  const at = (f: string) => s.resolved.columns.find((x) => x.field === f)!;
  await c.run(`INSERT INTO ${PROBLEMS_TABLE} (file_no, file, rid, col, field, value, problem, expected, first_rid)
    SELECT ${fileNo}, 'related.csv', t.rowid, ${at('ssa').index + 1}, '${at('ssa').header.replaceAll("'", "''")}', ${ssa}, 'not a sector subject area', 'an SSA tier 1 number (1-15) or title', NULL
    FROM ${s.table} t LEFT JOIN lk_related_ssa l ON l.raw = t.${ssa} WHERE NOT ${isBlank(`t.${ssa}`)} AND l.code IS NULL`);
  await c.run(`INSERT INTO ${PROBLEMS_TABLE} (file_no, file, rid, col, field, value, problem, expected, first_rid)
    SELECT ${fileNo}, 'related.csv', t.rowid, ${at('soc').index + 1}, '${at('soc').header.replaceAll("'", "''")}', ${soc}, 'not a SOC sub-major group', 'a 2-digit SOC sub-major group code or title', NULL
    FROM ${s.table} t LEFT JOIN lk_related_soc l ON l.raw = t.${soc} WHERE NOT ${isBlank(`t.${soc}`)} AND l.sub IS NULL`);
  await c.run(`INSERT INTO ${PROBLEMS_TABLE} (file_no, file, rid, col, field, value, problem, expected, first_rid)
    SELECT ${fileNo}, 'related.csv', rid, ${at('soc').index + 1}, '${at('soc').header.replaceAll("'", "''")}', v, 'the same SSA and SOC pair again', 'each SSA and SOC pair once', first_rid
    FROM (SELECT t.rowid AS rid, t.${ssa} || ' / ' || t.${soc} AS v, min(t.rowid) OVER (PARTITION BY a.code, b.sub) AS first_rid
          FROM ${s.table} t JOIN lk_related_ssa a ON a.raw = t.${ssa} JOIN lk_related_soc b ON b.raw = t.${soc}
          WHERE a.code IS NOT NULL AND b.sub IS NOT NULL)
    WHERE rid <> first_rid`);
}

function col(s: Staged, field: string, expr: (c: string) => string = cleanOrNull): string {
  const c = s.col(field);
  return c ? expr(`q.${c}`) : 'NULL';
}

/** The normalised value of a checked field, and the lookup join it needs (categorical fields). */
function normalised(s: Staged, field: string, joins: string[]): string {
  const spec = s.spec.fields.find((f) => f.name === field)!;
  const c = s.col(field);
  if (!c) return 'NULL';
  if (spec.categorical) {
    const lk = lookupName(s, field);
    joins.push(`LEFT JOIN ${lk} ON ${lk}.raw = q.${c}`);
    return `${lk}.val`;
  }
  return col(s, field, (x) => `CASE WHEN ${isBlank(x)} THEN NULL ELSE ${applySql(spec.normalise!, x)} END`);
}

function insertQualifications(id: number, s: Staged, from: string, hasSsa: boolean): string {
  const joins: string[] = [];
  if (hasSsa) joins.push(`LEFT JOIN lk_ssa l ON l.raw = q.${s.col('ssa')}`);
  const values = ['level', 'type', 'achieved_on', 'highest', 'weight'].map((f) => normalised(s, f, joins)).join(', ');
  return `INSERT INTO qualifications (dataset_id, person_key, title, code, ssa, ssa_raw, level, type, achieved_on, highest, weight)
    SELECT ${id}, k.person_key, ${clean(`q.${s.col('qualification')}`)}, ${col(s, 'code')}, ${hasSsa ? 'l.code' : 'NULL'}, ${col(s, 'ssa')}, ${values}
    FROM ${from} q JOIN import_people k ON k.person_id = ${clean(`q.${s.col('person_id')}`)} ${joins.join(' ')}`;
}

function insertOccupations(id: number, s: Staged, from: string, hasSoc: boolean): string {
  const joins: string[] = [];
  if (hasSoc) joins.push(`LEFT JOIN lk_soc l ON l.raw = q.${s.col('soc')}`);
  const values = ['employment_type', 'started_on'].map((f) => normalised(s, f, joins)).join(', ');
  return `INSERT INTO occupations (dataset_id, person_key, title, soc, soc_raw, soc_submajor, soc_major, employment_type, started_on)
    SELECT ${id}, k.person_key, ${clean(`q.${s.col('occupation')}`)},
           ${hasSoc ? 'l.code' : 'NULL'}, ${col(s, 'soc')}, ${hasSoc ? 'l.sub' : 'NULL'}, ${hasSoc ? 'l.major' : 'NULL'}, ${values}
    FROM ${from} q JOIN import_people k ON k.person_id = ${clean(`q.${s.col('person_id')}`)} ${joins.join(' ')}`;
}

async function insertRelated(c: DuckDBConnection, id: number, name: string, s: Staged, from: string, source: string): Promise<{ rows: number; mappingId: number }> {
  // Named like mappings imported with `routeways mapping import` (letters, digits, . _ -).
  const mappingName = `${name}-related`;
  // A replaced dataset's mapping was deleted with it; any other of the same name keeps its version.
  const m = await queryRows<{ id: number }>(
    c,
    `INSERT INTO mappings (name, version, dataset_id, source, created_at)
     SELECT $n, coalesce((SELECT max(version) FROM mappings WHERE name = $n), 0) + 1, ${id}, $src, CAST(now() AT TIME ZONE 'UTC' AS TIMESTAMP)
     RETURNING mapping_id AS id`,
    { n: mappingName, src: source },
  );
  const mappingId = m[0].id;
  const r = await c.run(`INSERT INTO mapping_rows (mapping_id, ssa, soc, related)
    SELECT ${mappingId}, a.code, b.sub, ${applySql(BOOLEAN_SQL, `q.${s.col('related')}`)}
    FROM ${from} q JOIN lk_related_ssa a ON a.raw = q.${s.col('ssa')} JOIN lk_related_soc b ON b.raw = q.${s.col('soc')}`);
  return { rows: Number(r.rowsChanged), mappingId };
}

async function orphans(c: DuckDBConnection, from: string, pidCol: string, inserted: number): Promise<{ ids: number; records: number }> {
  const total = Number((await c.runAndReadAll(`SELECT count(*) FROM ${from}`)).getRows()[0][0]);
  if (total === inserted) return { ids: 0, records: 0 };
  const r = await queryRows<{ ids: bigint; records: bigint }>(
    c,
    `SELECT count(DISTINCT pid) AS ids, count(*) AS records
     FROM (SELECT ${clean(pidCol)} AS pid FROM ${from}) WHERE pid NOT IN (SELECT person_id FROM import_people)`,
  );
  return { ids: Number(r[0].ids), records: Number(r[0].records) };
}

/** Values kept as entered because they matched nothing, counted over the stored records. */
async function unmatchedReport(c: DuckDBConnection, id: number, table: string, codeCol: string, rawCol: string): Promise<UnmatchedReport> {
  const top = await queryRows<{ value: string; count: bigint }>(
    c,
    `SELECT ${rawCol} AS value, count(*) AS count FROM ${table}
     WHERE dataset_id = ${id} AND ${codeCol} IS NULL AND ${rawCol} IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10`,
  );
  const t = await queryRows<{ rows: bigint; values: bigint; blank: bigint }>(
    c,
    `SELECT count(*) FILTER (WHERE ${codeCol} IS NULL AND ${rawCol} IS NOT NULL) AS rows,
            count(DISTINCT ${rawCol}) FILTER (WHERE ${codeCol} IS NULL) AS values,
            count(*) FILTER (WHERE ${rawCol} IS NULL) AS blank
     FROM ${table} WHERE dataset_id = ${id}`,
  );
  return { rows: Number(t[0].rows), values: Number(t[0].values), blank: Number(t[0].blank), top: top.map((x) => ({ value: x.value, count: Number(x.count) })) };
}

async function linkageReport(
  c: DuckDBConnection,
  id: number,
  orphanQ: { ids: number; records: number },
  orphanO: { ids: number; records: number },
): Promise<LinkageReport> {
  const r = await queryRows<Record<string, bigint>>(
    c,
    `WITH q AS (SELECT person_key, count(*) AS n FROM qualifications WHERE dataset_id = ${id} GROUP BY 1),
          o AS (SELECT person_key, count(*) AS n FROM occupations WHERE dataset_id = ${id} GROUP BY 1),
          p AS (SELECT p.person_key, q.n AS qn, o.n AS onum FROM people p LEFT JOIN q USING (person_key) LEFT JOIN o USING (person_key)
                WHERE p.dataset_id = ${id})
     SELECT count(*) AS people,
            coalesce(sum(qn), 0) AS qrec, coalesce(sum(onum), 0) AS orec,
            count(*) FILTER (WHERE qn IS NOT NULL AND onum IS NOT NULL) AS both,
            count(*) FILTER (WHERE qn IS NOT NULL AND onum IS NULL) AS qonly,
            count(*) FILTER (WHERE qn IS NULL AND onum IS NOT NULL) AS oonly,
            count(*) FILTER (WHERE qn IS NULL AND onum IS NULL) AS neither,
            coalesce(sum(qn) FILTER (WHERE onum IS NOT NULL), 0) AS aq,
            coalesce(sum(onum) FILTER (WHERE qn IS NOT NULL), 0) AS ao
     FROM p`,
  );
  const x = r[0];
  return {
    people: Number(x.people),
    qualificationRecords: Number(x.qrec),
    occupationRecords: Number(x.orec),
    peopleWithBoth: Number(x.both),
    peopleWithQualificationsOnly: Number(x.qonly),
    peopleWithOccupationsOnly: Number(x.oonly),
    peopleWithNeither: Number(x.neither),
    qualificationIdsNotInPeople: orphanQ.ids,
    qualificationRecordsNotInPeople: orphanQ.records,
    occupationIdsNotInPeople: orphanO.ids,
    occupationRecordsNotInPeople: orphanO.records,
    intoAnalysis: { people: Number(x.both), qualificationRecords: Number(x.aq), occupationRecords: Number(x.ao) },
  };
}

export { fileSpec };
