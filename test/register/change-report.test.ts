import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planImport, type ChangeReport } from '../../src/core/register/change-report.js';
import { formatImportProblem, type ImportProblem } from '../../src/core/register/incoming.js';
import { incomingFromCsv, neutralise, toCsv, unneutralise } from '../../src/core/register/tabular.js';
import { readRegisterImport } from '../../src/ingest/register/files.js';
import { handRegister } from './hand-register.js';

/** CSV text to rows the way the file reader gives them (no quoted line breaks here). */
function csv(text: string) {
  const lines = text.trim().split('\n');
  return { header: lines[0].split(','), rows: lines.slice(1).map((l, i) => ({ line: i + 2, cells: l.split(',') })) };
}

function plan(text: string, kind: 'qualification' | 'role' = 'qualification', retireMissing = false) {
  const { header, rows } = csv(text);
  const read = incomingFromCsv(kind, 'qualifications.csv', header, rows);
  assert.deepEqual(read.problems, []);
  return planImport(handRegister(), read.records, { retireMissing });
}

function report(text: string, kind: 'qualification' | 'role' = 'qualification', retireMissing = false): ChangeReport {
  const r = plan(text, kind, retireMissing);
  if (!r.ok) assert.fail(r.problems.map(formatImportProblem).join('\n'));
  return r.report;
}

test('the change report lists new records, changes field by field and leaves unchanged rows out', () => {
  const r = report(`id,title,level,learning_hours
Q2,Diploma in Care,3,120
Q4,certificate in care!,2,120
,Level 2 Award in Caring,Level 2,1200`);
  assert.deepEqual(r.entries.map((e) => [e.action, e.id, e.newId]), [['changed', 'Q2', false], ['new', 'Q8', true]]);
  assert.deepEqual(r.entries[0].changes.map((c) => [c.field, c.before, c.after]), [['level', 2, 3]]);
  assert.equal(r.unchanged, 1);
  assert.deepEqual(r.counts.qualification, { new: 1, changed: 1, retired: 0, unchanged: 1 });
  const fresh = r.entries[1].after as { level: number; learningHours: number; key: boolean; parts: unknown[] };
  assert.equal(fresh.level, 2);
  assert.equal(fresh.learningHours, 1200);
  assert.equal(fresh.key, false);
});

test('a row without an id finds its qualification by unit code; a status column retires', () => {
  const r = report(`title,unit_code,status
Certificate in Care (revised),500/0001/1,retired`);
  assert.equal(r.entries.length, 1);
  const e = r.entries[0];
  assert.deepEqual([e.action, e.id, e.matchedBy], ['retired', 'Q1', 'unit code']);
  assert.deepEqual(e.changes.map((c) => c.field), ['title', 'status']);
});

test('--retire-missing retires the current records of the kind that the file leaves out', () => {
  const r = report(`id,title
Q1,Certificate in Care
Q2,Diploma in Care`, 'qualification', true);
  assert.deepEqual(r.entries.map((e) => [e.action, e.id]), [['retired', 'Q3'], ['retired', 'Q4'], ['retired', 'Q5'], ['retired', 'Q7']]);
  assert.ok(r.entries.every((e) => e.file === null));
});

test("one of a role's two qualification columns changes that half only", () => {
  const r = report(`id,name,key_qualifications
R1,Care Worker,Q1;Q5`, 'role');
  const after = r.entries[0].after as { qualifications: { id: string; key: boolean }[] };
  // Q2 was key and is no longer listed as key; Q3 and Q4 stay as others; Q5 joins as key.
  assert.deepEqual(after.qualifications, [{ id: 'Q1', key: true }, { id: 'Q3', key: false }, { id: 'Q4', key: false }, { id: 'Q5', key: true }]);
});

