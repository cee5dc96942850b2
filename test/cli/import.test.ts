/**
 * End-to-end: the built CLI (`node dist/src/cli/main.js`) on small extracts
 * written here — a good one and one per kind of bad input — checking the
 * store's contents, the messages, the rejects file and the exit codes, and
 * that a failed import leaves the store exactly as it was.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore, queryRows } from '../../src/store/database.js';
import { asEnteredSql } from '../../src/store/as-entered.js';
import { GOOD, runCli, snapshot, tempDir, writeExtract } from '../ingest/helpers.js';

const dir = tempDir('routeways-cli-import-');
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

async function rows<T>(sql: string): Promise<T[]> {
  const store = await openStore(db);
  try {
    return await queryRows<T>(store.connection, sql);
  } finally {
    store.close();
  }
}

test('a good extract imports, with linkage report, and lands in the store', async () => {
  const r = runCli(['--db', db, 'import', extract(), '--name', 'good']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Imported dataset 'good'/);
  assert.match(r.stdout, /with qualifications and occupations\s+2/);
  assert.match(r.stdout, /with qualifications only\s+1/);
  assert.match(r.stdout, /with occupations only\s+1/);
  assert.match(r.stdout, /ids in qualifications.csv not in people.csv\s+1 \(1 records left out\)/);
  assert.match(r.stdout, /Into analysis: 2 people with both, 3 qualification records, 2 occupation records/);
  assert.match(r.stdout, /region\s+1 rows unmatched \(1 values: 'Narnia' 1\); 1 blank/);

  const people = await rows<{ person_id: string; person_key: number; region: string | null; region_raw: string | null }>(
    `SELECT person_id, person_key, region, region_raw FROM people ORDER BY person_key`,
  );
  assert.deepEqual(people.map((p) => [p.person_id, p.person_key, p.region]), [
    ['P1', 0, 'NE'], ['P2', 1, 'LN'], ['P3', 2, 'YH'], ['P4', 3, null], ['P5', 4, null],
  ]);
  // The value as entered is stored only where it differs from the code: 'YH' and blank are NULL.
  assert.deepEqual(people.map((p) => p.region_raw), ['North East', 'London', null, 'Narnia', null]);
  const entered = await rows<{ title: string; ssa_raw: string | null; entered: string | null }>(
    `SELECT title, ssa_raw, ${asEnteredSql('ssa_raw', 'ssa')} AS entered FROM qualifications ORDER BY person_key, title`,
  );
  assert.deepEqual(entered.map((q) => [q.title, q.ssa_raw, q.entered]), [
    ['CSCS card', null, '5'],
    ['Fork Lift Truck', 'Construction', 'Construction'],
    ['Food Hygiene, Level 2', 'Retail and Commercial Enterprise', 'Retail and Commercial Enterprise'],
    ['FLT', null, '4'],
  ]);
  const quals = await rows<{ title: string; ssa: string; level: number; type: string; highest: boolean }>(
    `SELECT title, ssa, level, type, highest FROM qualifications ORDER BY person_key, title`,
  );
  assert.deepEqual(quals.map((q) => [q.title, q.ssa, q.level, q.type, q.highest]), [
    ['CSCS card', '5', 1, 'classroom', false],
    ['Fork Lift Truck', '5', 2, 'classroom', true],
    ['Food Hygiene, Level 2', '7', 2, 'apprenticeship', true],
    ['FLT', '4', 2, 'classroom', true],
  ]);
  const occs = await rows<{ title: string; soc: string; soc_submajor: string; soc_major: string; employment_type: string }>(
    `SELECT title, soc, soc_submajor, soc_major, employment_type FROM occupations ORDER BY person_key`,
  );
  assert.deepEqual(occs.map((o) => [o.title, o.soc, o.soc_submajor, o.soc_major, o.employment_type]), [
    ['Forklift driver', '8222', '82', '8', 'full-time'],
    ['Kitchen porter', '9272', '92', '9', 'part-time'],
    ['Labourer', '9120', '91', '9', 'training'],
  ]);
  const chars = await rows<{ name: string; value: string | null; n: bigint }>(
    `SELECT name, value, count(*) AS n FROM characteristics GROUP BY ALL ORDER BY name, value NULLS LAST`,
  );
  assert.deepEqual(chars.map((c) => [c.name, c.value, Number(c.n)]), [
    ['age_band', '18-24', 2], ['age_band', '25-34', 2], ['age_band', '35+', 1],
    ['custody', 'false', 2], ['custody', 'true', 2], ['custody', null, 1],
  ]);
  const files = await rows<{ file: string; rows: bigint; sha256: string }>(`SELECT file, rows, sha256 FROM source_files ORDER BY file`);
  assert.deepEqual(files.map((f) => [f.file, Number(f.rows)]), [['occupations.csv', 4], ['people.csv', 5], ['qualifications.csv', 5]]);
  assert.match(files[0].sha256, /^[0-9a-f]{64}$/);
});

test('datasets, describe and delete, with --json', async () => {
  const list = runCli(['--db', db, 'datasets', '--json']);
  assert.equal(list.status, 0, list.stderr);
  const names = (JSON.parse(list.stdout) as { name: string; people: number }[]).map((d) => [d.name, d.people]);
  assert.deepEqual(names.find((x) => x[0] === 'good'), ['good', 5]);
  const text = runCli(['--db', db, 'datasets']);
  assert.match(text.stdout, /^name\s+imported \(UTC\)\s+people/m);

  const d = runCli(['--db', db, 'describe', 'good']);
  assert.equal(d.status, 0, d.stderr);
  assert.match(d.stdout, /NE North East\s+1\s+20\.0%/);
  assert.match(d.stdout, /5 Construction, Planning and the Built Environment\s+2/);
  assert.match(d.stdout, /9 Elementary occupations\s+2/);
  assert.match(d.stdout, /custody: 2 values/);
  const dj = JSON.parse(runCli(['--db', db, 'describe', 'good', '--json']).stdout) as {
    byLevel: { value: string; count: number }[];
    bySocMajor: { value: string; label: string; count: number }[];
    topQualifications: { value: string; count: number }[];
    characteristics: { name: string }[];
  };
  assert.deepEqual(dj.byLevel, [{ value: '2', count: 3 }, { value: '1', count: 1 }]);
  assert.deepEqual(dj.bySocMajor[0], { value: '9', count: 2, label: 'Elementary occupations' });
  assert.equal(dj.topQualifications.length, 4);
  assert.deepEqual(dj.characteristics.map((c) => c.name), ['age_band', 'custody']);

  const missing = runCli(['--db', db, 'describe', 'nope']);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /no dataset named 'nope'.*good/);

  assert.equal(runCli(['--db', db, 'import', extract(), '--name', 'todelete', '-q']).status, 0);
  const del = runCli(['--db', db, 'delete', 'todelete', '--json']);
  assert.equal(del.status, 0, del.stderr);
  assert.equal((JSON.parse(del.stdout) as { deleted: { name: string } }).deleted.name, 'todelete');
  assert.deepEqual(await rows(`SELECT * FROM datasets WHERE name = 'todelete'`), []);
  assert.equal(runCli(['--db', db, 'delete', 'todelete']).status, 1);
  const none = runCli(['--db', join(dir, 'none.duckdb'), 'datasets']);
  assert.equal(none.status, 1);
  assert.match(none.stderr, /no store at/);
});

test('a dataset name already used is refused (exit 2) unless --replace', async () => {
  const before = await snapshot(db);
  const r = runCli(['--db', db, 'import', extract(), '--name', 'good']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /a dataset named 'good' already exists.*--replace/);
  assert.equal(await snapshot(db), before);
  const changed = extract({ 'people.csv': 'person_id,region\nP1,NE\nP2,SW\n' });
  const ok = runCli(['--db', db, 'import', changed, '--name', 'good', '--replace', '--json']);
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal((JSON.parse(ok.stdout) as { replaced: boolean }).replaced, true);
  const people = await rows<{ n: bigint }>(`SELECT count(*) AS n FROM people p JOIN datasets d USING (dataset_id) WHERE d.name = 'good'`);
  assert.equal(Number(people[0].n), 2);
  assert.equal(runCli(['--db', db, 'import', extract(), '--name', 'good', '--replace', '-q']).status, 0);
});

interface BadCase {
  name: string;
  files: Record<string, string | Buffer | null>;
  args?: string[];
  status: number;
  message: RegExp;
  /** Rows expected in the rejects file (file,line,column,...), when one is written. */
  rejects?: RegExp[];
}

