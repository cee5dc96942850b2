/**
 * `routeways code` end to end through the real CLI on a generated demo
 * extract: coded.csv, the review queue (most people first), decisions and
 * the memory's CSV round trip (formula cells neutralised), and `code apply`
 * then `pathways` on the extract without SOC codes giving the same tables as
 * the same extract with them.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { toCsv } from '../../src/core/csv.js';
import { readSocCodingData } from '../../src/reference/coding-index.js';

const MAIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'cli', 'main.js');
let dir: string;
let db: string;
/** Title -> the SOC code the demo extract gives it. */
const demoCodes = new Map<string, string>();

function cli(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [MAIN, '--db', db, ...args], { encoding: 'utf8', env: { ...process.env, ROUTEWAYS_USER: 'test-coder' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const readCsv = (path: string): Record<string, string>[] => parse(readFileSync(path, 'utf8'), { columns: true, bom: true });

/** Copy the extract with occupations rewritten by `row` (null drops the row). */
function copyExtract(from: string, to: string, header: string[], row: (r: Record<string, string>) => (string | null)[] | null): void {
  mkdirSync(to, { recursive: true });
  for (const f of readdirSync(from)) if (f !== 'occupations.csv') cpSync(join(from, f), join(to, f));
  const rows = readCsv(join(from, 'occupations.csv')).map(row).filter((r): r is (string | null)[] => r !== null);
  writeFileSync(join(to, 'occupations.csv'), toCsv([header, ...rows]));
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'routeways-code-'));
  db = join(dir, 'store.duckdb');
  const generated = join(dir, 'generated');
  const g = cli('demo', '--people', '1500', '--seed', '3', '--out', generated, '--name', 'generated', '-q');
  assert.equal(g.code, 0, g.err);
  for (const r of readCsv(join(generated, 'occupations.csv'))) if (r.soc && !demoCodes.has(r.occupation)) demoCodes.set(r.occupation, r.soc);
  // The demo leaves some codes blank; the "with codes" extract carries each title's code on every row.
  const header = ['person_id', 'occupation', 'soc', 'employment_type', 'started_on'];
  const keep = (r: Record<string, string>) => demoCodes.has(r.occupation);
  copyExtract(generated, join(dir, 'with-soc'), header, (r) => (keep(r) ? [r.person_id, r.occupation, demoCodes.get(r.occupation)!, r.employment_type, r.started_on] : null));
  copyExtract(generated, join(dir, 'no-soc'), header.filter((h) => h !== 'soc'), (r) => (keep(r) ? [r.person_id, r.occupation, r.employment_type, r.started_on] : null));
  for (const name of ['with-soc', 'no-soc']) {
    const r = cli('import', join(dir, name), '--name', name, '-q');
    assert.equal(r.code, 0, r.err);
  }
});

after(() => rmSync(dir, { recursive: true, force: true }));

test('code occupations writes coded.csv with the issue`s columns, every title once, most people first', () => {
  const r = cli('code', 'occupations', 'no-soc', '--out', join(dir, 'coding'));
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /Coded [\d,]+ occupation titles to SOC 2020: [\d,]+ auto-coded/);
  const text = readFileSync(join(dir, 'coding', 'coded.csv'), 'utf8');
  assert.equal(text.split('\n')[0], 'title,people,soc2020,soc2020_title,confidence,decision,alternatives,reason');
  const rows = parse(text, { columns: true }) as Record<string, string>[];
  assert.equal(new Set(rows.map((x) => x.title)).size, rows.length);
  assert.equal(rows.length, new Set([...demoCodes.keys()]).size);
  for (let i = 1; i < rows.length; i++) assert.ok(Number(rows[i - 1].people) >= Number(rows[i].people));
  for (const x of rows) {
    assert.match(x.decision, /^(auto|review)$/);
    assert.ok(Number(x.confidence) >= 0 && Number(x.confidence) <= 100);
    if (x.decision === 'auto') assert.ok(Number(x.confidence) >= 64 && /^\d{4}$/.test(x.soc2020), JSON.stringify(x));
  }
  const cleaner = rows.find((x) => x.title === 'Cleaner');
  assert.equal(cleaner?.decision, 'review', 'the index calls a bare cleaner ambiguous');
  assert.match(cleaner!.reason, /ambiguous/);
});

test('the review queue lists undecided titles most people first; a decision takes a title off it', () => {
  const q1 = JSON.parse(cli('code', 'review', 'no-soc', '--json').out) as { title: string; people: number; code: string }[];
  assert.ok(q1.length > 0);
  for (let i = 1; i < q1.length; i++) assert.ok(q1[i - 1].people >= q1[i].people);
  const first = q1[0];
  const a = cli('code', 'accept', 'no-soc', '--title', first.title);
  assert.equal(a.code, 0, a.err);
  const q2 = JSON.parse(cli('code', 'review', 'no-soc', '--json').out) as { title: string }[];
  assert.equal(q2.length, q1.length - 1 - q1.filter((x) => x.title !== first.title && x.title.toLowerCase() === first.title.toLowerCase()).length);
  assert.ok(!q2.some((x) => x.title === first.title));
  const bad = cli('code', 'set', 'no-soc', '--title', 'Cleaner', '--soc', '9999');
  assert.equal(bad.code, 1);
  assert.match(bad.err, /'9999': not a SOC 2020 unit group/);
});

