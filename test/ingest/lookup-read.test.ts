/**
 * Reading a lookup at write time (src/ingest/lookup-read.ts): a few plain
 * values become a CASE, many values or values that are not plain text stay
 * a join, a column that is its raw value is read from the row, and all read
 * the same as the join would.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DuckDBInstance } from '@duckdb/node-api';
import { readLookup } from '../../src/ingest/lookup-read.js';

async function withLookup(values: (string | null)[], run: (c: import('@duckdb/node-api').DuckDBConnection) => Promise<void>): Promise<void> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  try {
    await c.run(`CREATE TABLE lk (raw VARCHAR, val INTEGER)`);
    await c.run(`CREATE TABLE q (c0 VARCHAR)`);
    const app = await c.createAppender('lk');
    values.forEach((v, i) => {
      if (v === null) app.appendNull();
      else app.appendVarchar(v);
      if (i % 3 === 2) app.appendNull();
      else app.appendInteger(i);
      app.endRow();
    });
    app.closeSync();
    const rows = await c.createAppender('q');
    for (const v of [...values, 'not in the lookup', null]) {
      if (v === null) rows.appendNull();
      else rows.appendVarchar(v);
      rows.endRow();
    }
    rows.closeSync();
    await run(c);
  } finally {
    c.closeSync();
    db.closeSync();
  }
}

/** What the row-by-row join reads, and what readLookup's SQL reads, for every row of q. */
async function readBoth(c: import('@duckdb/node-api').DuckDBConnection): Promise<{ read: string; viaJoin: unknown[][]; viaRead: unknown[][] }> {
  const r = await readLookup(c, 'lk', 'q.c0', 'l', { val: 'val', doubled: 'val * 2' });
  const viaJoin = (await c.runAndReadAll(`SELECT q.c0, l.val, l.val * 2 FROM q LEFT JOIN lk l ON l.raw = q.c0 ORDER BY ALL`)).getRowsJS();
  const viaRead = (await c.runAndReadAll(`SELECT q.c0, ${r.sql.val}, ${r.sql.doubled} FROM q ${r.join} ORDER BY ALL`)).getRowsJS();
  return { read: r.join === '' ? 'inline' : 'join', viaJoin, viaRead };
}

test('a few plain values are read through a CASE, with the same values as the join', async () => {
  await withLookup(['1', 'Level 2', "Entry level's", ' 3 ', 'Niveau 4 (é)', null], async (c) => {
    const { read, viaJoin, viaRead } = await readBoth(c);
    assert.equal(read, 'inline');
    assert.deepEqual(viaRead, viaJoin);
  });
});

test('values with control characters, or too many values, are joined, with the same values', async () => {
  const hostile = ["x'); DROP TABLE q; --", 'two\nlines', 'tab\there', 'nul\u0000byte'];
  await withLookup(hostile, async (c) => {
    const { read, viaJoin, viaRead } = await readBoth(c);
    assert.equal(read, 'join');
    assert.deepEqual(viaRead, viaJoin);
    assert.equal(Number((await c.runAndReadAll('SELECT count(*) FROM q')).getRows()[0][0]), hostile.length + 2);
  });
  await withLookup(Array.from({ length: 65 }, (_, i) => `v${i}`), async (c) => {
    const { read, viaJoin, viaRead } = await readBoth(c);
    assert.equal(read, 'join');
    assert.deepEqual(viaRead, viaJoin);
  });
});

test('a quote in an inlined value is a quote, not SQL', async () => {
  await withLookup(["x' OR '1'='1", "it''s"], async (c) => {
    const { read, viaJoin, viaRead } = await readBoth(c);
    assert.equal(read, 'inline');
    assert.deepEqual(viaRead, viaJoin);
    assert.equal(viaRead.filter((r) => r[1] !== null).length, 2);
  });
});

test('a complete lookup whose values are the raw values (cast) is read from the row, with the same values as the join', async () => {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  try {
    await c.run(`CREATE TABLE lk AS SELECT * FROM (VALUES ('1', 1, '1', 'Level 1'), ('02', 2, '02', 'Level 2'), ('x', NULL, 'x', NULL)) v(raw, n, same, other)`);
    await c.run(`CREATE TABLE q AS SELECT * FROM (VALUES ('1'), ('02'), ('x'), ('02'), (NULL)) v(c0)`);
    const columns = { n: 'n', same: 'same', other: 'other' };
    const direct = await readLookup(c, 'lk', 'q.c0', 'l', columns, { complete: true });
    assert.equal(direct.join, '');
    assert.equal(direct.sql.same, 'q.c0');
    assert.equal(direct.sql.n, 'TRY_CAST(q.c0 AS INTEGER)');
    assert.match(direct.sql.other, /^\(CASE /);
    const viaJoin = (await c.runAndReadAll(`SELECT q.c0, l.n, l.same, l.other FROM q LEFT JOIN lk l ON l.raw = q.c0 ORDER BY ALL`)).getRowsJS();
    const viaRead = (await c.runAndReadAll(`SELECT q.c0, ${direct.sql.n}, ${direct.sql.same}, ${direct.sql.other} FROM q ORDER BY ALL`)).getRowsJS();
    assert.deepEqual(viaRead, viaJoin);
    // Not known to hold every value of the column: a value outside it must read NULL, so a CASE.
    const partial = await readLookup(c, 'lk', 'q.c0', 'l', columns);
    assert.match(partial.sql.same, /^\(CASE /);
  } finally {
    c.closeSync();
    db.closeSync();
  }
});
