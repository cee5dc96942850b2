/**
 * import-counts on count tables written by hand: the network and pathway
 * cube a counts-only dataset answers with, bad input reported by file, line
 * and column with the store left as it was, and what needs records refused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../src/core/errors.js';
import { openStore, queryRows } from '../../src/store/database.js';
import { getDataset } from '../../src/store/datasets.js';
import { loadNetwork } from '../../src/store/network.js';
import { countPathways } from '../../src/store/pathway-counts.js';
import { datasetRegions } from '../../src/store/regions.js';
import { countCells } from '../../src/store/query-counts.js';
import { importCounts } from '../../src/ingest/counts/import-counts.js';
import { runCli, tempDir } from './helpers.js';
import { writeExtract } from '../ingest/helpers.js';

const dir = tempDir('routeways-import-counts-');
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

const GOOD = {
  'regions.csv': 'region,people\nNorth East,6\nne,1\nLondon,2\n,1\n',
  'patterns.csv': [
    'region,qualifications,occupations,people,key_sum',
    'North East,"[""A""]","[""X""]",3,10',
    'NE,"[""A"",""B""]","[""X"",""Y""]",2,20',
    'London,"[""B""]","[""Y""]",1,4100',
    '',
  ].join('\n'),
  'pathways.csv': [
    'region,level,ssa,qualification_type,soc,employment_type,has_occupation,people,key_sum,weight_sum,weight_sq_sum,missing_weight',
    'North East,2,Construction,Classroom,8222,full time,1,2,100,,,2',
    'NE,2,5.1,classroom,82,Full-Time,1,3,4000,,,3',
    'London,3,,apprenticeship,8222,,1,1,7,,,1',
    'London,,4,,,,0,1,9,,,1',
    '',
  ].join('\n'),
};

let n = 0;
function folder(changes: Record<string, string | null> = {}): string {
  const files: Record<string, string> = { ...GOOD };
  for (const [k, v] of Object.entries(changes)) {
    if (v === null) delete files[k];
    else files[k] = v;
  }
  return writeExtract(join(dir, `c${n++}`), files);
}

test('a counts-only dataset answers the network, the pathway cube and its regions from the counts', async () => {
  const store = await openStore(join(dir, 'good.duckdb'));
  try {
    const report = await importCounts(store, folder(), { name: 'wh' });
    assert.deepEqual([report.people, report.patternPeople, report.patterns], [10, 6, 2 + 1]);
    const ds = await getDataset(store, 'wh');
    assert.equal(ds.kind, 'counts');
    assert.equal(ds.people, 10);
    assert.deepEqual(await datasetRegions(store, ds.id), [{ code: 'LN', people: 2 }, { code: 'NE', people: 7 }]);

    const net = await loadNetwork(store, ds.id);
    assert.equal(net.people, 6);
    assert.deepEqual(net.qualifications.keys, ['A', 'B']);
    assert.deepEqual([...net.qualifications.people], [5, 3]);
    assert.deepEqual([...net.qualifications.cellKeys], [30, (20 + 4100) % 4096]);
    assert.deepEqual([...net.links.w], [5, 2, 2, 3]); // A-X, A-Y, B-X, B-Y: ordered by qualification then occupation
    assert.deepEqual([...net.linkKeys], [30, 20, 20, (20 + 4100) % 4096]);
    assert.equal(net.incidence.nPeople, 6);
    assert.equal([...net.recordKeys].reduce((s, k) => s + k, 0) % 4096, (10 + 20 + 4100) % 4096);

    const ne = await loadNetwork(store, ds.id, { region: 'NE' });
    assert.equal(ne.people, 5);
    const min = await loadNetwork(store, ds.id, { minPeople: 4 });
    assert.deepEqual(min.qualifications.keys, ['A']);
    assert.deepEqual([...min.occupations.people], [5]);

    const cube = await countPathways(store, ds.id, { level: 'all', byRegion: true });
    const ne2 = cube.rows.filter((r) => r.region === 'NE' && r.level === 2);
    // 'Construction' and '5.1' are both SSA 5; SOC 8222 and 82 both sub-major 82: one cell of 5 people.
    assert.deepEqual(ne2.map((r) => [r.status, r.ssa, r.qualificationType, r.soc, r.employmentType, r.n, r.key]), [['analysed', '5', 'classroom', '82', 'full-time', 5, 4]]);
    const ln = cube.rows.filter((r) => r.region === 'LN').map((r) => [r.level, r.status, r.n]);
    assert.deepEqual(ln, [[3, 'no-ssa', 1], [null, 'no-occupation', 1]]);
    const level2 = await countPathways(store, ds.id, { level: 2 });
    assert.deepEqual(level2.rows.map((r) => r.n), [5]);
    // The warehouse held no weights: a weighted count is refused as on records without them.
    await assert.rejects(countPathways(store, ds.id, { weighted: true }), /7 people's highest qualification has no weight/);
  } finally {
    store.close();
  }
});

test('what needs records is refused with a reason, never answered with zeros', async () => {
  const db = join(dir, 'refuse.duckdb');
  const store = await openStore(db);
  let id: number;
  try {
    id = (await importCounts(store, folder(), { name: 'wh' })).id;
    await assert.rejects(loadNetwork(store, id, { levels: [2] }), (e: unknown) => e instanceof InputError && /--level needs record-level data/.test(e.message));
    await assert.rejects(loadNetwork(store, id, { occupationBy: 'soc' }), /--occupation-by soc/);
    await assert.rejects(countCells(store, { datasetId: id, cells: ['region'] }), /needs record-level data/);
  } finally {
    store.close();
  }
  const r = runCli(['--db', db, 'clusters', 'wh', '--ssa', '5', '--out', join(dir, 'clusters-out')]);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /--ssa needs record-level data/);
  const p = runCli(['--db', db, 'progression', 'wh']);
  assert.notEqual(p.status, 0);
  assert.match(p.stderr, /warehouse/);
});

test('bad count tables are refused by file, line and column, and the store is left as it was', async () => {
  const db = join(dir, 'bad.duckdb');
  assert.equal(runCli(['--db', db, '-q', 'import-counts', folder(), '--name', 'first']).status, 0);
  const before = await tables(db);
  const cases: Array<[Record<string, string | null>, RegExp]> = [
    [{ 'patterns.csv': GOOD['patterns.csv'].replace(',2,20', ',two,20') }, /patterns\.csv:3:4: column 'people' value 'two': expected a whole number of at least 1/],
    [{ 'patterns.csv': GOOD['patterns.csv'].replace('"[""B""]"', '"B"') }, /patterns\.csv:4:2: column 'qualifications' value 'B': expected a JSON array/],
    [{ 'pathways.csv': GOOD['pathways.csv'].replace('London,3,', 'London,9,') }, /pathways\.csv:4:2: column 'level' value '9': expected a level from 1 to 8/],
    [{ 'pathways.csv': GOOD['pathways.csv'].replace(',0,1,9,', ',maybe,1,9,') }, /pathways\.csv:5:7: column 'has_occupation' value 'maybe': expected 1 or 0/],
    [{ 'regions.csv': 'region,persons\nNE,1\n' }, /regions\.csv:1:2: unexpected column 'persons'/],
    [{ 'regions.csv': 'region\nNE\n' }, /regions\.csv:1: missing column\(s\) people/],
    [{ 'pathways.csv': null }, /pathways\.csv: missing count table/],
  ];
  for (const [changes, message] of cases) {
    const r = runCli(['--db', db, 'import-counts', folder(changes), '--name', 'second']);
    assert.equal(r.status, 1, `${message}: ${r.stderr}`);
    assert.match(r.stderr, message);
  }
  const again = runCli(['--db', db, 'import-counts', folder(), '--name', 'first']);
  assert.equal(again.status, 1);
  assert.match(again.stderr, /already exists; give --replace/);
  assert.equal(await tables(db), before);
  assert.equal(runCli(['--db', db, '-q', 'import-counts', folder(), '--name', 'first', '--replace']).status, 0);
});

/** Every row of the dataset and count tables (equal: an unchanged store). */
async function tables(db: string): Promise<string> {
  const store = await openStore(db);
  try {
    const out: unknown[] = [];
    for (const t of ['datasets', 'source_files', 'count_regions', 'count_patterns', 'count_pattern_items', 'count_pathways', 'mappings']) {
      out.push((await queryRows(store.connection, `SELECT * FROM ${t}`)).map((r) => JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? String(v) : v))).sort());
    }
    return JSON.stringify(out);
  } finally {
    store.close();
  }
}
