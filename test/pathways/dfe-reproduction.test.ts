/**
 * Reproduction of the DfE's published level-2 tables (seed 002, "Occupational
 * pathways of technical qualifications", DfE 2020): the project's record-level
 * fixture (test/fixtures/dfe-level2/, built by dfe-fixture.ts) is imported into
 * a real store and run through `runPathways`; every figure of Tables 1, 4, 6, 8
 * and of the level-2 column of Annex D is checked against the published value,
 * including which groups are 'na' ([z]) or out of scope.
 *
 * Counts (unweighted sample counts, as the DfE showed) must match exactly.
 * Percentages are weighted, as the DfE's were (the fixture carries survey
 * weights), and must round to the published whole percentage (so they are
 * within 1 point). The only counts that differ are the residual 'Other'
 * groups, because the published rows do not add up to the published totals
 * (see RECONCILED in dfe-fixture.ts).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../src/store/database.js';
import { importExtract } from '../../src/ingest/import.js';
import { openDataset } from '../../src/analyses/analysis.js';
import { runPathways } from '../../src/analyses/pathways/index.js';
import { countPathways } from '../../src/store/pathway-counts.js';
import { CellResolver, type ResolvedCell } from '../../src/core/pathways/render.js';
import type { ReportTable, Results } from '../../src/core/results.js';
import { FIXTURE_DIR, RECONCILED } from './dfe-fixture.js';

let dir: string;
let store: Store;
let results: Results;
let r: CellResolver;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'routeways-dfe-'));
  store = await openStore(join(dir, 'store.duckdb'));
  await importExtract(store, FIXTURE_DIR, { name: 'dfe-level2', rejectsPath: join(dir, 'rejects.csv') });
  // The DfE's percentages are survey-weighted and its counts are sample counts: so are ours.
  ({ results } = await runPathways(await openDataset(store, 'dfe-level2'), { level: 2, weighted: true }));
  r = new CellResolver(results);
});

after(() => {
  store?.close();
  rmSync(dir, { recursive: true, force: true });
});

function table(id: string): ReportTable {
  const t = results.reportTables.find((x) => x.id === id);
  assert.ok(t, `report table ${id} is there`);
  return t;
}

function cell(t: ReportTable, rowId: string, colId: string): ResolvedCell {
  const row = t.rows.find((x) => x.id === rowId);
  assert.ok(row, `${t.id}: row ${rowId} is there (rows: ${t.rows.map((x) => x.id).join(', ')})`);
  const i = t.columns.findIndex((c) => c.id === colId);
  assert.ok(i >= 0, `${t.id}: column ${colId} is there`);
  return r.resolve(row.cells[i]);
}

function count(t: ReportTable, rowId: string, colId: string): number {
  const c = cell(t, rowId, colId);
  assert.equal(c.kind, 'count', `${t.id} ${rowId} ${colId} is a count`);
  return (c as { n: number }).n;
}

/** Asserts a (weighted) share rounds to the published whole percentage, hence is within 1 point of it. */
function pct(t: ReportTable, rowId: string, colId: string, published: number): void {
  const c = cell(t, rowId, colId);
  assert.equal(c.kind, 'share', `${t.id} ${rowId} ${colId} is a share`);
  const v = (c as { value: number }).value * 100;
  assert.ok(Math.abs(v - published) <= 0.5, `${t.id} ${rowId} ${colId}: ${v.toFixed(2)}% vs published ${published}%`);
  const { low, high } = c as { low: number; high: number };
  assert.ok(low <= v / 100 && v / 100 <= high && high - low > 0, 'the share has a Wilson interval around it');
}

function na(t: ReportTable, rowId: string, colId: string): void {
  assert.equal(cell(t, rowId, colId).kind, 'not-applicable', `${t.id} ${rowId} ${colId} is 'na' ([z])`);
}

const SSA_IN_SCOPE = ['4', '5', '7', '1', '15'];
const OUT_OF_SCOPE = ['3', '9', '13', '6', '8', '14', '2']; // Annex D: "< 30" at level 2

