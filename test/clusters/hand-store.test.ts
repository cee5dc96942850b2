/**
 * The network SQL and the cluster tables on a small hand-made store whose
 * every count is worked out by hand below.
 *
 * People (region YH unless noted):
 *   p1: CSCS, Asbestos / Labourer        p6: Food Hygiene / Chef, Kitchen Porter
 *   p2: CSCS / Labourer                  p7: Food Hygiene / Kitchen Porter
 *   p3: CSCS / Builder                   p8: Food Hygiene, CSCS / Chef
 *   p4: Asbestos / Builder               p9 (LN): CSCS / Labourer
 *   p5: Food Hygiene / Chef              p10 (LN): Food Hygiene / -      p11: - / Chef
 * Partition used: A = {CSCS, Asbestos, Labourer, Builder}, B = {Food Hygiene, Chef, Kitchen Porter}.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../src/store/database.js';
import { loadNetwork, type NetworkData } from '../../src/store/network.js';
import { characteristicsOf, readCharacteristicCodes } from '../../src/store/characteristic-codes.js';
import { graphFromIncidence } from '../../src/core/graph/incidence.js';
import { linkSignificance } from '../../src/core/links/significance.js';
import { buildClusterReport } from '../../src/core/clusters/report.js';
import { clusterResults, TABLE_IDS } from '../../src/core/clusters/results.js';
import type { CellRef, Results } from '../../src/core/results.js';
import { openDataset } from '../../src/analyses/analysis.js';
import { runClusters } from '../../src/analyses/clusters/index.js';

let dir: string;
let store: Store;
let datasetId: number;

const QUALS: Array<[number, string, string, number, string, string]> = [
  // person, title, ssa, level, type, achieved_on
  [1, 'CSCS', '5', 1, 'classroom', '2011-03-01'],
  [1, 'Asbestos', '5', 2, 'apprenticeship', '2013-01-01'],
  [2, 'CSCS', '5', 1, 'classroom', '2011-03-01'],
  [3, 'CSCS', '5', 1, 'classroom', '2011-03-01'],
  [4, 'Asbestos', '5', 2, 'apprenticeship', '2013-01-01'],
  [5, 'Food Hygiene', '7', 2, 'classroom', '2012-05-01'],
  [6, 'Food Hygiene', '7', 2, 'classroom', '2012-05-01'],
  [7, 'Food Hygiene', '7', 2, 'classroom', '2012-05-01'],
  [8, 'Food Hygiene', '7', 2, 'classroom', '2012-05-01'],
  [8, 'CSCS', '5', 1, 'classroom', '2011-03-01'],
  [8, 'CSCS', '5', 1, 'classroom', '2012-03-01'], // the same title twice counts once
  [9, 'CSCS', '5', 1, 'classroom', '2011-03-01'],
  [10, 'Food Hygiene', '7', 2, 'classroom', '2012-05-01'],
];
const OCCS: Array<[number, string, string]> = [
  [1, 'Labourer', '91'],
  [2, 'Labourer', '91'],
  [3, 'Builder', '53'],
  [4, 'Builder', '53'],
  [5, 'Chef', '54'],
  [6, 'Chef', '54'],
  [6, 'Kitchen Porter', '92'],
  [7, 'Kitchen Porter', '92'],
  [8, 'Chef', '54'],
  [9, 'Labourer', '91'],
  [11, 'Chef', '54'],
];
// female: p4-p7 true, p1-p3, p8 false, p9 not recorded; age band.
const FEMALE: Record<number, string> = { 1: 'false', 2: 'false', 3: 'false', 4: 'true', 5: 'true', 6: 'true', 7: 'true', 8: 'false', 10: 'true', 11: 'false' };
const AGE: Record<number, string> = { 1: 'under 21', 2: '21-49', 3: '21-49', 4: '21-49', 5: 'under 21', 6: '21-49', 7: '21-49', 8: '21-49', 9: '50+', 10: '21-49', 11: '21-49' };

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'routeways-h4-'));
  store = await openStore(join(dir, 'hand.duckdb'));
  const c = store.connection;
  await c.run(`INSERT INTO datasets (name, imported_at, source_dir, soc_version) VALUES ('hand', now(), '/hand', '2020')`);
  const r = await c.runAndReadAll(`SELECT dataset_id FROM datasets WHERE name = 'hand'`);
  datasetId = Number(r.getRows()[0][0]);
  for (let p = 1; p <= 11; p++) {
    const region = p === 9 || p === 10 ? 'LN' : 'YH';
    // Characteristics in the order of characteristic_names below: female, age band.
    await c.run(`INSERT INTO people (dataset_id, person_key, person_id, region, region_raw, characteristic_values) VALUES ($d, $k, $id, $r, $r, [$f, $a])`, {
      d: datasetId, k: p * 10, id: `P${p}`, r: region, f: FEMALE[p] ?? null, a: AGE[p],
    });
  }
  await c.run(`INSERT INTO characteristic_names VALUES ($d, 1, 'female'), ($d, 2, 'age band')`, { d: datasetId });
  for (const [p, title, ssa, level, type, on] of QUALS) {
    await c.run(
      `INSERT INTO qualifications (dataset_id, person_key, title, ssa, ssa_raw, level, type, achieved_on) VALUES ($d, $k, $t, $s, $s, $l, $ty, CAST($on AS DATE))`,
      { d: datasetId, k: p * 10, t: title, s: ssa, l: level, ty: type, on },
    );
  }
  for (const [p, title, soc] of OCCS) {
    await c.run(`INSERT INTO occupations (dataset_id, person_key, title, soc, soc_submajor, soc_major) VALUES ($d, $k, $t, $s, $s, $m)`, {
      d: datasetId,
      k: p * 10,
      t: title,
      s: soc,
      m: soc.slice(0, 1),
    });
  }
});

after(() => {
  store?.close();
  rmSync(dir, { recursive: true, force: true });
});

const people = (nodes: { keys: string[]; people: Int32Array }) => Object.fromEntries(nodes.keys.map((k, i) => [k, nodes.people[i]]));
function linkMap(net: NetworkData): Record<string, number> {
  const out: Record<string, number> = {};
  for (let i = 0; i < net.links.w.length; i++) out[`${net.qualifications.keys[net.links.q[i]]}|${net.occupations.keys[net.links.o[i]]}`] = net.links.w[i];
  return out;
}

test('network: nodes, people, links and incidence counted in SQL', async () => {
  const net = await loadNetwork(store, datasetId);
  assert.equal(net.people, 9); // p10 has no occupation, p11 no qualification
  assert.deepEqual(Array.from(net.personKeys), [10, 20, 30, 40, 50, 60, 70, 80, 90]);
  assert.deepEqual(people(net.qualifications), { CSCS: 5, 'Food Hygiene': 4, Asbestos: 2 });
  assert.deepEqual(net.qualifications.keys, ['CSCS', 'Food Hygiene', 'Asbestos']); // most people first
  assert.deepEqual(people(net.occupations), { Chef: 3, Labourer: 3, Builder: 2, 'Kitchen Porter': 2 });
  assert.deepEqual(linkMap(net), {
    'CSCS|Labourer': 3,
    'CSCS|Builder': 1,
    'CSCS|Chef': 1,
    'Asbestos|Labourer': 1,
    'Asbestos|Builder': 1,
    'Food Hygiene|Chef': 3,
    'Food Hygiene|Kitchen Porter': 2,
  });
  // The incidence projects onto exactly the SQL link table.
  const g = graphFromIncidence(net.incidence);
  const fromInc: Record<string, number> = {};
  for (let r = 0; r < g.nRows; r++) for (let j = g.rowPtr[r]; j < g.rowPtr[r + 1]; j++) fromInc[`${net.qualifications.keys[r]}|${net.occupations.keys[g.colIdx[j]]}`] = g.weights[j];
  assert.deepEqual(fromInc, linkMap(net));
  assert.equal(net.incidence.qualPtr[9], 11); // p8 holds CSCS once
  // Characteristics aligned with the analysed people.
  const female = net.characteristics.find((c) => c.name === 'female');
  assert.ok(female);
  assert.equal(female.kind, 'boolean');
  assert.deepEqual(female.values, ['false', 'true']);
  assert.deepEqual(Array.from(female.codes), [0, 0, 0, 1, 1, 1, 1, 0, -1]);
  const age = net.characteristics.find((c) => c.name === 'age band');
  assert.equal(age?.kind, 'category');
  assert.deepEqual(age?.values, ['21-49', '50+', 'under 21']);
  // No temporary tables are left behind.
  const left = await store.connection.runAndReadAll(`SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE 'rw_%'`);
  assert.equal(Number(left.getRows()[0][0]), 0);
});

test('network filters: region, level, SSA, type, dates, occupation by SOC, minimum people (fixed point)', async () => {
  const yh = await loadNetwork(store, datasetId, { region: 'YH' });
  assert.equal(yh.people, 8);
  assert.equal(people(yh.qualifications).CSCS, 4);
  assert.equal(people(yh.occupations).Labourer, 2);

  const level2 = await loadNetwork(store, datasetId, { levels: [2] });
  assert.equal(level2.people, 6); // p1, p4 (Asbestos), p5-p8 (Food Hygiene)
  assert.deepEqual(level2.qualifications.keys.sort(), ['Asbestos', 'Food Hygiene']);
  // A network's characteristics are those of its people only: only the values they have, in the dataset's order.
  const age2 = level2.characteristics.find((c) => c.name === 'age band');
  assert.deepEqual(age2?.values, ['21-49', 'under 21']);
  assert.deepEqual(Array.from(age2?.codes ?? []), [1, 0, 1, 0, 0, 0]); // p1, p4, p5, p6, p7, p8
  const ln = await loadNetwork(store, datasetId, { region: 'LN' });
  assert.equal(ln.people, 1); // p9: female not recorded, so no female column
  assert.deepEqual(ln.characteristics.map((c) => [c.name, c.values, Array.from(c.codes)]), [['age band', ['50+'], [0]]]);
  // One read of the dataset's codes serves many networks alike.
  const codes = await readCharacteristicCodes(store, datasetId);
  const again = await loadNetwork(store, datasetId, { levels: [2] }, { characteristics: async () => codes });
  assert.deepEqual(again.characteristics, level2.characteristics);
  // Booleans keep both values when the people have only one.
  const onlyTrue = characteristicsOf([{ name: 'female', values: ['false', 'true'], codes: Int32Array.from([0, 1, 1]) }], Int32Array.from([1, 2]));
  assert.deepEqual(onlyTrue, [{ name: 'female', kind: 'boolean', values: ['false', 'true'], codes: Int32Array.from([1, 1]) }]);

  const ssa7 = await loadNetwork(store, datasetId, { ssa: ['7'] });
  assert.equal(ssa7.people, 4);
  const appr = await loadNetwork(store, datasetId, { type: 'apprenticeship' });
  assert.equal(appr.people, 2);
  const dated = await loadNetwork(store, datasetId, { from: '2012-01-01', to: '2012-12-31' });
  assert.equal(dated.people, 4); // Food Hygiene (p5-p8, p10 has no occupation) and p8's 2012 CSCS; Asbestos is 2013
  assert.equal(people(dated.qualifications).CSCS, 1);

  const soc = await loadNetwork(store, datasetId, { occupationBy: 'soc' });
  assert.deepEqual(people(soc.occupations), { '54': 3, '91': 3, '53': 2, '92': 2 });

  const min3 = await loadNetwork(store, datasetId, { minPeople: 3 });
  // Dropping Asbestos, Builder and Kitchen Porter takes out p3, p4 and p7; everything left has >= 3.
  assert.equal(min3.people, 6);
  assert.deepEqual(people(min3.qualifications), { CSCS: 4, 'Food Hygiene': 3 });
  assert.deepEqual(people(min3.occupations), { Chef: 3, Labourer: 3 });
  assert.ok(min3.rounds >= 2);
  for (const n of [...min3.qualifications.people, ...min3.occupations.people]) assert.ok(n >= 3);
});

function partitionAB(net: NetworkData): { rowCluster: Int32Array; colCluster: Int32Array } {
  const A = new Set(['CSCS', 'Asbestos', 'Labourer', 'Builder']);
  return {
    rowCluster: Int32Array.from(net.qualifications.keys, (k) => (A.has(k) ? 1 : 0)),
    colCluster: Int32Array.from(net.occupations.keys, (k) => (A.has(k) ? 1 : 0)),
  };
}

function resolve(results: Results, ref: CellRef): number {
  const t = results.countTables.find((x) => x.id === ref.table);
  assert.ok(t, `count table ${ref.table} exists`);
  assert.equal(ref.keys.length, t.dimensions.length, `keys of ${ref.table}`);
  ref.keys.forEach((k, i) => assert.ok(t.dimensions[i].categories.some((c) => c.code === k), `category ${k} in ${ref.table}`));
  const cell = t.cells.find((c) => c.keys.every((k, i) => k === ref.keys[i]));
  return cell ? cell.n : 0;
}

test('cluster report tables by hand: people, names, members, shares, profiles', async () => {
  const net = await loadNetwork(store, datasetId);
  const part = partitionAB(net);
  const linkStats = linkSignificance({ links: net.links, qualificationPeople: net.qualifications.people, occupationPeople: net.occupations.people, people: net.people });
  const conf = { row: Float64Array.from(net.qualifications.keys, () => 0.97), col: Float64Array.from(net.occupations.keys, (k) => (k === 'Builder' ? 0.5 : 1)) };
  const report = buildClusterReport(
    {
      people: net.people,
      incidence: net.incidence,
      qualifications: net.qualifications,
      occupations: net.occupations,
      links: net.links,
      linkStats,
      rowCluster: part.rowCluster,
      colCluster: part.colCluster,
      rowConfidence: conf.row,
      colConfidence: conf.col,
      characteristics: net.characteristics,
    },
    { top: 10 },
  );
  assert.equal(report.people, 9);
  assert.equal(report.unclustered, 0);
  const [a, b] = report.clusters;
  assert.equal(a.id, 'c1');
  assert.equal(a.name, 'Labourer'); // 3 of the cluster's people, Builder 2
  assert.equal(a.people, 5); // p1, p2, p3, p4, p9 (p8's CSCS-Chef crosses clusters)
  assert.equal(b.name, 'Chef');
  assert.equal(b.people, 4); // p5-p8
  const members = (c: typeof a) => Object.fromEntries([...c.occupations, ...c.qualifications].map((n) => [n.key, n.peopleInCluster]));
  assert.deepEqual(members(a), { Labourer: 3, Builder: 2, CSCS: 4, Asbestos: 2 });
  assert.deepEqual(members(b), { Chef: 3, 'Kitchen Porter': 2, 'Food Hygiene': 4 });
  assert.deepEqual(a.qualifications.map((n) => n.key), ['CSCS', 'Asbestos']);
  assert.equal(a.qualifications[0].shareOfCluster, 4 / 5);
  assert.equal(a.coreMembers, 3); // Builder at 0.5 is not core
  const female = report.characteristics.findIndex((c) => c.name === 'female');
  assert.deepEqual(Array.from(report.profile.count[female][a.index]), [3, 1]); // p1-p3 false, p4 true; p9 not recorded
  assert.equal(report.profile.base[female][a.index], 4);
  assert.deepEqual(Array.from(report.profile.count[female][b.index]), [1, 3]);
  assert.equal(report.profile.allBase[female], 8);
  // Small counts: Fisher's exact test is the one used.
  const t = report.profileTests.find((x) => x.row.characteristic === 'female' && x.cluster === b.index);
  assert.equal(t?.test, 'fisher');

  const results = clusterResults({
    dataset: 'hand',
    region: null,
    settings: { resolution: 1 },
    report,
    links: net.links,
    linkStats,
    occupationBy: 'title',
  });
  assert.equal(results.protected, false);
  assert.equal(resolve(results, { table: TABLE_IDS.people, keys: ['c1'] }), 5);
  assert.equal(resolve(results, { table: TABLE_IDS.people, keys: ['all'] }), 9);
  assert.equal(resolve(results, { table: TABLE_IDS.memberPeople, keys: ['c1', 'q:CSCS'] }), 4);
  assert.equal(resolve(results, { table: TABLE_IDS.nodePeople, keys: ['q:CSCS'] }), 5);
  assert.equal(resolve(results, { table: TABLE_IDS.linkPeople, keys: ['q:Food Hygiene', 'o:Chef'] }), 3);

  // Every reference in every report table and in the network resolves.
  for (const rt of results.reportTables) {
    for (const row of rt.rows) {
      assert.equal(row.cells.length, rt.columns.length, `${rt.id} row ${row.id} has a cell per column`);
      for (const cell of row.cells) {
        if (cell.kind === 'count') resolve(results, cell.ref);
        if (cell.kind === 'share') {
          assert.ok(resolve(results, cell.num) <= resolve(results, cell.den));
        }
        if (cell.kind === 'stat' || (cell.kind === 'text' && cell.dependsOn)) for (const r of cell.dependsOn ?? []) resolve(results, r);
      }
    }
  }
  for (const n of results.network?.nodes ?? []) assert.ok(resolve(results, n.people) > 0);
  for (const l of results.network?.links ?? []) assert.ok(resolve(results, l.people) > 0);
  assert.equal(results.network?.links.length, 7);

  // The seed 000 table of cluster 1: Labourer 3 (60%), Builder 2; CSCS 4 (80%), Asbestos 2.
  const t1 = results.reportTables.find((x) => x.id === `${TABLE_IDS.membersPrefix}.c1`);
  assert.ok(t1);
  assert.equal(t1.title, 'Cluster 1');
  assert.deepEqual(t1.rows[0].cells[1], { kind: 'text', text: 'Labourer', dependsOn: [{ table: TABLE_IDS.people, keys: ['c1'] }] });
  const first = t1.rows[1].cells;
  assert.deepEqual(first[0], { kind: 'text', text: 'Labourer', dependsOn: [{ table: TABLE_IDS.memberPeople, keys: ['c1', 'o:Labourer'] }] });
  assert.deepEqual(first[2], { kind: 'share', num: { table: TABLE_IDS.memberPeople, keys: ['c1', 'o:Labourer'] }, den: { table: TABLE_IDS.people, keys: ['c1'] } });
  assert.equal(resolve(results, (first[5] as { ref: CellRef }).ref), 4);
  assert.deepEqual(first[3], { kind: 'stat', value: 1, dependsOn: [{ table: TABLE_IDS.memberPeople, keys: ['c1', 'o:Labourer'] }], decimals: 2, unit: 'share' });

  // Profile count tables are additive: the total is the sum of the values, in every population.
  const profileTables = results.countTables.filter((x) => x.id.startsWith(`${TABLE_IDS.profilePrefix}.`));
  assert.equal(profileTables.length, 2 * 3); // 2 characteristics x (everyone, c1, c2)
  for (const pt of profileTables) {
    assert.equal(pt.additive, true);
    const total = pt.dimensions[0].categories.find((c) => c.children);
    assert.ok(total);
    const sum = pt.cells.filter((c) => c.keys[0] !== total.code).reduce((s, c) => s + c.n, 0);
    assert.equal(pt.cells.find((c) => c.keys[0] === total.code)?.n ?? 0, sum, pt.id);
  }
  assert.equal(resolve(results, { table: `${TABLE_IDS.profilePrefix}.c2.female`, keys: ['true'] }), 3);
  const prof = results.reportTables.find((x) => x.id === TABLE_IDS.profiles);
  // A category with too many values is left out of the profile, and the notes say so.
  const narrow = buildClusterReport(
    {
      people: net.people,
      incidence: net.incidence,
      qualifications: net.qualifications,
      occupations: net.occupations,
      links: net.links,
      linkStats,
      rowCluster: part.rowCluster,
      colCluster: part.colCluster,
      characteristics: net.characteristics,
    },
    { maxCategories: 2 },
  );
  assert.deepEqual(narrow.characteristicsLeftOut, ['age band']);
  assert.deepEqual(narrow.characteristics.map((c) => c.name), ['female']);
  assert.deepEqual(prof?.rows.map((r) => r.id), ['cluster', 'age_band.21-49', 'age_band.50+', 'age_band.under 21', 'female.true', 'people']);
});

test('runClusters on the hand-made store finds the two clusters', async () => {
  const hand = await openDataset(store, 'hand');
  const { results, detail } = await runClusters(hand, { bootstrap: 20, seed: 3 });
  const names = detail.report.clusters.filter((c) => c.people > 0).map((c) => c.name);
  assert.deepEqual(names, ['Labourer', 'Chef']);
  assert.equal(results.dataset, 'hand');
  assert.equal(results.findings!.people, 9);
  assert.ok(detail.bootstrap && detail.bootstrap.replicates === 20);
  // Same seed, same answer.
  const again = await runClusters(hand, { bootstrap: 20, seed: 3 });
  assert.deepEqual(JSON.stringify(again.results.reportTables), JSON.stringify(results.reportTables));
  await assert.rejects(runClusters(hand, {}, { region: 'NE' }), /no one in dataset 'hand'/);
  await assert.rejects(runClusters(hand, {}, { region: 'Atlantis' }), /unknown region/);
  await assert.rejects(openDataset(store, 'nope'), /no dataset named 'nope'/);
});
