/**
 * The qualification ladder on a hand example: the hand register's
 * prerequisites (Q7 -> Q1, Q1 -> Q3, Q2 -> Q3) matched to a dataset's
 * titles, holders of each first step and those who went on (on or after it),
 * by region; and the ladder table in the progression results.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ladderSteps } from '../../src/core/progression/ladder.js';
import { openDataset } from '../../src/analyses/analysis.js';
import { progression, runProgression } from '../../src/analyses/progression/index.js';
import { protectDatasetReports } from '../../src/pipeline/publish.js';
import { openStore, type Store } from '../../src/store/database.js';
import { openRegister } from '../../src/store/register/open.js';
import { countLadder, recordedQualificationTitles, storedLadderRegister } from '../../src/store/ladder-counts.js';
import { handRegister } from '../register/hand-register.js';
import { loadHistories, person } from './helpers.js';

let dir: string;
let store: Store;
let id: number;

const job = (from: string) => ({ from, soc: '61', hours: 30, pay: 300, per: 'week' as const });
const HISTORIES = [
  person(1, { quals: [{ title: 'Certificate in Care', on: '2019-01-01' }, { title: 'Advanced Diploma', on: '2020-06-01' }], spells: [job('2019-02-01')] }),
  person(2, { region: 'YH', quals: [{ title: 'Certificate in Care', on: '2019-01-01' }], spells: [job('2019-02-01')] }),
  person(3, { quals: [{ title: 'Advanced Diploma', on: '2018-01-01' }, { title: 'CERTIFICATE IN CARE', on: '2019-01-01' }], spells: [job('2019-02-01')] }),
  person(4, { quals: [{ title: 'Entry Award', on: '2017-01-01' }, { title: 'Certificate in Care', on: '2018-01-01' }], spells: [job('2018-02-01')] }),
  person(5, { quals: [{ title: 'Diploma in Care', on: '2019-01-01' }, { title: 'Advanced Diploma', on: '2020-01-01' }], spells: [job('2019-02-01')] }),
];

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'routeways-ladder-'));
  const path = join(dir, 'store.duckdb');
  const register = await openRegister({ engine: 'duckdb', path });
  await register.replaceAll({ name: 'test', role: 'admin' }, handRegister(), 'hand register');
  await register.close();
  store = await openStore(path);
  id = await loadHistories(store, 'ladder', HISTORIES);
});

after(() => {
  store?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('steps join the register prerequisites that the dataset records, matched by title or unit code', async () => {
  const register = await storedLadderRegister(store);
  const steps = ladderSteps(register, await recordedQualificationTitles(store, id));
  assert.deepEqual(steps.map((s) => s.id), ['Q1>Q3', 'Q2>Q3', 'Q7>Q1']);
  assert.deepEqual(steps[0]!.from.titles, ['CERTIFICATE IN CARE', 'Certificate in Care']);
  // By unit code: a dataset title recorded under the register's QAN matches whatever it is called.
  const coded = ladderSteps([{ id: 'A', title: 'Award', unitCode: '601/1234/5', prerequisites: [] }, { id: 'B', title: 'Next', unitCode: null, prerequisites: ['A'] }], [
    { title: 'Some other name', code: '60112345' },
    { title: 'next', code: null },
  ]);
  assert.deepEqual(coded.map((s) => [s.id, s.from.titles, s.to.titles]), [['A>B', ['Some other name'], ['next']]]);
});

test('holders of the first step and those who went on to the next, on or after it', async () => {
  const steps = ladderSteps(await storedLadderRegister(store), await recordedQualificationTitles(store, id));
  const all = await countLadder(store, id, steps);
  assert.deepEqual(all.map((c) => [c.step, c.holders, c.wentOn]), [['Q1>Q3', 4, 1], ['Q2>Q3', 1, 1], ['Q7>Q1', 1, 1]]);
  const ne = await countLadder(store, id, steps, { region: 'NE' });
  assert.deepEqual(ne.map((c) => [c.step, c.holders, c.wentOn]), [['Q1>Q3', 3, 1], ['Q2>Q3', 1, 1], ['Q7>Q1', 1, 1]]);
  for (const c of all) assert.ok(c.holdersKey >= 0 && c.holdersKey < 4096 && c.wentOnKey >= 0 && c.wentOnKey < 4096);
});

test('the progression results carry the ladder table with its counts', async () => {
  const { results } = await runProgression(await openDataset(store, 'ladder'), { by: ['ssa'], observedTo: '2022-12-31' });
  const table = results.reportTables.find((t) => t.id === 'progression-ladder');
  assert.ok(table, 'a ladder table');
  assert.deepEqual(table.rows.map((r) => r.cells.slice(0, 2).map((c) => (c.kind === 'text' ? c.text : ''))), [
    ['Certificate in Care', 'Advanced Diploma'],
    ['Diploma in Care', 'Advanced Diploma'],
    ['Entry Award', 'Certificate in Care'],
  ]);
  const counts = results.countTables.find((t) => t.id === 'progression-ladder')!;
  assert.equal(counts.cells.find((c) => c.keys.join() === 'Q1>Q3,holders')!.n, 4);
  assert.ok(results.methodNotes!.some((n) => /qualification ladder/.test(n)));
});

test('published, the ladder table holds perturbed counts (never 1 or 2)', async () => {
  const [release] = await protectDatasetReports(store, 'ladder', { analyses: [progression], options: { progression: { by: ['ssa'], observedTo: '2022-12-31' } } });
  const table = release!.tables.find((t) => t.id === 'progression-ladder');
  assert.ok(table, 'the ladder is published');
  for (const row of table.rows) for (const c of row.cells) if (c.kind === 'count') assert.ok(c.value !== 1 && c.value !== 2, `published ${c.value}`);
});