const BAD: BadCase[] = [
  { name: 'missing file', files: { 'occupations.csv': null }, status: 1, message: /occupations.csv not found in/ },
  {
    name: 'missing required column',
    files: { 'qualifications.csv': 'person_id,title\nP1,x\n' },
    status: 1,
    message: /qualifications.csv:1: .*required column 'qualification' is missing/,
    rejects: [/^qualifications.csv,1,,qualification,/m],
  },
  { name: 'empty file', files: { 'people.csv': '' }, status: 1, message: /people.csv:1: people.csv is empty/ },
  {
    name: 'header-only file',
    files: { 'occupations.csv': 'person_id,occupation\n' },
    status: 1,
    message: /occupations.csv:2: the file has a header row but no records/,
  },
  {
    name: 'duplicate person_ids',
    files: { 'people.csv': 'person_id,region\nP1,NE\nP2,NW\nP1,SE\n' },
    status: 1,
    message: /people.csv:4:1: column 'person_id' value 'P1': duplicate person_id; expected each person_id once in people.csv \(first on line 2\)/,
    rejects: [/^people.csv,4,1,person_id,P1,duplicate person_id,/m],
  },
  {
    name: 'duplicate person_ids once trimmed',
    files: { 'people.csv': 'person_id,region\nP1,NE\nP2,NW\n" P1 ",SE\n' },
    status: 1,
    message: /people.csv:4:1: column 'person_id' value 'P1': duplicate person_id; expected each person_id once in people.csv \(first on line 2\)/,
  },
  {
    name: 'level outside 1-8',
    files: { 'qualifications.csv': 'person_id,qualification,level\nP1,FLT,2\nP2,CSCS,9\nP3,x,0\n' },
    status: 1,
    message: /qualifications.csv:3:3: column 'level' value '9': not valid; expected a level from 1 to 8/,
    rejects: [/^qualifications.csv,3,3,level,9,not valid,a level from 1 to 8$/m, /^qualifications.csv,4,3,level,0,/m],
  },
  {
    name: 'unknown qualification type and employment type',
    files: {
      'qualifications.csv': 'person_id,qualification,type\nP1,FLT,online\n',
      'occupations.csv': 'person_id,occupation,employment_type\nP1,Driver,zero-hours\n',
    },
    status: 1,
    message: /qualifications.csv:2:3: column 'type' value 'online': not valid; expected 'apprenticeship' or 'classroom'[\s\S]*occupations.csv:2:3: column 'employment_type' value 'zero-hours'/,
  },
  {
    name: 'non-UTF-8 bytes',
    files: { 'people.csv': Buffer.concat([Buffer.from('person_id,region\nP1,NE\nP2,Caf'), Buffer.from([0xe9]), Buffer.from(' London\n')]) },
    status: 1,
    message: /people.csv:3:2: column 'region' value 'Caf\uFFFD London': bytes that are not valid UTF-8/,
    rejects: [/^people.csv,3,2,region,/m],
  },
  {
    name: 'a record with too many fields (unquoted comma)',
    files: { 'people.csv': 'person_id,region\nP1,NE\nP2,London, inner\n' },
    status: 1,
    message: /people.csv:3: value 'P2,London, inner': the record has 3 fields; expected 2 fields/,
  },
  {
    name: 'a blank person_id (empty) and a blank title (spaces only)',
    files: { 'qualifications.csv': 'person_id,qualification\nP1,FLT\n,CSCS\nP2,"   "\n' },
    status: 1,
    message: /qualifications.csv:3:1: column 'person_id'.*: blank; expected a person_id \(not blank\)[\s\S]*qualifications.csv:4:2: column 'qualification'.*: blank; expected a qualification title \(not blank\)/,
    rejects: [/^qualifications.csv,3,1,person_id,,blank,/m, /^qualifications.csv,4,2,qualification,.*,blank,/m],
  },
  {
    name: 'a blank occupation only as an empty field (no value to trim anywhere)',
    files: { 'occupations.csv': 'person_id,occupation\nP1,Driver\nP2,\n' },
    status: 1,
    message: /occupations.csv:3:2: column 'occupation'.*: blank; expected an occupation title \(not blank\)/,
  },
  {
    name: 'a categorical value with a NUL byte, and one over the field limit',
    files: {
      'qualifications.csv': Buffer.from('person_id,qualification,type\nP1,FLT,class\0room\nP2,CSCS,classroom\n'),
      'occupations.csv': `person_id,occupation,employment_type\nP1,Driver,full-time\nP2,Cook,${'f'.repeat(70_000)}\n`,
    },
    status: 1,
    message: /qualifications.csv:2:3: column 'type' value 'class\\0room': a NUL byte \(character 0\) in the value[\s\S]*occupations.csv:3:3: column 'employment_type' value 'f{40}\.\.\.': the value is 70,000 bytes long/,
    rejects: [/^qualifications.csv,2,3,type,class\\0room,a NUL byte/m, /^occupations.csv,3,3,employment_type,f{40}\.\.\.,"the value is 70,000 bytes long"/m, /^occupations.csv,3,3,employment_type,f{40}\.\.\.,not valid,/m],
  },
  { name: 'an unclosed quote', files: { 'people.csv': 'person_id,region\nP1,"NE\nP2,NW\n' }, status: 1, message: /people.csv:2: a quoted field is not closed/ },
  { name: 'a bad column mapping', files: {}, args: ['--map', 'nonsense=X'], status: 2, message: /'nonsense' is not a column Routeways reads/ },
  { name: 'a bad dataset name', files: {}, args: ['--name', 'no spaces'], status: 2, message: /dataset name 'no spaces' is not allowed/ },
];

