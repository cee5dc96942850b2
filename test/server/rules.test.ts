/** The query rules and the publishing of an answer (pure: src/core/query). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkCounts, checkShape, DEFAULT_QUERY_RULES, resolveQueryRules } from '../../src/core/query/rules.js';
import { publishQuery } from '../../src/core/query/table.js';
import { PerturbationLookup } from '../../src/core/disclosure/perturbation/lookup.js';
import { generatePTable } from '../../src/core/disclosure/perturbation/ptable.js';
import { DEFAULT_PTABLE_PARAMETERS } from '../../src/core/disclosure/perturbation/params.js';

const dims = new Map<string, string[]>([
  ['ssa', ['1', '2', '3']],
  ['level', ['1', '2', '3', '4', '5', '6', '7', '8']],
  ['type', ['apprenticeship', 'classroom']],
  ['soc_major', ['1', '2', '3', '4', '5', '6', '7', '8', '9']],
  ['region', ['NE', 'LN']],
  ['qualification', Array.from({ length: 300 }, (_, i) => `q${i}`)],
]);
const rules = DEFAULT_QUERY_RULES;

test('three dimensions plus region pass the shape rules; a fourth besides region is refused', () => {
  assert.deepEqual(checkShape({ rows: ['ssa', 'level'], columns: ['type', 'region'] }, dims, rules), []);
  const r = checkShape({ rows: ['ssa', 'level'], columns: ['type', 'soc_major'] }, dims, rules);
  assert.deepEqual(r.map((x) => x.rule), ['too-many-dimensions']);
});

test('too many cells are refused, and filtering categories brings a table under the limit', () => {
  assert.equal(checkShape({ rows: ['qualification'], columns: ['level'] }, dims, rules)[0]?.rule, 'too-many-cells');
  assert.deepEqual(checkShape({ rows: ['qualification'], columns: ['level'], filters: { qualification: ['q1', 'q2'] } }, dims, rules), []);
});

test('unknown dimensions and categories, repeats and excluded fields are refused naming the field', () => {
  assert.equal(checkShape({ rows: ['nope'] }, dims, rules)[0]?.field, 'nope');
  assert.equal(checkShape({ rows: ['ssa'], filters: { ssa: ['99'] } }, dims, rules)[0]?.field, 'filters.ssa');
  assert.equal(checkShape({ rows: ['ssa'], columns: ['ssa'] }, dims, rules)[0]?.rule, 'repeated-dimension');
  const strict = resolveQueryRules({ excludedFields: ['type'], excludedCombinations: [['ssa', 'region']] });
  assert.equal(checkShape({ rows: ['ssa'], filters: { type: ['classroom'] } }, dims, strict)[0]?.rule, 'excluded-field');
  assert.equal(checkShape({ rows: ['ssa'], columns: ['region'] }, dims, strict)[0]?.rule, 'excluded-field');
  assert.throws(() => resolveQueryRules({ maxCells: 5000 }), /query\.maxCells/);
});

test('a small population and a sparse table are refused; a table with most cells of 3 or more passes', () => {
  assert.equal(checkCounts(29, [29], rules)[0]?.rule, 'small-population');
  assert.equal(checkCounts(100, [1, 2, 1, 40, 0, 0], rules)[0]?.rule, 'sparse');
  assert.deepEqual(checkCounts(100, [1, 2, 30, 40, 0, 0], rules), []);
});

test('published answers perturb every count by its cell key, keep zeros, and take shares from perturbed counts', () => {
  const lookup = new PerturbationLookup(generatePTable(DEFAULT_PTABLE_PARAMETERS));
  const counts = {
    inner: [
      { values: ['1', 'NE'], n: 1, key: 17 },
      { values: ['1', 'LN'], n: 40, key: 900 },
      { values: ['2', 'NE'], n: 2, key: 4000 },
    ],
    rows: [
      { values: ['1'], n: 41, key: 917 },
      { values: ['2'], n: 2, key: 4000 },
    ],
    columns: [
      { values: ['NE'], n: 3, key: 4017 % 4096 },
      { values: ['LN'], n: 40, key: 900 },
    ],
    total: [{ values: [], n: 43, key: (917 + 4000) % 4096 }],
  };
  const p = publishQuery(counts, [['1', '2'], ['NE', 'LN']], 1, ['people', 'row_share'], lookup, 30);
  assert.equal(p.cells.length, 4);
  for (const c of p.cells) assert.ok(c.people === 0 || c.people >= 3, `cell ${c.keys.join(',')} published as ${c.people}`);
  assert.equal(p.cells.find((c) => c.keys.join() === '2,LN')!.people, 0, 'a true zero stays zero');
  assert.equal(p.cells.find((c) => c.keys.join() === '1,LN')!.people, lookup.perturb(40, 900));
  const row1 = lookup.perturb(41, 917);
  assert.equal(p.cells.find((c) => c.keys.join() === '1,LN')!.row_share, Math.round((lookup.perturb(40, 900) / row1) * 10000) / 10000);
  assert.equal(p.total, lookup.perturb(43, (917 + 4000) % 4096));
  const small = p.cells.find((c) => c.keys.join() === '2,NE')!;
  assert.equal(small.symbols?.row_share, '[u]', 'a share on a base under 30 is marked low reliability');
});
