/**
 * The demo's careers (issue 14, point 5): a generated extract of 3,000
 * people imported as it ships (histories and benefits.csv valid under the
 * import's rules), then counted by the store's progression SQL
 * (src/store/progression-counts.ts): the planted effects come back with the
 * right sign, beyond the intervals of the groups they are compared with.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { generateDemoExtract, type DemoExtract } from '../../src/demo/generate.js';
import { openStore, type Store } from '../../src/store/database.js';
import { importExtract, type ImportReport } from '../../src/ingest/import.js';
import { countProgression } from '../../src/store/progression-counts.js';
import { progressionSettings } from '../../src/core/progression/settings.js';
import { basketOfMeasures, type GroupMeasures, type MeasureValue } from '../../src/core/progression/basket.js';
import type { MeasureId } from '../../src/core/progression/catalogue.js';
import type { GroupAggregate } from '../../src/core/progression/aggregate.js';
import { wilsonCounts } from '../../src/core/stats/wilson.js';
import { dayFromIso } from '../../src/core/progression/dates.js';
import { tempDir } from '../ingest/helpers.js';

const dir = tempDir('routeways-demo-careers-');
let demo: DemoExtract;
let store: Store;
let report: ImportReport;
let aggregates: GroupAggregate[];
let groups: GroupMeasures[];

before(async () => {
  demo = await generateDemoExtract(join(dir, 'extract'), { seed: 1, people: 3000 });
  store = await openStore(join(dir, 'store.duckdb'));
  report = await importExtract(store, join(dir, 'extract'), { name: 'demo' });
  const counts = await countProgression(store, report.datasetId, progressionSettings({ months: 12 }), { by: ['ssa', 'type'] });
  aggregates = counts.aggregates;
  groups = basketOfMeasures(aggregates, 30);
});
after(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const groupOf = (by: string, key: string): GroupMeasures => {
  const g = groups.find((x) => x.by.join() === by && x.keys.join() === key);
  assert.ok(g, `group ${by}=${key}`);
  return g;
};
const measure = (by: string, key: string, id: MeasureId): MeasureValue => groupOf(by, key).measures.find((m) => m.id === id)!;

/** The share over every SSA but `ssa` (people with a coded SSA), with its Wilson interval. */
function othersShare(ssa: string, id: 'temp_to_permanent' | 'skill_up'): { value: number; high: number; den: number } {
  const rest = aggregates.filter((g) => g.by.join() === 'ssa' && g.keys[0] !== null && g.keys[0] !== ssa);
  const num = rest.reduce((s, g) => s + g.shares[id].num, 0);
  const den = rest.reduce((s, g) => s + g.shares[id].den, 0);
  return { value: num / den, high: wilsonCounts(num, den).high, den };
}

test('the demo writes valid employment histories and benefit claims, and they import with no problems', () => {
  assert.equal(report.problems, 0);
  assert.ok(demo.files.some((f) => f.endsWith('benefits.csv')));
  const occ = report.files.find((f) => f.file === 'occupations.csv')!;
  assert.equal(occ.rows, demo.counts.occupations);
  assert.ok(demo.counts.occupations > 1.5 * demo.counts.drawnOccupations, `later spells: ${demo.counts.occupations} rows from ${demo.counts.drawnOccupations} drawn`);
  assert.equal(report.benefits?.claims, demo.counts.benefits);
  assert.ok(demo.counts.benefits > 300);
  const rows: Record<string, string>[] = parse(readFileSync(join(dir, 'extract', 'occupations.csv'), 'utf8'), { columns: true });
  for (const col of ['ended_on', 'hours', 'pay', 'pay_period', 'contract', 'exit_reason']) assert.ok(col in rows[0], col);
  assert.deepEqual(new Set(rows.map((r) => r.pay_period)), new Set(['hour', 'week', 'month', 'year']));
  assert.deepEqual(new Set(rows.map((r) => r.contract)), new Set(['permanent', 'temporary', 'fixed-term', 'zero-hours', 'self-employed']));
  assert.deepEqual(new Set(rows.map((r) => r.exit_reason)), new Set(['', 'voluntary', 'involuntary', 'unknown']));
  const last = dayFromIso(demo.planted.careers.extractedOn);
  assert.ok(rows.every((r) => r.ended_on === '' || dayFromIso(r.ended_on) <= last));
  assert.ok(rows.filter((r) => r.ended_on === '').length > 1000, 'many spells still ongoing at the extract date');
});

test('apprenticeships give larger wage gains than classroom qualifications', () => {
  const app = measure('type', 'apprenticeship', 'wage_gain');
  const cls = measure('type', 'classroom', 'wage_gain');
  assert.ok(!app.lowBase && !cls.lowBase, `bases ${app.base}, ${cls.base}`);
  assert.ok(app.low! > cls.high!, `apprenticeship ${app.value} (${app.low}-${app.high}) against classroom ${cls.value} (${cls.low}-${cls.high})`);
  const [lo, hi] = demo.planted.careers.wageGain.apprenticeship;
  assert.ok(app.value! > lo && app.value! < hi, `apprenticeship median gain ${app.value} within the planted ${lo}-${hi}`);
  assert.ok(cls.value! >= 0 && cls.value! < demo.planted.careers.wageGain.classroom[1], `classroom median gain ${cls.value}`);
});

test('care qualifications (SSA 1) move from zero-hours to permanent contracts more than others', () => {
  const care = measure('ssa', '1', 'temp_to_permanent');
  const others = othersShare('1', 'temp_to_permanent');
  assert.ok(!care.lowBase && others.den > 500);
  assert.ok(care.low! > others.high, `SSA 1 ${care.value} (${care.low}-${care.high}) against the other SSAs ${others.value} (to ${others.high})`);
});

test('construction qualifications (SSA 5) move up from elementary to skilled trades more than others', () => {
  const con = measure('ssa', '5', 'skill_up');
  const others = othersShare('5', 'skill_up');
  assert.ok(!con.lowBase && others.den > 500);
  assert.ok(con.low! > others.high, `SSA 5 ${con.value} (${con.low}-${con.high}) against the other SSAs ${others.value} (to ${others.high})`);
  for (const ssa of ['1', '4', '7', '14']) assert.ok(con.low! > measure('ssa', ssa, 'skill_up').high!, `SSA 5 beyond SSA ${ssa}`);
});
