/** The warehouse mapping file: defaults, partial mappings, and errors that name the field. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../src/core/errors.js';
import { defaultWarehouseMapping, parseWarehouseMapping } from '../../src/core/warehouse/mapping.js';

const fails = (value: unknown, field: string, message: RegExp) => {
  assert.throws(
    () => parseWarehouseMapping(value, 'map.json'),
    (e: unknown) => e instanceof InputError && e.location?.file === 'map.json' && e.location?.field === field && message.test(e.message),
  );
};

test('defaults are the extract\'s own names; optional columns may be absent', () => {
  const m = defaultWarehouseMapping();
  assert.equal(m.people.table, 'people');
  assert.equal(m.qualifications.title, 'qualification');
  assert.equal(m.occupations.title, 'occupation');
  assert.equal(m.qualifications.weight, null);
  assert.equal(m.qualifications.row_order, null);
  assert.equal(m.qualifications.level, 'level');
});

test('a partial mapping keeps the defaults of what it does not name', () => {
  const m = parseWarehouseMapping({ qualifications: { table: 'lake.linked.quals', level: 'NVQ_LEVEL', ssa: null } }, 'map.json');
  assert.equal(m.qualifications.table, 'lake.linked.quals');
  assert.equal(m.qualifications.level, 'NVQ_LEVEL');
  assert.equal(m.qualifications.ssa, null);
  assert.equal(m.qualifications.title, 'qualification');
  assert.equal(m.people.person_id, 'person_id');
  // A BigQuery project id may hold hyphens.
  assert.equal(parseWarehouseMapping({ people: { table: 'my-project.linked.people' } }, 'm').people.table, 'my-project.linked.people');
});

test('a name that is not a plain identifier is refused, naming the field', () => {
  fails({ qualifications: { level: 'level; DROP TABLE people' } }, 'qualifications.level', /column name of letters, digits and underscores/);
  fails({ people: { person_id: '"id"' } }, 'people.person_id', /column name/);
  fails({ occupations: { table: 'a.b.c.d' } }, 'occupations.table', /table name/);
  fails({ occupations: { table: 'x-y' } }, 'occupations.table', /table name/);
  fails({ people: { region: 7 } }, 'people.region', /string/i);
});

test('unknown fields are refused by name (a typo is not silently ignored)', () => {
  fails({ qualifications: { leve: 'x' } }, 'qualifications', /unknown field\(s\) 'leve'/);
  fails({ peoples: {} }, '(top level)', /unknown field\(s\) 'peoples'/);
});
