import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRegister } from '../../src/core/register/checks.js';
import { annexe3 } from '../../src/core/register/queries/annexe3.js';
import { compareCoverage, coverage, gaps } from '../../src/core/register/queries/coverage.js';
import { crowdedAreas, nearDuplicates } from '../../src/core/register/queries/overprovision.js';
import { prerequisiteRoutes, routeLevels } from '../../src/core/register/queries/prerequisites.js';
import { validateRecord } from '../../src/core/register/schemas.js';
import { handRegister } from './hand-register.js';

test('the hand-built register keeps every rule', () => {
  assert.deepEqual(checkRegister(handRegister()), []);
});

test("a role's coverage counts its current key qualifications, through their modules", () => {
  const c = coverage(handRegister(), { kind: 'role', id: 'R1' }, 'F1');
  assert.deepEqual(c.keyQualifications.map((q) => q.id), ['Q1', 'Q2']); // Q6 is key but retired
  assert.deepEqual(c.keyQualifications.map((q) => q.areas), [['A1', 'A2'], ['A1', 'A2']]);
  assert.deepEqual(c.areas.map((a) => a.qualifications), [2, 2, 0, 0]);
  assert.deepEqual(c.areas.map((a) => a.share), [1, 1, 0, 0]);
  assert.deepEqual(c.gaps, ['A3', 'A4']);
});

test('a qualification that is a part of another passes on what its own modules cover', () => {
  const c = coverage(handRegister(), { kind: 'role', id: 'R2' }, 'F1');
  assert.deepEqual(c.keyQualifications.map((q) => [q.id, q.areas]), [['Q3', ['A1', 'A2', 'A3']]]);
  assert.deepEqual(c.gaps, ['A4']);
});

test("a cluster's coverage takes the key qualifications of all its roles, each once", () => {
  const c = coverage(handRegister(), { kind: 'cluster', id: 'C1' }, 'F1');
  assert.deepEqual(c.keyQualifications.map((q) => q.id), ['Q1', 'Q2', 'Q3']);
  assert.deepEqual(c.areas.map((a) => a.qualifications), [3, 3, 1, 0]);
  assert.equal(c.areas[2].share, 1 / 3);
  assert.deepEqual(c.gaps, ['A4']);
});

test('gaps list every role with an area no key qualification covers, including a role with none', () => {
  const rows = gaps(handRegister(), 'F1', 'roles');
  assert.deepEqual(
    rows.map((r) => [r.target.id, r.keyQualifications, r.gaps.map((g) => g.areaId)]),
    [
      ['R1', 2, ['A3', 'A4']],
      ['R2', 1, ['A4']],
      ['R3', 0, ['A1', 'A2', 'A3', 'A4']],
    ],
  );
  const byCluster = gaps(handRegister(), 'F1', { clusteringId: 'G1' });
  assert.deepEqual(byCluster.map((r) => [r.target.name, r.gaps.map((g) => g.areaId)]), [['Care', ['A4']], ['Voluntary', ['A1', 'A2', 'A3', 'A4']]]);
});

test('comparison puts the shares of several roles side by side', () => {
  const c = compareCoverage(handRegister(), 'F1', [{ kind: 'role', id: 'R1' }, { kind: 'role', id: 'R2' }]);
  assert.deepEqual(c.areas.map((a) => a.area), ['Communication', 'Development', 'Safeguarding', 'Transitions']);
  assert.deepEqual(c.rows.map((r) => r.cells.map((x) => x.share)), [[1, 1, 0, 0], [1, 1, 1, 0]]);
  assert.deepEqual(c.rows.map((r) => r.areasCovered), [2, 3]);
});

test("over-provision finds areas covered by many of a role's qualifications, key or not", () => {
  const rows = crowdedAreas(handRegister(), 'F1', 'roles', { minQualifications: 3 });
  // R1's current qualifications Q1 Q2 Q3 Q4 all cover A1 and A2; only Q3 covers A3.
  assert.deepEqual(rows.map((r) => [r.target.id, r.areaId, r.qualifications, r.of]), [['R1', 'A1', 4, 4], ['R1', 'A2', 4, 4]]);
  assert.deepEqual(crowdedAreas(handRegister(), 'F1', 'roles', { minQualifications: 5 }), []);
});

