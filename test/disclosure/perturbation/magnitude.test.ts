import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KEY_RANGE, PerturbationLookup, generatePTable, magnitudeNoise, perturbMagnitude, scrambleKey } from '../../../src/core/disclosure/perturbation/index.js';

const lookup = new PerturbationLookup(generatePTable({ maxPerturbation: 5, variance: 3, forbid: 2 }));
const settings = { share: 0.1, epsilon: [1, 0.5] };

test('scrambleKey is a bijection of 0..4095', () => {
  const seen = new Set(Array.from({ length: KEY_RANGE }, (_, k) => scrambleKey(k)));
  assert.equal(seen.size, KEY_RANGE);
  assert.ok([...seen].every((k) => k >= 0 && k < KEY_RANGE));
});

test('magnitude noise is within [-1, 1] with mean about 0 and variance about V / D^2 over the keys', () => {
  const xs = Array.from({ length: KEY_RANGE }, (_, k) => magnitudeNoise(lookup, k));
  assert.ok(xs.every((x) => x >= -1 && x <= 1));
  const m = xs.reduce((s, x) => s + x, 0) / KEY_RANGE;
  const v = xs.reduce((s, x) => s + x * x, 0) / KEY_RANGE;
  assert.ok(Math.abs(m) < 0.01, `mean ${m}`);
  assert.ok(Math.abs(v - 3 / 25) < 0.005, `variance ${v}`);
});

test('a magnitude is perturbed by at most share x (largest + epsilon x second), the same way every time', () => {
  const cell = { total: 1000, largest: [200, 300, 50], key: 2049 };
  const a = perturbMagnitude(lookup, cell, settings);
  assert.equal(perturbMagnitude(lookup, { ...cell, largest: [50, 300, 200] }, settings), a);
  assert.ok(Math.abs(a - 1000) <= 0.1 * (300 + 0.5 * 200) + 1e-9);
  // Different keys give different noise for some cells; none moves further than the bound.
  const values = new Set<number>();
  for (let k = 0; k < KEY_RANGE; k += 17) {
    const x = perturbMagnitude(lookup, { ...cell, key: k }, settings);
    assert.ok(Math.abs(x - 1000) <= 40 + 1e-9);
    values.add(x);
  }
  assert.ok(values.size > 5);
  assert.equal(perturbMagnitude(lookup, { total: 0, largest: [], key: 5 }, settings), 0);
});

test('bad magnitude settings are refused', () => {
  const cell = { total: 10, largest: [10], key: 1 };
  assert.throws(() => perturbMagnitude(lookup, cell, { share: 0, epsilon: [1] }), /share/);
  assert.throws(() => perturbMagnitude(lookup, cell, { share: 0.1, epsilon: [0.5] }), /start with 1/);
  assert.throws(() => perturbMagnitude(lookup, cell, { share: 0.1, epsilon: [1, 0.2, 0.5] }), /non-increasing/);
  assert.throws(() => perturbMagnitude(lookup, { ...cell, key: 5000 }, settings), RangeError);
});
