import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bipartiteNmi, nmi } from '../../src/core/graph/nmi.js';

test('identical partitions up to relabelling give 1', () => {
  assert.equal(nmi([0, 0, 1, 1, 2], [5, 5, 3, 3, 9]), 1);
  assert.equal(nmi([0, 0, 0], [1, 1, 1]), 1);
});

test('a hand-computed case', () => {
  // a = [0,0,1,1], b = [0,0,0,1]: I = 0.5 ln(4/3) + 0.25 ln(2/3) + 0.25 ln 2,
  // H(a) = ln 2, H(b) = -(0.75 ln 0.75 + 0.25 ln 0.25).
  const I = 0.5 * Math.log(4 / 3) + 0.25 * Math.log(2 / 3) + 0.25 * Math.log(2);
  const ha = Math.log(2);
  const hb = -(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25));
  const expected = I / ((ha + hb) / 2);
  assert.ok(Math.abs(nmi([0, 0, 1, 1], [0, 0, 0, 1]) - expected) < 1e-12);
  assert.ok(Math.abs(expected - 0.343715) < 1e-5);
});

test('independent partitions give 0; one trivial partition gives 0', () => {
  assert.ok(nmi([0, 0, 1, 1], [0, 1, 0, 1]) < 1e-12);
  assert.equal(nmi([0, 0, 1, 1], [0, 0, 0, 0]), 0);
});

test('negative labels are left out; bipartite NMI concatenates rows and columns', () => {
  assert.equal(nmi([0, 0, 1, -1], [3, 3, 4, 3]), 1);
  assert.equal(bipartiteNmi([0, 1], [0, 1, 1], [7, 8], [7, 8, 8]), 1);
  assert.throws(() => nmi([0], [0, 1]), RangeError);
});
