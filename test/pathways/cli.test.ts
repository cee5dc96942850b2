/** The pathways and mapping commands end to end, on the DfE fixture, through the real CLI. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIXTURE_DIR } from './dfe-fixture.js';

const MAIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'cli', 'main.js');
let dir: string;
let db: string;

function cli(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [MAIN, '--db', db, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'routeways-pw-cli-'));
  db = join(dir, 'store.duckdb');
  const r = cli('import', FIXTURE_DIR, '--name', 'dfe');
  assert.equal(r.code, 0, r.err);
});

after(() => rmSync(dir, { recursive: true, force: true }));

test('routeways pathways writes results.json (unprotected) and CSVs with intervals', () => {
  const out = join(dir, 'l2');
  const r = cli('pathways', 'dfe', '--level', '2', '--weight', '--out', out);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /307 people analysed, mapping dfe-2020@1/);
  assert.match(r.out, /UNPROTECTED/);
  const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
  assert.equal(results.protected, false);
  assert.equal(results.analysis, 'pathways');
  assert.deepEqual(results.settings.thresholds, { clearPathway: 0.3, minBase: 30, minShare: 0.1 });
  assert.deepEqual(
    results.reportTables.map((t: { id: string }) => t.id),
    ['pathways-l2-ssa', 'pathways-l2-ssa-occupation', 'pathways-l2-related-by-type', 'pathways-l2-ssa-by-type', 'pathways-l2-occupation-by-type', 'pathways-l2-coverage'],
  );
  for (const f of ['README.txt', 'pathways-l2-ssa.csv', 'counts-pathways-l2.csv', 'counts-pathways-l2-coverage.csv']) assert.ok(existsSync(join(out, f)), f);
  const csv = readFileSync(join(out, 'pathways-l2-ssa.csv'), 'utf8').split(/\r?\n/);
  assert.match(csv[0], /People in related occupations \(95% CI low\)/);
  assert.match(csv[0], /Effective base \(Kish\)/);
  assert.match(csv[1], /^Engineering and Manufacturing Technologies,66,/);
  assert.match(csv.find((l) => l.startsWith('Other sector subject areas'))!, /\[z\]/);
  assert.match(readFileSync(join(out, 'README.txt'), 'utf8'), /UNPROTECTED INTERNAL RESULTS/);
});

test('thresholds, region and usage errors', () => {
  const out = join(dir, 'all');
  const r = cli('pathways', 'dfe', '--min-base', '60', '--clear-pathway', '0.5', '--json', '--out', out);
  assert.equal(r.code, 0, r.err);
  const summary = JSON.parse(r.out);
  assert.equal(summary.level, 'all');
  assert.equal(summary.people, 307 + 60, 'all levels: 307 at level 2 and 60 at level 3 (people with no SSA or no job are not analysed)');
  const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
  const ssa = results.reportTables.find((t: { id: string }) => t.id === 'pathways-all-ssa');
  assert.deepEqual(ssa.rows.map((x: { id: string }) => x.id), ['ssa-4', 'ssa-other', 'all'], 'only SSAs with 60 or more people on their own');
  const ne = cli('pathways', 'dfe', '--level', '2', '--region', 'North East', '--json', '--out', join(dir, 'ne'));
  assert.equal(ne.code, 0, ne.err);
  assert.equal(JSON.parse(ne.out).region, 'NE');
  assert.ok(JSON.parse(ne.out).people < 307);
  assert.equal(cli('pathways', 'dfe', '--level', '4', '--out', out).code, 2);
  assert.equal(cli('pathways', 'dfe', '--clear-pathway', '30', '--out', out).code, 2);
  assert.equal(cli('pathways', 'dfe', '--region', 'Atlantis', '--out', out).code, 2);
  const missing = cli('pathways', 'nope', '--out', out);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /no dataset named 'nope'/);
  const badMapping = cli('pathways', 'dfe', '--mapping', 'nope', '--out', out);
  assert.equal(badMapping.code, 1);
  assert.match(badMapping.err, /no mapping 'nope'/);
});

test('routeways mapping import (versions) and list; pathways with --mapping', () => {
  const file = join(dir, 'mine.csv');
  writeFileSync(file, 'ssa,soc,related\nEngineering and Manufacturing Technologies,52,no\n4,35,yes\n');
  let r = cli('mapping', 'import', file, '--name', 'mine');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /Imported mapping mine version 1: 2 SSA x occupation pairs, 1 related/);
  r = cli('mapping', 'import', file, '--name', 'mine');
  assert.match(r.out, /version 2/);
  r = cli('mapping', 'list', '--json');
  assert.deepEqual(JSON.parse(r.out).map((m: { name: string; version: number }) => `${m.name}@${m.version}`), ['dfe-2020@1', 'mine@1', 'mine@2']);
  r = cli('mapping', 'list');
  assert.match(r.out, /^name +version +pairs/);
  const bad = join(dir, 'bad.csv');
  writeFileSync(bad, 'ssa,soc,related\n4,52,perhaps\n');
  r = cli('mapping', 'import', bad, '--name', 'bad');
  assert.equal(r.code, 1);
  assert.match(r.err, /bad\.csv:2:3: related 'perhaps' is not yes or no/);
  const out = join(dir, 'mine-out');
  r = cli('pathways', 'dfe', '--level', '2', '--mapping', 'mine@1', '--json', '--out', out);
  assert.equal(r.code, 0, r.err);
  assert.equal(JSON.parse(r.out).mapping, 'mine@1');
});

test('runPathwaysLevels gives the same tables as runPathways per level, from one count pass', async () => {
  const { openStore } = await import('../../src/store/database.js');
  const { runPathways, runPathwaysLevels } = await import('../../src/analyses/pathways/index.js');
  const { openDataset } = await import('../../src/analyses/analysis.js');
  const store = await openStore(db);
  try {
    const many = await runPathwaysLevels(await openDataset(store, 'dfe'), [2, 3, 'all'], { weighted: true });
    for (const [i, level] of ([2, 3, 'all'] as const).entries()) {
      const one = await runPathways(await openDataset(store, 'dfe'), { level, weighted: true });
      assert.deepEqual(many.results[i].countTables, one.results.countTables, `level ${level}`);
      assert.deepEqual(many.results[i].reportTables, one.results.reportTables, `level ${level}`);
    }
  } finally {
    store.close();
  }
});
