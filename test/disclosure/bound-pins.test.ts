/**
 * Primary cells pinned by their bounds: two withheld cells under the minimum
 * count that sum to a published 18 are both 9, which no rank test sees. The
 * protection withholds one more cell, the LP attacker then finds nothing
 * exact, and a split that leaves room (18 = 9 + 9 is pinned, 15 = 7 + 8 is
 * not) is left alone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { protect } from '../../src/core/disclosure/protect.js';
import { resolvePolicy } from '../../src/core/disclosure/policy.js';
import type { PublishedCountTable } from '../../src/core/disclosure/release.js';
import { attackerIntervals } from '../../src/release/intervals.js';
import { additiveTable, dim, resultsOf } from './helpers.js';

const rows = ['a', 'b'];
const cols = ['x', 'y', 'z'];
const policy = resolvePolicy({ method: 'suppression', roundingBase: 'none', minCount: 10 });

function release(m: number[][]) {
  const t = additiveTable('t', [dim('r', rows), dim('k', cols)], (keys) => m[rows.indexOf(keys[0]!)]![cols.indexOf(keys[1]!)]!);
  return protect([resultsOf([t])], policy);
}

const withheld = (ct: PublishedCountTable) => ct.cells.filter((c) => !('value' in c)).map((c) => c.keys.join('|'));

test('two withheld cells under 10 that sum to a published 18 get a third cell withheld, and the LP pins neither', async () => {
  // Row a: x 9 and y 9 are primary; z 40 and the row total 58 would give x + y = 18, so both 9.
  const r = release([
    [9, 9, 40],
    [30, 35, 45],
  ]);
  const cells = withheld(r.countTables[0]!);
  assert.ok(cells.includes('a|x') && cells.includes('a|y'));
  assert.ok(cells.length >= 4, `more than the two primaries and their linear cover are withheld: ${cells.join(', ')}`);
  const report = await attackerIntervals(r, 100);
  assert.ok(report.intervals.length > 0);
  assert.deepEqual(report.intervals.filter((i) => i.exact).map((i) => i.cell), []);
});

test('withheld cells whose sum leaves room are left as the rank test protects them', async () => {
  const pinned = release([
    [9, 9, 40],
    [30, 35, 45],
  ]);
  const roomy = release([
    [7, 8, 40],
    [30, 35, 45],
  ]);
  assert.ok(withheld(roomy.countTables[0]!).length < withheld(pinned.countTables[0]!).length, 'the roomy table keeps more cells');
  const report = await attackerIntervals(roomy, 100);
  assert.deepEqual(report.intervals.filter((i) => i.exact).map((i) => i.cell), []);
});
