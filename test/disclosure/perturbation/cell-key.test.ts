import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Random } from '../../../src/core/random.js';
import { cellKey, cellKeyOfPeople, combineKeys, removeKey } from '../../../src/core/disclosure/perturbation/index.js';

const rng = new Random(10);
const people = Array.from({ length: 300 }, (_, p) => ({ id: `P${p}`, key: rng.nextInt(4096) }));
const keyOf = (p: { key: number }) => p.key;

test('the same set of people gives the same cell key whatever the order', () => {
  const k = cellKey(people.map(keyOf));
  for (let s = 0; s < 20; s++) {
    const shuffled = [...people];
    const r = new Random(s);
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = r.nextInt(i + 1);
      [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
    }
    assert.equal(cellKey(shuffled.map(keyOf)), k);
    assert.equal(cellKeyOfPeople(shuffled, keyOf), k);
  }
  assert.equal(k, people.reduce((s, p) => s + p.key, 0) % 4096);
});

test('adding a person changes the key (unless their record key is 0); listing a person twice does not', () => {
  const base = cellKeyOfPeople(people, keyOf);
  const extra = { id: 'X', key: 1234 };
  assert.equal(cellKeyOfPeople([...people, extra], keyOf), (base + 1234) % 4096);
  assert.notEqual(cellKeyOfPeople([...people, extra], keyOf), base);
  assert.equal(cellKeyOfPeople([...people, people[5], people[6]], keyOf), base);
  assert.equal(cellKey([]), 0);
});

test('keys of disjoint sets combine; a part is removed from a whole', () => {
  const a = people.slice(0, 100);
  const b = people.slice(100);
  const ka = cellKey(a.map(keyOf));
  const kb = cellKey(b.map(keyOf));
  const whole = cellKey(people.map(keyOf));
  assert.equal(combineKeys(ka, kb), whole);
  assert.equal(removeKey(whole, ka), kb);
  assert.equal(removeKey(ka, ka), 0);
  assert.equal(combineKeys(), 0);
});

test('keys outside 0..4095 are refused', () => {
  assert.throws(() => cellKey([4096]), RangeError);
  assert.throws(() => cellKey([-1]), RangeError);
  assert.throws(() => combineKeys(1.5), RangeError);
});
