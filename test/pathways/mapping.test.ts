import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseMappingRecords } from '../../src/core/pathways/mapping.js';
import { InputError } from '../../src/core/errors.js';
import { openStore } from '../../src/store/database.js';
import { DEFAULT_MAPPING, defaultMappingFile, importMapping, listMappings, loadMapping, readMappingFile } from '../../src/store/mappings.js';

test('the shipped DfE mapping is Annex D table 10: 142 pairs over 12 SSAs', () => {
  const rows = readMappingFile(defaultMappingFile());
  assert.equal(rows.length, 142);
  assert.equal(new Set(rows.map((r) => r.ssa)).size, 12);
  const rel = (ssa: string, soc: string) => rows.find((r) => r.ssa === ssa && r.soc === soc)?.related;
  assert.equal(rel('4', '52'), true); // Engineering -> Skilled metal, electrical and electronic trades: Yes
  assert.equal(rel('4', '34'), true); // Engineering -> Culture, media and sports occupations: Yes (as published)
  assert.equal(rel('7', '52'), false); // Retail -> Skilled metal: No
  assert.equal(rel('1', '33'), true); // Health -> Protective service occupations: Yes
  assert.equal(rel('14', '61'), false); // Preparation for life and work: all No
  assert.equal(rows.filter((r) => r.ssa === '14' && r.related).length, 0);
  assert.equal(rows.filter((r) => r.ssa === '1').length, 19);
});

test('mapping rows: titles, numbers, long SOC codes; bad values are located errors', () => {
  const matcher = { matchSsa: (v: string) => (v.toLowerCase() === 'retail and commercial enterprise' ? '7' : null) };
  const rows = parseMappingRecords(
    [
      ['SSA', 'soc', 'related', 'note'],
      ['Retail and Commercial Enterprise', '7111', 'Yes', 'x'],
      ['4', '52', 'no', ''],
      ['4', '52', 'N', ''],
    ],
    'm.csv',
    matcher,
  );
  assert.deepEqual(rows, [
    { ssa: '7', soc: '71', related: true },
    { ssa: '4', soc: '52', related: false },
  ]);
  const bad = (records: string[][], line: number, column: number, re: RegExp) => {
    assert.throws(
      () => parseMappingRecords(records, 'm.csv', matcher),
      (e: unknown) => e instanceof InputError && e.location?.line === line && e.location?.column === column && re.test(e.message),
    );
  };
  const h = ['ssa', 'soc', 'related'];
  bad([h, ['Cooking', '52', 'yes']], 2, 1, /'Cooking' is not a sector subject area/);
  bad([h, ['4', '5', 'yes']], 2, 2, /'5' is not a SOC code/);
  bad([h, ['4', '52', 'maybe']], 2, 3, /'maybe' is not yes or no/);
  bad([h, ['4', '52', 'yes'], ['4', '5211', 'no']], 3, 3, /opposite on line 2/);
  assert.throws(() => parseMappingRecords([['ssa', 'soc']], 'm.csv'), /no 'related' column/);
});

test('mappings in the store: default on first use, versions by name, dataset default, name@version', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'routeways-mapping-'));
  const store = await openStore(join(dir, 's.duckdb'));
  try {
    const listed = await listMappings(store);
    assert.deepEqual(listed.map((m) => [m.name, m.version, m.rows]), [[DEFAULT_MAPPING, 1, 142]]);
    const file = join(dir, 'mine.csv');
    writeFileSync(file, 'ssa,soc,related\nEngineering and Manufacturing Technologies,52,yes\n4,53,no\n');
    const v1 = await importMapping(store, readMappingFile(file), { name: 'mine', source: file });
    assert.equal(v1.version, 1);
    assert.equal(v1.rows, 2);
    assert.equal(v1.relatedRows, 1);
    const v2 = await importMapping(store, [{ ssa: '4', soc: '52', related: false }], { name: 'mine', source: 'second' });
    assert.equal(v2.version, 2);
    assert.deepEqual((await loadMapping(store, 'mine')).rows, [{ ssa: '4', soc: '52', related: false }]);
    assert.equal((await loadMapping(store, 'mine@1')).rows.length, 2);
    assert.equal((await loadMapping(store)).name, DEFAULT_MAPPING);
    // A mapping imported with a dataset is that dataset's default.
    await importMapping(store, [{ ssa: '1', soc: '61', related: true }], { name: 'related-ds', datasetId: 42, source: 'related.csv' });
    assert.equal((await loadMapping(store, undefined, 42)).name, 'related-ds');
    assert.equal((await loadMapping(store, undefined, 7)).name, DEFAULT_MAPPING);
    await assert.rejects(loadMapping(store, 'nope'), /no mapping 'nope'.*dfe-2020@1/);
    await assert.rejects(importMapping(store, [], { name: 'empty', source: 'x' }), /no rows/);
    await assert.rejects(importMapping(store, [{ ssa: '1', soc: '61', related: true }], { name: 'bad name!', source: 'x' }), /not usable/);
    assert.deepEqual((await listMappings(store)).map((m) => `${m.name}@${m.version}`), ['dfe-2020@1', 'mine@1', 'mine@2', 'related-ds@1']);
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
