/**
 * Routeways installed the way users install it: `npm pack`, then
 * `npm install -g <tarball>` into an empty prefix (production dependencies
 * only). Every command loads; a publish runs its LP audit (highs, loaded on
 * first use); an optional part that is missing (playwright-core, for PDFs) is
 * named, with what to do, when it is asked for.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));
let dir: string;
let bin: string;

function run(cmd: string, args: string[], env: Record<string, string> = {}): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 300_000 });
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'routeways-install-'));
  // dist/ is already built by `npm test`; --ignore-scripts keeps prepack from rebuilding it under the running tests.
  const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--pack-destination', dir], { cwd: root, encoding: 'utf8' });
  assert.equal(pack.status, 0, pack.stderr);
  const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz'))!;
  const install = run('npm', ['install', '-g', '--prefix', join(dir, 'prefix'), '--no-audit', '--no-fund', join(dir, tgz)]);
  assert.equal(install.status, 0, install.stderr);
  bin = join(dir, 'prefix', 'bin', 'routeways');
});

after(() => rmSync(dir, { recursive: true, force: true }));

test('the packed tarball holds the built program and its data, not the tests', () => {
  const lib = join(dir, 'prefix', 'lib', 'node_modules', 'routeways');
  for (const f of ['dist/src/cli/main.js', 'dist/web/map.entry.js', 'data/regions.csv', 'data/related/dfe-2020.csv']) assert.ok(existsSync(join(lib, f)), f);
  assert.ok(!existsSync(join(lib, 'dist', 'test')), 'no compiled tests');
  assert.ok(!existsSync(join(lib, 'node_modules', 'typescript')) && !existsSync(join(lib, 'node_modules', 'fast-check')), 'no dev dependencies');
});

test('every command of the installed routeways starts and prints its help', () => {
  const help = run(bin, ['--help']);
  assert.equal(help.status, 0, help.stderr);
  const listed = help.stdout.slice(help.stdout.indexOf('Commands:'));
  const commands = [...listed.matchAll(/^ {2}([a-z-]+)\b/gm)].map((m) => m[1]!).filter((c) => c !== 'help');
  assert.ok(commands.length >= 10, help.stdout);
  for (const c of commands) {
    const r = run(bin, [c, '--help']);
    assert.equal(r.status, 0, `${c}: ${r.stderr}`);
  }
});

test('the installed routeways runs the demo, publishes with its audit, and names a missing optional part', () => {
  const db = join(dir, 'store.duckdb');
  const demo = run(bin, ['--db', db, 'demo', '--people', '400', '--out', join(dir, 'extract'), '-q']);
  assert.equal(demo.status, 0, demo.stderr);
  const pub = run(bin, ['--db', db, 'publish', 'demo', '--out', join(dir, 'site'), '--regions', 'LN', '--bootstrap', '0', '--restarts', '1', '-q']);
  assert.equal(pub.status, 0, pub.stderr);
  assert.ok(existsSync(join(dir, 'site', 'reports', 'RS01LN.html')));
  // A user who installed without the optional PDF driver is told what to do.
  rmSync(join(dir, 'prefix', 'lib', 'node_modules', 'routeways', 'node_modules', 'playwright-core'), { recursive: true, force: true });
  const pdf = run(bin, ['--db', db, 'publish', 'demo', '--out', join(dir, 'site'), '--pdf'], { ROUTEWAYS_CHROMIUM: process.execPath });
  assert.equal(pdf.status, 2, pdf.stderr);
  assert.match(pdf.stderr, /--pdf needs the playwright-core package/);
});
