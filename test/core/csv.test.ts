import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { csvField, csvLine, neutralise, toCsv } from '../../src/core/csv.js';
import { protect } from '../../src/core/disclosure/index.js';
import { writeRelease } from '../../src/release/files.js';
import { dim, additiveTable, resultsOf } from '../disclosure/helpers.js';

test('text cells that a spreadsheet would run as a formula are neutralised; numbers are not', () => {
  assert.equal(neutralise('=HYPERLINK("http://x")'), `'=HYPERLINK("http://x")`);
  for (const s of ['+44 1234', '-cmd', '@SUM(A1)', '\tx', '\rx']) assert.equal(neutralise(s)[0], "'", JSON.stringify(s));
  for (const s of ['-3', '-0.25', '+7', '1e-5', 'Forklift', '[c]']) assert.equal(neutralise(s), s);
  assert.equal(csvField(-3), '-3');
  assert.equal(csvField(null), '');
});

test('fields are quoted as RFC 4180 says, rows end in LF, and they read back unchanged', () => {
  const rows = [['title', 'people'], ['Health, Public Services and Care', 12], ['say "hi"', 3], ['two\nlines', 0], [' padded ', 1]];
  const text = toCsv(rows);
  assert.equal(csvLine(['a', 'b']), 'a,b\n');
  assert.ok(text.endsWith('\n') && !text.includes('\r'));
  assert.deepEqual(parse(text), rows.map((r) => r.map(String)));
});

test('a title written as a formula is neutralised in every CSV of a protected release', async () => {
  const evil = '=HYPERLINK("http://x")';
  const d = dim('qualification', [evil, 'Forklift']);
  const t = additiveTable('quals', [d], (k) => (k[0] === evil ? 40 : 60));
  const release = protect([resultsOf([t])], { roundingBase: null });
  const dir = mkdtempSync(join(tmpdir(), 'rw-csv-'));
  try {
    await writeRelease(dir, release, { intervalCells: 0 });
    for (const sub of ['tables', 'count-tables']) {
      for (const f of readdirSync(join(dir, sub))) {
        const text = readFileSync(join(dir, sub, f), 'utf8');
        assert.ok(!/(^|[,\n"])=HYPERLINK/.test(text), `${sub}/${f} holds a live formula:\n${text}`);
        if (text.includes('HYPERLINK')) assert.ok(text.includes(`'=HYPERLINK`), `${sub}/${f}`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
