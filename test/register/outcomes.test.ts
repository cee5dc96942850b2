/**
 * The outcomes query's matching of register qualifications to a dataset's
 * titles: by unit code (a QAN, written with or without its slashes), by title
 * with case and punctuation set aside, and by an accepted spelling variant;
 * and the store's titles-by-code lookup on an imported extract.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lookup } from '../../src/core/register/lookup.js';
import { matchOutcomeTitles } from '../../src/core/register/queries/outcomes.js';
import { emptyRegister, type Qualification } from '../../src/core/register/types.js';
import { importExtract } from '../../src/ingest/import.js';
import { titlesByCode } from '../../src/store/coding.js';
import { openStore } from '../../src/store/database.js';
import { getDataset } from '../../src/store/datasets.js';

function q(id: string, title: string, unitCode: string | null): Qualification {
  return { id, title, key: true, type: 'NVQ', awardingBody: null, level: 2, learningHours: null, unitCode, ssa: null, notes: null, source: null, sourceUrl: null, parts: [], prerequisites: [], areas: [], status: 'current', version: 1 };
}

const register = () => {
  const data = emptyRegister();
  data.qualifications = [q('Q1', 'Diploma in Adult Care', '601/1234/5'), q('Q2', 'certificate in care.', null), q('Q3', 'Award in Cookery', null), q('Q4', 'Unheard-of Award', null)];
  data.roles = [{ id: 'R1', name: 'Carer', notes: null, qualifications: data.qualifications.map((x) => ({ id: x.id, key: true })), status: 'current', version: 1 }];
  return data;
};

const titles = [
  { key: 'k1', title: 'L2 Diploma Adult Care (QCF)' },
  { key: 'k2', title: 'Certificate in Care' },
  { key: 'k3', title: 'Award in Cooking' },
];

test('register qualifications are found by unit code, by title without case and punctuation, and by an accepted variant', () => {
  const m = matchOutcomeTitles(lookup(register()), { kind: 'role', id: 'R1' }, titles, {
    byCode: new Map([['60112345', ['L2 Diploma Adult Care (QCF)']]]),
    variants: new Map([['award in cookery', ['Award in Cooking']]]),
  });
  assert.deepEqual(
    m.map((x) => [x.qualificationId, x.matches.map((t) => `${t.key}:${t.by}`)]),
    [
      ['Q1', ['k1:code']],
      ['Q2', ['k2:title']],
      ['Q3', ['k3:variant']],
      ['Q4', []],
    ],
  );
});

test("the store lists a dataset's titles under each code, however the code is written", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rw-outcodes-'));
  try {
    const ex = join(dir, 'ex');
    mkdirSync(ex);
    writeFileSync(join(ex, 'people.csv'), 'person_id,region\nA1,London\nA2,London\nA3,Wales\n');
    writeFileSync(join(ex, 'qualifications.csv'), 'person_id,qualification,code,level\nA1,L2 Diploma Adult Care (QCF),601/1234/5,2\nA2,Diploma in Adult Care,6011234-5,2\nA3,Award in Cooking,,1\n');
    writeFileSync(join(ex, 'occupations.csv'), 'person_id,occupation,soc\nA1,Care worker,6131\nA2,Care worker,6131\nA3,Chef,5434\n');
    const store = await openStore(join(dir, 's.duckdb'));
    try {
      await importExtract(store, ex, { name: 'x' });
      const byCode = await titlesByCode(store, (await getDataset(store, 'x')).id, ['601/1234/5', 'nothing']);
      assert.deepEqual([...byCode], [['60112345', ['Diploma in Adult Care', 'L2 Diploma Adult Care (QCF)']]]);
    } finally {
      store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
