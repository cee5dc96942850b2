import { test } from 'node:test';
import assert from 'node:assert/strict';
import { wilsonCounts, wilsonInterval } from '../../src/core/stats/wilson.js';
import { kishEffectiveBase, kishFromWeights } from '../../src/core/stats/kish.js';

test('Wilson 95% interval matches published values', () => {
  // Newcombe (1998), Statistics in Medicine 17:857, Table I: 81/263 -> 0.2553 to 0.3662; 15/148 -> 0.0624 to 0.1605.
  const a = wilsonCounts(81, 263);
  assert.ok(Math.abs(a.low - 0.2553) < 5e-5 && Math.abs(a.high - 0.3662) < 5e-5, JSON.stringify(a));
  const b = wilsonCounts(15, 148);
  assert.ok(Math.abs(b.low - 0.0624) < 5e-5 && Math.abs(b.high - 0.1605) < 5e-5, JSON.stringify(b));
  // 0 of 10 and 10 of 10 (Newcombe: 0 to 0.2775).
  const z = wilsonCounts(0, 10);
  assert.equal(z.low, 0);
  assert.ok(Math.abs(z.high - 0.2775) < 5e-5);
  const f = wilsonCounts(10, 10);
  assert.equal(f.high, 1);
  assert.ok(Math.abs(f.low - 0.7225) < 5e-5);
});

test('Wilson interval contains p and narrows as the base grows', () => {
  for (const p of [0, 0.01, 0.3, 0.5, 0.97, 1]) {
    let width = Infinity;
    for (const n of [5, 30, 300, 3000]) {
      const i = wilsonInterval(p, n);
      assert.ok(i.low <= p && p <= i.high && i.low >= 0 && i.high <= 1);
      assert.ok(i.high - i.low < width);
      width = i.high - i.low;
    }
  }
  assert.deepEqual(wilsonInterval(0.5, 0), { low: 0, high: 1 });
});

test('Kish effective base', () => {
  assert.equal(kishFromWeights([1, 1, 1, 1]), 4);
  assert.equal(kishEffectiveBase(0, 0), 0);
  // Weights 1 and 3: (4)^2 / (1 + 9) = 1.6.
  assert.ok(Math.abs(kishFromWeights([1, 3]) - 1.6) < 1e-12);
  // Scaling the weights does not change it.
  assert.ok(Math.abs(kishFromWeights([2, 6]) - 1.6) < 1e-12);
});
