/**
 * Every measure on the hand-built histories of hand.ts, whose answers are
 * worked out there: computed by the pure core and by the store's SQL, which
 * must agree exactly.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { HAND } from './hand.js';
import { assertSameCounts, loadHistories, person, tempStore } from './helpers.js';
import type { Store } from '../../src/store/database.js';
import { countProgression } from '../../src/store/progression-counts.js';
import { progressionFromHistories } from '../../src/core/progression/from-histories.js';
import { progressionSettings, type SettingsInput } from '../../src/core/progression/settings.js';
import { basketOfMeasures, type GroupMeasures } from '../../src/core/progression/basket.js';
import { dayFromIso } from '../../src/core/progression/dates.js';
import type { CountOptions, ProgressionCounts } from '../../src/core/progression/counts.js';
import type { MeasureId } from '../../src/core/progression/catalogue.js';

const L2_2020 = { ssa: '5', level: 2, type: 'classroom' as const, on: '2020-01-01' };
let store: Store;
let done: () => void;
let id: number;

before(async () => {
  ({ store, done } = await tempStore());
  id = await loadHistories(store, 'hand', HAND);
});
after(() => done());

/** Both paths, checked equal; returns the core's counts. */
async function both(input: SettingsInput, options: CountOptions = {}): Promise<ProgressionCounts> {
  const settings = progressionSettings(input);
  const core = progressionFromHistories(HAND, settings, options);
  const sql = await countProgression(store, id, settings, options);
  assertSameCounts(sql, core);
  return core;
}

const everyone = (c: ProgressionCounts): GroupMeasures => basketOfMeasures(c.aggregates, 30).find((g) => g.by.length === 0)!;
const m = (g: GroupMeasures, id: MeasureId) => g.measures.find((x) => x.id === id)!;
const near = (a: number | null, b: number, what: string) => assert.ok(a !== null && Math.abs(a - b) < 1e-9, `${what}: ${a} vs ${b}`);

test('coverage: who is followed up and why not', async () => {
  const c = await both({ observedTo: '2022-12-31' });
  assert.deepEqual(c.coverage, { people: 10, noQualification: 1, noDate: 1, incomplete: 1, analysed: 7 });
  assert.equal(c.context.observedTo, dayFromIso('2022-12-31'));
  assert.equal(c.context.spellsWithPay, 11);
  assert.equal(c.context.medianHourly, 10);
  near(c.context.lowPayThreshold, 20 / 3, 'two thirds of the median');
});

test('the records run to their latest date unless told: a window ending later is incomplete', async () => {
  // The latest date is p9's job start, 2022-07-01: p9's window (to 2023-06-01) is incomplete, everyone else's complete.
  const c = await both({});
  assert.equal(c.context.observedTo, dayFromIso('2022-07-01'));
  assert.equal(c.coverage.incomplete, 1);
  // Observed only to 2020-12-31: every 2020 window (ending 2021-01-01) is incomplete.
  const early = await both({ observedTo: '2020-12-31' });
  assert.equal(early.coverage.analysed, 0);
  assert.equal(early.coverage.incomplete, 8);
  assert.equal(early.aggregates.length, 0);
});

test('each share has the worked-out base and count', async () => {
  const g = everyone(await both({ observedTo: '2022-12-31', lowPayShare: 1 }));
  const expect: Array<[MeasureId, number, number]> = [
    ['in_work_end', 5, 7], // p3 and p6 out of work on 2021-01-01; p4 (ends on E) and p5 (starts on E) in work
    ['real_wage_gain', 3, 5], // p2, p5, p11; p1 and p4 kept one job (no gain)
    ['hours_up', 2, 5], // p2 20 -> 40, p11 30 -> 40
    ['temp_to_permanent', 3, 4], // p2, p5, p11 became permanent, p4 stayed zero-hours; p3 has no job at the end
    ['involuntary_exit', 2, 6], // p2 and p5; p11's apprenticeship ending on the day counts but was voluntary
    ['repeat_claim', 1, 2], // p6 claimed again; p1 left a claim and did not
    ['low_pay', 1, 5], // threshold 10 (the median): p5 at 9.5; 10 itself is not below
    ['low_pay_persistence', 1, 3], // low-paid first: p2 (8), p5 (8.5), p11 (5); p5 still low
    ['training', 1, 6], // p4; p11's training spell ends on the achievement day
    ['skill_up', 2, 5], // p2 9 -> 5, p5 9 -> 8
  ];
  for (const [id, num, den] of expect) {
    const v = m(g, id);
    assert.deepEqual([v.num, v.base], [num, den], id);
    assert.ok(v.lowBase, `${id} flags its base under 30`);
    assert.ok(v.low! <= v.value! && v.value! <= v.high!, `${id} interval holds the share`);
  }
});

