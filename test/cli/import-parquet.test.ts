/**
 * `routeways import` of Parquet files written by DuckDB itself (COPY ... TO
 * 'x.parquet'): the same dataset as from the same records in CSV, the same
 * validation, column mapping and linkage report, with problems placed by row.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { openStore, queryRows } from '../../src/store/database.js';
import { GOOD, runCli, snapshot, tempDir, writeExtract } from '../ingest/helpers.js';

const dir = tempDir('routeways-parquet-');
const db = join(dir, 'store.duckdb');
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

const RELATED = 'ssa,soc,related\n4,82,yes\nRetail and Commercial Enterprise,91,no\n';
const csvFolder = writeExtract(join(dir, 'csv'), { ...GOOD, 'related.csv': RELATED });

/** Run DuckDB statements in a throw-away in-memory database (to write Parquet files). */
async function duckdb(...sql: string[]): Promise<void> {
  const inst = await DuckDBInstance.create(':memory:');
  const c = await inst.connect();
  try {
    for (const s of sql) await c.run(s);
  } finally {
    c.closeSync();
    inst.closeSync();
  }
}

/** Each CSV of `from` as Parquet in `to`, with the column types DuckDB detects (level BIGINT, highest BOOLEAN, soc BIGINT...). */
async function toParquet(from: string, to: string, files: string[]): Promise<string> {
  writeExtract(to, {});
  await duckdb(...files.map((f) => `COPY (SELECT * FROM read_csv('${join(from, `${f}.csv`)}')) TO '${join(to, `${f}.parquet`)}' (FORMAT parquet)`));
  return to;
}

async function rowsOf(dataset: string): Promise<string> {
  const store = await openStore(db);
  try {
    const out: Record<string, unknown[]> = {};
    for (const t of ['people', 'characteristics', 'qualifications', 'occupations']) {
      out[t] = await queryRows(
        store.connection,
        `SELECT * EXCLUDE (dataset_id) FROM ${t} WHERE dataset_id = (SELECT dataset_id FROM datasets WHERE name = $n) ORDER BY ALL`,
        { n: dataset },
      );
    }
    out.related = await queryRows(
      store.connection,
      `SELECT ssa, soc, related FROM mapping_rows JOIN mappings USING (mapping_id) WHERE mappings.name = $m ORDER BY ALL`,
      { m: `${dataset}-related` },
    );
    return JSON.stringify(out, (_k, v) => (typeof v === 'bigint' ? String(v) : v));
  } finally {
    store.close();
  }
}

test('Parquet files written by DuckDB import to the same dataset as the same records in CSV', async () => {
  const parquet = await toParquet(csvFolder, join(dir, 'parquet'), ['people', 'qualifications', 'occupations', 'related']);
  const fromCsv = runCli(['--db', db, 'import', csvFolder, '--name', 'csv', '--json']);
  assert.equal(fromCsv.status, 0, fromCsv.stderr);
  const fromParquet = runCli(['--db', db, 'import', parquet, '--name', 'pq', '--json']);
  assert.equal(fromParquet.status, 0, fromParquet.stderr);
  type Report = { files: { file: string; rows: number }[]; linkage: unknown; unmatched: unknown; characteristics: string[]; related: { rows: number } };
  const [a, b] = [JSON.parse(fromCsv.stdout) as Report, JSON.parse(fromParquet.stdout) as Report];
  assert.deepEqual(b.files.map((f) => [f.file, f.rows]), [['people.parquet', 5], ['qualifications.parquet', 5], ['occupations.parquet', 4], ['related.parquet', 2]]);
  assert.deepEqual(b.linkage, a.linkage);
  assert.deepEqual(b.unmatched, a.unmatched);
  assert.deepEqual(b.characteristics, ['age_band', 'custody']);
  assert.equal(b.related.rows, 2);
  assert.equal(await rowsOf('pq'), await rowsOf('csv'));

  const text = runCli(['--db', db, 'import', parquet, '--name', 'pq', '--replace']);
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /ids in qualifications\.parquet not in people\.parquet\s+1 \(1 records left out\)/);
});

