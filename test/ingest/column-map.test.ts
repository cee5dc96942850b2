import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mergeMaps, parseMapFlags, readMapFile, resolveHeader } from '../../src/ingest/column-map.js';
import { fileSpec } from '../../src/ingest/extract-format.js';
import { InputError, UsageError } from '../../src/core/errors.js';
import { tempDir } from './helpers.js';

test('--map flags: for all files or one file; bad ones are usage errors', () => {
  assert.deepEqual(parseMapFlags(['person_id=PID', 'qualifications.level=NVQ Level', 'people.csv.region=Area']), {
    '*': { person_id: 'PID' },
    qualifications: { level: 'NVQ Level' },
    people: { region: 'Area' },
  });
  assert.throws(() => parseMapFlags(['person_id']), UsageError);
  assert.throws(() => parseMapFlags(['colour=X']), /'colour' is not a column Routeways reads/);
  assert.throws(() => parseMapFlags(['people.level=X']), /not a column Routeways reads from people.csv/);
  assert.throws(() => parseMapFlags(['jobs.soc=X']), /'jobs' is not an extract file/);
});

test('mapping JSON file: flat or per file; bad JSON and unknown columns name the file', () => {
  const dir = tempDir();
  try {
    const ok = join(dir, 'ok.json');
    writeFileSync(ok, JSON.stringify({ person_id: 'ID', occupations: { soc: 'SOC2020' } }));
    assert.deepEqual(readMapFile(ok), { '*': { person_id: 'ID' }, occupations: { soc: 'SOC2020' } });
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ person_id: ');
    assert.throws(() => readMapFile(bad), (e: unknown) => e instanceof InputError && e.location?.file === bad && /not valid JSON/.test(e.message));
    writeFileSync(bad, JSON.stringify({ people: { shoe: 'X' } }));
    assert.throws(() => readMapFile(bad), /'shoe' is not a column/);
    writeFileSync(bad, JSON.stringify([1, 2]));
    assert.throws(() => readMapFile(bad), /must be a JSON object/);
    assert.deepEqual(mergeMaps({ '*': { person_id: 'A' } }, { '*': { person_id: 'B' }, people: { region: 'R' } }), {
      '*': { person_id: 'B' },
      people: { region: 'R' },
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('resolveHeader: case-insensitive names, mappings, missing, unknown and duplicate columns', () => {
  const people = fileSpec('people.csv');
  const r = resolveHeader(people, ['Person_ID', ' Region ', 'age_band'], {});
  assert.deepEqual(r.columns.map((c) => c.field), ['person_id', 'region', undefined]);
  assert.deepEqual(r.unknown, ['age_band']);
  assert.deepEqual(r.missing, []);

  const mapped = resolveHeader(people, ['PID', 'Area'], { '*': { person_id: 'pid' }, people: { region: 'Area' } });
  assert.deepEqual(mapped.columns.map((c) => c.field), ['person_id', 'region']);

  // A general mapping falls back to the standard name when the file lacks the mapped header.
  const general = resolveHeader(fileSpec('occupations.csv'), ['person_id', 'occupation'], { '*': { person_id: 'PID' } });
  assert.deepEqual(general.missing, []);

  const missing = resolveHeader(fileSpec('qualifications.csv'), ['person_id', 'title'], {});
  assert.deepEqual(missing.missing, [{ field: 'qualification', lookedFor: 'qualification' }]);
  assert.deepEqual(missing.unknown, ['title']);

  const wrongMap = resolveHeader(people, ['person_id', 'region'], { people: { region: 'Area' } });
  assert.deepEqual(wrongMap.unmatchedMappings, [{ field: 'region', header: 'Area' }]);
  assert.deepEqual(wrongMap.missing, [{ field: 'region', lookedFor: 'Area' }]);

  const dup = resolveHeader(people, ['person_id', 'region', 'REGION'], {});
  assert.deepEqual(dup.duplicates, ['REGION']);
});
