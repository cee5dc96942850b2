/** The pure core from counts: thresholds, margins (also by region), weights, unmapped pairs. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildPathways } from '../../src/core/pathways/build.js';
import { CellResolver, reportTableRows } from '../../src/core/pathways/render.js';
import type { PathwayCountRow, PathwayCounts, RelatedMapping } from '../../src/core/pathways/types.js';
import type { CountTable } from '../../src/core/results.js';

const mapping: RelatedMapping = {
  name: 'm',
  version: 3,
  rows: [
    { ssa: '4', soc: '52', related: true },
    { ssa: '4', soc: '92', related: false },
    { ssa: '7', soc: '71', related: true },
    { ssa: '7', soc: '92', related: true },
  ],
};
const labels = { ssa: { '4': 'Engineering', '7': 'Retail', '9': 'Arts' }, soc: { '52': 'Metal trades', '92': 'Elementary admin', '71': 'Sales' } };

function row(ssa: string, soc: string, n: number, extra: Partial<PathwayCountRow> = {}): PathwayCountRow {
  return { level: 2, status: 'analysed', ssa, soc, qualificationType: 'classroom', employmentType: 'full-time', n, ...extra };
}

/** Every margin equals the sum of its children, for every combination of the other keys. */
function checkAdditive(t: CountTable): void {
  const cells = new Map(t.cells.map((c) => [c.keys.join('|'), c.n]));
  const get = (k: string[]) => cells.get(k.join('|')) ?? 0;
  t.dimensions.forEach((dim, i) => {
    for (const cat of dim.categories) {
      if (!cat.children) continue;
      for (const c of t.cells) {
        if (c.keys[i] !== cat.code) continue;
        const sum: number = cat.children.reduce((s: number, ch) => s + get(c.keys.map((k, j) => (j === i ? ch : k))), 0);
        assert.equal(sum, c.n, `${t.id}: ${dim.id}=${cat.code} at ${c.keys.join(',')}`);
      }
    }
  });
}

test('minimum base and clear-pathway threshold are settings', () => {
  const counts: PathwayCounts = { weighted: false, byRegion: false, rows: [row('4', '52', 20), row('4', '92', 20), row('7', '71', 12), row('9', '92', 3)] };
  const base = { dataset: 'd', level: 2 as const, mapping, labels };
  const dfe = buildPathways(counts, base);
  const t = dfe.reportTables.find((x) => x.id === 'pathways-l2-ssa')!;
  assert.deepEqual(t.rows.map((r) => r.id), ['ssa-4', 'ssa-other', 'all'], 'SSAs under 30 are grouped');
  const other = dfe.countTables[0].dimensions[0].categories.find((c) => c.code === 'other')!;
  assert.deepEqual(other.children, ['7', '9']);
  const lower = buildPathways(counts, { ...base, thresholds: { minBase: 10, clearPathway: 0.6 } });
  const t2 = lower.reportTables.find((x) => x.id === 'pathways-l2-ssa')!;
  assert.deepEqual(t2.rows.map((r) => r.id), ['ssa-4', 'ssa-7', 'ssa-other', 'all']);
  const r = new CellResolver(lower);
  const clearCol = t2.columns.findIndex((c) => c.id === 'clear_pathway');
  // Engineering: 50% in one occupation, under a 60% threshold; Retail: 100%.
  assert.deepEqual(r.resolve(t2.rows[0].cells[clearCol]), { kind: 'text', text: 'No' });
  assert.deepEqual(r.resolve(t2.rows[1].cells[clearCol]), { kind: 'text', text: 'Yes' });
  assert.equal(r.resolve(t2.rows[0].cells[clearCol + 1]).kind, 'stat', "no clear pathway: 0%, as the DfE showed");
  assert.throws(() => buildPathways(counts, { ...base, thresholds: { clearPathway: 30 } }), /between 0 and 1/);
  assert.deepEqual(lower.settings.thresholds, { clearPathway: 0.6, minBase: 10, minShare: 0.1 });
});

test('people in pairs the mapping does not cover count as not related, and are reported', () => {
  const counts: PathwayCounts = { weighted: false, byRegion: false, rows: [row('4', '52', 30), row('4', '71', 10)] };
  const res = buildPathways(counts, { dataset: 'd', level: 2, mapping, labels });
  const r = new CellResolver(res);
  const cov = res.reportTables.find((x) => x.id === 'pathways-l2-coverage')!;
  assert.deepEqual(r.resolve(cov.rows.find((x) => x.id === 'analysed-unmapped')!.cells[1]), { kind: 'count', n: 10 });
  const t = res.reportTables.find((x) => x.id === 'pathways-l2-ssa')!;
  const related = r.resolve(t.rows[0].cells[t.columns.findIndex((c) => c.id === 'related')]);
  assert.equal(related.kind === 'share' && related.value, 0.75);
  const annex = res.reportTables.find((x) => x.id === 'pathways-l2-ssa-occupation')!;
  const unmapped = annex.rows.find((x) => x.id === 'ssa-4-soc-71')!;
  assert.deepEqual(unmapped.cells[3], { kind: 'text', text: 'Not in mapping' });
  assert.ok(unmapped.cells[0].kind === 'text' && unmapped.cells[0].dependsOn?.length === 1, 'an unmapped pair is listed only if its count may be published');
});