test('Parquet columns under other names are found through the column mapping', async () => {
  const folder = join(dir, 'mapped');
  writeExtract(folder, {});
  await duckdb(
    `COPY (SELECT * FROM (VALUES ('A1', 'North West'), ('A2', 'London')) t(PID, "Home Region")) TO '${folder}/people.parquet' (FORMAT parquet)`,
    `COPY (SELECT * FROM (VALUES ('A1', 'FLT', 2), ('A2', 'CSCS', 3)) t(PID, Course, NVQ)) TO '${folder}/qualifications.parquet' (FORMAT parquet)`,
    `COPY (SELECT * FROM (VALUES ('A1', 'Driver', 8212)) t(PID, occupation, soc)) TO '${folder}/occupations.parquet' (FORMAT parquet)`,
  );
  const r = runCli([
    '--db', db, 'import', folder, '--name', 'pq-mapped', '--json',
    '--map', 'person_id=PID', '--map', 'people.region=Home Region', '--map', 'qualifications.qualification=Course', '--map', 'qualifications.level=NVQ',
  ]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal((JSON.parse(r.stdout) as { linkage: { peopleWithBoth: number } }).linkage.peopleWithBoth, 1);
  const missing = runCli(['--db', db, 'import', folder, '--name', 'pq-unmapped']);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /people\.parquet: column 'person_id' value 'PID,Home Region': required column 'person_id' is missing \(looked for person_id\); expected columns named person_id, region/);
});

test('problems in Parquet files are placed by row, in messages and in the rejects file; the store is unchanged', async () => {
  const folder = await toParquet(csvFolder, join(dir, 'bad'), ['people', 'occupations']);
  await duckdb(
    `COPY (SELECT * FROM (VALUES ('P1', 'FLT', 2), ('P2', 'CSCS', 9), ('P3', 'x' || chr(0) || 'y', 3)) t(person_id, qualification, level))
       TO '${folder}/qualifications.parquet' (FORMAT parquet)`,
    `COPY (SELECT * FROM (VALUES ('P1', 'NE'), ('P2', 'NW'), ('P1', 'SE'), ('P3', 'YH')) t(person_id, region)) TO '${folder}/people.parquet' (FORMAT parquet)`,
  );
  const before = await snapshot(db);
  const r = runCli(['--db', db, 'import', folder, '--name', 'pq-bad']);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /people\.parquet, row 3, column 1: column 'person_id' value 'P1': duplicate person_id; expected each person_id once in people\.parquet \(first on row 1\)/);
  assert.match(r.stderr, /qualifications\.parquet, row 2, column 3: column 'level' value '9': not valid; expected a level from 1 to 8/);
  assert.match(r.stderr, /qualifications\.parquet, row 3, column 2: column 'qualification' value 'x\\0y': a NUL byte/);
  assert.equal(await snapshot(db), before);
  const rejects = readFileSync(join(dir, 'store.pq-bad.rejects.csv'), 'utf8');
  assert.match(rejects, /^file,line,column,field,value,problem,expected\n/);
  assert.match(rejects, /^qualifications\.parquet,2,3,level,9,not valid,a level from 1 to 8$/m);

  const skipped = runCli(['--db', db, 'import', folder, '--name', 'pq-skip', '--skip-invalid', '--json']);
  assert.equal(skipped.status, 0, skipped.stderr);
  const report = JSON.parse(skipped.stdout) as { problems: number; files: { file: string; rejected: number }[]; firstProblems: { row?: number; line?: number }[] };
  assert.equal(report.problems, 3);
  assert.deepEqual(report.files.map((f) => [f.file, f.rejected]), [['people.parquet', 1], ['qualifications.parquet', 2], ['occupations.parquet', 0]]);
  assert.deepEqual(report.firstProblems.map((p) => [p.row, p.line]), [[3, undefined], [2, undefined], [3, undefined]]);
});

test('a file that is not Parquet, and a Parquet file with no rows, are refused clearly', async () => {
  const notParquet = await toParquet(csvFolder, join(dir, 'not'), ['people', 'qualifications']);
  writeFileSync(join(notParquet, 'occupations.parquet'), 'person_id,occupation\nP1,x\n');
  const before = await snapshot(db);
  const r = runCli(['--db', db, 'import', notParquet, '--name', 'pq-not']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /occupations\.parquet is not a Parquet file that can be read \(.*\); expected a Parquet file/);
  assert.doesNotMatch(r.stderr, /LINE 1|\n\s+at /);

  const empty = await toParquet(csvFolder, join(dir, 'empty'), ['people', 'qualifications']);
  await duckdb(`COPY (SELECT 'P1' AS person_id, 'x' AS occupation WHERE false) TO '${empty}/occupations.parquet' (FORMAT parquet)`);
  const e = runCli(['--db', db, 'import', empty, '--name', 'pq-empty']);
  assert.equal(e.status, 1);
  assert.match(e.stderr, /occupations\.parquet: the file has no rows; expected one row per record/);
  assert.equal(await snapshot(db), before);
});
