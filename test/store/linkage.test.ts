import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, queryRows } from '../../src/store/database.js';
import { storedLinkage } from '../../src/store/write-dataset.js';

// Enough people for several blocks of 2^16 keys, some with neither kind of record, and a second
// dataset whose records must not count.
const PEOPLE = 200_003;

test('the linkage counts over several blocks of people match plain counting, and another dataset\'s records do not count', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'routeways-linkage-'));
  const store = await openStore(join(dir, 's.duckdb'));
  try {
    const c = store.connection;
    await c.run(`INSERT INTO people (dataset_id, person_key, person_id, characteristic_values)
                 SELECT d, k, 'P' || k, [] FROM range(${PEOPLE}) t(k), (VALUES (1), (2)) v(d)`);
    // Qualifications: every third person twice, and every seventh once more; occupations: every fifth person.
    await c.run(`INSERT INTO qualifications (dataset_id, person_key, title)
                 SELECT 1, k, 'Q' FROM range(0, ${PEOPLE}, 3) t(k), range(2) r(i)
                 UNION ALL SELECT 1, k, 'Q' FROM range(0, ${PEOPLE}, 7) t(k)
                 UNION ALL SELECT 2, k, 'Q' FROM range(${PEOPLE}) t(k)`);
    await c.run(`INSERT INTO occupations (dataset_id, person_key, title)
                 SELECT 1, k, 'O' FROM range(0, ${PEOPLE}, 5) t(k)
                 UNION ALL SELECT 2, k, 'O' FROM range(${PEOPLE}) t(k)`);
    const [plain] = await queryRows<Record<string, bigint>>(
      c,
      `WITH q AS (SELECT person_key, count(*) AS n FROM qualifications WHERE dataset_id = 1 GROUP BY 1),
            o AS (SELECT person_key, count(*) AS n FROM occupations WHERE dataset_id = 1 GROUP BY 1)
       SELECT (SELECT count(*) FROM q) AS with_q, (SELECT count(*) FROM o) AS with_o,
              count(*) AS both, sum(q.n) AS aq, sum(o.n) AS ao
       FROM q JOIN o USING (person_key)`,
    );
    const s = await storedLinkage(store, 1);
    assert.equal(s.people, PEOPLE);
    assert.equal(s.qualificationRecords, Math.ceil(PEOPLE / 3) * 2 + Math.ceil(PEOPLE / 7));
    assert.equal(s.occupationRecords, Math.ceil(PEOPLE / 5));
    assert.equal(s.peopleWithBoth, Number(plain.both));
    assert.equal(s.peopleWithQualificationsOnly, Number(plain.with_q) - Number(plain.both));
    assert.equal(s.peopleWithOccupationsOnly, Number(plain.with_o) - Number(plain.both));
    assert.equal(s.peopleWithNeither, PEOPLE - Number(plain.with_q) - Number(plain.with_o) + Number(plain.both));
    assert.deepEqual(s.intoAnalysis, { people: Number(plain.both), qualificationRecords: Number(plain.aq), occupationRecords: Number(plain.ao) });
    assert.ok(s.peopleWithBoth > 0 && s.peopleWithNeither > 0, 'every kind of person is there');
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