test('weighted: weighted shares on a Kish effective base, unweighted sample counts beside them', () => {
  const counts: PathwayCounts = {
    weighted: true,
    byRegion: false,
    rows: [row('4', '52', 20, { w: 60, w2: 180 }), row('4', '92', 20, { w: 20, w2: 20 })],
  };
  const res = buildPathways(counts, { dataset: 'd', level: 2, mapping, labels, weighted: true });
  const t = res.reportTables.find((x) => x.id === 'pathways-l2-ssa')!;
  const r = new CellResolver(res);
  const col = (id: string) => t.columns.findIndex((c) => c.id === id);
  assert.deepEqual(r.resolve(t.rows[0].cells[col('people')]), { kind: 'count', n: 40, w: 80 });
  const eff = r.resolve(t.rows[0].cells[col('effective_base')]);
  assert.ok(eff.kind === 'stat' && Math.abs(eff.value - 6400 / 200) < 1e-9, 'Kish: 80^2 / 200 = 32');
  const rel = r.resolve(t.rows[0].cells[col('related')]);
  assert.ok(rel.kind === 'share' && rel.value === 0.75 && rel.effectiveBase === 32 && rel.base === 40);
  const csv = reportTableRows(res, t);
  assert.ok(csv[0].includes('People in related occupations (95% CI low)'));
  assert.throws(() => buildPathways({ ...counts, weighted: false }, { dataset: 'd', level: 2, mapping, labels, weighted: true }), /no weights/);
});

test('levels: 2 and 3 take their own people, all takes everyone', () => {
  const counts: PathwayCounts = { weighted: false, byRegion: false, rows: [row('4', '52', 40), row('4', '52', 35, { level: 3 }), row('7', '71', 31, { level: null })] };
  const total = (lvl: 2 | 3 | 'all') => buildPathways(counts, { dataset: 'd', level: lvl, mapping, labels }).countTables[0].cells.find((c) => c.keys.every((k) => k === 'total'))!.n;
  assert.deepEqual([total(2), total(3), total('all')], [40, 35, 106]);
});

test('by region: one additive table with a region dimension, report tables per region, regional Other margins', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.record({
          region: fc.constantFrom('NE', 'YH', null),
          ssa: fc.constantFrom('4', '7', '9'),
          soc: fc.constantFrom('52', '92', '71'),
          qt: fc.constantFrom('apprenticeship', 'classroom', null),
          et: fc.constantFrom('training', 'full-time', 'part-time'),
          n: fc.integer({ min: 1, max: 40 }),
        }),
        { minLength: 1, maxLength: 30 },
      ),
      (gen) => {
        const counts: PathwayCounts = {
          weighted: false,
          byRegion: true,
          rows: gen.map((g) => row(g.ssa, g.soc, g.n, { region: g.region, qualificationType: g.qt, employmentType: g.et })),
        };
        const res = buildPathways(counts, { dataset: 'd', level: 2, mapping, labels, byRegion: true });
        const main = res.countTables[0];
        assert.equal(main.dimensions[0].id, 'region');
        checkAdditive(main);
        checkAdditive(res.countTables[1]);
        const regions = new Set(gen.map((g) => g.region ?? 'unknown'));
        assert.equal(res.reportTables.length, 6 * (1 + regions.size));
        // Every reference of every report table points at a cell of a count table of the bundle (or a true zero).
        const ids = new Set(res.countTables.map((t) => t.id));
        for (const t of res.reportTables) {
          for (const rr of t.rows) {
            for (const c of rr.cells) {
              const refs = c.kind === 'count' ? [c.ref] : c.kind === 'share' ? [c.num, c.den] : c.kind === 'text' || c.kind === 'stat' ? (c.dependsOn ?? []) : [];
              for (const ref of refs) assert.ok(ids.has(ref.table));
            }
          }
        }
        // The total over regions equals the sum of the rows.
        const all = main.cells.find((c) => c.keys.every((k) => k === 'total'))!.n;
        assert.equal(all, gen.reduce((s, g) => s + g.n, 0));
      },
    ),
    { numRuns: 100 },
  );
});
