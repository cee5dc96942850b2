/**
 * Career routes and the occupational moves network on a hand example, by
 * the pure core and by the store's SQL.
 *
 * All achieved 2020-01-01 (window end 2021-01-01):
 *   r1 CSCS:         91 to 2020-05-31, then 53            route 91 -> 53 (up a skill level); move 91->53
 *   r2 CSCS:         91 from 2020-02-01                   route 91 -> 91
 *   r3 CSCS:         no jobs                              route none -> none
 *   r4 CSCS:         91, 53, 91 (held at the end), 53     route 91 -> 91; moves 91->53 (twice: one person), 53->91
 *   r5 Food Hygiene: 92, then a job with no SOC code, 54  route 92 -> unknown; no move (the uncoded job breaks the chain)
 *   r6 Food Hygiene: 92 to 2020-06-30, then 54            route 92 -> 54 (up); move 92->54
 *   r7 Food Hygiene: 54 then 54 again                     route 54 -> 54; not a move
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { loadHistories, person, tempStore } from './helpers.js';
import type { Store } from '../../src/store/database.js';
import { countMoves as countMovesSql, countProgression } from '../../src/store/progression-counts.js';
import { progressionFromHistories } from '../../src/core/progression/from-histories.js';
import { progressionSettings } from '../../src/core/progression/settings.js';
import { topRoutes, upwardRoutes } from '../../src/core/progression/routes.js';
import { countMoves, occupationFlows } from '../../src/core/progression/moves.js';

const CSCS = [{ title: 'CSCS', ssa: '5', level: 1, on: '2020-01-01' }];
const FOOD = [{ title: 'Food Hygiene', ssa: '7', level: 2, on: '2020-01-01' }];
const PEOPLE = [
  person(1, { quals: CSCS, spells: [{ from: '2019-06-01', to: '2020-05-31', soc: '91' }, { from: '2020-06-01', soc: '53' }] }),
  person(2, { quals: CSCS, spells: [{ from: '2020-02-01', soc: '91' }] }),
  person(3, { quals: CSCS }),
  person(4, {
    quals: CSCS,
    spells: [
      { from: '2020-03-01', to: '2020-06-30', soc: '91' },
      { from: '2020-07-01', to: '2020-09-30', soc: '53' },
      { from: '2020-10-01', to: '2021-03-31', soc: '91' },
      { from: '2021-04-01', soc: '53' },
    ],
  }),
  person(5, { quals: FOOD, spells: [{ from: '2020-01-01', to: '2020-12-31', soc: '92' }, { from: '2021-01-01', to: '2021-06-30', soc: null, title: 'Kitchen' }, { from: '2021-07-01', soc: '54' }] }),
  person(6, { quals: FOOD, spells: [{ from: '2019-01-01', to: '2020-06-30', soc: '92' }, { from: '2020-07-01', soc: '54' }] }),
  person(7, { quals: FOOD, spells: [{ from: '2020-01-01', to: '2020-05-31', soc: '54' }, { from: '2020-06-01', soc: '54' }] }),
];
const settings = progressionSettings({ observedTo: '2022-12-31' });

let store: Store;
let done: () => void;
let id: number;
before(async () => {
  ({ store, done } = await tempStore());
  id = await loadHistories(store, 'routes', PEOPLE);
});
after(() => done());

test('three-step routes from each qualification, counted once per person, on both paths', async () => {
  const core = progressionFromHistories(PEOPLE, settings).routes;
  assert.deepEqual((await countProgression(store, id, settings)).routes, core);
  assert.deepEqual(
    core.map((r) => [r.from, r.first, r.then, r.people, r.up]),
    [
      ['CSCS', '91', '53', 1, 1],
      ['CSCS', '91', '91', 2, 0],
      ['CSCS', 'none', 'none', 1, 0],
      ['Food Hygiene', '54', '54', 1, 0],
      ['Food Hygiene', '92', '54', 1, 1],
      ['Food Hygiene', '92', 'unknown', 1, 0],
    ],
  );
  // Each qualification's routes add up to its people.
  assert.equal(core.filter((r) => r.from === 'CSCS').reduce((s, r) => s + r.people, 0), 4);
});

test('the most common two- and three-step routes, and the routes that move up', () => {
  const counts = progressionFromHistories(PEOPLE, settings).routes;
  assert.deepEqual(
    topRoutes(counts, 2, 5).map((r) => [r.from, r.steps.join(' > '), r.people, r.share]),
    [
      ['CSCS', '91', 3, 0.75],
      ['CSCS', 'none', 1, 0.25],
      ['Food Hygiene', '92', 2, 2 / 3],
      ['Food Hygiene', '54', 1, 1 / 3],
    ],
  );
  assert.deepEqual(topRoutes(counts, 3, 1).map((r) => [r.from, r.steps.join(' > '), r.people]), [['CSCS', '91 > 91', 2], ['Food Hygiene', '54 > 54', 1]]);
  assert.deepEqual(upwardRoutes(counts, 10).map((r) => [r.from, r.steps.join(' > '), r.up]), [['CSCS', '91 > 53', 1], ['Food Hygiene', '92 > 54', 1]]);
});

test('routes by SSA and by job title', async () => {
  const options = { routes: { qualificationBy: 'ssa' as const, occupationBy: 'title' as const } };
  const core = progressionFromHistories(PEOPLE, settings, options).routes;
  assert.deepEqual((await countProgression(store, id, settings, options)).routes, core);
  // r5's job at the end is the uncoded 'Kitchen' job, which starts on the window's last day E; by title it is a job like any other.
  assert.deepEqual(
    core.filter((r) => r.from === '7').map((r) => [r.first, r.then, r.people, r.up]),
    [['Job 54', 'Job 54', 1, 0], ['Job 92', 'Job 54', 1, 1], ['Job 92', 'Kitchen', 1, 0]],
  );
  assert.equal(core.filter((r) => r.from === '5').reduce((s, r) => s + r.people, 0), 4);
});

test('the moves network: distinct people per move, same-occupation spells and uncoded jobs are not moves', async () => {
  const core = countMoves(PEOPLE, 'soc');
  assert.deepEqual(await countMovesSql(store, id, 'soc'), core);
  assert.deepEqual(core.edges.map((e) => [e.from, e.to, e.people]), [['53', '91', 1], ['91', '53', 2], ['92', '54', 1]]);
  assert.deepEqual(core.nodes.map((n) => [n.id, n.people, n.movedIn, n.movedOut]), [['53', 2, 2, 1], ['54', 3, 1, 0], ['91', 3, 1, 2], ['92', 2, 0, 1]]);
  const f = occupationFlows(core, '91')!;
  assert.deepEqual(f.cameFrom, [{ id: '53', people: 1, share: 1 }]);
  assert.deepEqual(f.wentTo, [{ id: '53', people: 2, share: 1 }]);
  assert.equal(occupationFlows(core, '11'), null);
  // By title the uncoded job is an occupation of its own.
  const titles = countMoves(PEOPLE, 'title');
  assert.deepEqual(await countMovesSql(store, id, 'title'), titles);
  assert.ok(titles.edges.some((e) => e.from === 'Job 92' && e.to === 'Kitchen'));
  assert.ok(titles.edges.some((e) => e.from === 'Kitchen' && e.to === 'Job 54'));
});

test('the moves network of one region', async () => {
  const mixed = PEOPLE.map((p, i) => ({ ...p, personKey: 100 + i, region: i < 2 ? 'LN' : 'NE' }));
  const rid = await loadHistories(store, 'routes-regions', mixed);
  assert.deepEqual(await countMovesSql(store, rid, 'soc', 'LN'), countMoves(mixed.filter((p) => p.region === 'LN'), 'soc'));
  assert.deepEqual((await countMovesSql(store, rid, 'soc', 'LN')).edges, [{ from: '91', to: '53', people: 1 }]);
});
