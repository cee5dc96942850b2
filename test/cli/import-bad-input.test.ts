/**
 * Bad input tried as a user might (issue 9, point 8): files that are not
 * files, NUL bytes, values of megabytes, folders and files that cannot be
 * read. Each gets a clear message naming the file (and line and column where
 * there is one), exit code 1, no stack trace, and the store as it was.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore, queryRows } from '../../src/store/database.js';
import { CLI, GOOD, runCli, snapshot, tempDir, writeExtract, type CliResult } from '../ingest/helpers.js';

const dir = tempDir('routeways-bad-input-');
chmodSync(dir, 0o755);
const db = join(dir, 'store.duckdb');
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

let n = 0;
/** A fresh extract: GOOD with some files replaced (null removes a file). */
function extract(changes: Record<string, string | Buffer | null> = {}): string {
  const folder = join(dir, `x${n++}`);
  const files: Record<string, string | Buffer> = { ...GOOD };
  for (const [k, v] of Object.entries(changes)) {
    if (v === null) delete files[k];
    else files[k] = v;
  }
  return writeExtract(folder, files);
}

const first = runCli(['--db', db, '-q', 'import', extract(), '--name', 'kept']);
assert.equal(first.status, 0, first.stderr);

/** Run the import on `folder` and check exit 1, the message, no stack trace, and an unchanged store. */
async function refused(folder: string, message: RegExp, run: (args: string[]) => CliResult = runCli): Promise<CliResult> {
  const before = await snapshot(db);
  const r = run(['--db', db, 'import', folder, '--name', `bad${n++}`]);
  assert.equal(r.status, 1, `stdout: ${r.stdout}\nstderr: ${r.stderr}`);
  assert.match(r.stderr, message);
  assert.doesNotMatch(r.stderr, /\n\s+at |unexpected error|Unhandled/, 'no stack trace');
  assert.equal(await snapshot(db), before, 'store unchanged');
  return r;
}

const rejectsOf = (r: CliResult): string => readFileSync(/All problems are listed in (.*)\.\n/.exec(r.stderr)![1], 'utf8');

test('people.csv that is a folder: a clear message, not an unhandled error event', async () => {
  const folder = extract({ 'people.csv': null });
  mkdirSync(join(folder, 'people.csv'));
  await refused(folder, /people\.csv is a folder, not a file; expected a CSV file with a header row/);
});

test('a NUL byte inside a field is rejected with file, line and column; --skip-invalid leaves its row out', async () => {
  const people = Buffer.from('person_id,region,age_band\nP1,North East,18-24\nP2,Lon\0don,25-34\nP3,YH,2\x005-34\n');
  const folder = extract({ 'people.csv': people });
  const r = await refused(folder, /people\.csv:3:2: column 'region' value 'Lon\\0don': a NUL byte \(character 0\) in the value; expected text without NUL bytes/);
  assert.match(r.stderr, /people\.csv:4:3: column 'age_band' value '2\\05-34': a NUL byte/);
  assert.match(rejectsOf(r), /^people\.csv,3,2,region,Lon\\0don,a NUL byte \(character 0\) in the value,text without NUL bytes$/m);

  const skipped = runCli(['--db', db, 'import', folder, '--name', 'nul-skipped', '--skip-invalid', '--json']);
  assert.equal(skipped.status, 0, skipped.stderr);
  const report = JSON.parse(skipped.stdout) as { problems: number; linkage: { people: number } };
  assert.equal(report.problems, 2);
  assert.equal(report.linkage.people, 1);
});

test('a 20 MB qualification title is refused by the 64 KiB field limit, naming the size and the limit', async () => {
  const title = 'x'.repeat(20 * 1024 * 1024);
  const folder = extract({ 'qualifications.csv': `person_id,qualification,level\nP1,FLT,2\nP2,${title},3\n` });
  const r = await refused(
    folder,
    /qualifications\.csv:3:2: column 'qualification' value 'x{40}\.\.\.': the value is 20,971,520 bytes long; expected at most 65,536 bytes \(64 KiB\) in one field/,
  );
  // The rejects file shows the start of the value, not 20 MB of it.
  assert.ok(rejectsOf(r).length < 1000);
});

