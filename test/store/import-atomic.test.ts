/** importExtract writes in one transaction: a failure midway, even while replacing, leaves the store as it was. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../src/store/database.js';
import { getDataset, listDatasets } from '../../src/store/datasets.js';
import { ImportError, importExtract } from '../../src/ingest/import.js';
import { GOOD, snapshot, tempDir, writeExtract } from '../ingest/helpers.js';

test('--replace failing midway (during the write) rolls back: the old dataset is intact', async () => {
  const dir = tempDir();
  try {
    const db = join(dir, 's.duckdb');
    const folder = writeExtract(join(dir, 'x'), GOOD);
    let store = await openStore(db);
    const first = await importExtract(store, folder, { name: 'd' });
    assert.equal(first.linkage.people, 5);
    store.close();
    const before = await snapshot(db);

    const bigger = writeExtract(join(dir, 'y'), { ...GOOD, 'people.csv': GOOD['people.csv'] + 'P6,SW,18-24,no\n' });
    for (const phase of ['writing', 'writing qualifications', 'writing occupations', 'linkage report', 'committing']) {
      store = await openStore(db);
      await assert.rejects(
        importExtract(store, bigger, {
          name: 'd',
          replace: true,
          onProgress: (_d, _t, p) => {
            if (p === phase) throw new Error(`interrupted at ${phase}`);
          },
        }),
        new RegExp(`interrupted at ${phase}`),
      );
      // The same connection is still usable and sees the old data.
      assert.equal((await getDataset(store, 'd')).people, 5);
      store.close();
      assert.equal(await snapshot(db), before, `store unchanged after failing at '${phase}'`);
    }

    store = await openStore(db);
    const replaced = await importExtract(store, bigger, { name: 'd', replace: true });
    assert.equal(replaced.replaced, true);
    assert.equal((await getDataset(store, 'd')).people, 6);
    assert.deepEqual((await listDatasets(store)).map((d) => d.name), ['d']);
    store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('invalid rows stop the import before anything is written; ImportError carries the problems', async () => {
  const dir = tempDir();
  try {
    const db = join(dir, 's.duckdb');
    const folder = writeExtract(join(dir, 'x'), {
      ...GOOD,
      'qualifications.csv': 'person_id,qualification,level\n' + Array.from({ length: 30 }, (_, i) => `P1,Q${i},${i + 5}`).join('\n') + '\n',
    });
    const store = await openStore(db);
    const err = await importExtract(store, folder, { name: 'd' }).then(
      () => assert.fail('should have failed'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof ImportError);
    assert.equal(err.problemCount, 26); // levels 9..34 (rows 5..30)
    assert.equal(err.problems.length, 20);
    assert.equal(err.problems[0].line, 6);
    assert.match(err.message, /\.\.\. and 6 more/);
    assert.deepEqual(await listDatasets(store), []);
    store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
