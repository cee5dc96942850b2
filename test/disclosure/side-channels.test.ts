/**
 * Issue 10 point 4: the side channels an outside attacker found in suppressed
 * releases (and one under perturbation). For each: a small release where the
 * leak would narrow a withheld cell, and either (1) the published output no
 * longer allows it (figures worked out from published counts, display rules on
 * published figures), or (2) the fact stays and the audit's own LP attacker
 * uses it (layout facts), refusing a release where it pins a cell.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { protect, protectReleaseSet, verifyRelease } from '../../src/core/disclosure/index.js';
import type { ProtectedRelease, PublishedCell } from '../../src/core/disclosure/release.js';
import { buildPathways } from '../../src/core/pathways/build.js';
import type { PathwayCountRow, PathwayCounts, RelatedMapping } from '../../src/core/pathways/types.js';
import type { CountTable, LayoutFact, ReportTable, Results } from '../../src/core/results.js';
import { wilsonCounts } from '../../src/core/stats/wilson.js';
import { auditRelease } from '../../src/release/audit-report.js';
import { attackerIntervals } from '../../src/release/intervals.js';
import { additiveTable, dim, reportOf, resultsOf } from './helpers.js';

const ref = (k: string) => ({ table: 't', keys: [k] });
const SUPPRESS = { method: 'suppression', minBase: 30 } as const;

function table(id: string, rows: ReportTable['rows']): ReportTable {
  return { id, title: id, section: 'test', columns: rows[0]!.cells.map((_, i) => ({ id: `c${i}`, label: `c${i}` })), rows };
}

/** The interval the release's LP attacker infers for a withheld cell of table t. */
async function interval(release: ProtectedRelease, key: string): Promise<[number, number | null]> {
  const report = await attackerIntervals(release, 1000);
  const i = report.intervals.find((x) => x.keys.join() === key);
  assert.ok(i, `cell ${key} is withheld and has an interval`);
  return [i.min, i.max];
}

/** The same release as published, without its layout facts: what the audit saw before they were modelled. */
function withoutFacts(release: ProtectedRelease): ProtectedRelease {
  const body = JSON.parse(JSON.stringify(release)) as Record<string, unknown>;
  delete body.facts;
  return verifyRelease(body);
}

test('(d) shares and their Wilson intervals come from the published rounded counts: true counts that round alike publish the same bytes', () => {
  // a of d: 22 of 41 and 21 of 42 both publish as 20 of 40; from unrounded counts 22/41 and 21/42 would tell them apart.
  const release = (a: number, d: number) => {
    const t = additiveTable('t', [dim('k', ['a', 'b', 'd'])], (k) => ({ a, b: 40, d })[k[0] as 'a']!);
    const shares = table('shares', [{ id: 'a-of-d', cells: [{ kind: 'share', num: ref('a'), den: ref('d') }] }]);
    return protect([resultsOf([t], [reportOf(t), shares])], { ...SUPPRESS, roundingBase: 5 });
  };
  const x = release(22, 41);
  const y = release(21, 42);
  const share = x.tables[1]!.rows[0]!.cells[0]!;
  const w = wilsonCounts(20, 40);
  assert.deepEqual(share, { kind: 'share', value: 20 / 40, low: w.low, high: w.high, base: 40 });
  assert.equal(JSON.stringify(x.tables), JSON.stringify(y.tables), 'every published table is the same');
  assert.equal(JSON.stringify(x.countTables), JSON.stringify(y.countTables));
});

test('(d) a lift in a table is worked out from the published counts, never from the true ones', () => {
  const t = additiveTable('t', [dim('k', ['a', 'b', 'd'])], (k) => ({ a: 22, b: 43, d: 41 })[k[0] as 'a']!);
  const lift = table('lift', [
    { id: 'lift', cells: [{ kind: 'stat', value: (22 * 106) / (43 * 41), dependsOn: [ref('a')], decimals: 2, unit: 'ratio', ratio: { numerator: [ref('a'), ref('T')], denominator: [ref('b'), ref('d')] } }] },
  ]);
  const r: Results = { ...resultsOf([t], [reportOf(t), lift]) };
  const release = protect([r], { ...SUPPRESS, roundingBase: 5 });
  const cell = release.tables[1]!.rows[0]!.cells[0]! as Extract<PublishedCell, { kind: 'stat' }>;
  // a 20, everyone 105, b 45, d 40.
  assert.equal(cell.value, (20 * 105) / (45 * 40));
  assert.notEqual(cell.value, (22 * 106) / (43 * 41));
});

