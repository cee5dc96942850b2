/**
 * The printed queries per dialect: identifiers quoted as each warehouse
 * quotes them, the dialect's own hashing and JSON functions, the secret
 * checked; and the record key of the DuckDB dialect equal to the store's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DuckDBInstance } from '@duckdb/node-api';
import { DIALECT, DIALECTS } from '../../src/core/warehouse/dialects.js';
import { defaultWarehouseMapping, parseWarehouseMapping } from '../../src/core/warehouse/mapping.js';
import { COUNT_TABLES, countQueries } from '../../src/core/warehouse/queries.js';
import { recordKeySql } from '../../src/store/record-keys.js';

const SECRET = 'ab'.repeat(32);
const mapping = parseWarehouseMapping({ people: { table: 'proj.linked.people', person_id: 'PID' }, qualifications: { row_order: 'seq' } }, 'm');

test('every dialect prints one SELECT per count table, with its quoting', () => {
  const quote = { duckdb: '"PID"', postgres: '"PID"', bigquery: '`PID`', spark: '`PID`' } as const;
  const table = { duckdb: '"proj"."linked"."people"', postgres: '"proj"."linked"."people"', bigquery: '`proj.linked.people`', spark: '`proj`.`linked`.`people`' } as const;
  for (const name of DIALECTS) {
    const q = countQueries(DIALECT[name], mapping, SECRET);
    assert.deepEqual(Object.keys(q), [...COUNT_TABLES]);
    for (const t of COUNT_TABLES) {
      assert.match(q[t], /^(WITH|SELECT) /, `${name} ${t}`);
      assert.ok(q[t].includes(table[name]), `${name} ${t}: ${table[name]}`);
      assert.equal(q[t].split('(').length, q[t].split(')').length, `${name} ${t}: parentheses balance`);
    }
    assert.ok(q.patterns.includes(quote[name]), `${name}: ${quote[name]}`);
    assert.ok(q.patterns.includes(`'${SECRET}'`));
    assert.ok(!q.regions.includes(SECRET), 'the regions query needs no secret');
    assert.match(q.pathways, /ROW_NUMBER\(\) OVER \(PARTITION BY x\.pid ORDER BY x\.flag DESC, COALESCE\(x\.level, -1\) DESC, x\.day DESC, x\.ord/);
  }
});

test('each dialect hashes and builds JSON arrays with its own functions', () => {
  const d = (n: (typeof DIALECTS)[number]) => countQueries(DIALECT[n], defaultWarehouseMapping(), SECRET).patterns;
  assert.match(d('duckdb'), /left\(sha256\(s\.secret \|\| ':' \|\| p\.pid\), 3\)/);
  assert.match(d('duckdb'), /to_json\(list\(item ORDER BY item\)\)/);
  assert.match(d('postgres'), /get_byte\(sha256\(convert_to\(s\.secret \|\| ':' \|\| p\.pid, 'UTF8'\)\), 0\) \* 16/);
  assert.match(d('postgres'), /CAST\(json_agg\(item ORDER BY item\) AS TEXT\)/);
  assert.match(d('bigquery'), /CAST\(CONCAT\('0x', SUBSTR\(TO_HEX\(SHA256\(CONCAT\(s\.secret, ':', p\.pid\)\)\), 1, 3\)\) AS INT64\)/);
  assert.match(d('bigquery'), /TO_JSON_STRING\(ARRAY_AGG\(item ORDER BY item\)\)/);
  assert.match(d('bigquery'), /CAST\(p\.`person_id` AS STRING\)/);
  assert.match(d('spark'), /CAST\(conv\(substr\(sha2\(concat\(s\.secret, ':', p\.pid\), 256\), 1, 3\), 16, 10\) AS INT\)/);
  assert.match(d('spark'), /to_json\(array_sort\(collect_list\(item\)\)\)/);
  // BigQuery reads the level pattern as a raw string; the others need no backslash at all.
  assert.match(countQueries(DIALECT.bigquery, defaultWarehouseMapping(), SECRET).pathways, /REGEXP_REPLACE\(LOWER\(TRIM\(CAST\(q\.`level` AS STRING\)\)\), r'\^\(level\|lvl\|l\)\? \*', ''\)/);
  for (const n of DIALECTS) assert.ok(!countQueries(DIALECT[n], defaultWarehouseMapping(), SECRET).pathways.includes('\\'), `${n}: no backslash escapes`);
});

test('an absent optional column is a typed NULL, and a loading order only when mapped', () => {
  const m = parseWarehouseMapping({ qualifications: { ssa: null, highest: null } }, 'm');
  const q = countQueries(DIALECT.postgres, m, SECRET).pathways;
  assert.ok(q.includes('CAST(NULL AS TEXT) AS ssa'));
  assert.ok(!q.includes('"highest"'));
  assert.ok(q.includes('0 AS ord'));
  assert.ok(countQueries(DIALECT.postgres, mapping, SECRET).pathways.includes('COALESCE(q."seq", 0) AS ord'));
});

test('a secret that is not 64 hex digits, or an unchecked identifier, never reaches SQL', () => {
  assert.throws(() => countQueries(DIALECT.duckdb, defaultWarehouseMapping(), "x' OR 1=1 --"), /64 lowercase hex digits/);
  const bad = { ...defaultWarehouseMapping(), people: { table: 'people', person_id: 'id" OR "1', region: 'region' } };
  for (const n of DIALECTS) assert.throws(() => countQueries(DIALECT[n], bad, SECRET), /not an identifier/);
});

test("the DuckDB dialect's record key is the store's", async () => {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const ids = ['CF8F290C0B', 'P1', '000123', 'Zoë', ''];
  const expr = DIALECT.duckdb.recordKey('s.secret', 'p.person_id');
  const reader = await c.runAndReadAll(
    `SELECT ${expr} AS a, ${recordKeySql('p', 's')} AS b
       FROM (SELECT unnest(CAST($ids AS VARCHAR[])) AS person_id) p CROSS JOIN (SELECT $s AS secret) s`,
    { ids: JSON.stringify(ids), s: SECRET },
  );
  const rows = reader.getRowObjectsJS() as Array<{ a: number; b: number }>;
  assert.equal(rows.length, ids.length);
  for (const r of rows) {
    assert.equal(r.a, r.b);
    assert.ok(r.a >= 0 && r.a < 4096);
  }
  assert.ok(new Set(rows.map((r) => r.a)).size > 1, 'keys vary with the id');
  c.closeSync();
  db.closeSync();
});
