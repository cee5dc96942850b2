/**
 * Counts from a warehouse on a real PostgreSQL (skipped unless
 * ROUTEWAYS_TEST_POSTGRES names one; .ci/run starts it): the demo extract
 * loaded with psql \copy, the printed postgres queries run with psql writing
 * CSV, import-counts, publish, and the release compared with the embedded
 * path's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COUNT_TABLES } from '../../src/core/warehouse/queries.js';
import { assertSameRelease, embeddedRelease, ok, runCli, tempDir, warehouseStore, writeMapping } from './helpers.js';

const URL = process.env.ROUTEWAYS_TEST_POSTGRES;
const PSQL = process.env.ROUTEWAYS_PSQL ?? 'psql';
const skip = URL ? false : 'ROUTEWAYS_TEST_POSTGRES is not set: start a server with `export ROUTEWAYS_TEST_POSTGRES="$(bash scripts/ci-postgres.sh)"`';

const dir = tempDir('routeways-warehouse-pg-');
const schema = `rw_wh_${process.pid}`;

function psql(args: string[]): string {
  const r = spawnSync(PSQL, ['-X', '-q', '-v', 'ON_ERROR_STOP=1', URL!, ...args], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, `psql ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** The header of a CSV file, as the columns of a table of text. */
function columnsOf(file: string): string[] {
  return readFileSync(file, 'utf8').split('\n', 1)[0]!.trim().split(',');
}

/** Tables of text like the extract's files, with a loading sequence for the order rows were listed in; rows loaded with \copy. */
function loadExtract(extract: string): void {
  const script = [`CREATE SCHEMA ${schema};`];
  for (const t of ['people', 'qualifications', 'occupations']) {
    const cols = columnsOf(join(extract, `${t}.csv`));
    for (const c of cols) assert.match(c, /^[a-z_]+$/);
    script.push(`CREATE TABLE ${schema}.${t} (row_order BIGSERIAL, ${cols.map((c) => `${c} TEXT`).join(', ')});`);
    script.push(`\\copy ${schema}.${t} (${cols.join(', ')}) FROM '${join(extract, `${t}.csv`)}' CSV HEADER`);
  }
  const file = join(dir, 'load.sql');
  writeFileSync(file, script.join('\n') + '\n');
  psql(['-f', file]);
}

test('the postgres queries, run with psql, give counts whose release is the embedded release', { skip }, async () => {
  const { extract, db: embeddedDb, site: embeddedSite } = embeddedRelease(dir);
  try {
    loadExtract(extract);
    const countsDb = warehouseStore(dir, embeddedDb);
    const map = writeMapping(join(dir, 'map.json'), schema);
    const sqlDir = join(dir, 'sql');
    ok(['--db', countsDb, '-q', 'sql', '--dialect', 'postgres', '--map', map, '--out', sqlDir]);
    const out = join(dir, 'counts');
    mkdirSync(out);
    for (const t of COUNT_TABLES) psql(['--csv', '-f', join(sqlDir, `${t}.sql`), '-o', join(out, `${t}.csv`)]);
    copyFileSync(join(extract, 'related.csv'), join(out, 'related.csv'));
    ok(['--db', countsDb, '-q', 'import-counts', out, '--name', 'demo']);
    const countsSite = join(dir, 'site-counts');
    const r = runCli(['--db', countsDb, 'publish', 'demo', '--out', countsSite, '--bootstrap', '20']);
    assert.equal(r.status, 0, r.stderr);
    assertSameRelease(embeddedSite, countsSite);
  } finally {
    psql(['-c', `DROP SCHEMA IF EXISTS ${schema} CASCADE`]);
    rmSync(dir, { recursive: true, force: true });
  }
});
