import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultPTablePath } from '../../../src/reference/ptable.js';

const MAIN = join(dirname(fileURLToPath(import.meta.url)), '../../../src/cli/main.js');

function routeways(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [MAIN, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('routeways ptable writes the default p-table, says what it holds, and prints the CSV without --out', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rw-ptable-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const r = routeways(['ptable', '--max', '5', '--variance', '3', '--forbid', '2', '--out', 'ptable.csv'], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Wrote ptable\.csv: p-table with D = 5, V = 3, js = 2, false-zero cap 0\.005; 66 entries for true counts 0\.\.8/);
  assert.match(r.stdout, /no count is published as 1 to 2/);
  assert.match(r.stdout, /a count of 3 or more is published as 0 with probability at most 0\.005/);
  assert.equal(readFileSync(join(dir, 'ptable.csv'), 'utf8'), readFileSync(defaultPTablePath(), 'utf8'));
  const printed = routeways(['ptable'], dir);
  assert.equal(printed.code, 0);
  assert.equal(printed.stdout, readFileSync(defaultPTablePath(), 'utf8'));
  const withStay = routeways(['ptable', '--pstay', '0.5', '--json', '--out', 'stay.csv'], dir);
  const summary = JSON.parse(withStay.stdout) as { parameters: { pstay: number }; rows: Array<{ i: number; pStay: number }> };
  assert.equal(summary.parameters.pstay, 0.5);
  assert.ok(Math.abs(summary.rows[8].pStay - 0.5) < 1e-7);
  assert.ok(existsSync(join(dir, 'stay.csv')));
});

test('routeways ptable --max-zero sets the false-zero cap, and --max-zero none writes ptable\'s uncapped table', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rw-ptable-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  type Summary = { parameters: { maxZero?: number }; rows: Array<{ i: number; pZero: number }> };
  const summary = (args: string[]) => {
    const r = routeways(['ptable', ...args, '--json'], dir);
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as Summary;
  };
  const capped = summary(['--max-zero', '0.02']);
  assert.equal(capped.parameters.maxZero, 0.02);
  assert.deepEqual(capped.rows.slice(3, 6).map((r) => r.pZero), [0.02, 0.02, 0.02]);
  const free = summary(['--max-zero', 'none']);
  assert.equal(free.parameters.maxZero, undefined);
  assert.equal(free.rows[3].pZero.toFixed(3), '0.204');
  const r = routeways(['ptable', '--max-zero', 'none', '--out', 'free.csv'], dir);
  assert.match(r.stdout, /a count of 3 or more is published as 0 with probability at most 0\.204/);
  assert.notEqual(readFileSync(join(dir, 'free.csv'), 'utf8'), readFileSync(defaultPTablePath(), 'utf8'));
});

test('routeways ptable refuses parameters that cannot work, as usage errors naming the option, and writes nothing', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rw-ptable-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const cases: Array<[string[], RegExp]> = [
    [['--variance', '1.5'], /--variance 1\.5 is too small for js = 2: .*needs a variance above 2/],
    [['--variance', '12'], /--variance 12 is too large for D = 5/],
    [['--forbid', '5'], /--forbid 5 must be smaller than D = 5/],
    [['--max', '2.5'], /--max must be a whole number, got "2\.5"/],
    [['--pstay', '1'], /--pstay 1 must be a probability strictly between 0 and 1/],
    [['--variance', 'lots'], /--variance must be a number/],
    [['--max-zero', '0'], /--max-zero 0 must be a probability strictly between 0 and 1/],
    [['--max-zero', 'lots'], /--max-zero must be a number, got "lots"/],
    [['--max-zero', '0.00000005'], /--max-zero 5e-8 is too small for D = 5, js = 2: a true count of 3 can only move down to 0/],
  ];
  for (const [args, re] of cases) {
    const r = routeways(['ptable', ...args, '--out', 'x.csv'], dir);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, re);
    assert.doesNotMatch(r.stderr, /at .*\.js/, 'no stack trace');
  }
  assert.ok(!existsSync(join(dir, 'x.csv')));
});
