/**
 * Importing employment histories (issue 14, point 1): occupations.csv with
 * ended_on, hours, pay, pay_period, contract and exit_reason, an optional
 * benefits.csv, many spells a person; the values as stored, the histories'
 * rules (reversed or overlapping spells and claims, pay without a period)
 * reported with file, line and column, and nothing written on any problem.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { openStore, queryRows } from '../../src/store/database.js';
import { importExtract, ImportError } from '../../src/ingest/import.js';
import { applySql, fileSpec } from '../../src/ingest/extract-format.js';
import { parseMapFlags } from '../../src/ingest/column-map.js';
import { countProgression } from '../../src/store/progression-counts.js';
import { progressionSettings } from '../../src/core/progression/settings.js';
import { GOOD, snapshot, tempDir, writeExtract } from './helpers.js';

const dir = tempDir('routeways-histories-');
const db = join(dir, 'store.duckdb');
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

const PEOPLE = 'person_id,region\nP1,NE\nP2,LN\nP3,YH\n';
const QUALS = 'person_id,qualification,ssa,level,type,achieved_on,highest\nP1,Bricklaying,5,2,apprenticeship,2019-01-01,true\nP2,Health and Social Care,1,2,classroom,2019-02-01,true\n';
const OCCS =
  'person_id,occupation,soc,employment_type,started_on,ended_on,hours,pay,pay_period,contract,exit_reason\n' +
  'P1,Labourer,9129,training,2018-01-01,2019-01-05,37.5,"£1,400",month,fixed-term,voluntary\n' +
  'P2,Care worker,6135,part-time,2019-03-01,2019-05-31,20,9.50,hour,zero hours,involuntary\n' +
  'P1,Bricklayer,5313,full-time,2019-01-10,,40,32000,Annual,Permanent,\n' +
  'P2,Care worker,6135,part-time,01/06/2019,,20,210,Weekly,permanent,\n' +
  'P3,Cleaner,9223,part-time,2020-01-01,,,,,,\n';
const BENEFITS = 'person_id,started_on,ended_on\nP2,2018-01-01,2018-06-30\nP2,2019-06-01,\nP9,2018-01-01,\n';
const HISTORY = { 'people.csv': PEOPLE, 'qualifications.csv': QUALS, 'occupations.csv': OCCS, 'benefits.csv': BENEFITS };

let n = 0;
const folder = (files: Record<string, string>) => writeExtract(join(dir, `x${n++}`), files);

async function withStore<T>(f: (store: Awaited<ReturnType<typeof openStore>>) => Promise<T>): Promise<T> {
  const store = await openStore(db);
  try {
    return await f(store);
  } finally {
    store.close();
  }
}

/** Import `files`, expecting a refusal; returns the problems' text and checks the store is as it was. */
async function refused(files: Record<string, string>): Promise<{ message: string; rejects: string }> {
  const before = await snapshot(db);
  const rejectsPath = join(dir, `r${n}.csv`);
  const message = await withStore(async (store) => {
    try {
      await importExtract(store, folder(files), { name: `bad${n}`, rejectsPath });
    } catch (err) {
      assert.ok(err instanceof ImportError, String(err));
      return (err as Error).message;
    }
    assert.fail('the import was not refused');
  });
  assert.equal(await snapshot(db), before, 'nothing was written');
  return { message, rejects: readFileSync(rejectsPath, 'utf8') };
}

