/**
 * Shared steps of the warehouse tests: a demo extract imported and published
 * the embedded way, a copy of its store (same record-key secret) for the
 * counts-only dataset, and a comparison of two published sites file by file.
 */
import assert from 'node:assert/strict';
import { copyFileSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { runCli } from '../ingest/helpers.js';

export { runCli, tempDir } from '../ingest/helpers.js';

export function ok(args: string[]): string {
  const r = runCli(args);
  assert.equal(r.status, 0, `routeways ${args.join(' ')} failed (${r.status}):\n${r.stderr}\n${r.stdout}`);
  return r.stdout;
}

/** A demo extract in `dir`/extract imported into `dir`/embedded.duckdb as 'demo' and published to `dir`/site-embedded. */
export function embeddedRelease(dir: string, people = 600): { extract: string; db: string; site: string } {
  const extract = join(dir, 'extract');
  const db = join(dir, 'embedded.duckdb');
  ok(['--db', db, '-q', 'demo', '--people', String(people), '--out', extract]);
  const site = join(dir, 'site-embedded');
  ok(['--db', db, '-q', 'publish', 'demo', '--out', site, '--bootstrap', '20']);
  return { extract, db, site };
}

/** A copy of the embedded store without the demo dataset: the same secret, so the warehouse's cell keys are the same. */
export function warehouseStore(dir: string, embeddedDb: string): string {
  const db = join(dir, 'counts.duckdb');
  copyFileSync(embeddedDb, db);
  ok(['--db', db, '-q', 'delete', 'demo']);
  return db;
}

/** The warehouse mapping the tests load the extract under (schema-qualified tables, the loading order kept). */
export function writeMapping(file: string, schema: string): string {
  const table = (t: string) => (schema ? `${schema}.${t}` : t);
  writeFileSync(
    file,
    JSON.stringify({
      people: { table: table('people') },
      qualifications: { table: table('qualifications'), row_order: 'row_order' },
      occupations: { table: table('occupations'), row_order: 'row_order' },
    }),
  );
  return file;
}

function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

/** The data files of two sites compared: those only in one, and those that differ. */
export function compareData(a: string, b: string): { onlyA: string[]; onlyB: string[]; differ: string[]; same: string[] } {
  const fa = files(join(a, 'data'));
  const fb = files(join(b, 'data'));
  const both = fa.filter((f) => fb.includes(f));
  const differ = both.filter((f) => readFileSync(join(a, 'data', f), 'utf8') !== readFileSync(join(b, 'data', f), 'utf8'));
  return { onlyA: fa.filter((f) => !fb.includes(f)), onlyB: fb.filter((f) => !fa.includes(f)), differ, same: both.filter((f) => !differ.includes(f)) };
}

/**
 * What must hold between the embedded release and the counts-only one:
 * every table both publish is identical except the cluster profiles (the
 * characteristics stay in the warehouse), and the only tables the embedded
 * release has beyond them are the progression tables (employment histories
 * stay there too).
 */
export function assertSameRelease(embedded: string, counts: string): void {
  const c = compareData(embedded, counts);
  assert.deepEqual(c.onlyB, []);
  assert.deepEqual(c.onlyA.filter((f) => !/\/progression-[a-z-]+\.csv$/.test(f)), []);
  assert.deepEqual(c.differ.filter((f) => !f.endsWith('/clusters.profiles.csv')), []);
  // The tables that must be equal are there: pathways and clusters of every report.
  assert.ok(c.same.filter((f) => /\/pathways-all-ssa\.csv$/.test(f)).length >= 9, `pathway tables compared: ${c.same.length}`);
  assert.ok(c.same.some((f) => f === 'RS01ALL/clusters.links.csv'));
  assert.ok(c.same.some((f) => f === 'RS01ALL/network.json'));
}
