import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openStore, queryRows, readSchemaVersion, resolveDbPath } from '../../src/store/database.js';
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