test('histories and benefit claims land as spells and claims, values normalised', async () => {
  const report = await withStore((store) => importExtract(store, folder(HISTORY), { name: 'careers' }));
  assert.equal(report.problems, 0);
  assert.deepEqual(report.benefits, { claims: 2, people: 1, idsNotInPeople: 1, claimsNotInPeople: 1 });
  const rows = await withStore((store) =>
    queryRows<Record<string, unknown>>(
      store.connection,
      `SELECT p.person_id AS id, o.title, o.started_on::VARCHAR AS s, o.ended_on::VARCHAR AS e, o.hours, o.pay, o.pay_period AS per, o.contract, o.exit_reason AS exit
         FROM occupations o JOIN people p USING (dataset_id, person_key) WHERE o.dataset_id = $id ORDER BY o.rowid`,
      { id: report.datasetId },
    ),
  );
  assert.deepEqual(rows, [
    { id: 'P1', title: 'Labourer', s: '2018-01-01', e: '2019-01-05', hours: 37.5, pay: 1400, per: 'month', contract: 'fixed-term', exit: 'voluntary' },
    { id: 'P2', title: 'Care worker', s: '2019-03-01', e: '2019-05-31', hours: 20, pay: 9.5, per: 'hour', contract: 'zero-hours', exit: 'involuntary' },
    { id: 'P1', title: 'Bricklayer', s: '2019-01-10', e: null, hours: 40, pay: 32000, per: 'year', contract: 'permanent', exit: null },
    { id: 'P2', title: 'Care worker', s: '2019-06-01', e: null, hours: 20, pay: 210, per: 'week', contract: 'permanent', exit: null },
    { id: 'P3', title: 'Cleaner', s: '2020-01-01', e: null, hours: null, pay: null, per: null, contract: null, exit: null },
  ]);
  const claims = await withStore((store) =>
    queryRows(store.connection, `SELECT started_on::VARCHAR AS s, ended_on::VARCHAR AS e FROM benefits WHERE dataset_id = $id ORDER BY s`, { id: report.datasetId }),
  );
  assert.deepEqual(claims, [{ s: '2018-01-01', e: '2018-06-30' }, { s: '2019-06-01', e: null }]);

  // The imported histories are what the progression counts read: P2 went from zero-hours to permanent, P1 from labourer to bricklayer.
  const counts = await withStore((store) => countProgression(store, report.datasetId, progressionSettings({ observedTo: '2021-12-31' }), { by: [] }));
  const all = counts.aggregates[0];
  assert.deepEqual(all.shares.temp_to_permanent, { num: 2, den: 2 });
  assert.deepEqual(all.shares.skill_up, { num: 1, den: 2 });
  assert.deepEqual(all.shares.involuntary_exit, { num: 1, den: 2 });
  assert.deepEqual(all.shares.repeat_claim, { num: 1, den: 1 });
});

test('an extract without the new columns or benefits.csv imports as before (dated rows without ended_on are not spells that overlap)', async () => {
  const occs = 'person_id,occupation,soc,started_on\nP1,Forklift driver,8222,2019-01-01\nP1,Warehouse operative,9252,2019-06-01\nP2,Kitchen porter,9272,2019-06-01\n';
  const report = await withStore((store) => importExtract(store, folder({ ...GOOD, 'occupations.csv': occs }), { name: 'plain' }));
  assert.equal(report.problems, 0);
  assert.equal(report.benefits, null);
  const [r] = await withStore((store) =>
    queryRows<{ n: bigint; dated: bigint }>(store.connection, `SELECT count(*) AS n, count(ended_on) + count(pay) + count(contract) AS dated FROM occupations WHERE dataset_id = $id`, { id: report.datasetId }),
  );
  assert.equal(Number(r.n), 3);
  assert.equal(Number(r.dated), 0);
  // With an ended_on column, the same open rows do overlap.
  const { rejects } = await refused({ ...GOOD, 'occupations.csv': occs.replace('started_on\n', 'started_on,ended_on\n').replaceAll(/(\d{4}-\d{2}-\d{2})\n/g, '$1,\n') });
  assert.match(rejects, /occupations\.csv,3,4,started_on,2019-06-01,"this spell starts 2019-06-01, inside the spell on line 2 \(started 2019-01-01, is ongoing\)"/);
});