test('(a) a display threshold on shares is decided on the published share: a withheld share under and over 10% both show [c]', () => {
  // 60 people: a 8 (13%) and b 5 (8%) are both small. Before, a showed [c] (10% or more: a is 6..9) and b a blank (b is 1..5).
  const release = (a: number, b: number) => {
    const t = additiveTable('t', [dim('k', ['a', 'b', 'c', 'd'])], (k) => ({ a, b, c: 40, d: 7 })[k[0] as 'a']!);
    const rows: ReportTable['rows'] = ['a', 'b', 'c', 'd'].map((k) => ({ id: k, cells: [{ kind: 'share', num: ref(k), den: ref('T'), minShown: 0.1 }] }));
    return protect([resultsOf([t], [table('shares', rows)])], { ...SUPPRESS, roundingBase: null });
  };
  const x = release(8, 5);
  const shares = x.tables[0]!.rows.map((r) => r.cells[0]!);
  assert.deepEqual(shares[0], { kind: 'symbol', symbol: '[c]', reason: 'depends-on-suppressed' });
  assert.deepEqual(shares[1], shares[0], 'the share under 10% is withheld like the one over it, not blank');
  assert.equal(shares[2]!.kind, 'share');
  assert.deepEqual(shares[3], shares[0]);
  // Swapping the two withheld counts changes nothing anyone sees.
  assert.equal(JSON.stringify(release(5, 8).tables), JSON.stringify(x.tables));
  // A published share under the threshold is blank: 12 of 125 is 9.6%.
  const t = additiveTable('t', [dim('k', ['a', 'b'])], (k) => ({ a: 12, b: 113 })[k[0] as 'a']!);
  const blank = protect([resultsOf([t], [table('s', [{ id: 'a', cells: [{ kind: 'share', num: ref('a'), den: ref('T'), minShown: 0.1 }] }])])], { ...SUPPRESS, roundingBase: null });
  assert.deepEqual(blank.tables[0]!.rows[0]!.cells[0], { kind: 'empty' });
});

test("(b) a row listed because people are in it shows its cell: the audit's attacker knows a withheld one holds at least 1", async () => {
  // a (4) is never counted in a table, only named by a row label that is listed because a is not zero.
  const t = additiveTable('t', [dim('k', ['a', 'b', 'c'])], (k) => ({ a: 4, b: 3, c: 40 })[k[0] as 'a']!);
  const listed = table('listed', [
    { id: 'a', cells: [{ kind: 'text', text: 'occupation a', dependsOn: [ref('a')] }, { kind: 'text', text: 'Not in mapping' }] },
    { id: 'T', cells: [{ kind: 'text', text: 'everyone' }, { kind: 'count', ref: ref('T') }] },
  ]);
  const release = protect([resultsOf([t], [listed])], { ...SUPPRESS, roundingBase: null });
  const a = release.countTables[0]!.cells.find((c) => c.keys[0] === 'a');
  assert.ok(a && 'symbol' in a && a.symbol === '[c]', 'the count table shows a as withheld');
  const [min] = await interval(release, 'a');
  assert.ok(min >= 1, `a is at least 1 for the attacker (got ${min})`);
});

