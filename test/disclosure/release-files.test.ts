/** Writing and reading protected releases, and the `routeways protect` command, on real files. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { protect, isProtected, AuditFailure } from '../../src/core/disclosure/index.js';
import { readRelease, writeRelease } from '../../src/release/files.js';
import { additiveTable, dim, resultsOf } from './helpers.js';

const rows = ['a', 'b', 'c'];
const cols = ['x', 'y', 'z'];
const m = [
  [3, 20, 40],
  [25, 30, 50],
  [45, 60, 70],
];
const table = () => additiveTable('t', [dim('r', rows), dim('k', cols)], (k) => m[rows.indexOf(k[0]!)]![cols.indexOf(k[1]!)]!);
const main = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/cli/main.js');

test('writeRelease writes CSVs with symbols, release.json and an audit with attacker intervals; readRelease re-audits', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'routeways-release-'));
  try {
    const release = protect([resultsOf([table()])], { roundingBase: null });
    const written = await writeRelease(dir, release);
    assert.ok(written.files.includes('release.json') && written.files.includes('audit.json'));
    const csv = await readFile(path.join(dir, 'tables', 'report-t.csv'), 'utf8');
    assert.match(csv, /^Cell,People\n/);
    assert.match(csv, /a x x,\[c\]\n/);
    assert.match(csv, /c x z,70\n/);
    const tidy = await readFile(path.join(dir, 'count-tables', 't.csv'), 'utf8');
    assert.match(tidy, /^r,r_label,k,k_label,people\n/);
    const audit = JSON.parse(await readFile(path.join(dir, 'audit.json'), 'utf8'));
    assert.equal(audit.passed, true);
    assert.deepEqual(audit.suppressed, { primary: 1, secondary: 3, total: 4 });
    // The attacker learns (a, x) is between 1 and 9, no better.
    const ax = audit.intervals.intervals.find((i: { keys: string[] }) => i.keys.join() === 'a,x');
    assert.deepEqual([ax.min, ax.max, ax.exact], [1, 9, false]);
    const back = await readRelease(dir);
    assert.equal(isProtected(back), true);
    assert.deepEqual(back.tables, release.tables);

    // Tamper: publish the secondary cell (b, y) in release.json; reading refuses, naming the cell it exposes.
    const json = JSON.parse(await readFile(path.join(dir, 'release.json'), 'utf8'));
    const cell = json.countTables[0].cells.find((c: { keys: string[] }) => c.keys.join() === 'b,y');
    delete cell.symbol;
    delete cell.reason;
    cell.value = 30;
    await writeFile(path.join(dir, 'release.json'), JSON.stringify(json));
    await assert.rejects(readRelease(dir), (e: unknown) => e instanceof AuditFailure && /r=a, k=x/.test(e.message));
    // Only protected releases can be written.
    await assert.rejects(writeRelease(dir, json), /only a protected release/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('routeways protect turns results folders into one release; bad options are usage errors', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'routeways-protect-'));
  try {
    await mkdir(path.join(dir, 'run1'));
    await writeFile(path.join(dir, 'run1', 'results.json'), JSON.stringify(resultsOf([table()])));
    const ok = spawnSync(process.execPath, [main, 'protect', path.join(dir, 'run1'), '--out', path.join(dir, 'out'), '--method', 'suppression', '--rounding', 'none', '--intervals', '5'], { encoding: 'utf8' });
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /1 suppressed as small \(primary\), 3 to protect them \(secondary\)/);
    assert.match(ok.stdout, /audit: passed/);
    const release = JSON.parse(await readFile(path.join(dir, 'out', 'release.json'), 'utf8'));
    assert.equal(release.policy.roundingBase, null);

    const bad = spawnSync(process.execPath, [main, 'protect', path.join(dir, 'run1'), '--out', path.join(dir, 'o2'), '--min-count', 'ten'], { encoding: 'utf8' });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--min-count must be a whole number, got "ten"/);
    // A policy file, overridden by the command line; an unknown setting is a usage error.
    await writeFile(path.join(dir, 'policy.json'), JSON.stringify({ minCount: 5, minBase: 50 }));
    const withFile = spawnSync(process.execPath, [main, 'protect', path.join(dir, 'run1'), '--out', path.join(dir, 'o4'), '--method', 'suppression', '--policy', path.join(dir, 'policy.json'), '--min-base', '40', '--intervals', '0', '-q'], { encoding: 'utf8' });
    assert.equal(withFile.status, 0, withFile.stderr);
    const p4 = JSON.parse(await readFile(path.join(dir, 'o4', 'release.json'), 'utf8')).policy;
    assert.deepEqual([p4.minCount, p4.minBase, p4.roundingBase], [5, 40, 5]);
    await writeFile(path.join(dir, 'bad-policy.json'), JSON.stringify({ minCount: 5, threshold: 3 }));
    const badFile = spawnSync(process.execPath, [main, 'protect', path.join(dir, 'run1'), '--out', path.join(dir, 'o5'), '--policy', path.join(dir, 'bad-policy.json')], { encoding: 'utf8' });
    assert.equal(badFile.status, 2);
    assert.match(badFile.stderr, /invalid disclosure policy setting/);
    await writeFile(path.join(dir, 'bad-cap.json'), JSON.stringify({ ptable: { maxPerturbation: 5, variance: 3, forbid: 2, maxZero: 1e-9 } }));
    const badCap = spawnSync(process.execPath, [main, 'protect', path.join(dir, 'run1'), '--out', path.join(dir, 'o6'), '--policy', path.join(dir, 'bad-cap.json')], { encoding: 'utf8' });
    assert.equal(badCap.status, 2);
    assert.match(badCap.stderr, /invalid disclosure policy setting ptable\.maxZero: maxZero \(the false-zero cap\) = 1e-9 is too small for D = 5, js = 2/);
    const missing = spawnSync(process.execPath, [main, 'protect', path.join(dir, 'nowhere'), '--out', path.join(dir, 'o3')], { encoding: 'utf8' });
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /nowhere.results\.json/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('with rounding, the interval an attacker can infer for a suppressed cell holds the truth and is not a single value', async () => {
  const { attackerIntervals } = await import('../../src/release/intervals.js');
  const release = protect([resultsOf([table()])]);
  const report = await attackerIntervals(release, 10);
  assert.equal(report.computed, 4);
  const truth: Record<string, number> = { 'a,x': 3, 'a,y': 20, 'b,x': 25, 'b,y': 30 };
  for (const i of report.intervals) {
    const n = truth[i.keys.join()]!;
    assert.ok(i.min <= n && (i.max === null || n <= i.max), `${i.cell}: ${n} in [${i.min}, ${i.max}]`);
    assert.equal(i.exact, false);
  }
  // Rounded totals widen what the attacker knows about the small cell: still 1..9.
  const ax = report.intervals.find((i) => i.keys.join() === 'a,x')!;
  assert.deepEqual([ax.min, ax.max], [1, 9]);
});
