/**
 * Reports published together (all regions and each region) are protected as
 * one release set: a count that adds up across regions cannot be recovered by
 * subtracting the other regions' published counts from the all-regions one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { auditReleaseSet, protect, protectSet, protectSetWithDetail, type ProtectedRelease } from '../../src/core/disclosure/index.js';
import { auditModel } from '../../src/core/disclosure/audit.js';
import { ALL, REGIONS, report } from './region-example.js';
import { InputError } from '../../src/core/errors.js';

const POLICY = { roundingBase: null, minCount: 10 };

const value = (r: ProtectedRelease, node: string) => r.tables[0]!.rows.find((row) => row.id === node)!.cells[1]!;

test('protected one by one, the North East welders are recovered by differencing; the joint audit catches it', () => {
  const separate = [protect([report(null, ALL)], POLICY), ...REGIONS.map(([code, c]) => protect([report(code, c)], POLICY))];
  assert.deepEqual(value(separate[1]!, 'q:welding'), { kind: 'symbol', symbol: '[c]', reason: 'primary-small-count' });
  // Everything else is published: 50 - 20 - 25 = 5.
  assert.deepEqual(value(separate[0]!, 'q:welding'), { kind: 'count', value: 50, ref: { table: 'node_people', keys: ['q:welding'] } });
  const audit = auditReleaseSet(separate, { remainders: 'zero' });
  assert.equal(audit.passed, false);
  assert.match(audit.derivable[0]!.cell, /NE\/node_people \[node=q:welding\]/);
});

test('protected as one release set, no withheld cell can be derived from all the reports together', () => {
  const releases = protectSet([[report(null, ALL)], ...REGIONS.map(([code, c]) => [report(code, c)])], POLICY);
  assert.deepEqual(
    releases.map((r) => r.region),
    [null, 'NE', 'NW', 'YH'],
  );
  const ne = releases[1]!;
  assert.deepEqual(value(ne, 'q:welding'), { kind: 'symbol', symbol: '[c]', reason: 'primary-small-count' });
  // A second welding count is withheld to cover it: the smallest, North West's 20.
  assert.deepEqual(value(releases[2]!, 'q:welding'), { kind: 'symbol', symbol: '[c]', reason: 'secondary' });
  assert.equal(value(releases[0]!, 'q:welding').kind, 'count');
  assert.equal(value(releases[3]!, 'q:welding').kind, 'count');
  // Plumbing has no small cell: all published.
  for (const r of releases) assert.equal(value(r, 'q:plumbing').kind, 'count');
  // Each release counts its own suppressions and says it was protected with the others.
  assert.equal(releases[1]!.audit.primary, 1);
  assert.equal(releases[2]!.audit.secondary, 1);
  assert.match(releases[0]!.audit.method!, /together with the 3 other reports/);
  // Refs and count tables use each report's own table names.
  assert.deepEqual(ne.countTables.map((t) => t.id), ['node_people']);
  assert.equal(ne.countTables[0]!.sumsAcrossRegions, true);
  for (const remainders of ['unknown', 'zero'] as const) assert.equal(auditReleaseSet(releases, { remainders }).passed, true, remainders);
});

test('people of no published region are an unpublished remainder: a non-zero remainder is cover an outsider cannot remove', () => {
  // 14 welders have no region: the three regions sum to 50, all regions holds 64.
  const releases = protectSet([[report(null, { 'q:welding': 64, 'q:plumbing': 105 })], ...REGIONS.map(([code, c]) => [report(code, c)])], POLICY);
  assert.equal(value(releases[1]!, 'q:welding').kind, 'symbol');
  assert.equal(value(releases[2]!, 'q:welding').kind, 'count', 'no second suppression needed');
  assert.equal(auditReleaseSet(releases).passed, true);
  // An outsider who (wrongly) assumed everyone has a region would compute 64 - 45 = 19, not the truth.
  assert.equal(auditReleaseSet(releases, { remainders: 'zero' }).passed, false);
});

test('a release set refuses two reports for the same region; protect() is the set of one', () => {
  assert.throws(() => protectSet([[report('NE', REGIONS[0]![1])], [report('NE', REGIONS[0]![1])]], POLICY), InputError);
  const one = protect([report('NE', REGIONS[0]![1])], POLICY);
  assert.deepEqual(protectSet([[report('NE', REGIONS[0]![1])]], POLICY)[0]!.tables, one.tables);
  assert.doesNotMatch(one.audit.method!, /together with/);
});

test('a small remainder (3 welders with no published region) is protected: it cannot be worked out as all regions minus the regions', () => {
  // All regions: 50 welders; the two published regions hold 20 + 27; so 3 have no published region.
  const reports = [
    [report(null, { 'q:welding': 50, 'q:plumbing': 105 })],
    [report('NW', { 'q:welding': 20, 'q:plumbing': 50 })],
    [report('YH', { 'q:welding': 27, 'q:plumbing': 55 })],
  ];
  const { releases, detail } = protectSetWithDetail(reports, POLICY);
  const { model } = detail;
  const remainders = model.cells.filter((c) => c.remainder);
  // Plumbing's remainder is zero (known, no cell); welding's is 3, primary-suppressed though never published.
  assert.deepEqual(remainders.map((c) => [c.keys, c.n]), [[['q:welding'], 3]]);
  const rest = remainders[0]!;
  assert.ok(detail.primary.includes(rest.index));
  assert.match(model.cellLabel(rest), /ALL\/node_people \[node=q:welding\] \(people of no published region\)/);
  // Something is withheld to cover it: the smallest welding count, North West's 20.
  assert.deepEqual(value(releases[1]!, 'q:welding'), { kind: 'symbol', symbol: '[c]', reason: 'secondary' });
  assert.equal(value(releases[0]!, 'q:welding').kind, 'count');
  assert.equal(value(releases[2]!, 'q:welding').kind, 'count');
  for (const r of releases) assert.equal(value(r, 'q:plumbing').kind, 'count');
  assert.equal(detail.audit.passed, true);
  assert.ok(detail.audit.checked >= 2, 'the remainder is among the checked cells');
  // The audit fails the naive publication (every figure shown): 50 - 20 - 27 = 3.
  const naive = auditModel({ model, published: detail.shown, suppressed: detail.primary, primary: detail.primary });
  assert.equal(naive.passed, false);
  assert.deepEqual(naive.derivable.map((f) => f.cell), [rest.index]);
  assert.match(naive.derivable[0]!.label, /no published region/);
  // auditReleaseSet (publish --release) sees only the releases: protected apart, the 3 are pinned down; protected together, not.
  const separate = reports.map((rs) => protect(rs, POLICY));
  for (const remainders of ['unknown', 'zero'] as const) {
    const apart = auditReleaseSet(separate, { remainders });
    assert.equal(apart.passed, false, remainders);
    assert.match(apart.derivable[0]!.cell, /ALL\/node_people \[q:welding\] \(people of no published region\)/);
    assert.match(apart.derivable[0]!.why, /leaves 3 people/);
  }
  // (Under 'zero', which assumes nobody is outside the published regions, 50 - 27 would wrongly "give" North West's 20.)
  assert.equal(auditReleaseSet(releases, { remainders: 'unknown' }).passed, true);
  // Rounded to 5 (50, 20, 25), the remainder is only known to lie between -1 and 11: not pinned to a small group.
  assert.equal(auditReleaseSet(reports.map((rs) => protect(rs, { minCount: 10, roundingBase: 5 })), { remainders: 'unknown' }).passed, true);
  // A remainder of 10 or more is not small: nothing is withheld.
  const big = protectSet([[report(null, { 'q:welding': 57, 'q:plumbing': 105 })], ...reports.slice(1)], POLICY);
  for (const r of big) assert.equal(value(r, 'q:welding').kind, 'count');
});