test('(b) a distinct count is worked out from the published cells, which the release shows (zeros too)', () => {
  const t = additiveTable('t', [dim('k', ['a', 'b', 'c', 'z'])], (k) => ({ a: 4, b: 30, c: 6, z: 0 })[k[0] as 'a']!);
  const cells = ['a', 'b', 'c', 'z'].map(ref);
  const distinct = table('distinct', [{ id: 'n', cells: [{ kind: 'stat', value: 3, dependsOn: [ref('T')], decimals: 0, unit: 'number', distinct: cells }] }]);
  const release = protect([resultsOf([t], [distinct])], { ...SUPPRESS, roundingBase: null });
  assert.deepEqual(release.tables[0]!.rows[0]!.cells[0], { kind: 'stat', value: 3, decimals: 0, unit: 'number' });
  const shown = new Map(release.countTables[0]!.cells.map((c) => [c.keys[0], c]));
  for (const k of ['a', 'b', 'c', 'z']) assert.ok(shown.has(k), `cell ${k} is in the count table`);
  assert.deepEqual(shown.get('z'), { keys: ['z'], value: 0 });
  // Perturbed: the number of cells published above zero, whatever the true count (a true 1 or 2 may publish as 0).
  const keyed: CountTable = { ...t, cells: t.cells.map((c, i) => ({ ...c, key: (i * 997) % 4096 })) };
  const p = protectReleaseSet([[resultsOf([keyed], [distinct])]], { method: 'perturbation' }).releases[0]!;
  const published = new Map(p.countTables[0]!.cells.map((c) => [c.keys[0], 'value' in c ? c.value : -1]));
  const nonZero = ['a', 'b', 'c', 'z'].filter((k) => published.get(k)! > 0).length;
  assert.equal((p.tables[0]!.rows[0]!.cells[0] as { value: number }).value, nonZero);
});

/** a + b = 3 with both withheld (1..2 each); the layout lists a before b, most people first. */
function ordered(facts: LayoutFact[]): Results {
  const t = additiveTable('t', [dim('k', ['a', 'b', 'c'])], (k) => ({ a: 2, b: 1, c: 40 })[k[0] as 'a']!);
  return { ...resultsOf([t], [reportOf(t, [['a'], ['b'], ['c'], ['T']])]), facts };
}

test('(c) an ordering enters the LP: two withheld cells of 1 or 2 are pinned by "most people first", and the audit refuses the release', async () => {
  const order: LayoutFact = { terms: [{ ref: ref('a'), coef: 1 }, { ref: ref('b'), coef: -1 }], min: 0, why: 'ordered by people' };
  const policy = { ...SUPPRESS, minCount: 3, roundingBase: null, protectSingletons: false } as const;
  const release = protect([ordered([order])], policy);
  assert.deepEqual(release.facts, [{ terms: [{ table: 't', keys: ['a'], coef: 1 }, { table: 't', keys: ['b'], coef: -1 }], min: 0, why: 'ordered by people' }]);
  // Without the fact (the model before): 1..2 each, not pinned.
  assert.deepEqual(await interval(withoutFacts(release), 'a'), [1, 2]);
  await auditRelease(withoutFacts(release));
  // With it: a >= b and a + b = 3 leave a = 2, b = 1.
  assert.deepEqual(await interval(release, 'a'), [2, 2]);
  assert.deepEqual(await interval(release, 'b'), [1, 1]);
  await assert.rejects(auditRelease(release), /can be worked out exactly/);
  // The fact survives writing and reading the release.
  assert.deepEqual(verifyRelease(JSON.parse(JSON.stringify(release))).facts, release.facts);
});

test('(c) a threshold enters the LP: a withheld cell shown as a row of its own because it has 35 or more people is at least 35', async () => {
  // b x (36) is withheld as cover for a x (4); a layout that lists b x only at 35 or more tells it is 35..39, not 31..39.
  const t = additiveTable('t', [dim('r', ['a', 'b', 'c']), dim('s', ['x', 'y'])], (k) => (({ a: [4, 40], b: [36, 50], c: [60, 70] }) as Record<string, number[]>)[k[0]!]![k[1] === 'x' ? 0 : 1]!);
  const threshold: LayoutFact = { terms: [{ ref: { table: 't', keys: ['b', 'x'] }, coef: 1 }], min: 35, why: 'shown with 35 or more people' };
  const release = protect([{ ...resultsOf([t]), facts: [threshold] }], { ...SUPPRESS, roundingBase: null });
  const bx = release.countTables[0]!.cells.find((c) => c.keys.join() === 'b,x')!;
  assert.ok('symbol' in bx, 'b x is withheld');
  const [before] = await interval(withoutFacts(release), 'b,x');
  const [after] = await interval(release, 'b,x');
  assert.ok(before < 35, `without the fact the attacker's lower bound is ${before}`);
  assert.equal(after, 35);
});

