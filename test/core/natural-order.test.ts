import { test } from 'node:test';
import assert from 'node:assert/strict';
import { naturalCompare } from '../../src/core/natural-order.js';
import { compareAggregates, type GroupAggregate } from '../../src/core/progression/aggregate.js';

test('naturalCompare: numbers inside codes and labels in numeric order, and a total order on what the collator ties', () => {
  assert.deepEqual(['Cluster 10', 'Cluster 2', 'Cluster 1'].sort(naturalCompare), ['Cluster 1', 'Cluster 2', 'Cluster 10']);
  assert.deepEqual(['10.1', '2.1', '1.1', '1.10', '1.2'].sort(naturalCompare), ['1.1', '1.2', '1.10', '2.1', '10.1']);
  assert.deepEqual(['c10', 'c9'].sort(naturalCompare), ['c9', 'c10']);
  assert.ok(naturalCompare('abc', 'ABC') !== 0, 'different strings never compare equal');
  assert.equal(naturalCompare('x', 'x'), 0);
});

test('progression groups: cluster c2 comes before c10 and not-recorded first', () => {
  const g = (key: string | null) => ({ by: ['cluster'], keys: [key] }) as unknown as GroupAggregate;
  const sorted = [g('c10'), g('c2'), g(null), g('c1')].sort(compareAggregates([['cluster']]));
  assert.deepEqual(sorted.map((a) => a.keys[0]), [null, 'c1', 'c2', 'c10']);
});