test('the field limit holds for values DuckDB reads itself (100 KiB) and for characteristics', async () => {
  const long = 'y'.repeat(100 * 1024);
  await refused(extract({ 'occupations.csv': `person_id,occupation\nP1,${long}\n` }), /occupations\.csv:2:2: column 'occupation' value 'y{40}\.\.\.': the value is 102,400 bytes long; expected at most 65,536 bytes/);
  await refused(extract({ 'people.csv': `person_id,region,notes\nP1,NE,ok\nP2,NW,${long}\n` }), /people\.csv:3:3: column 'notes' value 'y{40}\.\.\.': the value is 102,400 bytes long/);
  const atLimit = 'z'.repeat(65_536);
  const ok = runCli(['--db', db, '-q', 'import', extract({ 'occupations.csv': `person_id,occupation\nP1,${atLimit}\n` }), '--name', 'at-limit']);
  assert.equal(ok.status, 0, ok.stderr);
});

test('a missing folder, or a file given as the folder', async () => {
  await refused(join(dir, 'no-such-folder'), /no such folder: .*no-such-folder; expected a folder holding people\.csv, qualifications\.csv and occupations\.csv/);
  await refused(join(extract(), 'people.csv'), /people\.csv is a file, not a folder; expected a folder holding people\.csv/);
});

test('an empty file and a header-only file name the file and line', async () => {
  await refused(extract({ 'qualifications.csv': '' }), /qualifications\.csv:1: qualifications\.csv is empty; expected a header row naming the columns/);
  await refused(extract({ 'people.csv': 'person_id,region\n' }), /people\.csv:2: the file has a header row but no records/);
  await refused(extract({ 'people.csv': '\n\n' }), /people\.csv:1: people\.csv has no header row/);
});

test('a symbolic link that loops, and one to a file that does not exist', async () => {
  const loop = extract({ 'occupations.csv': null });
  symlinkSync('occupations.csv', join(loop, 'occupations.csv'));
  await refused(loop, /occupations\.csv is a symbolic link that loops/);
  const dangling = extract({ 'occupations.csv': null });
  symlinkSync('gone.csv', join(dangling, 'occupations.csv'));
  await refused(dangling, /occupations\.csv is a symbolic link to a file that does not exist/);
});

test('a named pipe in place of a file is refused without waiting on it', async () => {
  const folder = extract({ 'people.csv': null });
  const made = spawnSync('mkfifo', [join(folder, 'people.csv')]);
  if (made.status !== 0) return; // no mkfifo here: nothing to test
  await refused(folder, /people\.csv is not a regular file \(a pipe, socket or device\)/);
});

/** Run the CLI as an unprivileged user when the tests run as root (root reads files without permission). */
function runUnprivileged(args: string[]): CliResult {
  const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000, ...asNobody });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('a file or folder without read permission: permission denied, naming it', async () => {
  // The unprivileged run needs to write the store (and its lock) in a folder it may write.
  chmodSync(dir, 0o777);
  for (const f of [db, `${db}.wal`]) if (existsSync(f)) chmodSync(f, 0o666);
  try {
    const file = extract();
    chmodSync(join(file, 'occupations.csv'), 0o000);
    await refused(file, /cannot read .*occupations\.csv: permission denied/, runUnprivileged);
    const folder = extract();
    chmodSync(folder, 0o000);
    await refused(folder, /cannot read the folder .*: permission denied/, runUnprivileged);
    chmodSync(folder, 0o755);
  } finally {
    chmodSync(dir, 0o755);
  }
});

test('people.csv and people.parquet side by side: refused, asking to keep one', async () => {
  const folder = extract();
  writeFileSync(join(folder, 'people.parquet'), '');
  await refused(folder, /both people\.csv and people\.parquet are in .*; keep the one to import/);
  unlinkSync(join(folder, 'people.parquet'));
});

test('a characteristic column with no name in the header is kept under the empty name, as before', async () => {
  const r = runCli(['--db', db, 'import', extract({ 'people.csv': 'person_id,,region\nP1,x,NE\nP2,,LN\n' }), '--name', 'unnamed', '--json']);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual((JSON.parse(r.stdout) as { characteristics: string[] }).characteristics, ['']);
  const store = await openStore(db);
  try {
    const rows = await queryRows<{ name: string; value: string | null }>(
      store.connection,
      `SELECT c.name, c.value FROM characteristics c JOIN datasets d USING (dataset_id) WHERE d.name = 'unnamed' ORDER BY person_key`,
    );
    assert.deepEqual(rows, [{ name: '', value: 'x' }, { name: '', value: null }]);
  } finally {
    store.close();
  }
});