const mapping: RelatedMapping = {
  name: 'm',
  version: 1,
  rows: [
    { ssa: '4', soc: '52', related: true },
    { ssa: '4', soc: '92', related: false },
    { ssa: '4', soc: '71', related: false },
  ],
};
const labels = { ssa: { '4': 'Engineering', '7': 'Retail' }, soc: { '52': 'Metal trades', '92': 'Elementary admin', '71': 'Sales', '61': 'Caring' } };
const row = (ssa: string, soc: string, n: number): PathwayCountRow => ({ level: 2, status: 'analysed', ssa, soc, qualificationType: 'classroom', employmentType: 'full-time', n });
const pathways = (rows: PathwayCountRow[]) => buildPathways({ weighted: false, byRegion: false, rows } as PathwayCounts, { dataset: 'd', level: 2, mapping, labels });

test("(a) pathways: in the SSA x occupation table a withheld share under 10% and one over it look the same, and swapping them changes nothing", () => {
  const release = (a: number, b: number) => protect([pathways([row('4', '52', 47), row('4', '92', a), row('4', '71', b)])], { ...SUPPRESS, roundingBase: 5 });
  const x = release(8, 5);
  const t = x.tables.find((u) => u.id === 'pathways-l2-ssa-occupation')!;
  const share = (soc: string) => t.rows.find((r) => r.id === `ssa-4-soc-${soc}`)!.cells[2];
  assert.equal(share('92')!.kind, 'symbol');
  assert.deepEqual(share('71'), share('92'), '8 of 60 (13%) and 5 of 60 (8%) are both [c]');
  assert.equal(share('52')!.kind, 'share');
  const y = release(5, 8);
  assert.equal(JSON.stringify(y.tables.find((u) => u.id === t.id)), JSON.stringify(t));
});

test('(b, c) pathways: the number of occupations counts the published cells; thresholds, order and the most common occupation are facts of the release', () => {
  // Engineering 60 (Metal trades 47, Elementary admin 8, Sales 5); Retail 12 (under 30: Other).
  const r = pathways([row('4', '52', 47), row('4', '92', 8), row('4', '71', 5), row('7', '61', 12)]);
  const release = protect([r], { ...SUPPRESS, roundingBase: 5 });
  const ssa = release.tables.find((u) => u.id === 'pathways-l2-ssa')!;
  const occupations = ssa.columns.findIndex((c) => c.id === 'occupations');
  assert.deepEqual(ssa.rows.find((x) => x.id === 'ssa-4')!.cells[occupations], { kind: 'stat', value: 3, decimals: 0, unit: 'number' });
  const main = release.countTables.find((c) => c.id === 'pathways-l2')!;
  const cell = (ssaCode: string, soc: string) => main.cells.find((c) => c.keys.join() === [ssaCode, 'total', 'total', soc, 'total'].join());
  for (const soc of ['52', '92', '71', '61']) assert.ok(cell('4', soc), `Engineering x ${soc} is in the count table (the distinct count rests on it)`);
  assert.deepEqual(cell('4', '61'), { keys: ['4', 'total', 'total', '61', 'total'], value: 0 });
  const facts = release.facts ?? [];
  const has = (why: string, keys: string[][], bound: { min?: number; max?: number }) =>
    assert.ok(
      facts.some((f) => f.why === why && f.terms.length === keys.length && f.terms.every((t, i) => t.keys.join() === keys[i]!.join()) && f.min === bound.min && f.max === bound.max),
      `fact ${why} on ${keys.map((k) => k.join('/')).join(' - ')}: ${JSON.stringify(facts)}`,
    );
  const k = (ssaCode: string, soc = 'total') => [ssaCode, 'total', 'total', soc, 'total'];
  has('sector subject area shown with 30 or more people', [k('4')], { min: 30 });
  has('sector subject area with fewer than 30 people (grouped as Other)', [k('7')], { max: 29 });
  has('occupation shown with 30 or more people', [k('total', '52')], { min: 30 });
  has('occupation with fewer than 30 people (grouped as Other)', [k('total', '92')], { max: 29 });
  has('most common occupation', [k('4', '52'), k('4', '92')], { min: 0 });
  has('clear pathway', [k('4', '52'), k('4')], { min: 0 });
});

