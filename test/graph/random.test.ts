import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Random } from '../../src/core/random.js';

test('same seed, same stream; different seeds, different streams', () => {
  const a = new Random(42);
  const b = new Random(42);
  const c = new Random(43);
  const xa = Array.from({ length: 20 }, () => a.nextUint32());
  const xb = Array.from({ length: 20 }, () => b.nextUint32());
  const xc = Array.from({ length: 20 }, () => c.nextUint32());
  assert.deepEqual(xa, xb);
  assert.notDeepEqual(xa, xc);
  assert.notDeepEqual(Array.from({ length: 5 }, () => new Random(0).nextUint32()), [0, 0, 0, 0, 0]);
});

test('nextFloat in [0,1) with mean 1/2; nextInt covers its range evenly', () => {
  const r = new Random(7);
  let sum = 0;
  const counts = new Array(6).fill(0);
  for (let i = 0; i < 60000; i++) {
    const x = r.nextFloat();
    assert.ok(x >= 0 && x < 1);
    sum += x;
    counts[r.nextInt(6)]++;
  }
  assert.ok(Math.abs(sum / 60000 - 0.5) < 0.01);
  for (const c of counts) assert.ok(Math.abs(c - 10000) < 500, `count ${c}`);
  assert.throws(() => r.nextInt(0), RangeError);
});

test('poisson has mean and variance lambda (small and large lambda)', () => {
  const r = new Random(3);
  for (const lambda of [1, 4, 50]) {
    const n = 40000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const x = r.poisson(lambda);
      assert.ok(Number.isInteger(x) && x >= 0);
      s += x;
      s2 += x * x;
    }
    const mean = s / n;
    const variance = s2 / n - mean * mean;
    assert.ok(Math.abs(mean - lambda) < 0.05 * lambda + 0.03, `mean ${mean} for ${lambda}`);
    assert.ok(Math.abs(variance - lambda) < 0.1 * lambda + 0.05, `variance ${variance} for ${lambda}`);
  }
});

test('shuffle is a permutation and depends on the seed', () => {
  const a = new Random(1).shuffle(Int32Array.from({ length: 50 }, (_, i) => i));
  assert.deepEqual(Array.from(a).sort((x, y) => x - y), Array.from({ length: 50 }, (_, i) => i));
  const b = new Random(2).shuffle(Int32Array.from({ length: 50 }, (_, i) => i));
  assert.notDeepEqual(Array.from(a), Array.from(b));
});
