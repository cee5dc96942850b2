import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRegister } from '../../src/core/register/checks.js';
import { annexe3 } from '../../src/core/register/queries/annexe3.js';
import { gaps } from '../../src/core/register/queries/coverage.js';
import { nearDuplicates } from '../../src/core/register/queries/overprovision.js';
import { prerequisiteRoutes } from '../../src/core/register/queries/prerequisites.js';
import { sampleRegister } from '../../src/core/register/sample/generate.js';
import { validateRecord } from '../../src/core/register/schemas.js';
import { RECORD_KINDS, recordsOf } from '../../src/core/register/types.js';
import { annexe3Rows, seedAnnexe3 } from './annexe3-fixture.js';

const sample = sampleRegister(1);

test("the sample register's Annexe 3 query prints seed 003's table, subtotals and total", () => {
  const rows = annexe3Rows(annexe3(sample, 'G1'));
  assert.equal(rows.length, 96);
  assert.deepEqual(rows, seedAnnexe3());
});

test('the sample has 726 distinct qualifications, about half key, each valid and linked to one role', () => {
  assert.equal(sample.qualifications.length, 726);
  assert.equal(annexe3(sample, 'G1').distinct, 726);
  const key = sample.qualifications.filter((q) => q.key).length;
  assert.ok(key > 300 && key < 420, `key qualifications ${key}`);
  const links = sample.roles.flatMap((r) => r.qualifications.map((q) => q.id));
  assert.equal(new Set(links).size, links.length);
  for (const kind of RECORD_KINDS) for (const r of recordsOf(sample, kind)) assert.ok(validateRecord(kind, r).ok, `${r.id} is valid`);
  assert.deepEqual(checkRegister(sample), []);
});

test("the sample carries seed 003's roles and clusters, a second clustering and the Common Core", () => {
  assert.equal(sample.roles.length, 124);
  assert.deepEqual(sample.clusterings.map((g) => g.id), ['G1', 'G2']);
  const ssc = sample.clusters.filter((c) => c.clusteringId === 'G1');
  assert.equal(ssc.length, 11);
  assert.equal(ssc.reduce((n, c) => n + c.roles.length, 0), 128);
  // A role listed under two clusters in Annexe 1 is one role in both.
  const mentor = sample.roles.find((r) => r.name === 'Learning Mentor Level 3')!;
  assert.equal(ssc.filter((c) => c.roles.includes(mentor.id)).length, 2);
  // The clustering by level puts every role in exactly one cluster.
  const byLevel = sample.clusters.filter((c) => c.clusteringId === 'G2');
  assert.deepEqual(byLevel.flatMap((c) => c.roles).sort(), sample.roles.map((r) => r.id).sort());
  assert.deepEqual(sample.areas.map((a) => a.position), [1, 2, 3, 4, 5, 6]);
  assert.equal(sample.areas[4].name, 'Multi-agency working');
});

test('the sample has shared modules, qualifications inside qualifications, routes of levels, gaps and near-duplicates', () => {
  const uses = new Map<string, number>();
  for (const q of sample.qualifications) for (const p of q.parts) uses.set(p.id, (uses.get(p.id) ?? 0) + 1);
  assert.ok([...uses.entries()].filter(([id, n]) => id.startsWith('M') && n > 1).length > 500, 'modules shared between qualifications');
  assert.ok(sample.qualifications.some((q) => q.parts.some((p) => p.id.startsWith('Q'))), 'a qualification as a part');
  const withRoutes = sample.qualifications.filter((q) => prerequisiteRoutes(sample, q.id).routes.some((r) => r.length >= 3));
  assert.ok(withRoutes.length > 10, 'routes of three or more steps');
  const clusterGaps = gaps(sample, 'F1', { clusteringId: 'G1' });
  assert.ok(clusterGaps.some((g) => g.target.name === 'Sport' && g.gaps.some((a) => a.area === 'Multi-agency working')));
  assert.ok(nearDuplicates(sample).length >= 10);
  assert.ok(sample.modules.length > 2500);
});

test('the sample is the same for the same seed and differs for another', () => {
  assert.deepEqual(sampleRegister(1), sample);
  assert.notDeepEqual(sampleRegister(2).qualifications.map((q) => q.title), sample.qualifications.map((q) => q.title));
  // Whatever the seed, the counts per role are Annexe 3's.
  assert.deepEqual(annexe3Rows(annexe3(sampleRegister(2), 'G1')), seedAnnexe3());
});
