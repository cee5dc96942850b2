/**
 * The progression analysis as a unit, on generated histories: its tables
 * agree with the counts they come from, every count carries a cell key, and
 * the routes and flow add up to the people they cover.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { dropShared, openDataset } from '../../src/analyses/analysis.js';
import { analysisById } from '../../src/analyses/registry.js';
import { runProgression, type ProgressionRun } from '../../src/analyses/progression/index.js';
import { MAGNITUDES, roundMagnitude } from '../../src/core/progression/publish-measures.js';
import type { ReportCell } from '../../src/core/results.js';
import { CellResolver } from '../../src/core/pathways/render.js';
import type { Store } from '../../src/store/database.js';
import { generatedStore } from './generated.js';
import { assertSameCounts, loadHistories, person } from './helpers.js';

let store: Store;
let done: () => void;
let all: ProgressionRun;

before(async () => {
  ({ store, done } = await generatedStore(12000));
  all = await runProgression(await openDataset(store, 'hist'), {});
});

after(() => done());

test('progression is a registered analysis whose run gives a measures table for each dimension, the flow and the routes', () => {
  assert.equal(analysisById('progression')?.title, 'Progression after a qualification');
  const ids = all.results.reportTables.map((t) => t.id);
  assert.deepEqual(ids, ['progression-by-ssa', 'progression-by-level', 'progression-by-type', 'progression-by-title', 'progression-by-cluster', 'progression-by-region', 'progression-flow', 'progression-routes']);
  assert.equal(all.results.reportTables.find((t) => t.id === 'progression-flow')!.display?.kind, 'flow');
  assert.ok(all.results.methodNotes!.some((n) => /nearest 10p/.test(n) && /at least 30 people/.test(n)), 'the method notes state the precision and the base rule');
  assert.ok(all.results.settingNotes!.some(([k, v]) => k === 'Follow-up window (months)' && v === '12'));
});

test('every count cell has a cell key, and the totals are the people followed up', () => {
  for (const t of all.results.countTables) for (const c of t.cells) assert.ok(Number.isInteger(c.key) && c.key! >= 0 && c.key! < 4096, `${t.id} ${c.keys}`);
  const r = new CellResolver(all.results);
  for (const d of ['ssa', 'level', 'type', 'cluster', 'region']) {
    assert.equal(r.cell({ table: `progression-${d}`, keys: ['total', 'people'] }).n, all.counts.coverage.analysed, d);
    // The groups add up to the total (each person in one group).
    const t = all.results.countTables.find((x) => x.id === `progression-${d}`)!;
    const sum = t.cells.filter((c) => c.keys[0] !== 'total' && c.keys[1] === 'people').reduce((a, c) => a + c.n, 0);
    assert.equal(sum, all.counts.coverage.analysed, d);
  }
});

test('a median shown is the aggregate median rounded to its stated precision, with the base it rests on', () => {
  const table = all.results.reportTables.find((t) => t.id === 'progression-by-level')!;
  const r = new CellResolver(all.results);
  let checked = 0;
  for (const g of all.counts.aggregates.filter((a) => a.by.length === 1 && a.by[0] === 'level')) {
    const row = table.rows.find((x) => x.id === `${g.keys[0] ?? 'not-recorded'}:hourly_pay_end`)!;
    const value = row.cells[3] as Extract<ReportCell, { kind: 'stat' }>;
    assert.equal(value.value, roundMagnitude(g.medians.hourly_pay_end.median, MAGNITUDES.hourly_pay_end));
    assert.equal(Math.round(value.value * 10) / 10, value.value, 'on the 10p grid');
    assert.equal(r.cell(value.base!).n, g.medians.hourly_pay_end.n);
    checked++;
  }
  assert.ok(checked >= 4, `levels checked: ${checked}`);
});

test('the title table lists only titles with at least the minimum base of people followed up', () => {
  const t = all.results.countTables.find((x) => x.id === 'progression-title')!;
  const people = t.cells.filter((c) => c.keys[1] === 'people');
  assert.ok(people.length > 0);
  for (const c of people) assert.ok(c.n >= 30, `${c.keys[0]}: ${c.n}`);
  const small = all.counts.aggregates.filter((a) => a.by[0] === 'title' && a.by.length === 1 && a.people < 30).length;
  assert.ok(small > 0, 'some titles were too small to list');
});

test("the flow's first step adds up to the drawn qualifications' people, and its second step to the same people", () => {
  const r = new CellResolver(all.results);
  const flow = all.results.reportTables.find((t) => t.id === 'progression-flow')!;
  const sum = (step: string) =>
    flow.rows.filter((row) => (row.cells[0] as { text: string }).text === step).reduce((a, row) => a + r.cell((row.cells[3] as Extract<ReportCell, { kind: 'count' }>).ref).n, 0);
  const drawn = all.results.findings!.onRoutesDrawn as number;
  assert.ok(drawn > 0);
  assert.equal(sum('Qualification to first job'), drawn);
  assert.equal(sum('First job to job at the end of the window'), drawn);
  // The drawn qualifications are the largest, each with at least 30 people.
  const totals = new Map<string, number>();
  for (const x of all.counts.routes) totals.set(x.from, (totals.get(x.from) ?? 0) + x.people);
  const largest = [...totals.values()].sort((a, b) => b - a).slice(0, 8).reduce((a, b) => a + b, 0);
  assert.equal(drawn, largest);
});

test('within a region there is no region table, and a dataset without dated spells is skipped with a reason', async () => {
  const ne = await runProgression(await openDataset(store, 'hist'), { by: ['level', 'region'] }, { region: 'NE' });
  assert.deepEqual(ne.results.reportTables.map((t) => t.id), ['progression-by-level', 'progression-flow', 'progression-routes']);
  assert.equal(ne.results.region, 'NE');
  await loadHistories(store, 'undated', [person(1, { quals: [{ title: 'A', on: '2020-01-01' }], spells: [{ from: null, soc: '91' }] })]);
  const reason = await analysisById('progression')!.skipReason!(await openDataset(store, 'undated'));
  assert.match(reason ?? '', /no employment histories/);
  assert.equal(await analysisById('progression')!.skipReason!(await openDataset(store, 'hist')), null);
});

test('runs sharing one context count the dataset-wide pay and dates once, and count as runs on their own do', async () => {
  const context = { ...(await openDataset(store, 'hist')), shared: new Map<string, Promise<unknown>>() };
  const ne = await runProgression(context, { by: ['level'] }, { region: 'NE' });
  const yh = await runProgression(context, { by: ['level'] }, { region: 'YH' });
  const all = await runProgression(context, { by: ['level'] }, { region: null });
  const keys = [...context.shared.keys()];
  assert.equal(keys.length, 2);
  assert.equal(keys[0], 'progression:history');
  assert.match(keys[1]!, /^progression:population:\d+:\d+$/);
  const alone = await runProgression(await openDataset(store, 'hist'), { by: ['level'] }, { region: 'YH' });
  // The same counts; sums of fractions (months in work) only to the last bits, as the rows are added in another order.
  assertSameCounts(yh.counts, alone.counts);
  assert.deepEqual(ne.counts.context, alone.counts.context, 'the low-pay threshold is the dataset\'s, whatever the region');
  assert.notDeepEqual(ne.counts.aggregates, alone.counts.aggregates);
  const allAlone = await runProgression(await openDataset(store, 'hist'), { by: ['level'] }, { region: null });
  assertSameCounts(all.counts, allAlone.counts);
  // The population kept for the runs is a temporary table until the run drops what it shared.
  const temp = async () => Number((await store.connection.runAndReadAll(`SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE 'prog_population_%'`)).getRows()[0]![0]);
  assert.equal(await temp(), 1);
  await dropShared(context);
  assert.equal(await temp(), 0);
  assert.equal(context.shared.size, 0);
});
