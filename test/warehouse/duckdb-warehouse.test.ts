/**
 * Counts from a warehouse, end to end with DuckDB as the warehouse (always
 * runs): the demo extract loaded into a separate DuckDB database, the printed
 * duckdb queries run there writing CSV, import-counts, publish, and the
 * release compared with the embedded path's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { COUNT_TABLES } from '../../src/core/warehouse/queries.js';
import { call, listen } from '../server/helpers.js';
import { assertSameRelease, embeddedRelease, ok, runCli, tempDir, warehouseStore, writeMapping } from './helpers.js';

const dir = tempDir('routeways-warehouse-duckdb-');
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

const sq = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The extract's CSV files as tables of text, with the order rows were listed in. */
async function loadWarehouse(file: string, extract: string): Promise<DuckDBInstance> {
  const db = await DuckDBInstance.create(file);
  const c = await db.connect();
  await c.run('CREATE SCHEMA wh');
  for (const t of ['people', 'qualifications', 'occupations']) {
    await c.run(`CREATE TABLE wh.${t} AS SELECT row_number() OVER () AS row_order, * FROM read_csv(${sq(join(extract, `${t}.csv`))}, all_varchar = true, header = true)`);
  }
  c.closeSync();
  return db;
}

test('the duckdb queries, run in another DuckDB database, give counts whose release is the embedded release', async () => {
  const { extract, db: embeddedDb, site: embeddedSite } = embeddedRelease(dir);
  const warehouse = await loadWarehouse(join(dir, 'warehouse.duckdb'), extract);
  const countsDb = warehouseStore(dir, embeddedDb);
  const map = writeMapping(join(dir, 'map.json'), 'wh');
  const sqlDir = join(dir, 'sql');
  ok(['--db', countsDb, '-q', 'sql', '--dialect', 'duckdb', '--map', map, '--out', sqlDir]);
  const out = join(dir, 'counts');
  mkdirSync(out);
  const c = await warehouse.connect();
  for (const t of COUNT_TABLES) {
    const sql = readFileSync(join(sqlDir, `${t}.sql`), 'utf8').trim().replace(/;$/, '');
    await c.run(`COPY (${sql}) TO ${sq(join(out, `${t}.csv`))} (HEADER, DELIMITER ',')`);
  }
  c.closeSync();
  warehouse.closeSync();
  // The demo's related.csv is a mapping, not records: it travels with the counts.
  copyFileSync(join(extract, 'related.csv'), join(out, 'related.csv'));
  ok(['--db', countsDb, '-q', 'import-counts', out, '--name', 'demo']);
  const countsSite = join(dir, 'site-counts');
  const r = runCli(['--db', countsDb, 'publish', 'demo', '--out', countsSite, '--bootstrap', '20']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout + r.stderr, /progression was left out/);
  assertSameRelease(embeddedSite, countsSite);
  await sameApi(embeddedDb, countsDb);
});

/** The API over the counts-only dataset: the same population and pathway tables as over the records; record-level queries refused with the reason. */
async function sameApi(embeddedDb: string, countsDb: string): Promise<void> {
  const a = await listen(embeddedDb);
  const b = await listen(countsDb);
  try {
    const [da, db] = [await call(a.base, 'GET', '/api/v1/datasets/demo'), await call(b.base, 'GET', '/api/v1/datasets/demo')];
    assert.equal(db.status, 200, db.text);
    assert.equal((db.json as { people: number }).people, (da.json as { people: number }).people);
    const list = (await call(b.base, 'GET', '/api/v1/datasets/demo/tables')).json as { tables: Array<{ id: string; region: string | null }> };
    const pathways = list.tables.filter((t) => t.id.startsWith('pathways') && t.region === null).map((t) => t.id);
    assert.ok(pathways.length >= 5, `pathway tables: ${pathways.join(', ')}`);
    for (const id of pathways) {
      const [ta, tb] = [await call(a.base, 'GET', `/api/v1/datasets/demo/tables/${id}`), await call(b.base, 'GET', `/api/v1/datasets/demo/tables/${id}`)];
      assert.equal(tb.status, 200, tb.text);
      assert.deepEqual(tb.json, ta.json, id);
    }
    for (const path of ['/api/v1/qualifications?dataset=demo&search=forklift', '/api/v1/occupations?dataset=demo&search=driver', '/api/v1/occupations/82/routes?dataset=demo']) {
      const refused = await call(b.base, 'GET', path);
      assert.equal(refused.status, 409, path);
      assert.match(refused.text, /needs record-level data/);
      assert.notEqual((await call(a.base, 'GET', path)).status, 409, `${path} on the records`);
    }
  } finally {
    await a.close();
    await b.close();
  }
}