test('near-duplicates are qualifications with the same parts or the same title, not merely similar ones', () => {
  const pairs = nearDuplicates(handRegister());
  assert.deepEqual(pairs.map((p) => [p.a.id, p.b.id, p.similarity, p.sameTitle]), [['Q1', 'Q4', 1, true]]);
  // Q1 and Q5 share 2 of 3 parts: reported only when the threshold allows it.
  const looser = nearDuplicates(handRegister(), { minSimilarity: 0.6 });
  assert.ok(looser.some((p) => p.a.id === 'Q1' && p.b.id === 'Q5' && Math.abs(p.similarity - 2 / 3) < 1e-12));
  // Limited to R2's qualifications there is nothing to compare.
  assert.deepEqual(nearDuplicates(handRegister(), { target: { kind: 'role', id: 'R2' } }), []);
});

test('prerequisite routes run from something with no prerequisites up to the qualification', () => {
  const r = prerequisiteRoutes(handRegister(), 'Q3');
  assert.deepEqual(r.routes.map((route) => route.map((s) => s.id)), [['Q7', 'Q1', 'Q3'], ['M4', 'Q2', 'Q3']]);
  assert.deepEqual(r.routes.map(routeLevels), ['L1 -> L2 -> L3', 'L2 -> L2 -> L3']);
  assert.deepEqual(r.required.map((s) => s.id), ['M4', 'Q1', 'Q2', 'Q7']);
  assert.deepEqual(prerequisiteRoutes(handRegister(), 'Q7').routes, []);
  assert.equal(prerequisiteRoutes(handRegister(), 'Q3', 1).truncated, true);
});

test('Annexe 3 counts current qualifications per role; subtotals add the roles, distinct counts each once', () => {
  const t = annexe3(handRegister(), 'G1');
  assert.deepEqual(t.clusters.map((c) => [c.cluster, c.roles.map((r) => [r.role, r.qualifications, r.keyQualifications]), c.subtotal, c.distinct]), [
    ['Care', [['Care Worker', 4, 2], ['Senior Care Worker', 1, 1]], 5, 4],
  ]);
  assert.equal(t.total, 5);
  assert.equal(annexe3(handRegister(), 'G1', { includeEmpty: true }).clusters.length, 2);
});

test('a cycle of prerequisites or parts breaks the rules, and says where', () => {
  const data = handRegister();
  data.qualifications.find((q) => q.id === 'Q7')!.prerequisites = ['Q3'];
  data.qualifications.find((q) => q.id === 'Q1')!.parts.push({ id: 'Q3', mandatory: false });
  const issues = checkRegister(data);
  const q7 = issues.find((i) => i.id === 'Q7')!;
  assert.match(q7.issues[0].message, /the prerequisites form a cycle: Q7 requires Q3 requires Q1 requires Q7/);
  const q1 = issues.find((i) => i.id === 'Q1')!;
  assert.ok(q1.issues.some((i) => /the parts form a cycle: Q1 contains Q3 contains Q1/.test(i.message)));
});

test('schemas give field-level messages and normalise what they accept', () => {
  const good = handRegister().qualifications[0];
  const bad = validateRecord('qualification', { ...good, title: '  ', level: 9, sourceUrl: 'ftp://x', parts: [{ id: 'X1', mandatory: true }], prerequisites: ['Q7', 'Q7'], colour: 'red' });
  assert.equal(bad.ok, false);
  if (bad.ok) return;
  const by = Object.fromEntries(bad.issues.map((i) => [i.field, i.message]));
  assert.equal(by.title, 'a title is required');
  assert.equal(by.level, 'expected a level from 1 to 8, or 0 for Entry');
  assert.equal(by.sourceUrl, 'expected a web address starting http:// or https://');
  assert.equal(by['parts[0].id'], 'expected a module or qualification id such as M12 or Q3');
  assert.equal(by['prerequisites[1]'], 'Q7 is listed twice');
  assert.equal(by[''], "unknown field 'colour'");
  const ok = validateRecord('role', { id: 'R9', name: ' Tutor ', notes: '', qualifications: [{ id: 'Q10', key: true }, { id: 'Q2', key: false }], status: 'current', version: 3 });
  assert.ok(ok.ok);
  if (!ok.ok) return;
  assert.equal(ok.value.name, 'Tutor');
  assert.equal(ok.value.notes, null);
  assert.deepEqual(ok.value.qualifications.map((q) => q.id), ['Q2', 'Q10']);
});
