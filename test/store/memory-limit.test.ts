import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { defaultMemoryLimit, openStore, queryRows } from '../../src/store/database.js';

/** DuckDB's memory_limit setting in MiB ('5.8 GiB', '488.2 MiB'). */
function mib(setting: string): number {
  const m = /^([\d.]+) (KiB|MiB|GiB|TiB)$/.exec(setting);
  assert.ok(m, `a DuckDB amount of memory, got ${setting}`);
  return Number(m[1]) * { KiB: 1 / 1024, MiB: 1, GiB: 1024, TiB: 1024 ** 2 }[m[2] as 'KiB' | 'MiB' | 'GiB' | 'TiB'];
}

async function memoryLimitOf(file: string): Promise<string> {
  const store = await openStore(file);
  try {
    const [row] = await queryRows<{ v: string }>(store.connection, `SELECT current_setting('memory_limit') AS v`);
    return row!.v;
  } finally {
    store.close();
  }
}

test('DuckDB gets a sixth of the memory by default; ROUTEWAYS_MEMORY_LIMIT caps it, and a value that is not an amount of memory is refused by name', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'routeways-mem-'));
  const before = process.env.ROUTEWAYS_MEMORY_LIMIT;
  try {
    delete process.env.ROUTEWAYS_MEMORY_LIMIT;
    const sixth = totalmem() / 6 / 2 ** 20;
    const byDefault = mib(await memoryLimitOf(join(dir, 's.duckdb')));
    // DuckDB's own default is 80% of the memory; it shows the limit rounded to a tenth of a GiB.
    assert.ok(Math.abs(byDefault / Math.max(1024, sixth) - 1) < 0.02, `about ${Math.max(1024, sixth).toFixed(0)} MiB, got ${byDefault} MiB`);
    process.env.ROUTEWAYS_MEMORY_LIMIT = '512MB';
    const set = mib(await memoryLimitOf(join(dir, 's.duckdb')));
    assert.ok(set > 480 && set < 500, `512 MB is about 488 MiB, got ${set} MiB`);
    process.env.ROUTEWAYS_MEMORY_LIMIT = 'lots';
    await assert.rejects(openStore(join(dir, 's.duckdb')), /ROUTEWAYS_MEMORY_LIMIT must be an amount of memory such as 4GB.*'lots'/);
  } finally {
    if (before === undefined) delete process.env.ROUTEWAYS_MEMORY_LIMIT;
    else process.env.ROUTEWAYS_MEMORY_LIMIT = before;
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the default memory limit is a sixth of the machine, never under 1 GiB', () => {
  assert.equal(defaultMemoryLimit(48 * 2 ** 30), '8192MiB');
  assert.equal(defaultMemoryLimit(2 * 2 ** 30), '1024MiB');
});
