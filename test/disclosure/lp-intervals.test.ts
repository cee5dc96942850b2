/**
 * The publishing audit's LP interval check (src/release/intervals.ts) gives the same report
 * as the plain way of computing it (test/disclosure/lp-intervals-reference.ts: one LP text
 * per suppressed cell's block, solved from scratch twice): on hand-made releases whose
 * intervals are worked out below, and on the demo run's releases.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPublishedModel } from '../../src/core/disclosure/model.js';
import { protect } from '../../src/core/disclosure/index.js';
import type { ProtectedRelease, PublishedCountTable } from '../../src/core/disclosure/release.js';
import type { CountTable, Dimension } from '../../src/core/results.js';
import { generateDemoExtract } from '../../src/demo/generate.js';
import { importExtract } from '../../src/ingest/import.js';
import { ANALYSES } from '../../src/analyses/registry.js';
import { publishDataset } from '../../src/pipeline/publish.js';
import { attackerIntervals, type IntervalReport } from '../../src/release/intervals.js';
import { openStore } from '../../src/store/database.js';
import { additiveTable, dim, reportOf, resultsOf } from './helpers.js';
import { referenceIntervals } from './lp-intervals-reference.js';

/** Both ways, the same report (order, bounds, exact flags, counts); returns it. */
async function same(release: ProtectedRelease, maxCells: number): Promise<IntervalReport> {
  const report = await attackerIntervals(release, maxCells);
  assert.deepEqual(report, await referenceIntervals(release, maxCells));
  return report;
}

const at = (r: IntervalReport, keys: string) => {
  const i = r.intervals.find((x) => x.keys.join() === keys);
  assert.ok(i, `an interval for ${keys} in ${r.intervals.map((x) => x.keys.join()).join(' ')}`);
  return [i.min, i.max, i.exact];
};

/**
 * What an attacker sees, made by hand (count tables and policy only: all the interval
 * check reads), to shape the LP exactly; protect() would not publish these.
 */
function attackerView(countTables: PublishedCountTable[], minCount = 10): ProtectedRelease {
  return { countTables, policy: { minCount, roundingBase: null, minBase: 30 } } as unknown as ProtectedRelease;
}

const grid = (rows: string[], cols: string[], m: number[][]) => (keys: string[]) => m[rows.indexOf(keys[0]!)]![cols.indexOf(keys[1]!)]!;

test('a table a + b = 2 with a = b = 1 withheld pins both cells: a is [1, 1], exact (protect() avoids this: test/disclosure/bound-pins.test.ts; the audit refuses it: test/pipeline)', async () => {
  const pinned: PublishedCountTable = {
    id: 't',
    title: 't',
    dimensions: [dim('k', ['a', 'b'])],
    additive: true,
    cells: [
      { keys: ['T'], value: 2 },
      { keys: ['a'], symbol: '[c]', reason: 'primary-small-count' },
      { keys: ['b'], symbol: '[c]', reason: 'primary-small-count' },
    ],
  };
  const view = attackerView([pinned], 2);
  const report = await same(view, 200);
  assert.equal(report.computed, 2);
  assert.deepEqual(at(report, 'a'), [1, 1, true]);
  assert.deepEqual(at(report, 'b'), [1, 1, true]);
});

test('a 3 x 3 table: exact totals give the small cell 1..9, and so do totals rounded to 5; the secondary cells are bounded by their rows and columns', async () => {
  const rows = ['a', 'b', 'c'];
  const cols = ['x', 'y', 'z'];
  const t = additiveTable('t', [dim('r', rows), dim('k', cols)], grid(rows, cols, [[3, 20, 40], [25, 30, 50], [45, 60, 70]]));
  const exact = await same(protect([resultsOf([t])], { roundingBase: null }), 200);
  assert.deepEqual([exact.computed, exact.skipped], [4, 0]);
  // Row a is 63 with (a, z) = 40: (a, x) + (a, y) = 23, and (a, x) is at most 9.
  assert.deepEqual(at(exact, 'a,x'), [1, 9, false]);
  assert.deepEqual(at(exact, 'a,y'), [14, 22, false]);
  const rounded = await same(protect([resultsOf([t])]), 200);
  assert.deepEqual(at(rounded, 'a,x'), [1, 9, false]);
  for (const i of rounded.intervals) assert.ok(i.max !== null && i.max > i.min, `${i.cell}: [${i.min}, ${i.max}]`);
  // Fewer cells asked for: the first ones of the same order, the rest counted as skipped.
  const two = await same(protect([resultsOf([t])]), 2);
  assert.deepEqual([two.computed, two.skipped], [2, 2]);
  assert.deepEqual(two.intervals, rounded.intervals.slice(0, 2));
  assert.deepEqual(await same(protect([resultsOf([t])]), 0), { ...rounded, computed: 0, skipped: 4, intervals: [] });
});