test('Table 8: level-2 type of occupations by SSA (counts, occupations, related, clear pathways, na)', () => {
  const t = table('pathways-l2-ssa');
  // Seed 002, Annex C, Table 8: [SSA, sample count, number of occupations, % related, % in clear pathways]
  const published: Array<[string, number, number, number, number | 'na']> = [
    ['ssa-4', 66, 12, 67, 51], // Engineering and Manufacturing Technologies
    ['ssa-5', 50, 9, 79, 46], // Construction, Planning and the Built Environment
    ['ssa-7', 50, 10, 81, 39], // Retail and Commercial Enterprise
    ['ssa-1', 42, 12, 69, 68], // Health, Public Services and Care
    ['ssa-15', 39, 7, 76, 60], // Business, Administration and Law
    ['ssa-other', 59, 16, 32, 'na'], // Other sector subject areas
    ['all', 307, 23, 66, 'na'], // All
  ];
  assert.deepEqual(
    t.rows.map((x) => x.id),
    published.map((p) => p[0]),
    'in-scope SSAs in the published order, then Other, then All; nothing else',
  );
  for (const [row, n, occupations, related, clear] of published) {
    assert.equal(count(t, row, 'people'), row === 'ssa-other' ? RECONCILED.otherSsaCount : n, `${row} sample count`);
    const occ = cell(t, row, 'occupations');
    assert.equal(occ.kind === 'stat' && occ.value, occupations, `${row} number of occupations`);
    pct(t, row, 'related', related);
    if (clear === 'na') {
      for (const c of ['top_occupation', 'top_share', 'clear_pathway', 'in_clear_pathway']) na(t, row, c);
    } else {
      pct(t, row, 'in_clear_pathway', clear);
      assert.deepEqual(cell(t, row, 'clear_pathway'), { kind: 'text', text: 'Yes' });
    }
  }
  // Figure 4 / Annex D: which occupation each SSA's clear pathway leads to.
  const topOccupation: Record<string, string> = {
    'ssa-4': 'Skilled metal, electrical and electronic trades',
    'ssa-5': 'Skilled construction and building trades',
    'ssa-7': 'Leisure, travel and related personal service occupations',
    'ssa-1': 'Caring personal service occupations',
    'ssa-15': 'Administrative occupations',
  };
  for (const [row, label] of Object.entries(topOccupation)) assert.deepEqual(cell(t, row, 'top_occupation'), { kind: 'text', text: label });
});

test('Table 4: level-2 people by SSA, qualification type and employment type', () => {
  const t = table('pathways-l2-ssa-by-type');
  // Seed 002, Annex C, Table 4: [row, sample count, Perc, Apprenticeship, Classroom-based, Full-time employment, Employment with training]
  const published: Array<[string, number, number, number, number, number, number]> = [
    ['ssa-4', 66, 22, 47, 53, 37, 63],
    ['ssa-5', 50, 16, 23, 77, 51, 49],
    ['ssa-7', 50, 16, 67, 33, 59, 41],
    ['ssa-1', 42, 14, 38, 62, 55, 45],
    ['ssa-15', 39, 13, 86, 14, 61, 39],
    ['ssa-other', 59, 19, 33, 67, 66, 34],
    ['all', 307, 100, 47, 53, 54, 46],
  ];
  assert.deepEqual(t.rows.map((x) => x.id), published.map((p) => p[0]));
  assert.deepEqual(
    t.columns.map((c) => c.id),
    ['ssa', 'people', 'share', 'qt-apprenticeship', 'qt-classroom', 'et-full-time', 'et-training'],
  );
  for (const [row, n, perc, app, cls, ft, tr] of published) {
    assert.equal(count(t, row, 'people'), row === 'ssa-other' ? RECONCILED.otherSsaCount : n, `${row} sample count`);
    pct(t, row, 'share', perc);
    pct(t, row, 'qt-apprenticeship', app);
    pct(t, row, 'qt-classroom', cls);
    pct(t, row, 'et-full-time', ft);
    pct(t, row, 'et-training', tr);
  }
});

