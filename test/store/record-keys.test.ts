/**
 * Record keys and keyed cell counts in a real DuckDB store holding the demo
 * extract: the link table w(qualification, occupation) of the network SQL,
 * counted again with cell keys.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore, queryRows, readSchemaVersion, type Store } from '../../src/store/database.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/store/schema.js';
import { importExtract } from '../../src/ingest/import.js';
import { generateDemoExtract } from '../../src/demo/generate.js';
import { loadNetwork } from '../../src/store/network.js';
import { ensureRecordKeySecret, keyedCellCounts, prepareRecordKeys, type KeyedCell } from '../../src/store/record-keys.js';
import { combineKeys } from '../../src/core/disclosure/perturbation/index.js';

const MAIN = join(dirname(fileURLToPath(import.meta.url)), '../../src/cli/main.js');
let dir: string;
let extract: string;
let store: Store;
let datasetId: number;

/** The link table of the network: one row per person, qualification title and occupation title they hold. */
const LINKS = `SELECT q.person_key, q.title AS qualification, o.title AS occupation
  FROM qualifications q JOIN occupations o ON o.dataset_id = q.dataset_id AND o.person_key = q.person_key
 WHERE q.dataset_id = $d`;

async function links(s: Store, id: number, cells = ['qualification', 'occupation']): Promise<KeyedCell[]> {
  return keyedCellCounts(s, { datasetId: id, holdings: LINKS, params: { d: id }, cells });
}

async function datasetIdOf(s: Store, name: string): Promise<number> {
  const r = await queryRows<{ id: number }>(s.connection, `SELECT dataset_id AS id FROM datasets WHERE name = $n`, { n: name });
  return Number(r[0].id);
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rw-rkeys-'));
  extract = join(dir, 'extract');
  await generateDemoExtract(extract, { seed: 5, people: 900 });
  store = await openStore(join(dir, 'a.duckdb'));
  await importExtract(store, extract, { name: 'demo' });
  datasetId = await datasetIdOf(store, 'demo');
});

