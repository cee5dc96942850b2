/** The SQL normalisers that decide what is valid, run in DuckDB on literal values. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { applySql, fileSpec } from '../../src/ingest/extract-format.js';
import { recordStartLines } from '../../src/ingest/csv-file.js';
import { formatProblem, problemToCsvRow } from '../../src/ingest/problems.js';
import { tempDir } from './helpers.js';

async function normalise(file: 'qualifications.csv' | 'occupations.csv', field: string, values: string[]): Promise<unknown[]> {
  const spec = fileSpec(file).fields.find((f) => f.name === field)!;
  const inst = await DuckDBInstance.create(':memory:');
  const c = await inst.connect();
  try {
    const out: unknown[] = [];
    for (const v of values) {
      const r = await c.runAndReadAll(`SELECT ${applySql(spec.normalise!, '$v')} AS x`, { v });
      const x = r.getRowsJS()[0][0];
      out.push(x instanceof Date ? x.toISOString().slice(0, 10) : typeof x === 'object' && x !== null ? String(x) : x);
    }
    return out;
  } finally {
    c.closeSync();
    inst.closeSync();
  }
}

test('level: 1-8, "Level 3", "L2"; anything else is invalid', async () => {
  assert.deepEqual(await normalise('qualifications.csv', 'level', ['1', ' 8 ', 'Level 3', 'L2', 'level2', '0', '9', '10', '2.5', 'entry', '-1']), [
    1, 8, 3, 2, 2, null, null, null, null, null, null,
  ]);
});

test('type and employment type: the allowed values, ignoring case and punctuation', async () => {
  assert.deepEqual(await normalise('qualifications.csv', 'type', ['classroom', 'Apprenticeship', 'Classroom-based', 'online', 'apprentice']), [
    'classroom', 'apprenticeship', 'classroom', null, 'apprenticeship',
  ]);
  assert.deepEqual(await normalise('occupations.csv', 'employment_type', ['full-time', 'Full time', 'PART_TIME', 'training', 'zero-hours', 'Employment with training']), [
    'full-time', 'full-time', 'part-time', 'training', null, 'training',
  ]);
});

test('highest, weight and dates', async () => {
  assert.deepEqual(await normalise('qualifications.csv', 'highest', ['true', 'No', 'Y', '0', 'maybe']), [true, false, true, false, null]);
  assert.deepEqual(await normalise('qualifications.csv', 'weight', ['1.5', '0', '-1', 'abc', 'inf']), [1.5, 0, null, null, null]);
  assert.deepEqual(await normalise('qualifications.csv', 'achieved_on', ['2019-07-31', '31/07/2019', '2019-13-01', 'July 2019']), [
    '2019-07-31', '2019-07-31', null, null,
  ]);
});

test('recordStartLines follows quoted newlines, CRLF and blank lines', async () => {
  const dir = tempDir();
  try {
    const f = join(dir, 'a.csv');
    writeFileSync(f, 'a,b\r\n1,"x\r\ny"\r\n\r\n2,"say ""hi"""\r\n3,z\r\n');
    const m = await recordStartLines(f, [0, 1, 2]);
    assert.deepEqual([...m.entries()], [[0, 2], [1, 5], [2, 6]]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('problems are printed as file:line:column with value and what was expected', () => {
  assert.equal(
    formatProblem({ file: 'qualifications.csv', line: 12, column: 4, field: 'level', value: '9', problem: 'not valid', expected: 'a level from 1 to 8' }),
    "qualifications.csv:12:4: column 'level' value '9': not valid; expected a level from 1 to 8",
  );
  assert.equal(formatProblem({ file: 'people.csv', line: 2, problem: 'no records' }), 'people.csv:2: no records');
});

test('problems in a Parquet file are placed by row, and the rejects file keeps its columns', () => {
  const p = { file: 'qualifications.parquet', row: 11, column: 4, field: 'level', value: '9', problem: 'not valid', expected: 'a level from 1 to 8' };
  assert.equal(formatProblem(p), "qualifications.parquet, row 11, column 4: column 'level' value '9': not valid; expected a level from 1 to 8");
  assert.equal(formatProblem({ file: 'people.parquet', problem: 'the file has no rows' }), 'people.parquet: the file has no rows');
  assert.equal(problemToCsvRow(p), 'qualifications.parquet,11,4,level,9,not valid,a level from 1 to 8\n');
});
