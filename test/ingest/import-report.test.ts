/**
 * The import report's unmatched values: counted from the lookups when every
 * row went in, counted over the stored records otherwise. Both ways must give
 * the same report, with values as stored (trimmed) and blanks counted.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../src/store/database.js';
import { unmatchedValues } from '../../src/store/write-dataset.js';
import { importExtract } from '../../src/ingest/import.js';
import { tempDir, writeExtract } from './helpers.js';

const dir = tempDir('routeways-import-report-');
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

const PEOPLE = 'person_id,region\nP1,Narnia\nP2, Narnia\nP3,London\nP4,\nP5,Gondor\nP6,NE\n';
const QUALS =
  'person_id,qualification,ssa,level,type,highest\n' +
  'P1,A,Underwater basket weaving,2,classroom,true\n' +
  'P2,B,Underwater basket weaving ,2,classroom,true\n' +
  'P3,C,5,2,classroom,true\n' +
  'P4,D,,2,classroom,true\n' +
  'P5,E,Construction,2,classroom,true\n';
const OCCS = 'person_id,occupation,soc\nP1,X,9999\nP2,Y,8222\nP3,Z, 9999\nP4,W,\nP6,V,bogus\n';

async function reportAndStored(folder: string, options: { skipInvalid?: boolean } = {}) {
  const store = await openStore(join(folder, 'store.duckdb'));
  try {
    const report = await importExtract(store, folder, { name: 'x', ...options });
    const stored = {
      region: await unmatchedValues(store, report.datasetId, 'region'),
      ssa: await unmatchedValues(store, report.datasetId, 'ssa'),
      soc: await unmatchedValues(store, report.datasetId, 'soc'),
    };
    return { report: report.unmatched, stored };
  } finally {
    store.close();
  }
}

test('unmatched values from the lookups are those counted over the stored records', async () => {
  const folder = writeExtract(join(dir, 'whole'), { 'people.csv': PEOPLE, 'qualifications.csv': QUALS, 'occupations.csv': OCCS });
  const { report, stored } = await reportAndStored(folder);
  assert.deepEqual(report, stored);
  assert.deepEqual(report.region, { rows: 3, values: 2, blank: 1, top: [{ value: 'Narnia', count: 2 }, { value: 'Gondor', count: 1 }] });
  assert.deepEqual(report.ssa, { rows: 2, values: 1, blank: 1, top: [{ value: 'Underwater basket weaving', count: 2 }] });
  assert.deepEqual(report.soc, { rows: 3, values: 2, blank: 1, top: [{ value: '9999', count: 2 }, { value: 'bogus', count: 1 }] });
});

test('with records left out (ids not in people.csv, rows skipped) the report counts what was stored', async () => {
  const folder = writeExtract(join(dir, 'partial'), {
    'people.csv': PEOPLE,
    'qualifications.csv': QUALS + 'P9,F,Underwater basket weaving,2,classroom,true\nP1,G,Construction,not a level,classroom,true\n',
    'occupations.csv': OCCS + 'P9,U,9999\n',
  });
  const { report, stored } = await reportAndStored(folder, { skipInvalid: true });
  assert.deepEqual(report, stored);
  assert.equal(report.ssa.rows, 2, 'the orphan record is not counted');
  assert.equal(report.soc.top[0].count, 2, 'nor is the orphan occupation');
});