test('wage gain, hours and pay medians from pay given by the hour, week, month and year', async () => {
  const g = everyone(await both({ observedTo: '2022-12-31' }));
  // Gains: p1 0, p4 0, p5 9.5/8.5 - 1, p2 (2000 x 12 / (52.143 x 40)) / 8 - 1, p11 (25000 / (52.143 x 40)) / 5 - 1.
  const gain = m(g, 'wage_gain');
  assert.equal(gain.base, 5);
  near(gain.value, 9.5 / 8.5 - 1, 'median wage gain');
  assert.equal(gain.low, null, 'no 95% order-statistic interval below 6 values');
  near(m(g, 'hours_change').value, 0, 'median hours change');
  near(m(g, 'hourly_pay_end').value, 10, 'median hourly pay at the end');
});

test('months in work count overlapping spells once and stop at the window edge', async () => {
  const g = everyone(await both({ observedTo: '2022-12-31' }));
  const months = m(g, 'months_in_work');
  const days = [366, 275, 274, 335, 352, 0, 336];
  assert.equal(months.base, 7);
  near(months.value, days.reduce((s, x) => s + (12 * x) / 366, 0) / 7, 'mean months in work');
});

test('groups by SSA x level x region with every margin, and by qualification title', async () => {
  const c = await both({ observedTo: '2022-12-31' });
  assert.equal(c.sets.length, 8);
  const find = (by: string[], keys: (string | null)[]) => c.aggregates.find((g) => g.by.join() === by.join() && g.keys.join() === keys.join());
  assert.equal(find(['ssa', 'level', 'region'], ['5', '2', 'NE'])!.people, 2); // p1, p2
  assert.equal(find(['ssa', 'level', 'region'], ['5', '2', 'YH'])!.people, 1); // p5
  assert.equal(find(['ssa'], ['5'])!.people, 4); // p1, p2, p5, p11
  assert.equal(find(['region'], ['NE'])!.people, 5);
  assert.equal(find([], [])!.shares.in_work_end.num, 5);
  const byTitle = await both({ observedTo: '2022-12-31' }, { by: ['title'], margins: false });
  // Dictionary order, as a reader expects: 'Care Cert' before 'CSCS'.
  assert.deepEqual(
    byTitle.aggregates.map((g) => [g.keys[0], g.people]),
    [['Bricklaying', 1], ['Care Cert', 1], ['CSCS', 2], ['Diploma', 1], ['Retail Skills', 2]],
  );
});

test('groups by cluster: each person in the cluster of their highest qualification, the rest in no cluster', async () => {
  const clusters = new Map([['Bricklaying', 'c1'], ['CSCS', 'c1'], ['Care Cert', 'c2']]);
  const c = await both({ observedTo: '2022-12-31' }, { by: ['cluster'], clusters });
  assert.deepEqual(
    c.aggregates.map((g) => [g.by.join(), g.keys[0] ?? null, g.people]),
    [['cluster', null, 3], ['cluster', 'c1', 3], ['cluster', 'c2', 1], ['', null, 7]],
  );
});

test('one region: its people only, the threshold and observation date still the whole dataset\'s', async () => {
  const c = await both({ observedTo: '2022-12-31' }, { region: 'YH' });
  assert.deepEqual(c.coverage, { people: 2, noQualification: 0, noDate: 0, incomplete: 0, analysed: 2 });
  assert.equal(c.context.medianHourly, 10);
});

