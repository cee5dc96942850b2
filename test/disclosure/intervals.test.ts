/**
 * Published shares carry their Wilson 95% interval (from the published, rounded
 * counts, so that neither pins a count; on the Kish effective base when
 * weighted) and their rounded base; suppressed
 * shares carry nothing. The site shows the interval and its CSVs carry it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { protect } from '../../src/core/disclosure/index.js';
import { wilsonCounts, wilsonInterval } from '../../src/core/stats/wilson.js';
import { kishEffectiveBase } from '../../src/core/stats/kish.js';
import type { CountTable } from '../../src/core/results.js';
import { writeSite } from '../../src/site/site.js';
import { writeRelease } from '../../src/release/files.js';
import { additiveTable, dim, resultsOf } from './helpers.js';

const t = () => additiveTable('t', [dim('k', ['a', 'b', 'c', 'd', 'e'])], (k) => ({ a: 22, b: 5, c: 25, d: 41, e: 12 })[k[0] as 'a']!);
const ref = (k: string) => ({ table: 't', keys: [k] });

function shares() {
  return resultsOf([t()], [
    {
      id: 'shares',
      title: 'Shares',
      section: 'test',
      columns: [
        { id: 'what', label: 'What' },
        { id: 'x', label: 'Share' },
      ],
      rows: [
        { id: 'ok', cells: [{ kind: 'text', text: 'a of d' }, { kind: 'share', num: ref('a'), den: ref('d') }] },
        { id: 'all', cells: [{ kind: 'text', text: 'd of all' }, { kind: 'share', num: ref('d'), den: ref('T') }] },
        { id: 'small-num', cells: [{ kind: 'text', text: 'b of all' }, { kind: 'share', num: ref('b'), den: ref('T') }] },
      ],
    },
  ]);
}

test('a published share carries the Wilson 95% interval of its published (rounded) counts and its rounded base', () => {
  const release = protect([shares()], { minBase: 30, roundingBase: 5 });
  const [ok, all, small] = release.tables[0]!.rows.map((r) => r.cells[1]!);
  assert.equal(ok!.kind, 'share');
  // a 22 -> 20, d 41 -> 40, everyone 105: from the unrounded 22/41 the share would pin both counts.
  const w = wilsonCounts(20, 40);
  assert.deepEqual(ok, { kind: 'share', value: 20 / 40, low: w.low, high: w.high, base: 40 });
  assert.ok(ok!.kind === 'share' && ok.low! < ok.value && ok.value < ok.high!);
  const w2 = wilsonCounts(40, 105);
  assert.ok(all!.kind === 'share' && all.low === w2.low && all.high === w2.high && all.base === 105);
  // Withheld shares carry no interval.
  assert.deepEqual(small, { kind: 'symbol', symbol: '[c]', reason: 'depends-on-suppressed' });
});

test('a weighted share: the interval is on the Kish effective base of the denominator', () => {
  const table: CountTable = {
    id: 't',
    title: 't',
    dimensions: [dim('k', ['a', 'b'])],
    additive: true,
    cells: [
      { keys: ['a'], n: 40, w: 80, w2: 400 },
      { keys: ['b'], n: 60, w: 60, w2: 60 },
      { keys: ['T'], n: 100, w: 140, w2: 460 },
    ],
  };
  const results = resultsOf([table], [
    { id: 's', title: 's', section: 'test', columns: [{ id: 'x', label: 'x' }], rows: [{ id: 'a', cells: [{ kind: 'share', num: ref('a'), den: ref('T'), weighted: true }] }] },
  ]);
  const cell = protect([results]).tables[0]!.rows[0]!.cells[0]!;
  const neff = kishEffectiveBase(140, 460);
  assert.ok(neff < 100);
  const w = wilsonInterval(80 / 140, neff);
  assert.deepEqual(cell, { kind: 'share', value: 80 / 140, low: w.low, high: w.high, base: 100 });
  // Wider than the unweighted interval on 100 people would be.
  const plain = wilsonInterval(80 / 140, 100);
  assert.ok(w.high - w.low > plain.high - plain.low);
});

test('the site shows the interval under the share, and the CSV downloads (site and release) carry it', async () => {
  const release = protect([shares()], { minBase: 30, roundingBase: 5 });
  const dir = mkdtempSync(join(tmpdir(), 'routeways-h8-intervals-'));
  try {
    const site = writeSite(join(dir, 'site'), { dataset: 'demo', reports: [{ release }], date: '2026-11-22' });
    const w = wilsonCounts(20, 40);
    const shown = `${(w.low * 100).toFixed(1)}–${(w.high * 100).toFixed(1)}`;
    const html = readFileSync(site.reports[0]!.page, 'utf8');
    assert.ok(html.includes(shown), `the page shows the interval ${shown}`);
    const csvPath = join(dir, 'site', site.reports[0]!.csv.get('shares')!.replace(/^\.\.\//, ''));
    const csv = readFileSync(csvPath, 'utf8').split('\n');
    assert.match(csv[0]!, /lower 95% bound/);
    assert.ok(csv.some((l) => l.includes(`${((20 / 40) * 100).toFixed(1)},${(w.low * 100).toFixed(1)},${(w.high * 100).toFixed(1)}`)), csv.join('\n'));
    assert.ok(csv.some((l) => l.startsWith('b of all,[c],[c],[c]')));

    await writeRelease(join(dir, 'release'), release, { intervalCells: 0 });
    const rel = readFileSync(join(dir, 'release', 'tables', 'shares.csv'), 'utf8').split('\n');
    assert.equal(rel[0], 'What,Share,Share (95% CI low),Share (95% CI high)');
    assert.equal(rel[1], `a of d,${(20 / 40).toFixed(4)},${w.low.toFixed(4)},${w.high.toFixed(4)}`);
    assert.equal(rel[3], 'b of all,[c],[c],[c]');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
