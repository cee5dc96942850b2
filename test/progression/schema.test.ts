/**
 * Migration 2 (employment histories): a store written before it is upgraded
 * on open, keeping its rows, with the spell columns empty.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { openStore, queryRows, readSchemaVersion } from '../../src/store/database.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/store/schema.js';

test('a version-1 store gains the spell columns and the benefits table, and keeps its occupations', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'routeways-prog-schema-'));
  try {
    const file = join(dir, 'v1.duckdb');
    const db = await DuckDBInstance.create(file);
    const c = await db.connect();
    await c.run(MIGRATIONS[0]);
    await c.run(`INSERT INTO meta VALUES ('schema_version', '1')`);
    await c.run(`INSERT INTO occupations (dataset_id, person_key, title, soc_submajor, started_on) VALUES (1, 0, 'Labourer', '91', DATE '2020-01-01')`);
    c.closeSync();
    db.closeSync();

    const store = await openStore(file);
    assert.equal(await readSchemaVersion(store.connection), SCHEMA_VERSION);
    assert.ok(SCHEMA_VERSION >= 2);
    const cols = await queryRows<{ column_name: string; data_type: string }>(
      store.connection,
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'occupations' ORDER BY ordinal_position`,
    );
    const types = Object.fromEntries(cols.map((x) => [x.column_name, x.data_type]));
    assert.deepEqual(
      ['ended_on', 'hours', 'pay', 'pay_period', 'contract', 'exit_reason'].map((n) => types[n]),
      ['DATE', 'DOUBLE', 'DOUBLE', 'VARCHAR', 'VARCHAR', 'VARCHAR'],
    );
    const rows = await queryRows<Record<string, unknown>>(store.connection, `SELECT title, ended_on, pay, contract FROM occupations`);
    assert.deepEqual(rows, [{ title: 'Labourer', ended_on: null, pay: null, contract: null }]);
    const benefits = await queryRows<{ column_name: string }>(store.connection, `SELECT column_name FROM information_schema.columns WHERE table_name = 'benefits' ORDER BY ordinal_position`);
    assert.deepEqual(benefits.map((x) => x.column_name), ['dataset_id', 'person_key', 'started_on', 'ended_on']);
    store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