test('overlapping and reversed spells, pay without a period, overlapping claims: file, line, column; nothing written', async () => {
  const occs =
    'person_id,occupation,soc,started_on,ended_on,hours,pay,pay_period,contract,exit_reason\n' +
    'P1,Labourer,9129,2018-01-01,2018-12-31,37.5,1400,month,temporary,\n' +
    'P2,Care worker,6135,2019-03-01,2019-06-30,20,9.5,hour,zero-hours,\n' +
    'P1,Bricklayer,5313,2018-12-31,,40,32000,year,permanent,\n' +
    'P2,Care worker,6135,2019-06-01,,20,10,hour,permanent,\n' +
    'P3,Cleaner,9223,2020-01-01,2019-12-01,,,,temporary,\n' +
    'P3,Cleaner,9223,2020-05-01,,,300,,temporary,\n' +
    'P3,Cleaner,9223,,2019-01-01,,,,,\n';
  const benefits = 'person_id,started_on,ended_on\nP2,2018-01-01,2018-06-30\nP2,2018-06-01,2018-08-01\nP1,2018-05-01,2018-04-01\n';
  const { message, rejects } = await refused({ ...HISTORY, 'occupations.csv': occs, 'benefits.csv': benefits });
  assert.match(message, /7 problems/);
  const lines = rejects.trim().split('\n').slice(1);
  assert.deepEqual(lines.map((l) => l.split(',').slice(0, 4).join(',')), [
    'occupations.csv,4,4,started_on', // P1's bricklayer starts on the day the labourer job ends
    'occupations.csv,5,4,started_on', // P2's permanent job inside the zero-hours one
    'occupations.csv,6,5,ended_on',
    'occupations.csv,7,8,pay_period',
    'occupations.csv,8,4,started_on',
    'benefits.csv,3,2,started_on',
    'benefits.csv,4,3,ended_on',
  ]);
  assert.match(rejects, /this spell starts 2018-12-31, inside the spell on line 2 \(started 2018-01-01, ends 2018-12-31\)/);
  assert.match(rejects, /inside the spell on line 3 \(started 2019-03-01, ends 2019-06-30\)/);
  assert.match(rejects, /ended_on 2019-12-01 is before started_on 2020-01-01/);
  assert.match(rejects, /pay 300 has no pay_period/);
  assert.match(rejects, /the spell ends 2019-01-01 but has no started_on/);
  assert.match(rejects, /this claim starts 2018-06-01, inside the claim on line 2/);
  assert.match(rejects, /ended_on 2018-04-01 is before started_on 2018-05-01/);
});

test('bad values of the new columns are reported with their line and column', async () => {
  const occs =
    'person_id,occupation,started_on,ended_on,hours,pay,pay_period,contract,exit_reason\n' +
    'P1,Labourer,2018-01-01,31/02/2018,200,-5,fortnight,casual,sacked\n';
  const benefits = 'person_id,started_on,ended_on\nP1,,\nP2,yesterday,\n';
  const { rejects } = await refused({ ...HISTORY, 'occupations.csv': occs, 'benefits.csv': benefits });
  const at = rejects.trim().split('\n').slice(1).map((l) => l.split(',').slice(0, 5).join(','));
  assert.deepEqual(at, [
    'occupations.csv,2,4,ended_on,31/02/2018',
    'occupations.csv,2,5,hours,200',
    'occupations.csv,2,6,pay,-5',
    'occupations.csv,2,7,pay_period,fortnight',
    'occupations.csv,2,8,contract,casual',
    'occupations.csv,2,9,exit_reason,sacked',
    'benefits.csv,2,2,started_on,',
    'benefits.csv,3,2,started_on,yesterday',
  ]);
});

test('with --skip-invalid the rows at fault are left out and the rest of each history stays', async () => {
  const occs =
    'person_id,occupation,started_on,ended_on\n' +
    'P1,Labourer,2018-01-01,2018-12-31\nP1,Bricklayer,2018-06-01,\nP1,Foreman,2019-03-01,\n';
  const report = await withStore((store) =>
    importExtract(store, folder({ ...HISTORY, 'occupations.csv': occs }), { name: 'skipped', skipInvalid: true, rejectsPath: join(dir, 'skip.csv') }),
  );
  // Bricklayer overlaps the labourer job; the foreman job overlaps the open bricklayer one: both reported, the labourer job stays.
  assert.equal(report.problems, 2);
  const titles = await withStore((store) =>
    queryRows<{ title: string }>(store.connection, `SELECT title FROM occupations WHERE dataset_id = $id ORDER BY rowid`, { id: report.datasetId }),
  );
  assert.deepEqual(titles.map((t) => t.title), ['Labourer']);
});