test('Table 6: level-2 people by occupation, employment type and qualification type', () => {
  const t = table('pathways-l2-occupation-by-type');
  // Seed 002, Annex C, Table 6: [row, sample count, Perc, Full-time employment, Employment with training, Apprenticeship, Classroom-based]
  const published: Array<[string, number, number, number, number, number, number]> = [
    ['soc-52', 45, 15, 24, 76, 51, 49], // Skilled metal, electrical and electronic trades
    ['soc-61', 38, 13, 50, 50, 51, 49], // Caring personal service occupations
    ['soc-41', 37, 12, 63, 37, 66, 34], // Administrative occupations
    ['soc-53', 35, 11, 34, 66, 47, 53], // Skilled construction and building trades
    ['soc-other', 150, 49, 66, 34, 41, 59], // Other occupations
    ['all', 307, 100, 54, 46, 47, 53], // Total
  ];
  assert.deepEqual(t.rows.map((x) => x.id), published.map((p) => p[0]));
  for (const [row, n, perc, ft, tr, app, cls] of published) {
    assert.equal(count(t, row, 'people'), row === 'soc-other' ? RECONCILED.otherOccupationCount : n, `${row} sample count`);
    pct(t, row, 'share', perc);
    pct(t, row, 'et-full-time', ft);
    pct(t, row, 'et-training', tr);
    pct(t, row, 'qt-apprenticeship', app);
    pct(t, row, 'qt-classroom', cls);
  }
});

test('Table 1: level-2 related and not related occupations by qualification type and employment type', () => {
  const t = table('pathways-l2-related-by-type');
  // Seed 002, Table 1: [row, % related, % not related, sample count]
  const published: Array<[string, number, number, number]> = [
    ['apprenticeship-training', 97, 3, 73],
    ['apprenticeship-full-time', 76, 24, 72],
    ['apprenticeship-total', 86, 14, 145],
    ['classroom-training', 72, 28, 69],
    ['classroom-full-time', 29, 71, 93],
    ['classroom-total', 47, 53, 162],
    ['total-training', 85, 15, 142],
    ['total-full-time', 50, 50, 165],
    ['total-total', 66, 34, 307],
  ];
  assert.deepEqual(t.rows.map((x) => x.id), published.map((p) => p[0]));
  for (const [row, rel, notRel, n] of published) {
    assert.equal(count(t, row, 'people'), n, `${row} sample count`);
    pct(t, row, 'related', rel);
    pct(t, row, 'not_related', notRel);
  }
});