for (const c of BAD) {
  test(`bad input: ${c.name} -> exit ${c.status}, clear message, store unchanged`, async () => {
    const before = await snapshot(db);
    const name = `bad${n}`;
    const args = ['--db', db, 'import', extract(c.files), '--name', name, ...(c.args ?? [])];
    const r = runCli(args);
    assert.equal(r.status, c.status, `stdout: ${r.stdout}\nstderr: ${r.stderr}`);
    assert.match(r.stderr, c.message);
    assert.equal(await snapshot(db), before);
    if (c.rejects) {
      const file = join(dir, `store.${name}.rejects.csv`);
      assert.ok(existsSync(file), `rejects file ${file}`);
      const text = readFileSync(file, 'utf8');
      assert.match(text, /^file,line,column,field,value,problem,expected\n/);
      for (const re of c.rejects) assert.match(text, re);
    }
  });
}

test('--skip-invalid imports the valid rows and lists the rest in the rejects file', async () => {
  const folder = extract({
    'people.csv': 'person_id,region\r\nP1,NE\r\nP2,NW\r\nP1,SE\r\nP3,"Yorkshire\r\nand The Humber"\r\nP4,SW\r\n',
    'qualifications.csv': 'person_id,qualification,level\nP1,FLT,2\nP2,"CSCS,\nmultiline",9\nP3,x,3\nP4,y,level 4\n',
  });
  const r = runCli(['--db', db, 'import', folder, '--name', 'skip', '--skip-invalid', '--json']);
  assert.equal(r.status, 0, r.stderr);
  const report = JSON.parse(r.stdout) as { problems: number; rejectsFile: string; files: { file: string; rows: number; rejected: number }[] };
  assert.equal(report.problems, 2);
  assert.deepEqual(report.files.map((f) => [f.file, f.rows, f.rejected]), [['people.csv', 5, 1], ['qualifications.csv', 4, 1], ['occupations.csv', 4, 0]]);
  const text = readFileSync(report.rejectsFile, 'utf8').split('\n');
  assert.equal(text[1], 'people.csv,4,1,person_id,P1,duplicate person_id,each person_id once in people.csv (first on line 2)');
  assert.equal(text[2], 'qualifications.csv,3,3,level,9,not valid,a level from 1 to 8');
  const people = await rows<{ person_id: string; person_key: number; region: string }>(
    `SELECT person_id, person_key, region FROM people JOIN datasets USING (dataset_id) WHERE name = 'skip' ORDER BY person_key`,
  );
  assert.deepEqual(people.map((p) => [p.person_id, p.person_key, p.region]), [['P1', 0, 'NE'], ['P2', 1, 'NW'], ['P3', 2, 'YH'], ['P4', 3, 'SW']]);
  const levels = await rows<{ title: string; level: number }>(
    `SELECT title, level FROM qualifications JOIN datasets USING (dataset_id) WHERE name = 'skip' ORDER BY title`,
  );
  assert.deepEqual(levels.map((q) => [q.title, q.level]), [['FLT', 2], ['x', 3], ['y', 4]]);
});

