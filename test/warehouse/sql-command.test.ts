/** `routeways sql` from the command line: what it prints and writes, and how it refuses a bad dialect or mapping. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from './helpers.js';

const dir = tempDir('routeways-sql-');
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const db = join(dir, 'store.duckdb');

test('prints every count query with the secret warning; --table one; --out private files', () => {
  const r = runCli(['--db', db, 'sql', '--dialect', 'spark']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /holds the store's record-key secret/);
  for (const t of ['regions', 'patterns', 'pathways']) assert.ok(r.stdout.includes(`-- routeways count table: ${t} (save as ${t}.csv); dialect: spark`), t);
  assert.equal(r.stdout.match(/^-- SECRET:/gm)?.length, 3);
  const secret = /SELECT '([0-9a-f]{64})' AS secret/.exec(r.stdout)?.[1];
  assert.ok(secret, 'the secret is in the SQL');
  // The same store gives the same secret (a warehouse re-run gives the same keys).
  const again = runCli(['--db', db, '-q', 'sql', '--dialect', 'bigquery', '--table', 'patterns']);
  assert.equal(again.status, 0);
  assert.equal(again.stderr, '');
  assert.ok(again.stdout.includes(secret));
  assert.ok(!again.stdout.includes('count table: pathways'));
  const out = join(dir, 'sql');
  assert.equal(runCli(['--db', db, '-q', 'sql', '--dialect', 'postgres', '--out', out]).status, 0);
  assert.equal(statSync(join(out, 'patterns.sql')).mode & 0o077, 0, 'readable by the owner only');
  assert.match(readFileSync(join(out, 'pathways.sql'), 'utf8'), /FROM "qualifications" q/);
});

test('a bad dialect is a usage error; a bad mapping names the file and field', () => {
  const r = runCli(['--db', db, 'sql', '--dialect', 'oracle']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--dialect oracle: expected duckdb, postgres, bigquery, spark/);
  const map = join(dir, 'map.json');
  writeFileSync(map, JSON.stringify({ occupations: { soc: 'soc code' } }));
  const m = runCli(['--db', db, 'sql', '--dialect', 'duckdb', '--map', map]);
  assert.equal(m.status, 1);
  assert.ok(m.stderr.includes(`${map}: mapping field 'occupations.soc': a column name of letters, digits and underscores`), m.stderr);
  writeFileSync(map, '{"people": {');
  const j = runCli(['--db', db, 'sql', '--dialect', 'duckdb', '--map', map]);
  assert.equal(j.status, 1);
  assert.match(j.stderr, /map\.json:1: the mapping file is not valid JSON/);
});
