/**
 * The parts of the progression core: dates and windows (checked against
 * DuckDB's own calendar arithmetic), comparable pay, skill levels, the exact
 * median interval, and the validation of a history.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DuckDBInstance } from '@duckdb/node-api';
import { addMonths, dayFromIso, isoFromDay } from '../../src/core/progression/dates.js';
import { hourlyPay, WEEKS_PER_YEAR } from '../../src/core/progression/pay.js';
import { skillLevel } from '../../src/core/progression/skill.js';
import { binomialHalfLogCdf, medianInterval, medianLowerRank } from '../../src/core/stats/median-interval.js';
import { validateHistory } from '../../src/core/progression/validate.js';
import { anchorQualification } from '../../src/core/progression/anchor.js';
import { claim, qual, spell } from './helpers.js';
import { Random } from '../../src/core/random.js';

test('dates: ISO days, and calendar months clamped to the month end exactly as DuckDB adds them', async () => {
  assert.equal(dayFromIso('1970-01-02'), 1);
  assert.equal(isoFromDay(dayFromIso('2020-02-29')), '2020-02-29');
  assert.throws(() => dayFromIso('2021-02-29'), /not a calendar date/);
  assert.throws(() => dayFromIso('1/2/2020'), /expected YYYY-MM-DD/);
  assert.equal(isoFromDay(addMonths(dayFromIso('2020-01-31'), 1)), '2020-02-29');
  assert.equal(isoFromDay(addMonths(dayFromIso('2020-02-29'), 12)), '2021-02-28');
  assert.equal(isoFromDay(addMonths(dayFromIso('2020-03-31'), -1)), '2020-02-29');
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const r = (await c.runAndReadAll(`SELECT d, m, ((DATE '1970-01-01' + d::INTEGER) + to_months(m))::DATE - DATE '1970-01-01' AS e
      FROM range(dayFromIso_start(), dayFromIso_start() + 800, 7) t(d), (VALUES (1), (6), (12), (18), (24), (36), (59)) u(m)`.replaceAll('dayFromIso_start()', String(dayFromIso('2019-12-20'))))).getRowObjectsJS();
  for (const x of r) assert.equal(addMonths(Number(x.d), Number(x.m)), Number(x.e), `${isoFromDay(Number(x.d))} + ${x.m} months`);
  c.closeSync();
  db.closeSync();
});

test('pay made comparable: hourly from the hour, week, month and year', () => {
  assert.equal(hourlyPay(11.44, 'hour', null), 11.44);
  assert.equal(hourlyPay(400, 'week', 40), 10);
  assert.ok(Math.abs(hourlyPay(2000, 'month', 40)! - (2000 * 12) / (52.143 * 40)) < 1e-12);
  assert.ok(Math.abs(hourlyPay(20857.2, 'year', 40)! - 10) < 1e-12, '52.143 weeks a year');
  assert.equal(WEEKS_PER_YEAR, 52.143);
  // Not comparable: no hours for a weekly, monthly or yearly pay, no pay, or no positive pay.
  assert.equal(hourlyPay(400, 'week', null), null);
  assert.equal(hourlyPay(400, 'year', 0), null);
  assert.equal(hourlyPay(null, 'hour', 40), null);
  assert.equal(hourlyPay(0, 'hour', 40), null);
});

test('SOC major groups order by skill level, not by number', () => {
  assert.deepEqual(['9', '8', '7', '6', '5', '4', '3', '2', '1'].map(skillLevel), [1, 2, 2, 2, 3, 2, 3, 4, 4]);
  assert.equal(skillLevel(null), null);
  assert.equal(skillLevel('0'), null);
});

test('median interval: the exact order-statistic ranks of published tables', () => {
  // Conover's table (sign-test interval): n = 10 -> x(2)..x(9); n = 30 -> x(10)..x(21); n = 100 -> x(40)..x(61).
  assert.equal(medianLowerRank(10), 2);
  assert.equal(medianLowerRank(30), 10);
  assert.equal(medianLowerRank(100), 40);
  assert.equal(medianLowerRank(5), null);
  assert.equal(medianLowerRank(6), 1);
  // P(B <= 1) for n = 10 is 11/1024.
  assert.ok(Math.abs(Math.exp(binomialHalfLogCdf(10, 1)) - 11 / 1024) < 1e-15);
  const m = medianInterval([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  assert.deepEqual(m, { n: 10, median: 5.5, low: 2, high: 9 });
  assert.deepEqual(medianInterval([]), { n: 0, median: null, low: null, high: null });
});

test('median interval: coverage of at least 95%, and one rank narrower would not be', () => {
  for (const n of [6, 7, 13, 29, 31, 64, 257, 1000, 4099, 100_000, 1_000_003]) {
    const j = medianLowerRank(n)!;
    const tail = Math.exp(binomialHalfLogCdf(n, j - 1));
    const next = Math.exp(binomialHalfLogCdf(n, j));
    assert.ok(1 - 2 * tail >= 0.95 && 1 - 2 * next < 0.95, `n=${n} j=${j}: ${1 - 2 * tail}, ${1 - 2 * next}`);
    assert.ok(Math.abs(j - (n / 2 - 0.98 * Math.sqrt(n))) < 2, `n=${n}: near the normal approximation`);
  }
});

test('median interval: covers the true median of a known distribution about 95% of the time', () => {
  const rng = new Random(11);
  let covered = 0;
  const trials = 2000;
  for (let t = 0; t < trials; t++) {
    const xs = Array.from({ length: 40 }, () => rng.nextFloat()).sort((a, b) => a - b);
    const m = medianInterval(xs);
    if (m.low! <= 0.5 && 0.5 <= m.high!) covered++;
  }
  // n = 40 gives coverage 96.2%; 2000 trials put the observed share within about +-1 point of it.
  assert.ok(covered / trials > 0.945 && covered / trials < 0.98, String(covered / trials));
});

test('validation: reversed and overlapping spells and claims are reported with their lines', () => {
  const problems = validateHistory({
    spells: [
      spell({ line: 2, from: '2019-01-01', to: '2019-12-31' }),
      spell({ line: 3, from: '2019-12-31', to: '2020-06-30' }), // overlaps line 2 by one day
      spell({ line: 4, from: '2020-08-01', to: '2020-07-01' }), // reversed
      spell({ line: 5, from: '2020-09-01' }), // open ...
      spell({ line: 6, from: '2021-01-01', to: '2021-02-01' }), // ... so this one overlaps it
      spell({ line: 7, from: null, to: '2021-05-01' }),
      spell({ line: 8, from: '2022-01-01', pay: 300 }),
    ],
    claims: [claim('2019-01-01', '2019-03-31', 2), claim('2019-03-01', '2019-04-30', 3), claim('2019-06-01', '2019-05-01', 4)],
  });
  assert.deepEqual(
    problems.map((p) => [p.file, p.line, p.kind, p.field, p.otherLine]),
    [
      ['occupations.csv', 3, 'overlap', 'started_on', 2],
      ['occupations.csv', 4, 'reversed', 'ended_on', undefined],
      ['occupations.csv', 6, 'overlap', 'started_on', 5],
      ['occupations.csv', 7, 'undated-end', 'started_on', undefined],
      ['occupations.csv', 8, 'pay-without-period', 'pay_period', undefined],
      ['occupations.csv', 8, 'overlap', 'started_on', 5],
      ['benefits.csv', 3, 'overlap', 'started_on', 2],
      ['benefits.csv', 4, 'reversed', 'ended_on', undefined],
    ],
  );
  const rev = problems.find((p) => p.kind === 'reversed' && p.file === 'occupations.csv')!;
  assert.equal(rev.value, '2020-07-01');
  assert.match(rev.problem, /ended_on 2020-07-01 is before started_on 2020-08-01/);
  assert.match(problems[0].problem, /inside the spell on line 2 \(started 2019-01-01, ends 2019-12-31\)/);
  // A clean history: consecutive spells, one ending the day before the next starts.
  assert.deepEqual(validateHistory({ spells: [spell({ from: '2019-01-01', to: '2019-12-31' }), spell({ from: '2020-01-01' })], claims: [] }), []);
});

test('the anchor qualification: marked highest, else highest level, latest, first listed', () => {
  const a = qual({ title: 'A', level: 2, on: '2020-01-01' });
  const b = qual({ title: 'B', level: 3, on: '2019-01-01' });
  const c = qual({ title: 'C', level: 3, on: '2019-06-01' });
  const d = qual({ title: 'D', level: 1, highest: true });
  assert.equal(anchorQualification([a, b, c])!.title, 'C');
  assert.equal(anchorQualification([a, b, c, d])!.title, 'D');
  assert.equal(anchorQualification([b, qual({ title: 'B2', level: 3, on: '2019-01-01' })])!.title, 'B');
  assert.equal(anchorQualification([]), null);
});