test('linked tables: the equalities a release states between them are rows of the LP', async () => {
  const ssa = ['s1', 's2'];
  const occ = ['o1', 'o2'];
  const A: CountTable = additiveTable('A', [dim('ssa', ssa), dim('occ', occ)], grid(ssa, occ, [[3, 40], [30, 50]]), ['B']);
  const B: CountTable = additiveTable('B', [dim('qtype', ['q1', 'q2']), dim('occ', occ)], grid(['q1', 'q2'], occ, [[15, 45], [18, 45]]));
  // Both show the occupation totals: the release states they are the same people.
  const reportA = reportOf(A, [['s1', 'o1'], ['s1', 'o2'], ['s2', 'o1'], ['s2', 'o2'], ['s1', 'T'], ['s2', 'T'], ['T', 'o1'], ['T', 'o2']]);
  const reportB = reportOf(B, [['T', 'o1'], ['T', 'o2'], ['T', 'T'], ['q1', 'o1'], ['q2', 'o1']]);
  const release = protect([resultsOf([A, B], [reportA, reportB])], { roundingBase: null });
  const inputs = release.countTables.map((t) => ({ key: t.id, dimensions: t.dimensions, additive: t.additive, linkedWith: [...(t.linkedWith ?? [])], cells: t.cells.map((c) => ({ keys: c.keys, n: 'value' in c ? c.value : null })), sameAs: (t.sameAs ?? []).map((x) => ({ ...x, keys: [...x.keys], otherKeys: [...x.otherKeys] })) }));
  assert.ok(buildPublishedModel(inputs).relations.length > 0, 'the release states cells of A and B are the same people');
  const report = await same(release, 200);
  assert.ok(report.computed >= 2);
  const s1o1 = report.intervals.find((i) => i.table === 'A' && i.keys.join() === 's1,o1')!;
  assert.ok(s1o1.min <= 3 && s1o1.max !== null && 3 <= s1o1.max && !s1o1.exact, `${s1o1.min}..${s1o1.max} holds the truth, 3`);
});

