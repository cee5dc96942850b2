import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inTransaction, openStore, queryRows, readSchemaVersion, resolveDbPath, type Transaction } from '../../src/store/database.js';
import { SCHEMA_VERSION } from '../../src/store/schema.js';
import { deleteDataset, getDataset, listDatasets } from '../../src/store/datasets.js';
import { InputError } from '../../src/core/errors.js';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'routeways-store-'));
}

test('resolveDbPath: flag, then $ROUTEWAYS_DB, then ./routeways.duckdb', () => {
  const saved = process.env.ROUTEWAYS_DB;
  try {
    process.env.ROUTEWAYS_DB = '/tmp/env.duckdb';
    assert.equal(resolveDbPath('/tmp/flag.duckdb'), '/tmp/flag.duckdb');
    assert.equal(resolveDbPath(), '/tmp/env.duckdb');
    delete process.env.ROUTEWAYS_DB;
    assert.equal(resolveDbPath(), resolve('routeways.duckdb'));
  } finally {
    if (saved === undefined) delete process.env.ROUTEWAYS_DB;
    else process.env.ROUTEWAYS_DB = saved;
  }
});

test('openStore creates the schema, records its version and reopens without re-running migrations', async () => {
  const dir = tempDir();
  try {
    const path = join(dir, 'a.duckdb');
    const s1 = await openStore(path);
    assert.equal(await readSchemaVersion(s1.connection), SCHEMA_VERSION);
    const tables = await queryRows<{ table_name: string }>(
      s1.connection,
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY 1`,
    );
    for (const t of ['characteristics', 'datasets', 'mapping_rows', 'mappings', 'meta', 'occupations', 'people', 'qualifications', 'source_files']) {
      assert.ok(tables.some((r) => r.table_name === t), `table ${t}`);
    }
    await s1.connection.run(`INSERT INTO datasets (name, imported_at, source_dir) VALUES ('x', now()::TIMESTAMP, '/tmp')`);
    s1.close();
    const s2 = await openStore(path);
    assert.deepEqual((await listDatasets(s2)).map((d) => d.name), ['x']);
    assert.equal((await getDataset(s2, 'x')).people, 0);
    await deleteDataset(s2, 'x');
    assert.equal((await listDatasets(s2)).length, 0);
    await assert.rejects(getDataset(s2, 'x'), (e: unknown) => e instanceof InputError && /no dataset named 'x'/.test(e.message));
    s2.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('openStore refuses a database written by a newer Routeways', async () => {
  const dir = tempDir();
  try {
    const path = join(dir, 'b.duckdb');
    const s = await openStore(path);
    await s.connection.run(`UPDATE meta SET value = '${SCHEMA_VERSION + 1}' WHERE key = 'schema_version'`);
    s.close();
    await assert.rejects(openStore(path), (e: unknown) => e instanceof InputError && /newer version of Routeways/.test(e.message));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('openStore refuses a file that is not a DuckDB database, and mustExist refuses a missing one', async () => {
  const dir = tempDir();
  try {
    const path = join(dir, 'c.duckdb');
    writeFileSync(path, 'person_id,region\n1,NE\n');
    await assert.rejects(openStore(path), (e: unknown) => e instanceof InputError && /cannot open the store/.test(e.message));
    await assert.rejects(openStore(join(dir, 'none.duckdb'), { mustExist: true }), (e: unknown) => e instanceof InputError && /no store at/.test(e.message));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('inTransaction commits the work, rolls back on an error or when beforeCommit throws, and refuses to nest', async () => {
  const dir = tempDir();
  try {
    const s = await openStore(join(dir, 't.duckdb'));
    const names = async () => (await listDatasets(s)).map((d) => d.name);
    const insert = (name: string) => (tx: Transaction) =>
      tx.connection.run(`INSERT INTO datasets (name, imported_at, source_dir) VALUES ($n, now()::TIMESTAMP, '/tmp')`, { n: name });
    await inTransaction(s, insert('kept'));
    await assert.rejects(
      inTransaction(s, async (tx) => {
        await insert('failed')(tx);
        throw new Error('work failed');
      }),
      /work failed/,
    );
    await assert.rejects(inTransaction(s, insert('late'), { beforeCommit: () => { throw new Error('stop before commit'); } }), /stop before commit/);
    await assert.rejects(inTransaction(s, () => inTransaction(s, insert('nested'))), /already open/);
    assert.deepEqual(await names(), ['kept']);
    // The connection is usable again after each failure.
    await inTransaction(s, insert('after'));
    assert.deepEqual(await names(), ['kept', 'after']);
    s.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a store at schema version 1 is upgraded on open: people and their characteristics kept, without the primary key index', async () => {
  const dir = tempDir();
  try {
    const path = join(dir, 'v1.duckdb');
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const { MIGRATIONS } = await import('../../src/store/schema.js');
    const inst = await DuckDBInstance.create(path);
    const c = await inst.connect();
    await c.run(MIGRATIONS[0]);
    await c.run(`INSERT INTO meta VALUES ('schema_version', '1')`);
    await c.run(`INSERT INTO datasets (name, imported_at, source_dir) VALUES ('old', now()::TIMESTAMP, '/tmp')`);
    await c.run(`INSERT INTO people VALUES (1, 0, 'P1', 'NE', 'North East'), (1, 1, 'P2', NULL, 'Narnia')`);
    await c.run(`INSERT INTO characteristics VALUES (1, 0, 'sex', 'F'), (1, 0, 'age', '25-34'), (1, 1, 'sex', NULL), (1, 1, 'age', '50+')`);
    c.closeSync();
    inst.closeSync();

    const s = await openStore(path);
    assert.equal(await readSchemaVersion(s.connection), SCHEMA_VERSION);
    assert.equal((await getDataset(s, 'old')).people, 2);
    const people = await queryRows(s.connection, `SELECT * FROM people ORDER BY person_key`);
    assert.deepEqual(people, [
      { dataset_id: 1, person_key: 0, person_id: 'P1', region: 'NE', region_raw: 'North East', characteristic_values: ['25-34', 'F'] },
      { dataset_id: 1, person_key: 1, person_id: 'P2', region: null, region_raw: 'Narnia', characteristic_values: ['50+', null] },
    ]);
    // Read as rows, the characteristics are as they were.
    const chars = await queryRows(s.connection, `SELECT person_key, name, value FROM characteristics ORDER BY person_key, name`);
    assert.deepEqual(chars, [
      { person_key: 0, name: 'age', value: '25-34' },
      { person_key: 0, name: 'sex', value: 'F' },
      { person_key: 1, name: 'age', value: '50+' },
      { person_key: 1, name: 'sex', value: null },
    ]);
    const keys = await queryRows<{ n: bigint }>(s.connection, `SELECT count(*) AS n FROM duckdb_constraints() WHERE table_name = 'people' AND constraint_type = 'PRIMARY KEY'`);
    assert.equal(Number(keys[0].n), 0);
    s.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
