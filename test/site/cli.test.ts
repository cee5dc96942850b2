/**
 * The commands a user runs: `routeways run` (what `npm start` runs: demo ->
 * import -> clusters -> pathways -> protect -> publish) and `routeways
 * publish`, as child processes on a temporary store.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'cli', 'main.js');

function routeways(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 600_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('routeways run publishes the demo and prints the index page; publish reuses the dataset; bad folders and missing Chromium are clear errors', async () => {
  const work = mkdtempSync(join(tmpdir(), 'rw-cli-publish-'));
  try {
    const db = join(work, 'store.duckdb');
    const site = join(work, 'site');
    const run = routeways(['--db', db, 'run', '--people', '1500', '--bootstrap', '0', '--restarts', '2', '--regions', 'NE', '--extract', join(work, 'extract'), '--out', site]);
    assert.equal(run.code, 0, run.stderr);
    const index = join(site, 'index.html');
    assert.ok(run.stdout.includes(`Open the reports: ${index}`), run.stdout);
    assert.ok(run.stdout.includes(`routeways --db ${db} serve --open demo --port 8080, then open http://127.0.0.1:8080/explore`), run.stdout);
    assert.ok(existsSync(index));
    assert.ok(existsSync(join(site, 'reports', 'RS01NE.html')));
    assert.ok(existsSync(join(site, 'reports', 'RS01ALL.html')));
    assert.ok(existsSync(join(site, 'datapackage.json')));

    // publish on the imported dataset, one region only, without all regions: an earlier site is replaced.
    const pub = routeways(['--db', db, 'publish', 'demo', '--out', site, '--regions', 'RS01NE', '--no-all', '--bootstrap', '0', '--restarts', '2']);
    assert.equal(pub.code, 0, pub.stderr);
    assert.ok(!existsSync(join(site, 'reports', 'RS01ALL.html')), 'stale report removed');
    assert.match(readFileSync(index, 'utf8'), /RS01NE/);

    // Unknown region: usage error naming it.
    const bad = routeways(['--db', db, 'publish', 'demo', '--out', site, '--regions', 'Atlantis']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown region "Atlantis"/);

    // A folder that is not a Routeways site is refused before any work.
    const foreign = join(work, 'foreign');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'keep.txt'), 'mine');
    const refused = routeways(['--db', db, 'publish', 'demo', '--out', foreign]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /not a site published by Routeways/);
    assert.equal(readFileSync(join(foreign, 'keep.txt'), 'utf8'), 'mine');

    // --pdf without Chromium says what to do.
    const nopdf = routeways(['--db', db, 'publish', 'demo', '--out', site, '--pdf'], { ROUTEWAYS_CHROMIUM: join(work, 'no-chromium') });
    assert.equal(nopdf.code, 2);
    assert.match(nopdf.stderr, /--pdf needs Chromium .* apt-get install chromium/);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
