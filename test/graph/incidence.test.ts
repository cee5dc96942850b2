import { test } from 'node:test';
import assert from 'node:assert/strict';
import { graphFromIncidence, incidenceFromLists } from '../../src/core/graph/incidence.js';

// Three people: p0 holds q0,q1 and works as o0; p1 holds q1 and o0,o1; p2 holds q1 and o1.
const inc = incidenceFromLists(3, 2, [[0, 1], [1], [1, 1]], [[0], [1, 0], [1]]);

test('w(q, o) counts the people holding both', () => {
  const g = graphFromIncidence(inc);
  assert.deepEqual(Array.from(g.rowPtr), [0, 1, 3, 3]);
  assert.deepEqual(Array.from(g.colIdx), [0, 0, 1]);
  // q0-o0: p0; q1-o0: p0, p1; q1-o1: p1, p2. q2: nobody.
  assert.deepEqual(Array.from(g.weights), [1, 2, 2]);
});

test('multiplicities weight each person (the bootstrap), and people drawn 0 times vanish', () => {
  const g = graphFromIncidence(inc, Float64Array.from([2, 0, 3]));
  assert.deepEqual(Array.from(g.colIdx), [0, 0, 1]);
  assert.deepEqual(Array.from(g.weights), [2, 2, 3]);
  const none = graphFromIncidence(inc, Int32Array.from([0, 0, 0]));
  assert.equal(none.colIdx.length, 0);
  assert.throws(() => graphFromIncidence(inc, Int32Array.from([1])), RangeError);
});

test('incidenceFromLists removes duplicate indices within a person', () => {
  assert.deepEqual(Array.from(inc.qualIdx), [0, 1, 1, 1]);
  assert.deepEqual(Array.from(inc.qualPtr), [0, 2, 3, 4]);
  assert.deepEqual(Array.from(inc.occIdx), [0, 0, 1, 1]);
});