test('the coding memory exports and imports as CSV, with who and when, formula cells neutralised', () => {
  const s = cli('code', 'set', 'with-soc', '--title', '=HYPERLINK("x")', '--soc', '8222', '--by', 'ana');
  assert.equal(s.code, 0, s.err);
  const file = join(dir, 'memory.csv');
  assert.equal(cli('code', 'memory', 'export', file).code, 0);
  const text = readFileSync(file, 'utf8');
  assert.ok(text.includes(`"'=HYPERLINK(""x"")"`), 'a title starting with = is written with a leading quote');
  const rows = parse(text, { columns: true }) as Record<string, string>[];
  assert.equal(rows.length, 2);
  assert.deepEqual(Object.keys(rows[0]), ['kind', 'title', 'code', 'code2', 'decided_by', 'decided_at', 'source']);
  assert.equal(rows[0].decided_by, 'test-coder');
  assert.equal(rows[1].decided_by, 'ana');
  const missing = spawnSync(process.execPath, [MAIN, '--db', join(dir, 'none.duckdb'), 'code', 'memory', 'import', file], { encoding: 'utf8' });
  assert.equal(missing.status, 1, 'no store there: a clear error, not a new empty store');
  assert.match(missing.stderr, /no store at/);
  // Imported back: the same decisions, by the same people at the same times.
  const init = cli('code', 'memory', 'import', file);
  assert.equal(init.code, 0, init.err);
  const again = join(dir, 'memory-2.csv');
  cli('code', 'memory', 'export', again);
  const rows2 = parse(readFileSync(again, 'utf8'), { columns: true }) as Record<string, string>[];
  assert.equal(rows2.length, 4);
  assert.deepEqual(rows2.slice(2).map((r) => [r.title, r.code, r.decided_by, r.decided_at]), rows.map((r) => [r.title, r.code, r.decided_by, r.decided_at]), 'the imported title lost its guard quote and the export put it back');
  assert.ok(rows2.slice(2).every((r) => r.source === 'import'));
  const badFile = join(dir, 'bad-memory.csv');
  writeFileSync(badFile, 'kind,title,code\noccupation,Welder,5213\noccupation,Chef,12\n');
  const bad = cli('code', 'memory', 'import', badFile);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /bad-memory\.csv:3: .*'12': not a SOC 2020 unit group/);
});

test('code apply then pathways on the extract without SOC codes gives the tables of the extract with them', () => {
  // The reviewer's decisions: every title the coder left for review, or coded to another sub-major
  // group than the extract's own code, is set to the extract's code (as a reviewer who knows would).
  const units = readSocCodingData().unitGroups.map((u) => u.code);
  const coded = parse(readFileSync(join(dir, 'coding', 'coded.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
  const decisions: string[][] = [];
  for (const row of coded) {
    const want = demoCodes.get(row.title)!;
    if (row.decision === 'auto' && row.soc2020.slice(0, 2) === want.slice(0, 2)) continue;
    // The demo's last two digits are illustrative: a real unit group of the same sub-major group stands in.
    const unit = units.includes(want) ? want : units.find((u) => u.startsWith(want.slice(0, 2)))!;
    decisions.push(['occupation', row.title, unit, '', 'reviewer', '', '']);
  }
  const autoRight = coded.filter((r) => r.decision === 'auto' && r.soc2020.slice(0, 2) === demoCodes.get(r.title)!.slice(0, 2)).length;
  const auto = coded.filter((r) => r.decision === 'auto').length;
  assert.ok(autoRight / auto >= 0.8, `auto-coded demo titles right at 2 digits: ${autoRight}/${auto}`);
  const file = join(dir, 'reviewed.csv');
  writeFileSync(file, toCsv([['kind', 'title', 'code', 'code2', 'decided_by', 'decided_at', 'source'], ...decisions]));
  assert.equal(cli('code', 'memory', 'import', file).code, 0);
  assert.deepEqual(JSON.parse(cli('code', 'review', 'no-soc', '--json').out), []);

  const apply = cli('code', 'apply', 'no-soc', '--kind', 'occupation', '--json');
  assert.equal(apply.code, 0, apply.err);
  const report = JSON.parse(apply.out)[0];
  assert.equal(report.waiting, 0);
  assert.ok(report.filled > 0);
  const again = JSON.parse(cli('code', 'apply', 'no-soc', '--kind', 'occupation', '--json').out)[0];
  assert.equal(again.filled, 0, 'a second apply finds nothing left to fill');

  for (const name of ['with-soc', 'no-soc']) {
    const r = cli('pathways', name, '--level', 'all', '--out', join(dir, `pw-${name}`), '-q');
    assert.equal(r.code, 0, r.err);
  }
  const csvs = readdirSync(join(dir, 'pw-with-soc')).filter((f) => f.endsWith('.csv'));
  assert.ok(csvs.length >= 5);
  for (const f of csvs) {
    assert.equal(readFileSync(join(dir, 'pw-no-soc', f), 'utf8'), readFileSync(join(dir, 'pw-with-soc', f), 'utf8'), f);
  }
});