test('the new columns take a column mapping, per file', async () => {
  const occs = 'PID,JOB,START,END,HRS,WAGE,PER,TERMS,LEFT\nP1,Labourer,2018-01-01,2018-12-31,40,400,week,temporary,involuntary\n';
  const benefits = 'PID,CLAIM_FROM,CLAIM_TO\nP1,2019-01-01,2019-02-01\n';
  const map = parseMapFlags([
    'person_id=PID', 'occupations.occupation=JOB', 'occupations.started_on=START', 'occupations.ended_on=END', 'occupations.hours=HRS',
    'occupations.pay=WAGE', 'occupations.pay_period=PER', 'occupations.contract=TERMS', 'occupations.exit_reason=LEFT',
    'benefits.started_on=CLAIM_FROM', 'benefits.ended_on=CLAIM_TO',
  ]);
  const people = 'PID,region\nP1,NE\n';
  const quals = 'PID,qualification\nP1,CSCS\n';
  const report = await withStore((store) => importExtract(store, folder({ 'people.csv': people, 'qualifications.csv': quals, 'occupations.csv': occs, 'benefits.csv': benefits }), { name: 'mapped', map }));
  assert.equal(report.problems, 0);
  const [o] = await withStore((store) =>
    queryRows<Record<string, unknown>>(store.connection, `SELECT hours, pay, pay_period, contract, exit_reason, ended_on::VARCHAR AS e FROM occupations WHERE dataset_id = $id`, { id: report.datasetId }),
  );
  assert.deepEqual(o, { hours: 40, pay: 400, pay_period: 'week', contract: 'temporary', exit_reason: 'involuntary', e: '2018-12-31' });
  assert.equal(report.benefits?.claims, 1);
  assert.throws(() => parseMapFlags(['benefits.region=R']), /not a column Routeways reads from benefits.csv; expected one of person_id, started_on, ended_on/);
});

test('the same histories from Parquet: problems placed by row', async () => {
  const from = folder(HISTORY);
  const to = join(dir, `pq${n++}`);
  writeExtract(to, { 'people.csv': PEOPLE, 'qualifications.csv': QUALS });
  const bad = OCCS.replace('P1,Bricklayer,5313,full-time,2019-01-10', 'P1,Bricklayer,5313,full-time,2018-12-01');
  writeExtract(from, { 'occupations.csv': bad });
  const inst = await DuckDBInstance.create(':memory:');
  const c = await inst.connect();
  for (const f of ['occupations', 'benefits']) await c.run(`COPY (SELECT * FROM read_csv('${join(from, `${f}.csv`)}', all_varchar = true)) TO '${join(to, `${f}.parquet`)}' (FORMAT parquet)`);
  c.closeSync();
  inst.closeSync();
  const before = await snapshot(db);
  const rejectsPath = join(dir, 'pq-rejects.csv');
  await withStore(async (store) => {
    await assert.rejects(importExtract(store, to, { name: 'pq', rejectsPath }), (err: Error) => {
      assert.match(err.message, /occupations\.parquet, row 3, column 5: column 'started_on' value '2018-12-01': this spell starts 2018-12-01, inside the spell on row 1/);
      return true;
    });
  });
  assert.equal(await snapshot(db), before);
});

test('normalisers of the new columns', async () => {
  const inst = await DuckDBInstance.create(':memory:');
  const c = await inst.connect();
  const norm = async (file: 'occupations.csv', field: string, values: string[]) => {
    const spec = fileSpec(file).fields.find((f) => f.name === field)!;
    const out: unknown[] = [];
    for (const v of values) out.push((await c.runAndReadAll(`SELECT ${applySql(spec.normalise!, '$v')}`, { v })).getRowsJS()[0][0]);
    return out;
  };
  try {
    assert.deepEqual(await norm('occupations.csv', 'hours', ['37.5', '0', '168', '169', '-1', 'lots']), [37.5, 0, 168, null, null, null]);
    assert.deepEqual(await norm('occupations.csv', 'pay', ['£1,250.50', '0', '-1', 'NaN', 'inf']), [1250.5, 0, null, null, null]);
    assert.deepEqual(await norm('occupations.csv', 'pay_period', ['hour', 'Per Hour', 'weekly', 'Monthly', 'annual', 'per annum', 'fortnight']), ['hour', 'hour', 'week', 'month', 'year', 'year', null]);
    assert.deepEqual(await norm('occupations.csv', 'contract', ['Permanent', 'temp', 'Fixed term', 'ZERO-HOURS', 'self employed', 'casual']), [
      'permanent', 'temporary', 'fixed-term', 'zero-hours', 'self-employed', null,
    ]);
    assert.deepEqual(await norm('occupations.csv', 'exit_reason', ['Voluntary', 'involuntary', 'UNKNOWN', 'sacked']), ['voluntary', 'involuntary', 'unknown', null]);
  } finally {
    c.closeSync();
    inst.closeSync();
  }
});