test('real gains: a price index or an assumed inflation rate, and a minimum gain', async () => {
  // p5's 11.8% gain over 352 days is real at 2% a year, not at 15%; p2's 43.8% is real at both.
  assert.equal(everyone(await both({ observedTo: '2022-12-31', inflation: 0.15 })).measures.find((x) => x.id === 'real_wage_gain')!.num, 2);
  // A minimum gain of 50% leaves only p11 (+140%).
  assert.equal(m(everyone(await both({ observedTo: '2022-12-31', minGain: 0.5 })), 'real_wage_gain').num, 1);
  // Prices up 12% from 2020 to 2021: p5 (jobs starting 2020 and 2021, +11.8%) is no longer a real gain; p2's and p11's jobs start in 2019/2018 -> 2020.
  const index = { 2018: 100, 2019: 100, 2020: 100, 2021: 112 };
  assert.equal(m(everyone(await both({ observedTo: '2022-12-31', priceIndex: index })), 'real_wage_gain').num, 2);
  // A year missing from the index is a usage error on both paths.
  const settings = progressionSettings({ observedTo: '2022-12-31', priceIndex: { 2019: 100, 2020: 101 } });
  assert.throws(() => progressionFromHistories(HAND, settings), /price index has no value for 20(18|21)/);
  await assert.rejects(countProgression(store, id, settings), /price index has no value for 2018/);
});

test('a set low-pay threshold in pounds an hour', async () => {
  const g = everyone(await both({ observedTo: '2022-12-31', lowPayHourly: 9.6 }));
  assert.deepEqual([m(g, 'low_pay').num, m(g, 'low_pay').base], [1, 5]);
  assert.deepEqual([m(g, 'low_pay_persistence').num, m(g, 'low_pay_persistence').base], [1, 3]);
});

test('settings are checked with the option and what it takes', () => {
  assert.throws(() => progressionSettings({ months: 0 }), /--months must be a whole number of months from 1 to 240/);
  assert.throws(() => progressionSettings({ lowPayShare: 1.5 }), /--low-pay-share/);
  assert.throws(() => progressionSettings({ observedTo: '31/12/2020' }), /--observed-to must be a date YYYY-MM-DD/);
  assert.throws(() => progressionSettings({ priceIndex: { 2020: 0 } }), /price index/);
});

test('the main job is the one started latest, even when it records nothing: its missing pay is not taken from the other job', async () => {
  // p21 has an old coded, paid, permanent job and, from before the window, a newer bare one held beside it: both cover
  // the achievement day and the window's end, and the newer is the main job at both.
  const people = [
    person(21, {
      quals: [{ title: 'CSCS', ...L2_2020 }],
      spells: [
        { from: '2018-01-01', soc: '53', hours: 40, pay: 12, per: 'hour', contract: 'permanent' },
        { from: '2019-06-01', soc: null },
      ],
    }),
  ];
  const settings = progressionSettings({ observedTo: '2022-12-31' });
  const pid = await loadHistories(store, 'bare-main-job', people);
  const core = progressionFromHistories(people, settings, { by: [] });
  assertSameCounts(await countProgression(store, pid, settings, { by: [] }), core);
  const g = everyone(core);
  assert.deepEqual([m(g, 'in_work_end').num, m(g, 'in_work_end').base], [1, 1]);
  for (const id of ['real_wage_gain', 'hours_up', 'temp_to_permanent', 'low_pay', 'skill_up', 'wage_gain', 'hourly_pay_end'] as const) {
    assert.equal(m(g, id).base, 0, `${id}: the main job records no pay, hours, contract or SOC`);
  }
  assert.deepEqual(core.routes.map((r) => [r.first, r.then]), [['unknown', 'unknown']]);
});

test('the dataset median hourly pay: the middle value, or the mean of the two middle values', async () => {
  const paid = (key: number, pays: number[]) => person(key, { spells: pays.map((pay, i) => ({ from: `201${i}-01-01`, to: `201${i}-06-30`, pay, per: 'hour' as const })) });
  const settings = progressionSettings({ observedTo: '2022-12-31' });
  for (const [name, pays, median] of [
    ['even', [14, 8, 12, 10], 11],
    ['even-ties', [10, 14, 8, 10], 10],
    ['even-tie-above', [8, 10, 12, 12], 11],
    ['odd', [9, 7, 8], 8],
  ] as const) {
    const people = [paid(1, [...pays])];
    const did = await loadHistories(store, `median-${name}`, people);
    const sql = await countProgression(store, did, settings);
    assert.equal(sql.context.medianHourly, median, name);
    assert.equal(progressionFromHistories(people, settings).context.medianHourly, median, name);
  }
});