test('bad values are reported with file, line, column, field, value and what was expected', () => {
  const { header, rows } = csv(`id,title,level,key,mandatory_parts
Q2,Diploma in Care,9,perhaps,M1
R1,Wrong kind,2,no,M1`);
  const read = incomingFromCsv('qualification', 'qualifications.csv', header, rows);
  assert.deepEqual(read.problems.map(formatImportProblem), [
    "qualifications.csv:2:3: field 'level' value '9': is not a level; expected Entry or a level from 1 to 8 (3, Level 3 or L3)",
    "qualifications.csv:2:4: field 'key' value 'perhaps': is not yes or no; expected yes or no (true/false, 1/0); blank means no",
  ]);
  const planned = planImport(handRegister(), read.records);
  assert.equal(planned.ok, false);
  if (planned.ok) return;
  assert.deepEqual(planned.problems.map(formatImportProblem), [
    "qualifications.csv:3:1: field 'id' value 'R1': is not an id of a qualification; expected an id such as Q12, or blank for a new record",
  ]);
});

test('references to records that do not exist, and prerequisite cycles, are problems at their cell', () => {
  const r = plan(`id,title,prerequisites,mandatory_parts
Q7,Entry Award,Q3,M4;M99`);
  assert.equal(r.ok, false);
  if (r.ok) return;
  const text = r.problems.map(formatImportProblem);
  assert.ok(text.includes("qualifications.csv:2:4: field 'mandatory_parts (parts[1].id)' value 'M4;M99': M99 is not in the register"), text.join('\n'));
  assert.ok(text.some((t) => t.startsWith("qualifications.csv:2:3: field 'prerequisites' value 'Q3': the prerequisites form a cycle: Q7 requires Q3")), text.join('\n'));
});

test('unknown columns and a missing title column are refused at the header', () => {
  const { header, rows } = csv(`id,levle\nQ1,2`);
  const read = incomingFromCsv('qualification', 'qualifications.csv', header, rows);
  const text = read.problems.map(formatImportProblem);
  assert.match(text[0], /^qualifications\.csv:1:2: value 'levle': is not a column of qualifications\.csv; expected columns from id, title, key/);
  assert.match(text[1], /^qualifications\.csv:1: has no 'title' column/);
});

test('the same record twice in a file, or a unit code matching two records, is a problem', () => {
  const twice = plan(`id,title\nQ1,A\nQ1,B`);
  assert.equal(twice.ok, false);
  if (!twice.ok) assert.match(formatImportProblem(twice.problems[0]), /qualifications\.csv:3: field 'id' value 'Q1': names the same record as line 2/);
});

test('formula-like cells are neutralised on export and read back unchanged', () => {
  for (const s of ['=HYPERLINK("http://x")', '+44 114', '-3', '@sum', "'quoted", 'plain']) assert.equal(unneutralise(neutralise(s)), s);
  const data = handRegister();
  data.qualifications[0].notes = '=1+1, "quoted"';
  const text = toCsv('qualification', data.qualifications);
  assert.ok(text.includes(`"'=1+1, ""quoted"""`));
});

test('a JSON import names the line and column of each bad value', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rw-reg-json-'));
  try {
    const path = join(dir, 'register.json');
    writeFileSync(path, `{\n  "format": "routeways-register",\n  "qualifications": [\n    { "id": "Q2", "title": "Diploma in Care",\n      "level": "three" }\n  ]\n}\n`);
    const read = await readRegisterImport(path);
    assert.deepEqual(read.problems, []);
    const planned = planImport(handRegister(), read.records);
    assert.equal(planned.ok, false);
    if (planned.ok) return;
    assert.deepEqual(planned.problems.map(formatImportProblem), [
      `register.json:5:16: field 'level' value '"three"': is not valid; expected a level from 1 to 8, or 0 for Entry`,
    ]);
    writeFileSync(path, `{"qualifications": [ {"id": "Q2",} ]}`);
    const broken = await readRegisterImport(path);
    assert.match(formatImportProblem(broken.problems[0] as ImportProblem), /^register\.json:1:34: is not valid JSON \(PropertyNameExpected\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