test('a sum with no upper bound has max null, in a block solved alongside another; an isolated cell takes its own range', async () => {
  // t: g = a + b is 20; a is small (1..9); c and the total a + b + c are withheld, nothing bounds c above.
  const k: Dimension = {
    id: 'k',
    label: 'k',
    categories: [...['a', 'b', 'c'].map((code) => ({ code, label: code })), { code: 'g', label: 'g', children: ['a', 'b'] }, { code: 'T', label: 'Total', children: ['g', 'c'] }],
  };
  const t: PublishedCountTable = {
    id: 't',
    title: 't',
    dimensions: [k],
    additive: true,
    cells: [
      { keys: ['g'], value: 20 },
      { keys: ['a'], symbol: '[c]', reason: 'primary-small-count' },
      { keys: ['c'], symbol: '[c]', reason: 'secondary' },
      { keys: ['T'], symbol: '[c]', reason: 'secondary' },
    ],
  };
  // u: x + y = 12 with x small: y is 3..11. v: one withheld cell of a table with no totals.
  const u: PublishedCountTable = {
    id: 'u',
    title: 'u',
    dimensions: [dim('m', ['x', 'y'])],
    additive: true,
    cells: [
      { keys: ['T'], value: 12 },
      { keys: ['x'], symbol: '[c]', reason: 'primary-small-count' },
      { keys: ['y'], symbol: '[c]', reason: 'secondary' },
    ],
  };
  const v: PublishedCountTable = { id: 'v', title: 'v', dimensions: [dim('n', ['p', 'q'])], additive: false, cells: [{ keys: ['p'], symbol: '[c]', reason: 'primary-small-count' }, { keys: ['q'], value: 30 }] };
  const report = await same(attackerView([t, u, v]), 200);
  assert.deepEqual(at(report, 'T'), [21, null, false]);
  assert.deepEqual(at(report, 'c'), [1, null, false]);
  assert.deepEqual(at(report, 'a'), [1, 9, false]);
  assert.deepEqual(at(report, 'x'), [1, 9, false]);
  assert.deepEqual(at(report, 'y'), [3, 11, false]);
  assert.deepEqual(at(report, 'p'), [1, 9, false]);
  // Cells tied to more inner cells than their own first, primary ones first within each; the total T
  // covers its whole block, so it counts as untied (it still needs the LP: g = a + b bounds it).
  assert.deepEqual(report.intervals.map((i) => `${i.table}:${i.keys.join()}`), ['t:a', 'u:x', 't:c', 'u:y', 'v:p', 't:T']);
});

test('figures no counts can meet are an error naming the cell, the same cell either way', async () => {
  // x + y = 12 but both are at most 1 (minCount 2); w alongside is fine.
  const u: PublishedCountTable = {
    id: 'u',
    title: 'u',
    dimensions: [dim('m', ['x', 'y'])],
    additive: true,
    cells: [
      { keys: ['T'], value: 12 },
      { keys: ['x'], symbol: '[c]', reason: 'primary-small-count' },
      { keys: ['y'], symbol: '[c]', reason: 'primary-small-count' },
    ],
  };
  const w: PublishedCountTable = { ...u, id: 'w', cells: [{ keys: ['T'], value: 2 }, ...u.cells.slice(1)] };
  const message = await referenceIntervals(attackerView([w, u], 2), 200).then(
    () => assert.fail('the reference refuses it'),
    (e: Error) => e.message,
  );
  assert.match(message, /interval LP for u \[m=x\]: Infeasible/);
  await assert.rejects(attackerIntervals(attackerView([w, u], 2), 200), { message });
});

test('the demo run releases (1,500 people, all regions and NE): the same report as one LP text per solve', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'routeways-lp-intervals-'));
  try {
    await generateDemoExtract(join(dir, 'extract'), { seed: 1, people: 1500 });
    const store = await openStore(join(dir, 'store.duckdb'));
    let releases: ProtectedRelease[];
    try {
      await importExtract(store, join(dir, 'extract'), { name: 'demo' });
      // Clusters and pathways (their linked tables give secondary cells tied to others); progression's own suppressed release is audited in test/pipeline/progression.test.ts.
      const analyses = ANALYSES.filter((a) => a.id !== 'progression');
      const published = await publishDataset(store, 'demo', { out: join(dir, 'site'), regions: ['NE'], analyses, options: { clusters: { bootstrap: 0, restarts: 2 } }, policy: { method: 'suppression', intervalCells: 0 } });
      releases = published.releases;
    } finally {
      store.close();
    }
    assert.equal(releases.length, 2);
    for (const release of releases) {
      const report = await same(release, 200);
      assert.equal(report.computed, 200);
      assert.ok(report.skipped > 0);
      assert.ok(report.intervals.every((i) => !i.exact));
      // Cells tied to others (solved by LP) and isolated ones (their own range) are both there. Since the
      // SSA x occupation shares are all shown (issue 10 point 4) the first 200 are tied primary cells: look at all.
      const all = await attackerIntervals(release, Number.MAX_SAFE_INTEGER);
      assert.ok(all.intervals.some((i) => i.reason === 'secondary' && i.min > 1));
      assert.ok(all.intervals.some((i) => i.min === 1));
      assert.ok(all.intervals.every((i) => !i.exact));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
