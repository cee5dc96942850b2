import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../../src/store/database.js';

const MAIN = join(dirname(fileURLToPath(import.meta.url)), '../../src/cli/main.js');

function routeways(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [MAIN, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('routeways demo generates, imports and summarises; reruns replace; bad options are usage errors', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rw-demo-cli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const db = join(dir, 'store.duckdb');

  const first = routeways(['--db', db, 'demo', '--seed', '3', '--people', '900', '--out', 'extract'], dir);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /Generated demo extract \(seed 3\) in extract: 900 people/);
  assert.match(first.stdout, /Imported dataset 'demo'/);
  assert.match(first.stdout, /with qualifications only/);
  assert.ok(existsSync(join(dir, 'extract', 'people.csv')));

  const store = await openStore(db);
  try {
    const rows = async (sql: string) => (await store.connection.runAndReadAll(sql)).getRows();
    const [[people, regions, unmatched]] = await rows(
      `SELECT count(*)::INTEGER, count(DISTINCT region)::INTEGER, count(*) FILTER (WHERE region IS NULL)::INTEGER FROM people`,
    );
    assert.equal(people, 900);
    assert.equal(regions, 9);
    assert.equal(unmatched, 0);
    const [[socMajors, badSoc]] = await rows(
      `SELECT count(DISTINCT soc_major)::INTEGER, count(*) FILTER (WHERE soc IS NOT NULL AND soc_submajor IS NULL)::INTEGER FROM occupations`,
    );
    assert.ok(Number(socMajors) >= 5);
    assert.equal(badSoc, 0);
    const [[ssas, highestPerPerson]] = await rows(
      `SELECT (SELECT count(DISTINCT ssa) FROM qualifications)::INTEGER,
              (SELECT max(h)::INTEGER FROM (SELECT count(*) FILTER (WHERE highest) AS h FROM qualifications GROUP BY person_key))`,
    );
    assert.ok(Number(ssas) >= 8);
    assert.equal(highestPerPerson, 1);
  } finally {
    store.close();
  }

  const again = routeways(['--db', db, '-q', 'demo', '--seed', '3', '--people', '900', '--out', 'extract'], dir);
  assert.equal(again.code, 0, again.stderr);
  assert.equal(again.stdout, '');

  const refused = routeways(['--db', db, 'demo', '--people', '50', '--out', 'extract2', '--no-replace'], dir);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /already exists/);

  const json = routeways(['--db', db, 'demo', '--people', '300', '--out', 'extract3', '--name', 'small', '--json'], dir);
  assert.equal(json.code, 0, json.stderr);
  const parsed = JSON.parse(json.stdout);
  assert.equal(parsed.extract.counts.people, 300);
  assert.equal(parsed.import.dataset, 'small');

  for (const bad of [['--people', '0'], ['--people', 'many'], ['--seed', '1.5']]) {
    const r = routeways(['--db', db, 'demo', ...bad, '--out', 'x'], dir);
    assert.equal(r.code, 2, `${bad.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, new RegExp(bad[0]));
  }
});