test('Annex D (table 10), level-2 column: SSA bases, shares shown (>= 10%), blanks, out-of-scope SSAs', () => {
  const t = table('pathways-l2-ssa-occupation');
  // Seed 002, Annex D, Table 10, "% with L2": the SSA bases and the shares shown; all others blank.
  const bases: Record<string, number> = { '15': 39, '5': 50, '4': 66, '1': 42, '7': 50 };
  const shown: Record<string, Record<string, number>> = {
    '15': { '41': 60 }, // Business: Administrative occupations 60%
    '5': { '81': 11, '53': 46, '52': 13 }, // Construction: Process, plant and machine operatives 11%; Skilled construction 46%; Skilled metal 13%
    '4': { '35': 11, '52': 51 }, // Engineering: Business and public service associate professionals 11%; Skilled metal 51%
    '1': { '61': 68 }, // Health: Caring personal service occupations 68%
    '7': { '92': 16, '62': 39 }, // Retail: Elementary administration and service 16%; Leisure, travel and related personal service 39%
  };
  for (const [ssa, base] of Object.entries(bases)) {
    assert.equal(count(t, `ssa-${ssa}`, 'people'), base, `SSA ${ssa} base`);
    const rows = t.rows.filter((x) => x.id.startsWith(`ssa-${ssa}-soc-`));
    assert.ok(rows.length > 0);
    for (const row of rows) {
      const soc = row.id.split('-soc-')[1];
      if (shown[ssa][soc] !== undefined) pct(t, row.id, 'share', shown[ssa][soc]);
      else assert.equal(cell(t, row.id, 'share').kind, 'empty', `SSA ${ssa} x SOC ${soc}: blank (under 10%)`);
    }
    for (const soc of Object.keys(shown[ssa])) assert.ok(rows.some((x) => x.id === `ssa-${ssa}-soc-${soc}`), `SSA ${ssa} x SOC ${soc} listed`);
  }
  for (const ssa of OUT_OF_SCOPE) {
    assert.deepEqual(cell(t, `ssa-${ssa}`, 'people'), { kind: 'text', text: '< 30' }, `SSA ${ssa} is '< 30' at level 2`);
    for (const row of t.rows.filter((x) => x.id.startsWith(`ssa-${ssa}-soc-`))) assert.equal(cell(t, row.id, 'share').kind, 'empty');
  }
  // Related column: the published mapping, e.g. Engineering -> Skilled metal = Yes, Retail -> Skilled metal = No.
  assert.deepEqual(cell(t, 'ssa-4-soc-52', 'related'), { kind: 'text', text: 'Yes' });
  assert.deepEqual(cell(t, 'ssa-7-soc-52', 'related'), { kind: 'text', text: 'No' });
  // Only the SSAs of the level-2 data: 5 in scope + 7 out of scope.
  assert.equal(t.rows.filter((x) => /^ssa-\d+$/.test(x.id)).length, SSA_IN_SCOPE.length + OUT_OF_SCOPE.length);
});

test('who is analysed: highest qualification at level 2, main occupation, exclusions counted', () => {
  const t = table('pathways-l2-coverage');
  assert.equal(count(t, 'analysed', 'people'), 307);
  assert.equal(count(t, 'no-occupation', 'people'), 10);
  assert.equal(count(t, 'no-ssa', 'people'), 5);
  assert.equal(count(t, 'analysed-unmapped', 'people'), 0, 'the fixture uses only pairs the DfE mapping lists');
  assert.equal(count(t, 'total', 'people'), 322, 'level-3 people are not in the level-2 tables');
});

test('the count table is additive and every report cell refers to it', () => {
  const main = results.countTables.find((x) => x.id === 'pathways-l2')!;
  assert.equal(main.additive, true);
  assert.deepEqual(main.dimensions.map((d) => d.id), ['ssa', 'qualification_type', 'employment_type', 'soc_submajor', 'related']);
  const ssa = main.dimensions[0];
  const other = ssa.categories.find((c) => c.code === 'other')!;
  assert.deepEqual([...other.children!].sort(), [...OUT_OF_SCOPE].sort(), "'Other sector subject areas' is the margin of the out-of-scope SSAs");
  const total = (keys: string[]) => main.cells.find((c) => c.keys.join() === keys.join())?.n ?? 0;
  // Margin = sum of children, along the SSA dimension, for related people in training.
  const leaves = ssa.categories.filter((c) => !c.children).map((c) => c.code);
  const sum = leaves.reduce((s, code) => s + total([code, 'total', 'training', 'total', 'related']), 0);
  assert.equal(sum, total(['total', 'total', 'training', 'total', 'related']));
});

test('one region counted from its people\'s records equals its rows of the count by region', async () => {
  const { dataset } = await openDataset(store, 'dfe-level2');
  const byRegion = await countPathways(store, dataset.id, { level: 2, byRegion: true, weighted: true });
  const regions = [...new Set(byRegion.rows.map((x) => x.region).filter((x): x is string => typeof x === 'string'))];
  assert.ok(regions.length >= 2, `the fixture has people in several regions (${regions.join(', ')})`);
  for (const region of regions) {
    const one = await countPathways(store, dataset.id, { level: 2, region, weighted: true });
    const strip = ({ region: _r, ...row }: (typeof byRegion.rows)[number]) => row;
    assert.deepEqual(one.rows.map(strip), byRegion.rows.filter((x) => x.region === region).map(strip), region);
  }
});