test('(c) pathways: the most common occupation says nothing when its count is withheld, so no fact is stated', () => {
  // Every occupation of Engineering is small: its most common occupation's name is withheld with its count.
  const r = pathways([row('4', '52', 9), row('4', '92', 8), row('4', '71', 7), row('4', '61', 6), row('7', '61', 40)]);
  const release = protect([r], { ...SUPPRESS, roundingBase: null });
  const ssa = release.tables.find((u) => u.id === 'pathways-l2-ssa')!;
  const top = ssa.columns.findIndex((c) => c.id === 'top_occupation');
  assert.equal(ssa.rows.find((x) => x.id === 'ssa-4')!.cells[top]!.kind, 'symbol');
  assert.ok(!(release.facts ?? []).some((f) => f.why === 'most common occupation' && f.terms[0]!.keys[0] === '4'));
  assert.ok((release.facts ?? []).some((f) => f.why === 'most common occupation' && f.terms[0]!.keys[0] === '7') === false, 'Retail has one occupation: nothing to order');
});

test('perturbation: shares, the base rule and the display threshold follow the perturbed counts, so no figure undoes the noise', () => {
  let checked = 0;
  let decided = 0;
  for (let seed = 1; seed <= 40; seed++) {
    // Counts around the thresholds (base 30, share 10%), keys spread over 0..4095.
    const n = { a: 1 + ((seed * 7) % 6), b: 20 + ((seed * 5) % 15) };
    const t0 = additiveTable('t', [dim('k', ['a', 'b'])], (k) => n[k[0] as 'a']);
    const t: CountTable = { ...t0, cells: t0.cells.map((c, i) => ({ ...c, key: (seed * 1237 + i * 977) % 4096 })) };
    const shares = table('s', [
      { id: 'plain', cells: [{ kind: 'share', num: ref('a'), den: ref('T') }] },
      { id: 'rules', cells: [{ kind: 'share', num: ref('a'), den: ref('T'), minBase: 30, minShown: 0.1 }] },
    ]);
    const release = protectReleaseSet([[resultsOf([t], [shares])]], { method: 'perturbation' }).releases[0]!;
    const pub = new Map(release.countTables[0]!.cells.map((c) => [c.keys[0], 'value' in c ? c.value : NaN]));
    const [a, total] = [pub.get('a')!, pub.get('T')!];
    const [plain, rules] = release.tables[0]!.rows.map((r) => r.cells[0]!);
    assert.ok(plain!.kind === 'share' && plain.base === total, 'the base shown is the perturbed one');
    assert.equal(plain.value, Math.min(a, total) / total, 'the share is of the perturbed counts');
    const w = wilsonCounts(Math.min(a, total), total);
    assert.deepEqual([plain.low, plain.high], [w.low, w.high]);
    if (total < 30) assert.deepEqual(rules, { kind: 'symbol', symbol: '[z]', reason: 'not-applicable' });
    else if (Math.min(a, total) / total < 0.1) assert.deepEqual(rules, { kind: 'empty' });
    else assert.equal(rules!.kind, 'share');
    // The true base decides differently from the perturbed one in some of these releases: the rules follow the published.
    if ((n.a + n.b < 30) !== (total < 30)) decided++;
    checked++;
  }
  assert.equal(checked, 40);
  assert.ok(decided > 0, 'some releases publish a base on the other side of 30 than the true one');
});
