/** Hand-worked examples of disclosure control. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  protect,
  protectWithDetail,
  isProtected,
  verifyRelease,
  auditModel,
  buildTruthModel,
  AuditFailure,
  resolvePolicy,
  type PublishedCountTable,
} from '../../src/core/disclosure/index.js';
import type { CountTable } from '../../src/core/results.js';
import { additiveTable, dim, reportOf, resultsOf } from './helpers.js';

const grid = (rows: string[], cols: string[], m: number[][]) => (keys: string[]) => m[rows.indexOf(keys[0]!)]![cols.indexOf(keys[1]!)]!;

function symbolAt(ct: PublishedCountTable, keys: string[]): string | number {
  const c = ct.cells.find((x) => x.keys.join('|') === keys.join('|'));
  assert.ok(c, `cell ${keys} published`);
  return 'value' in c ? c.value : c.symbol;
}

test('one small cell forces a second suppression in its row and its column (and the corner that closes them)', () => {
  const rows = ['a', 'b', 'c'];
  const cols = ['x', 'y', 'z'];
  const t = additiveTable('t', [dim('r', rows), dim('k', cols)], grid(rows, cols, [
    [3, 20, 40],
    [25, 30, 50],
    [45, 60, 70],
  ]));
  const { release, detail } = protectWithDetail([resultsOf([t])], { roundingBase: null });
  const ct = release.countTables[0]!;
  assert.equal(symbolAt(ct, ['a', 'x']), '[c]');
  // The smallest cell of row a besides the primary, the smallest of column x, and the corner (b, y).
  assert.equal(symbolAt(ct, ['a', 'y']), '[c]');
  assert.equal(symbolAt(ct, ['b', 'x']), '[c]');
  assert.equal(symbolAt(ct, ['b', 'y']), '[c]');
  assert.equal(detail.secondary.length, 3);
  // Everything else is published, totals included.
  assert.equal(symbolAt(ct, ['T', 'T']), 343);
  assert.equal(symbolAt(ct, ['a', 'T']), 63);
  assert.equal(symbolAt(ct, ['c', 'z']), 70);
  assert.equal(release.audit.passed, true);
  assert.equal(release.audit.primary, 1);
  assert.equal(release.audit.secondary, 3);
});

test('a cell recoverable only by combining two linked tables is caught', () => {
  const ssa = ['s1', 's2'];
  const occ = ['o1', 'o2'];
  const A: CountTable = additiveTable('A', [dim('ssa', ssa), dim('occ', occ)], grid(ssa, occ, [[3, 40], [30, 50]]), ['B']);
  const B: CountTable = additiveTable('B', [dim('qtype', ['q1', 'q2']), dim('occ', occ)], grid(['q1', 'q2'], occ, [[15, 45], [18, 45]]));
  // A shows its inner cells and SSA totals (no occupation totals); B shows occupation totals only.
  const reportA = reportOf(A, [['s1', 'o1'], ['s1', 'o2'], ['s2', 'o1'], ['s2', 'o2'], ['s1', 'T'], ['s2', 'T']]);
  const reportB = reportOf(B, [['T', 'o1'], ['T', 'o2'], ['T', 'T']]);

  // Protected as unrelated tables, A alone looks safe: one extra suppression in row s1 suffices...
  const unlinked = { ...A, linkedWith: undefined } as CountTable;
  const separate = protectWithDetail([resultsOf([unlinked, B], [reportOf(unlinked, reportA.rows.map((r) => r.id.split('|'))), reportB])], { roundingBase: null });
  // ...but (s1, o1) = B's total for o1 minus A's (s2, o1): the audit of the linked model finds it.
  const linkedModel = buildTruthModel([
    { key: 'A', dimensions: A.dimensions, additive: true, linkedWith: ['B'], cells: A.cells },
    { key: 'B', dimensions: B.dimensions, additive: true, linkedWith: [], cells: B.cells },
  ]);
  const publishedKeys = separate.detail.published.map((i) => separate.detail.model.cells[i]!).map((c) => linkedModel.cell(c.table, c.keys).index);
  const primary = linkedModel.cells.filter((c) => c.n > 0 && c.n < 10).map((c) => c.index);
  const audit = auditModel({ model: linkedModel, published: publishedKeys, suppressed: primary });
  assert.equal(audit.passed, false);
  assert.match(audit.derivable[0]!.label, /A \[ssa=s1, occ=o1\]/);

  // Protected together (linked), the release passes and (s2, o1) is withheld too.
  const { release } = protectWithDetail([resultsOf([A, B], [reportA, reportB])], { roundingBase: null });
  const a = release.countTables.find((t) => t.id === 'A')!;
  assert.equal(symbolAt(a, ['s1', 'o1']), '[c]');
  const s2o1 = symbolAt(a, ['s2', 'o1']);
  const bo1 = symbolAt(release.countTables.find((t) => t.id === 'B')!, ['T', 'o1']);
  assert.ok(s2o1 === '[c]' || bo1 === '[c]', 'one of the two cells that recover (s1, o1) is suppressed');
  assert.equal(release.audit.passed, true);
});

test('rounding keeps published totals honest: within the rounding error of the truth, on the grid, never a small count', () => {
  const rows = ['a', 'b', 'c', 'd'];
  const cols = ['x', 'y', 'z'];
  const m = [
    [12, 23, 31],
    [44, 17, 26],
    [38, 52, 11],
    [13, 27, 64],
  ];
  const t = additiveTable('t', [dim('r', rows), dim('k', cols)], grid(rows, cols, m));
  const release = protect([resultsOf([t])]);
  const ct = release.countTables[0]!;
  const truth = new Map(t.cells.map((c) => [c.keys.join('|'), c.n]));
  let checked = 0;
  for (const c of ct.cells) {
    if (!('value' in c)) continue;
    const n = truth.get(c.keys.join('|')) ?? 0;
    assert.equal(c.value % 5, 0, 'on the base-5 grid');
    assert.ok(Math.abs(c.value - n) <= 2, `published ${c.value} within 2 of true ${n}`);
    assert.ok(c.value === 0 || c.value >= 10);
    checked++;
  }
  // Grand total 358 -> 360; row a total 66 -> 65.
  assert.equal(symbolAt(ct, ['T', 'T']), 360);
  assert.equal(symbolAt(ct, ['a', 'T']), 65);
  assert.ok(checked >= 15);
  // The published parts of row a (10, 25, 30 -> 65) need not add up exactly, but stay within n*2 of the total.
  const rowA = ['x', 'y', 'z'].map((k) => symbolAt(ct, ['a', k]) as number);
  assert.ok(Math.abs(rowA.reduce((s, x) => s + x, 0) - 65) <= 2 * 3 + 2);
});

test('zeros are shown and never used as cover; a published zero reveals its inner cells', () => {
  const rows = ['a', 'b'];
  const cols = ['x', 'y', 'z'];
  const t = additiveTable('t', [dim('r', rows), dim('k', cols)], grid(rows, cols, [[5, 0, 40], [30, 20, 50]]));
  const { release } = protectWithDetail([resultsOf([t])], { roundingBase: null });
  const ct = release.countTables[0]!;
  assert.equal(symbolAt(ct, ['a', 'x']), '[c]');
  assert.equal(symbolAt(ct, ['a', 'y']), 0);
  // The zero cannot hide the 5, so the 40 goes, and the column x / z partners below it.
  assert.equal(symbolAt(ct, ['a', 'z']), '[c]');
  assert.equal(symbolAt(ct, ['b', 'x']), '[c]');
  assert.equal(symbolAt(ct, ['b', 'z']), '[c]');
  assert.equal(symbolAt(ct, ['b', 'y']), 20);
});

test('singletons: a person alone in a cell cannot work out another small cell', () => {
  const cols = ['w', 'x', 'y', 'z'];
  const value = (k: string[]) => ({ w: 1, x: 4, y: 50, z: 60 })[k[0] as 'w']!;
  const t = additiveTable('t', [dim('k', cols)], value);
  const off = protectWithDetail([resultsOf([t])], { roundingBase: null, protectSingletons: false });
  // 1 and 4 hide each other from outsiders...
  assert.deepEqual(off.detail.secondary, []);
  const on = protectWithDetail([resultsOf([t])], { roundingBase: null });
  // ...but the person counted as the 1 would learn the 4 from the total: the next cell goes too.
  const ct = on.release.countTables[0]!;
  assert.equal(symbolAt(ct, ['y']), '[c]');
  assert.equal(symbolAt(ct, ['z']), 60);
  assert.equal(on.detail.secondary.length, 1);
  // The audit, given the insider, finds the weaker release wanting.
  const audit = auditModel({
    model: off.detail.model,
    published: off.detail.published,
    suppressed: off.detail.primary,
    primary: off.detail.primary,
    singletons: off.detail.model.innerN.flatMap((n, i) => (n === 1 ? [i] : [])),
  });
  assert.equal(audit.passed, false);
  assert.match(audit.derivable[0]!.why, /alone/);
});

test('percentages on small bases, from the published (rounded) counts; not-applicable and text that rests on a suppressed count', () => {
  // e (12) is the cover for b (5); a, c, d stay published.
  const t = additiveTable('t', [dim('k', ['a', 'b', 'c', 'd', 'e'])], (k) => ({ a: 22, b: 5, c: 25, d: 40, e: 12 })[k[0] as 'a']!);
  const ref = (k: string) => ({ table: 't', keys: [k] });
  const results = resultsOf([t], [
    {
      id: 'shares',
      title: 'Shares',
      section: 'test',
      columns: [{ id: 'x', label: 'x' }],
      rows: [
        { id: 'small-num', cells: [{ kind: 'share', num: ref('b'), den: ref('T') }] },
        { id: 'small-base', cells: [{ kind: 'share', num: ref('a'), den: ref('c') }] },
        { id: 'ok', cells: [{ kind: 'share', num: ref('a'), den: ref('d') }] },
        { id: 'na', cells: [{ kind: 'not-applicable' }] },
        { id: 'text', cells: [{ kind: 'text', text: 'mostly b', dependsOn: [ref('b')] }] },
        { id: 'stat', cells: [{ kind: 'stat', value: 1.5, dependsOn: [ref('a'), ref('d')], decimals: 1 }] },
      ],
    },
  ]);
  const release = protect([results], { minBase: 30 });
  const rows = release.tables[0]!.rows.map((r) => r.cells[0]!);
  assert.deepEqual(rows[0], { kind: 'symbol', symbol: '[c]', reason: 'depends-on-suppressed' });
  assert.deepEqual(rows[1], { kind: 'symbol', symbol: '[c]', reason: 'primary-small-base' });
  assert.equal(rows[2]!.kind, 'share');
  // From the published counts (a 22 -> 20, d 40): 22/40 from unrounded ones would pin a to 22 (issue 10 point 4).
  assert.equal((rows[2] as { value: number }).value, 20 / 40);
  assert.deepEqual(rows[3], { kind: 'symbol', symbol: '[z]', reason: 'not-applicable' });
  assert.deepEqual(rows[4], { kind: 'symbol', symbol: '[c]', reason: 'depends-on-suppressed' });
  assert.equal(rows[5]!.kind, 'stat');
});

test('only protect() and verified reads make protected releases; a tampered release is refused', () => {
  const rows = ['a', 'b', 'c'];
  const cols = ['x', 'y', 'z'];
  const t = additiveTable('t', [dim('r', rows), dim('k', cols)], grid(rows, cols, [[3, 20, 40], [25, 30, 50], [45, 60, 70]]));
  const release = protect([resultsOf([t])], resolvePolicy({ roundingBase: 'none' }));
  assert.equal(isProtected(release), true);
  const json = JSON.parse(JSON.stringify(release));
  assert.equal(isProtected(json), false);
  assert.equal(isProtected(verifyRelease(json)), true);
  // Reveal the secondary cell (b, y): (a, x) becomes derivable and the re-audit refuses.
  const tampered = JSON.parse(JSON.stringify(release));
  const cell = tampered.countTables[0].cells.find((c: { keys: string[] }) => c.keys.join() === 'b,y');
  delete cell.symbol;
  delete cell.reason;
  cell.value = 30;
  assert.throws(() => verifyRelease(tampered), (e: unknown) => e instanceof AuditFailure && /t \[r=a, k=x\]/.test(e.message));
  // Publishing a small count is refused outright.
  const small = JSON.parse(JSON.stringify(release));
  const p = small.countTables[0].cells.find((c: { keys: string[] }) => c.keys.join() === 'a,x');
  delete p.symbol;
  delete p.reason;
  p.value = 3;
  assert.throws(() => verifyRelease(small), /below the release's minimum count 10/);
});

test('inconsistent input is refused with the table and cell named', () => {
  const t = additiveTable('t', [dim('k', ['a', 'b'])], () => 20);
  t.cells.find((c) => c.keys[0] === 'T')!.n = 41;
  assert.throws(() => protect([resultsOf([t])]), /margin cell t \[k=T\] holds 41 people but the cells under it sum to 40/);
  assert.throws(() => resolvePolicy({ minCount: -3 }), /minCount/);
});

test('the network leaves out nodes and links whose counts are suppressed, and links to left-out nodes', () => {
  const nodes: CountTable = {
    id: 'nodes',
    title: 'People per node',
    additive: false,
    dimensions: [{ id: 'node', label: 'Node', categories: ['q1', 'q2', 'o1', 'o2'].map((c) => ({ code: c, label: c })) }],
    cells: [
      { keys: ['q1'], n: 40 },
      { keys: ['q2'], n: 4 },
      { keys: ['o1'], n: 35 },
      { keys: ['o2'], n: 22 },
    ],
  };
  const links: CountTable = {
    id: 'links',
    title: 'People per link',
    additive: false,
    dimensions: [
      { id: 'q', label: 'Qualification', categories: ['q1', 'q2'].map((c) => ({ code: c, label: c })) },
      { id: 'o', label: 'Occupation', categories: ['o1', 'o2'].map((c) => ({ code: c, label: c })) },
    ],
    cells: [
      { keys: ['q1', 'o1'], n: 18 },
      { keys: ['q1', 'o2'], n: 7 },
      { keys: ['q2', 'o1'], n: 12 },
    ],
  };
  const results = resultsOf([nodes, links], []);
  results.network = {
    nodes: ['q1', 'q2', 'o1', 'o2'].map((id) => ({ id, label: id, side: id.startsWith('q') ? 'qualification' : 'occupation', cluster: 'c1', people: { table: 'nodes', keys: [id] } })),
    links: [
      { source: 'q1', target: 'o1', people: { table: 'links', keys: ['q1', 'o1'] }, lift: 2 },
      { source: 'q1', target: 'o2', people: { table: 'links', keys: ['q1', 'o2'] } },
      { source: 'q2', target: 'o1', people: { table: 'links', keys: ['q2', 'o1'] } },
    ],
    clusters: [{ id: 'c1', name: 'One', people: { table: 'nodes', keys: ['q2'] } }],
  };
  const net = protect([results]).network!;
  assert.deepEqual(net.nodes.map((n) => [n.id, n.people]), [['q1', 40], ['o1', 35], ['o2', 20]]);
  assert.deepEqual(net.links, [{ source: 'q1', target: 'o1', people: 20, lift: 2 }]);
  assert.deepEqual(net.omitted, { nodes: 1, links: 2 });
  assert.deepEqual(net.clusters, [{ id: 'c1', name: 'One', people: null }]);
});
