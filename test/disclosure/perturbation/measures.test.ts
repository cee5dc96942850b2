import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  PerturbationLookup,
  generatePTable,
  hellinger,
  parsePTableCsv,
  shownShare,
  smallCountRisk,
  utilityMeasures,
  type CellOutcome,
} from '../../../src/core/disclosure/perturbation/index.js';

const close = (a: number, b: number, tol = 1e-9) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);
const cells = (pairs: Array<[number, number | null]>): CellOutcome[] => pairs.map(([trueCount, published]) => ({ trueCount, published }));

test('utility measures of a hand example', () => {
  // Withheld: (2, -). Differences 2, 0, 4, 2, 3 over the 5 cells with a value; relative 2/5, 4/4, 2/10 over true > 0.
  const m = utilityMeasures(cells([[5, 3], [0, 0], [4, 0], [10, 12], [2, null], [0, 3]]));
  assert.equal(m.cells, 6);
  close(m.publishedShare, 5 / 6);
  close(m.meanAbsolutePerturbation, (2 + 0 + 4 + 2 + 3) / 5);
  close(m.meanRelativePerturbation, (0.4 + 1 + 0.2) / 3);
  assert.equal(m.maxAbsolutePerturbation, 4);
  assert.equal(m.falseZeros, 1);
  assert.equal(m.falsePositives, 1);
});

test('Hellinger distance and utility as Shlomo, Antal and Elliot (2015) define them', () => {
  // The example of R SmallCountRounding's HDutility help: f = 1:6, g = c(0, 3, 3, 3, 6, 6).
  // sum (sqrt f - sqrt g)^2 = 1 + (sqrt2 - sqrt3)^2 + 0 + (2 - sqrt3)^2 + (sqrt5 - sqrt6)^2 + 0 = 1.2183661...
  const h = hellinger(cells([[1, 0], [2, 3], [3, 3], [4, 3], [5, 6], [6, 6]]));
  const sq = 1 + (Math.SQRT2 - Math.sqrt(3)) ** 2 + (2 - Math.sqrt(3)) ** 2 + (Math.sqrt(5) - Math.sqrt(6)) ** 2;
  close(sq, 1.21836613, 1e-8);
  close(h.distance, Math.sqrt(sq / 2));
  close(h.distance, 0.7805, 1e-4);
  close(h.utility, 1 - h.distance / Math.sqrt(21));
  close(h.utility, 0.8297, 1e-4);
  assert.deepEqual(hellinger(cells([[4, 4], [9, 9]])), { distance: 0, utility: 1 });
});

test('shownShare counts the cells with a true count of 3 or more that are published above 0', () => {
  close(shownShare(cells([[3, 0], [3, 4], [10, 8], [2, 0], [5, null]]), 3), 2 / 4);
  assert.equal(shownShare(cells([[1, 0]]), 3), 1);
});

test('the posterior that a published value hides a true 1 or 2, on a hand-made p-table', () => {
  // True 1 -> 0 or 3, true 2 -> 0 or 3, each with probability 1/2 (2048 keys each); 3 and more unchanged.
  const table = parsePTableCsv(
    'i,j,p,v,p_int_lb,p_int_ub\n0,0,1,0,0,1\n1,0,0.5,-1,0,0.5\n1,3,0.5,2,0.5,1\n2,0,0.5,-2,0,0.5\n2,3,0.5,1,0.5,1\n3,3,1,0,0,1\n',
    'hand.csv',
  );
  const lookup = new PerturbationLookup(table);
  // Prior from the cells' true counts: 1/4 ones, 1/4 twos, 1/2 threes.
  const risk = smallCountRisk(lookup, [1, 2, 3, 3, 1, 2, 3, 3]);
  // P(published 3) = 1/4 * 1/2 + 1/4 * 1/2 + 1/2 = 3/4, of which 1/4 small: posterior 1/3.
  // P(published 0) = 1/4, all small: posterior 1.
  assert.deepEqual(risk.byPublished.map((b) => b.published), [0, 3]);
  close(risk.byPublished[0].probability, 0.25);
  close(risk.byPublished[1].probability, 0.75);
  close(risk.worstPositive, 1 / 3);
  close(risk.zero, 1);
  // A truly small cell is published 0 (posterior 1) or 3 (posterior 1/3), each half the time.
  close(risk.meanForSmall, 2 / 3);
});

test('with the default p-table no published value pins a true 1 or 2: the posterior stays well below certainty', () => {
  const lookup = new PerturbationLookup(generatePTable({ maxPerturbation: 5, variance: 3, forbid: 2 }));
  // Many small cells, as in a sparse link table.
  const counts = [...Array(400).fill(1), ...Array(200).fill(2), ...Array(150).fill(3), ...Array(100).fill(5), ...Array(100).fill(12), ...Array(50).fill(40)];
  const risk = smallCountRisk(lookup, counts);
  assert.ok(risk.worstPositive < 0.9, `worst ${risk.worstPositive}`);
  assert.ok(risk.worstPositive > 0.3, 'small counts are common here, so a published 3 often hides one');
  // A published 0 also comes from true 3, 4 and 5 (v = -3..-5), so it does not prove a small count.
  assert.ok(risk.zero < 1 && risk.zero > 0.5, `zero ${risk.zero}`);
  assert.ok(risk.meanForSmall < 0.9);
  const total = risk.byPublished.reduce((s, b) => s + b.probability, 0);
  close(total, 1, 1e-12);
  assert.ok(risk.byPublished.every((b) => b.published === 0 || b.published >= 3));
});
