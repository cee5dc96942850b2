/** `routeways progression`: prints everyone's measures, --json and --out write what they say, bad flags are usage errors naming the flag. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatedStore } from './generated.js';

const MAIN = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
let dir: string;
let cleanup: () => void;

before(async () => {
  const g = await generatedStore(3000);
  dir = g.dir;
  g.store.close();
  cleanup = () => rmSync(dir, { recursive: true, force: true });
});

after(() => cleanup());

const cli = (...args: string[]) => spawnSync(process.execPath, [MAIN, '--db', join(dir, 'store.duckdb'), ...args], { encoding: 'utf8' });

test('progression prints the people followed up and every measure of everyone', () => {
  const r = cli('progression', 'hist', '--months', '6');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /3,000 of 3,000 people followed up for 6 months/);
  assert.match(r.stdout, /Hourly pay at the end of the window \(median, £ an hour\)\s+\d+\.\d\d \(/);
  assert.match(r.stdout, /UNPROTECTED/);
});

test('--json gives the coverage and measures; --out writes results.json and a CSV per table', () => {
  const out = join(dir, 'out');
  const r = cli('progression', 'hist', '--json', '--by', 'ssa,level', '--low-pay', '9.5', '--out', out);
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout) as { coverage: { analysed: number }; lowPayThreshold: number; reportTables: Array<{ id: string }>; everyone: Array<{ id: string; base: number }> };
  assert.equal(j.coverage.analysed, 3000);
  assert.equal(j.lowPayThreshold, 9.5);
  assert.deepEqual(j.reportTables.map((t) => t.id), ['progression-by-ssa', 'progression-by-level', 'progression-flow', 'progression-routes']);
  assert.equal(j.everyone.find((m) => m.id === 'in_work_end')!.base, 3000);
  const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { protected: boolean; analysis: string };
  assert.equal(results.protected, false);
  assert.equal(results.analysis, 'progression');
  assert.ok(existsSync(join(out, 'progression-by-ssa.csv')) && existsSync(join(out, 'counts-progression-level.csv')));
  assert.match(readFileSync(join(out, 'README.txt'), 'utf8'), /UNPROTECTED/);
});

test('a bad option is a usage error naming the flag', () => {
  const r = cli('progression', 'hist', '--months', '0');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--months must be a whole number from 1 to 240/);
  const b = cli('progression', 'hist', '--by', 'ssa,colour');
  assert.equal(b.status, 2);
  assert.match(b.stderr, /--by/);
});