after(() => {
  store?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('keyed counts give the network SQL\'s link counts, with cell keys that are the sums of SHA-256 record keys of the distinct people', async () => {
  const cells = await links(store, datasetId);
  const net = await loadNetwork(store, datasetId);
  const w = new Map<string, number>();
  for (let l = 0; l < net.links.w.length; l++) w.set(`${net.qualifications.keys[net.links.q[l]]}|${net.occupations.keys[net.links.o[l]]}`, net.links.w[l]);
  assert.equal(cells.length, w.size);
  for (const c of cells) assert.equal(c.n, w.get(`${c.values[0]}|${c.values[1]}`), `${c.values.join(' x ')}`);

  // Independently: the record key is the first 12 bits of sha256(secret ':' person_id).
  const [{ secret }] = await queryRows<{ secret: string }>(store.connection, `SELECT secret FROM record_key_secret`);
  assert.match(secret, /^[0-9a-f]{64}$/);
  const people = await queryRows<{ k: number; id: string }>(store.connection, `SELECT person_key AS k, person_id AS id FROM people WHERE dataset_id = $d`, { d: datasetId });
  const rkey = new Map(people.map((p) => [Number(p.k), parseInt(createHash('sha256').update(`${secret}:${p.id}`).digest('hex').slice(0, 3), 16)]));
  const members = await queryRows<{ k: number; q: string; o: string }>(store.connection, `SELECT DISTINCT person_key AS k, qualification AS q, occupation AS o FROM (${LINKS})`, { d: datasetId });
  const sums = new Map<string, number>();
  for (const m of members) sums.set(`${m.q}|${m.o}`, ((sums.get(`${m.q}|${m.o}`) ?? 0) + rkey.get(Number(m.k))!) % 4096);
  for (const c of cells) assert.equal(c.key, sums.get(`${c.values[0]}|${c.values[1]}`));
  // Keys spread over 0..4095 (a person alone in a cell has their own record key).
  const keys = [...rkey.values()];
  assert.ok(Math.min(...keys) >= 0 && Math.max(...keys) <= 4095);
  assert.ok(new Set(keys).size > 600, 'record keys of 900 people are mostly distinct');
});

test('record keys prepared once for a run give the same counts and keys, and their temporary table goes with drop()', async () => {
  const prepared = await prepareRecordKeys(store, datasetId);
  const withTable = await keyedCellCounts(store, { datasetId, holdings: LINKS, params: { d: datasetId }, cells: ['qualification', 'occupation'], recordKeys: prepared });
  assert.deepEqual(withTable, await links(store, datasetId));
  await assert.rejects(keyedCellCounts(store, { datasetId: datasetId + 1, holdings: LINKS, params: { d: datasetId }, cells: [], recordKeys: prepared }), /prepared for dataset/);
  await prepared.drop();
  const left = await queryRows<{ n: bigint }>(store.connection, `SELECT count(*) AS n FROM duckdb_tables() WHERE table_name LIKE 'rw_rk_%'`);
  assert.equal(Number(left[0].n), 0);
});

test('a total is a cell of its own: its key comes from its distinct people, not from adding the keys of overlapping parts', async () => {
  const byQual = await links(store, datasetId, ['qualification']);
  const inner = await links(store, datasetId);
  const net = await loadNetwork(store, datasetId);
  const nodePeople = new Map(net.qualifications.keys.map((k, i) => [k, net.qualifications.people[i]]));
  let differs = 0;
  for (const m of byQual) {
    assert.equal(m.n, nodePeople.get(m.values[0] as string));
    const parts = inner.filter((c) => c.values[0] === m.values[0]);
    const partsN = parts.reduce((s, c) => s + c.n, 0);
    // Where people hold several occupations the parts overlap: the sum of their keys is not the total's key.
    if (partsN > m.n && combineKeys(...parts.map((c) => c.key)) !== m.key) differs++;
    if (partsN === m.n) assert.equal(combineKeys(...parts.map((c) => c.key)), m.key, 'disjoint parts combine exactly');
  }
  assert.ok(differs > 0);
  const [total] = await links(store, datasetId, []);
  assert.equal(total.n, net.people);
  assert.deepEqual(total.values, []);
});

test('re-importing the same people gives the same keys; another store gives other keys; the secret is made once', async () => {
  const first = await links(store, datasetId);
  await importExtract(store, extract, { name: 'demo', replace: true });
  const again = await links(store, await datasetIdOf(store, 'demo'));
  assert.deepEqual(again, first);
  await importExtract(store, extract, { name: 'demo-copy' });
  assert.deepEqual(await links(store, await datasetIdOf(store, 'demo-copy')), first);
  await ensureRecordKeySecret(store);
  const [{ n }] = await queryRows<{ n: bigint }>(store.connection, `SELECT count(*) AS n FROM record_key_secret`);
  assert.equal(Number(n), 1);

  const other = await openStore(join(dir, 'b.duckdb'));
  try {
    await importExtract(other, extract, { name: 'demo' });
    const there = await links(other, await datasetIdOf(other, 'demo'));
    assert.deepEqual(there.map((c) => [c.values, c.n]), first.map((c) => [c.values, c.n]));
    const sameKey = there.filter((c, i) => c.key === first[i].key).length;
    assert.ok(sameKey < there.length / 20, `${sameKey} of ${there.length} cells kept their key in another store`);
  } finally {
    other.close();
  }
});

test('the secret reaches no output: not the keyed results, nor the store\'s listings', async () => {
  const [{ secret }] = await queryRows<{ secret: string }>(store.connection, `SELECT secret FROM record_key_secret`);
  const cells = await links(store, datasetId);
  assert.ok(cells.every((c) => Object.keys(c).sort().join() === 'key,n,values'));
  assert.ok(!JSON.stringify(cells).includes(secret));
  store.close();
  try {
    for (const args of [['datasets', '--json'], ['describe', 'demo', '--json']]) {
      const r = spawnSync(process.execPath, [MAIN, '--db', join(dir, 'a.duckdb'), ...args], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      assert.ok(r.stdout.length > 100);
      assert.ok(!r.stdout.includes(secret) && !r.stderr.includes(secret), args.join(' '));
    }
  } finally {
    store = await openStore(join(dir, 'a.duckdb'));
  }
});

test('a store of schema version 1 gains the secret table on open, empty until first use', async () => {
  const path = join(dir, 'old.duckdb');
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const inst = await DuckDBInstance.create(path);
  const c = await inst.connect();
  await c.run(MIGRATIONS[0]);
  await c.run(`INSERT INTO meta VALUES ('schema_version', '1')`);
  c.closeSync();
  inst.closeSync();
  const reopened = await openStore(path);
  try {
    assert.equal(await readSchemaVersion(reopened.connection), SCHEMA_VERSION);
    const [{ n }] = await queryRows<{ n: bigint }>(reopened.connection, `SELECT count(*) AS n FROM record_key_secret`);
    assert.equal(Number(n), 0);
  } finally {
    reopened.close();
  }
});

test('keyed counts refuse cell names that are not plain columns', async () => {
  await assert.rejects(keyedCellCounts(store, { datasetId, holdings: LINKS, params: { d: datasetId }, cells: ['qualification; DROP TABLE people'] }), RangeError);
  await assert.rejects(keyedCellCounts(store, { datasetId, holdings: LINKS, params: { rw_dataset: 1 }, cells: [] }), /reserved/);
});