test('BOM, CRLF, quoted commas and newlines, column mapping from flags and a JSON file, related.csv', async () => {
  const folder = extract({
    'people.csv': '\uFEFFPID,Home Region,sex\r\nA1,"North West",F\r\nA2,"South East",M\r\n',
    'qualifications.csv': 'ID,Course,SSA,NVQ\r\nA1,"Warehousing, storage\r\nand distribution",Retail and Commercial Enterprise,2\r\nA2,FLT,4,3\r\n',
    'occupations.csv': 'ID,occupation,soc\nA1,"Driver, van",8212\nA2,Cleaner,92\n',
    'related.csv': 'ssa,soc,related\n4,82,yes\nRetail and Commercial Enterprise,71,yes\n4,92,no\n',
  });
  const mapFile = join(dir, 'map.json');
  writeFileSync(mapFile, JSON.stringify({ person_id: 'ID', people: { person_id: 'PID', region: 'Home Region' }, qualifications: { qualification: 'Course' } }));
  const r = runCli(['--db', db, 'import', folder, '--name', 'mapped', '--map', mapFile, '--map', 'qualifications.level=NVQ', '--json']);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(r.stdout.length > 0, `no output; stderr: ${r.stderr}`);
  const report = JSON.parse(r.stdout) as { linkage: { peopleWithBoth: number }; characteristics: string[]; related: { rows: number } };
  assert.equal(report.linkage.peopleWithBoth, 2);
  assert.deepEqual(report.characteristics, ['sex']);
  assert.equal(report.related.rows, 3);
  const quals = await rows<{ title: string; ssa: string; level: number }>(
    `SELECT title, ssa, level FROM qualifications JOIN datasets USING (dataset_id) WHERE name = 'mapped' ORDER BY person_key`,
  );
  assert.deepEqual(quals.map((q) => [q.title, q.ssa, q.level]), [['Warehousing, storage\r\nand distribution', '7', 2], ['FLT', '4', 3]]);
  const people = await rows<{ person_id: string; region: string }>(
    `SELECT person_id, region FROM people JOIN datasets USING (dataset_id) WHERE name = 'mapped' ORDER BY person_key`,
  );
  assert.deepEqual(people.map((p) => [p.person_id, p.region]), [['A1', 'NW'], ['A2', 'SE']]);
  const mapping = await rows<{ ssa: string; soc: string; related: boolean }>(
    `SELECT r.ssa, r.soc, r.related FROM mapping_rows r JOIN mappings m USING (mapping_id) JOIN datasets d USING (dataset_id) WHERE d.name = 'mapped' ORDER BY 1, 2`,
  );
  assert.deepEqual(mapping.map((m) => [m.ssa, m.soc, m.related]), [['4', '82', true], ['4', '92', false], ['7', '71', true]]);
});

