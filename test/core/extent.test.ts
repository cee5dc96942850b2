import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maxOf, minOf } from '../../src/core/extent.js';

test('maxOf and minOf: the extremes, the floor or ceiling when empty, and a million values without overflowing the stack', () => {
  assert.equal(maxOf([3, 9, 2]), 9);
  assert.equal(minOf([3, 9, 2]), 2);
  assert.equal(maxOf([], 1), 1);
  assert.equal(maxOf([0.5], 1), 1);
  assert.equal(minOf([]), Infinity);
  const many = Array.from({ length: 1_000_000 }, (_, i) => (i * 7919) % 1_000_003);
  assert.equal(maxOf(many), many.reduce((a, b) => (b > a ? b : a)));
  assert.equal(minOf(many), 0);
});
