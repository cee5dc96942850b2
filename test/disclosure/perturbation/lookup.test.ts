import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KEY_RANGE, PerturbationLookup, generatePTable, parsePTableCsv, formatPTableCsv, forbiddenUpTo } from '../../../src/core/disclosure/perturbation/index.js';
import { readDefaultPTable } from '../../../src/reference/ptable.js';
import { InputError } from '../../../src/core/errors.js';

const table = generatePTable({ maxPerturbation: 5, variance: 3, forbid: 2 });
const lookup = new PerturbationLookup(table);

test('zeros stay zeros and no count is ever published as 1 or 2, for every count up to 200 and every key', () => {
  for (let n = 0; n <= 200; n++) {
    for (let k = 0; k < KEY_RANGE; k++) {
      const j = lookup.perturb(n, k);
      if (n === 0) assert.equal(j, 0);
      assert.ok(j === 0 || j >= 3, `count ${n} key ${k} published as ${j}`);
      assert.ok(Math.abs(j - n) <= 5 && j >= 0);
    }
  }
});

test('the lookup is deterministic and a second lookup from the same table agrees; perturbAll gives the same as perturb', () => {
  const again = new PerturbationLookup(generatePTable({ maxPerturbation: 5, variance: 3, forbid: 2 }));
  const counts = Int32Array.from({ length: 5000 }, (_, c) => (c * 7919) % 60);
  const keys = Int32Array.from({ length: 5000 }, (_, c) => (c * 104729) % KEY_RANGE);
  const all = lookup.perturbAll(counts, keys);
  counts.forEach((n, c) => {
    assert.equal(all[c], lookup.perturb(n, keys[c]));
    assert.equal(again.perturb(n, keys[c]), lookup.perturb(n, keys[c]));
  });
});

test('each entry gets the keys whose slice centres fall in its interval: shares within 1/4096 of p', () => {
  for (let i = 0; i <= table.maxI; i++) {
    const shares = lookup.keyShares(i);
    for (const r of table.rows.filter((x) => x.i === i)) assert.ok(Math.abs((shares.get(r.v) ?? 0) - r.p) <= 1 / KEY_RANGE, `i=${i} v=${r.v}`);
    assert.equal([...shares.values()].reduce((s, x) => s + x, 0), 1);
  }
  // Key 0 stands for u = 0.5/4096: the first entry of each row; key 4095 the last.
  assert.equal(lookup.perturbation(1, 0), -1);
  assert.equal(lookup.perturbation(100, 0), -5);
  assert.equal(lookup.perturbation(100, 4095), 5);
});

test('counts from the last row up reuse its perturbations, shifted', () => {
  for (let k = 0; k < KEY_RANGE; k += 13) {
    const v = lookup.perturbation(table.maxI, k);
    for (const n of [table.maxI + 1, 50, 12345]) assert.equal(lookup.perturb(n, k), n + v);
  }
});

test('over uniform keys, large counts are changed with mean about 0 and variance about V = 3', () => {
  const s = lookup.keyShares(1000);
  const m = [...s].reduce((a, [v, p]) => a + v * p, 0);
  const v2 = [...s].reduce((a, [v, p]) => a + v * v * p, 0);
  assert.ok(Math.abs(m) < 5 * 5 / KEY_RANGE, `mean ${m}`);
  assert.ok(Math.abs(v2 - 3) < 0.02, `variance ${v2}`);
});

test('bad counts and keys are refused', () => {
  assert.throws(() => lookup.perturb(-1, 0), RangeError);
  assert.throws(() => lookup.perturb(1.5, 0), RangeError);
  assert.throws(() => lookup.perturb(3, 4096), RangeError);
  assert.throws(() => lookup.perturb(3, -1), RangeError);
});

test('a p-table survives its CSV; the shipped default reads back with its rows and js = 2', () => {
  const back = parsePTableCsv(formatPTableCsv(table), 'ptable.csv');
  assert.equal(back.maxI, table.maxI);
  assert.deepEqual(back.rows.map((r) => [r.i, r.j, r.v]), table.rows.map((r) => [r.i, r.j, r.v]));
  back.rows.forEach((r, k) => assert.ok(Math.abs(r.p - table.rows[k].p) < 1e-12));
  const shipped = readDefaultPTable();
  assert.equal(forbiddenUpTo(shipped), 2);
  assert.equal(forbiddenUpTo(generatePTable({ maxPerturbation: 3, variance: 1, forbid: 0 })), 0);
  const lk = new PerturbationLookup(shipped);
  for (let k = 0; k < KEY_RANGE; k += 7) assert.equal(lk.perturb(17, k), lookup.perturb(17, k));
});

test('a broken p-table CSV is refused naming the line and column', () => {
  const good = formatPTableCsv(table).split('\n');
  const bad = (mutate: (lines: string[]) => void, re: RegExp, line?: number, column?: number) => {
    const lines = [...good];
    mutate(lines);
    assert.throws(
      () => parsePTableCsv(lines.join('\n'), 'p.csv'),
      (e: unknown) => e instanceof InputError && re.test(e.message) && e.location?.file === 'p.csv' && (line === undefined || e.location.line === line) && (column === undefined || e.location.column === column),
      re.source,
    );
  };
  bad((l) => (l[0] = 'i,j,p'), /header must be i,j,p,v,p_int_lb,p_int_ub/, 1);
  bad((l) => (l[3] = l[3].replace(/^1,3,/, '1,x,')), /column 'j' value 'x': expected a whole number/, 4, 2);
  bad((l) => (l[2] = '1,0,0.73446954,5,0.00000000,0.73446954'), /v must equal j - i/, 3, 4);
  bad((l) => (l[1] = '0,1,1.00000000,1,0.00000000,1.00000000'), /true zero must stay zero/, 2, 2);
  bad((l) => (l[3] = l[3].replace(',0.73446954,', ',0.7,')), /p_int_lb must equal the previous entry's p_int_ub/, 4, 5);
  bad((l) => l.splice(6, 1), /must end at p_int_ub = 1/);
  bad((l) => (l[2] = l[2].replace('0.73446954,-1', '0.5,-1')), /p must equal p_int_ub - p_int_lb/, 3, 3);
});
