import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, queryRows } from '../../src/store/database.js';

test('ROUTEWAYS_MEMORY_LIMIT caps DuckDB, and a value that is not an amount of memory is refused by name', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'routeways-mem-'));
  const before = process.env.ROUTEWAYS_MEMORY_LIMIT;
  try {
    process.env.ROUTEWAYS_MEMORY_LIMIT = '512MB';
    const store = await openStore(join(dir, 's.duckdb'));
    const [row] = await queryRows<{ v: string }>(store.connection, `SELECT current_setting('memory_limit') AS v`);
    store.close();
    assert.match(row!.v, /^4\d\d(\.\d+)? MiB$/, `512 MB is about 488 MiB, got ${row!.v}`);
    process.env.ROUTEWAYS_MEMORY_LIMIT = 'lots';
    await assert.rejects(openStore(join(dir, 's.duckdb')), /ROUTEWAYS_MEMORY_LIMIT must be an amount of memory such as 4GB.*'lots'/);
  } finally {
    if (before === undefined) delete process.env.ROUTEWAYS_MEMORY_LIMIT;
    else process.env.ROUTEWAYS_MEMORY_LIMIT = before;
    rmSync(dir, { recursive: true, force: true });
  }
});
