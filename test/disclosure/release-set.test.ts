/**
 * Reports published together (all regions and each region) are protected as
 * one release set: a count that adds up across regions cannot be recovered by
 * subtracting the other regions' published counts from the all-regions one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { auditReleaseSet, protect, protectSet, type ProtectedRelease } from '../../src/core/disclosure/index.js';
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