test('unknown columns: kept as characteristics in people.csv, reported elsewhere', () => {
  const folder = extract({ 'occupations.csv': 'person_id,occupation,shoe_size\nP1,Driver,9\n' });
  const r = runCli(['--db', db, 'import', folder, '--name', 'unknowncols']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Characteristics: age_band, custody/);
  assert.match(r.stdout, /Warning: occupations.csv: column 'shoe_size' not used/);
});

test('a store written by a newer Routeways is refused with a clear message (exit 1)', async () => {
  const newer = join(dir, 'newer.duckdb');
  const s = await openStore(newer);
  await s.connection.run(`UPDATE meta SET value = '999' WHERE key = 'schema_version'`);
  s.close();
  const r = runCli(['--db', newer, 'datasets']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /written by a newer version of Routeways \(schema version 999/);
});

test('an import killed midway leaves the store as it was or fully imported, never half', async () => {
  // A larger extract so the kill lands inside the import.
  const people = ['person_id,region'];
  const quals = ['person_id,qualification,level'];
  const occs = ['person_id,occupation,soc'];
  for (let i = 0; i < 60000; i++) {
    people.push(`K${i},NE`);
    quals.push(`K${i},FLT,2`, `K${i},CSCS,1`);
    occs.push(`K${i},Driver,8212`);
  }
  const folder = extract({ 'people.csv': people.join('\n'), 'qualifications.csv': quals.join('\n'), 'occupations.csv': occs.join('\n') });
  const before = await snapshot(db);
  const { spawn } = await import('node:child_process');
  const { CLI } = await import('../ingest/helpers.js');
  for (const delay of [300, 900]) {
    const child = spawn(process.execPath, [CLI, '--db', db, '-q', 'import', folder, '--name', 'good', '--replace']);
    const closed = new Promise((r) => child.on('close', r));
    await new Promise((r) => setTimeout(r, delay));
    child.kill('SIGKILL');
    await closed;
    const after = await snapshot(db);
    if (after !== before) {
      const count = await rows<{ n: bigint }>(`SELECT count(*) AS n FROM people JOIN datasets USING (dataset_id) WHERE name = 'good'`);
      assert.equal(Number(count[0].n), 60000, 'the new dataset is complete when it replaced the old one');
      return;
    }
  }
});

test('--skip-invalid also leaves out records DuckDB cannot read (bad bytes, ragged rows), keeping the rest', async () => {
  const people = Buffer.concat([
    Buffer.from('person_id,region\nP1,NE\nP2,Caf'),
    Buffer.from([0xe9]),
    Buffer.from('\nP3,NW,extra\nP4,"South\nWest"\nP5,LN\n'),
  ]);
  const r = runCli(['--db', db, 'import', extract({ 'people.csv': people }), '--name', 'ragged', '--skip-invalid', '--json']);
  assert.equal(r.status, 0, r.stderr);
  const report = JSON.parse(r.stdout) as { problems: number; rejectsFile: string; files: { file: string; rows: number; rejected: number }[] };
  assert.equal(report.problems, 2);
  assert.deepEqual(report.files[0], { ...report.files[0], file: 'people.csv', rows: 5, rejected: 2 });
  const text = readFileSync(report.rejectsFile, 'utf8');
  assert.match(text, /^people.csv,3,2,region,Caf\uFFFD,bytes that are not valid UTF-8,/m);
  assert.match(text, /^people.csv,4,,,"P3,NW,extra",the record has 3 fields,/m);
  const people2 = await rows<{ person_id: string; person_key: number; region: string }>(
    `SELECT person_id, person_key, region FROM people JOIN datasets USING (dataset_id) WHERE name = 'ragged' ORDER BY person_key`,
  );
  assert.deepEqual(people2.map((p) => [p.person_id, p.person_key, p.region]), [['P1', 0, 'NE'], ['P4', 1, 'SW'], ['P5', 2, 'LN']]);
});

test('Ctrl-C (SIGINT) during an import rolls back: exit 130 and the store as it was (or, if too late, the import complete)', async () => {
  const people = ['person_id,region,flag'];
  const quals = ['person_id,qualification,level,type'];
  const occs = ['person_id,occupation,soc'];
  for (let i = 0; i < 80000; i++) {
    people.push(`S${i},NW,${i % 2 === 0 ? 'yes' : 'no'}`);
    quals.push(`S${i},FLT,2,classroom`, `S${i},CSCS,1,apprenticeship`);
    occs.push(`S${i},Driver,8212`);
  }
  const folder = extract({ 'people.csv': people.join('\n'), 'qualifications.csv': quals.join('\n'), 'occupations.csv': occs.join('\n') });
  const { spawn } = await import('node:child_process');
  const { CLI } = await import('../ingest/helpers.js');
  for (const delay of [400, 1500]) {
    const before = await snapshot(db);
    const child = spawn(process.execPath, [CLI, '--db', db, '-q', 'import', folder, '--name', 'sigint', '--replace']);
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    // Listen before waiting: on a fast machine the import may finish before the signal is sent.
    const closed = new Promise<number | null>((r) => child.on('close', (c) => r(c)));
    await new Promise((r) => setTimeout(r, delay));
    child.kill('SIGINT');
    const code = await closed;
    const complete = async () => {
      const count = await rows<{ n: bigint }>(`SELECT count(*) AS n FROM people JOIN datasets USING (dataset_id) WHERE name = 'sigint'`);
      assert.equal(Number(count[0].n), 80000, 'the new dataset is whole');
    };
    if (code === 130) {
      // Our handler rolled back.
      assert.match(stderr, /interrupted; the store is as it was before/);
      assert.equal(await snapshot(db), before);
    } else if (code === null) {
      // Node's default exit: the signal came before the import's handler was installed, or after
      // it was removed once the import had committed. Either way the store is never half written.
      if ((await snapshot(db)) !== before) await complete();
    } else {
      assert.equal(code, 0, stderr);
      await complete();
    }
  }
});

test('characteristic values are stored trimmed, blank as none, whether or not a column needs it', async () => {
  const people = 'person_id,region,age_band,sex,custody\nP1,North East, 18-24,F,yes\nP2,London,"  ",M,no\nP3,YH,25-34 ,F,no\nP4,London,35+,M,\nP5,London,"",F,yes\n';
  const r = runCli(['--db', db, 'import', extract({ 'people.csv': people }), '--name', 'untidy']);
  assert.equal(r.status, 0, r.stderr);
  const chars = await rows<{ person_id: string; name: string; value: string | null }>(
    `SELECT p.person_id, c.name, c.value FROM characteristics c JOIN people p USING (dataset_id, person_key)
     WHERE c.dataset_id = (SELECT dataset_id FROM datasets WHERE name = 'untidy') ORDER BY p.person_id, c.name`,
  );
  const by = (name: string) => chars.filter((c) => c.name === name).map((c) => c.value);
  assert.deepEqual(by('age_band'), ['18-24', null, '25-34', '35+', null]);
  assert.deepEqual(by('sex'), ['F', 'M', 'F', 'M', 'F']);
  assert.deepEqual(by('custody'), ['true', 'false', 'false', null, 'true']);
});

test('a wide people.csv (over 100 characteristics, profiled another way) stores its characteristics as a narrow one does', async () => {
  const pad = Array.from({ length: 110 }, (_, i) => `extra_${i}`);
  const narrow = [['P1', 'North East', ' 18-24', 'F', 'yes'], ['P2', 'London', '  ', 'M', 'no'], ['P3', 'YH', '25-34 ', 'F', 'N'], ['P4', 'London', '35+', 'M', '']];
  const csv = (extra: string[]) =>
    [['person_id', 'region', 'age_band', 'sex', 'custody', ...extra], ...narrow.map((r, k) => [...r, ...extra.map((_, i) => (i === 3 ? ` v${k} ` : `v${(i + k) % 3}`))])]
      .map((r) => r.map((v) => `"${v}"`).join(','))
      .join('\n') + '\n';
  for (const [name, extra] of [['narrow', []], ['wide', pad]] as const) {
    const r = runCli(['--db', db, 'import', extract({ 'people.csv': csv([...extra]) }), '--name', name]);
    assert.equal(r.status, 0, r.stderr);
  }
  const values = (name: string) =>
    rows<{ person_id: string; name: string; value: string | null }>(
      `SELECT p.person_id, c.name, c.value FROM characteristics c JOIN people p USING (dataset_id, person_key)
       WHERE c.dataset_id = (SELECT dataset_id FROM datasets WHERE name = '${name}') ORDER BY p.person_id, c.name`,
    );
  const wide = await values('wide');
  const own = ['age_band', 'custody', 'sex'];
  assert.deepEqual(wide.filter((c) => own.includes(c.name)), await values('narrow'));
  assert.deepEqual(wide.filter((c) => c.name === 'custody').map((c) => c.value), ['true', 'false', 'false', null]);
  assert.deepEqual(wide.filter((c) => c.name === 'extra_3').map((c) => c.value), ['v0', 'v1', 'v2', 'v3'], 'trimmed');
  assert.equal(wide.length, 4 * 113);
});

test('titles, codes and person ids are stored trimmed where a file has spaces, as read where it has none', async () => {
  const quals = 'person_id,qualification,code,ssa,level\n P1 , Fork Lift Truck ,"",5,2\nP2,CSCS card, 601/1 ,5,1\n';
  const occs = 'person_id,occupation,soc\nP1,Forklift driver,8222\nP2,Labourer,9120\n';
  const r = runCli(['--db', db, 'import', extract({ 'qualifications.csv': quals, 'occupations.csv': occs }), '--name', 'spaced']);
  assert.equal(r.status, 0, r.stderr);
  const id = `(SELECT dataset_id FROM datasets WHERE name = 'spaced')`;
  const q = await rows<{ person_id: string; title: string; code: string | null }>(
    `SELECT p.person_id, q.title, q.code FROM qualifications q JOIN people p USING (dataset_id, person_key) WHERE q.dataset_id = ${id} ORDER BY 1`,
  );
  assert.deepEqual(q.map((x) => [x.person_id, x.title, x.code]), [['P1', 'Fork Lift Truck', null], ['P2', 'CSCS card', '601/1']]);
  const o = await rows<{ person_id: string; title: string }>(
    `SELECT p.person_id, o.title FROM occupations o JOIN people p USING (dataset_id, person_key) WHERE o.dataset_id = ${id} ORDER BY 1`,
  );
  assert.deepEqual(o.map((x) => [x.person_id, x.title]), [['P1', 'Forklift driver'], ['P2', 'Labourer']]);
});

test('values already as stored (codes, canonical levels) are stored as read, and a blank one is still NULL', async () => {
  const folder = extract({
    'people.csv': 'person_id,region\nP1,NE\nP2,LN\nP3," "\n',
    'qualifications.csv': 'person_id,qualification,ssa,level,type,highest\nP1,FLT,5,2,classroom,true\nP2,CSCS,"  ",3,apprenticeship,false\nP3,NVQ,15,1,classroom,true\n',
    'occupations.csv': 'person_id,occupation,soc,employment_type\nP1,Forklift driver,8222,full-time\nP2,Cleaner," ",part-time\n',
  });
  const r = runCli(['--db', db, 'import', folder, '--name', 'as-stored']);
  assert.equal(r.status, 0, r.stderr);
  const id = `(SELECT dataset_id FROM datasets WHERE name = 'as-stored')`;
  const people = await rows<{ region: string | null; region_raw: string | null }>(`SELECT region, region_raw FROM people WHERE dataset_id = ${id} ORDER BY person_key`);
  assert.deepEqual(people.map((p) => [p.region, p.region_raw]), [['NE', null], ['LN', null], [null, null]]);
  const quals = await rows<{ ssa: string | null; ssa_raw: string | null; level: number; highest: boolean }>(
    `SELECT ssa, ssa_raw, level, highest FROM qualifications WHERE dataset_id = ${id} ORDER BY person_key`,
  );
  assert.deepEqual(quals.map((q) => [q.ssa, q.ssa_raw, q.level, q.highest]), [['5', null, 2, true], [null, null, 3, false], ['15', null, 1, true]]);
  const occs = await rows<{ soc: string | null; soc_submajor: string | null; soc_major: string | null }>(
    `SELECT soc, soc_submajor, soc_major FROM occupations WHERE dataset_id = ${id} ORDER BY person_key`,
  );
  assert.deepEqual(occs.map((o) => [o.soc, o.soc_submajor, o.soc_major]), [['8222', '82', '8'], [null, null, null]]);
});
