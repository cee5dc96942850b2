/** A store holding generated employment histories (bench/progression-data.ts), for the analysis, pipeline and browser tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateHistories } from '../../bench/progression-data.js';
import { openStore, type Store } from '../../src/store/database.js';

export async function generatedStore(people: number, name = 'hist'): Promise<{ store: Store; dir: string; done: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'routeways-progression-'));
  const store = await openStore(join(dir, 'store.duckdb'));
  const c = store.connection;
  await c.run(`INSERT INTO datasets (name, imported_at, source_dir, soc_version) VALUES ($n, now()::TIMESTAMP, 'generated', '2020')`, { n: name });
  const id = Number((await c.runAndReadAll(`SELECT dataset_id FROM datasets WHERE name = $n`, { n: name })).getRowObjectsJS()[0].dataset_id);
  await generateHistories(c, id, people);
  return {
    store,
    dir,
    done: () => {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
