/**
 * The Routeways side of bench:peer, run as its own process (so its time and
 * peak RSS are its own): import the extract's CSV files into a fresh store,
 * then count the qualification x occupation link weights per region and the
 * DfE pathway tables for levels 2, 3 and all, as `clusters` and `pathways`
 * do. Prints a JSON summary on stdout (the same shape as
 * bench/peer/pathways_pandas.py's) so the bench can check both found the
 * same numbers.
 *
 *   node dist/bench/peer-routeways.js <extract folder> <store.duckdb>
 */
import { importExtract } from '../src/ingest/import.js';
import { openStore } from '../src/store/database.js';
import { loadNetwork } from '../src/store/network.js';
import { countPathways } from '../src/store/pathway-counts.js';
import { prepareRecordKeys } from '../src/store/record-keys.js';
import { loadMapping } from '../src/store/mappings.js';
import { buildPathways } from '../src/core/pathways/build.js';
import type { PathwayLevel } from '../src/core/pathways/types.js';
import { pathwayLabels } from '../src/analyses/pathways/index.js';
import { queryRows } from '../src/store/database.js';

const [folder, db] = process.argv.slice(2);
const t = () => performance.now() / 1000;
const steps: Record<string, number> = {};
let t0 = t();
const store = await openStore(db);
const report = await importExtract(store, folder, { name: 'peer' });
steps.import = t() - t0;
const id = report.datasetId;

t0 = t();
const keys = await prepareRecordKeys(store, id);
const regions = (await queryRows<{ r: string }>(store.connection, `SELECT DISTINCT region AS r FROM people WHERE dataset_id = $id AND region IS NOT NULL ORDER BY r`, { id })).map((x) => x.r);
const links: Record<string, { links: number; people: number; sumW: number; sumW2: number }> = {};
for (const region of regions) {
  const net = await loadNetwork(store, id, { region }, { recordKeys: keys });
  let sumW = 0;
  let sumW2 = 0;
  for (const w of net.links.w) {
    sumW += w;
    sumW2 += w * w;
  }
  links[region] = { links: net.links.w.length, people: net.people, sumW, sumW2 };
}
steps.links = t() - t0;

t0 = t();
const counts = await countPathways(store, id, { recordKeys: keys });
const mapping = await loadMapping(store, undefined, id);
const labels = pathwayLabels();
let tables = 0;
for (const level of [2, 3, 'all'] as PathwayLevel[]) tables += buildPathways(counts, { dataset: 'peer', level, mapping, labels }).reportTables.length;
steps.pathways = t() - t0;
await keys.drop();
store.close();

const cube = counts.rows
  .map((r) => [r.level, r.status, r.ssa, r.qualificationType, r.soc, r.employmentType, r.n] as const)
  .map((r) => r.map((x) => (x === null ? '' : String(x))).join('|'))
  .sort();
process.stdout.write(JSON.stringify({ steps, links, cube, tables, importedPeople: report.linkage.people }) + '\n');
