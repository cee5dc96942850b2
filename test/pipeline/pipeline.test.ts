/**
 * The one publishing pipeline: an analysis added in its own folder is
 * protected, published, described and shown without any change to disclosure
 * control or the site; a release that fails the LP interval check is refused
 * by `publish <dataset>` and by `publish --release` alike; regions are matched
 * the same way by every option.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { generateDemoExtract } from '../../src/demo/generate.js';
import { importExtract } from '../../src/ingest/import.js';
import { openStore, type Store } from '../../src/store/database.js';
import { publishDataset, publishReleases } from '../../src/pipeline/publish.js';
import { ANALYSES } from '../../src/analyses/registry.js';
import { defineAnalysis, openDataset, resolveRegion } from '../../src/analyses/analysis.js';
import { protect } from '../../src/core/disclosure/index.js';
import type { Results } from '../../src/core/results.js';
import { writeRelease } from '../../src/release/files.js';
import { knownRegions } from '../../src/reference/regions.js';
import { qualificationsPerPerson } from './qualifications-per-person/index.js';

let dir: string;
let store: Store;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'routeways-pipeline-'));
  await generateDemoExtract(join(dir, 'extract'), { seed: 5, people: 1200 });
  store = await openStore(join(dir, 'store.duckdb'));
  await importExtract(store, join(dir, 'extract'), { name: 'demo' });
});

after(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

test('an analysis added in one folder is protected, published, listed in datapackage.json and shown on the report page', async () => {
  const out = join(dir, 'site-extra');
  const result = await publishDataset(store, 'demo', {
    out,
    regions: ['LN'],
    analyses: [...ANALYSES, qualificationsPerPerson],
    options: { clusters: { bootstrap: 0, restarts: 1 }, 'per-person': { most: 3 } },
  });
  const all = result.releases.find((r) => r.region === null)!;
  // Protected with the rest (the cell key method, the publishing default): its count table is in the release, no count of 1 or 2.
  const ct = all.countTables.find((t) => t.id === 'per-person.people')!;
  assert.ok(ct, 'its count table is in the release');
  assert.equal(all.policy.method, 'perturbation');
  for (const c of ct.cells) assert.ok('value' in c && (c.value === 0 || c.value > 2), JSON.stringify(c));
  assert.deepEqual(all.settings['per-person'], { most: 3 });
  // Listed in datapackage.json with its own labels.
  const pkg = JSON.parse(readFileSync(join(out, 'datapackage.json'), 'utf8')) as { resources: Array<{ path: string; sources?: Array<{ title: string }> }> };
  const res = pkg.resources.find((r) => r.path === 'data/RS01ALL/per-person.table.csv');
  assert.ok(res, `listed: ${pkg.resources.map((r) => r.path).join(', ')}`);
  // Shown on the report page: its section, table, headline sentence, method note and setting.
  const page = readFileSync(join(out, 'reports', 'RS01ALL.html'), 'utf8');
  assert.match(page, /<h2 id="section-per-person">How many qualifications people hold<\/h2>/);
  assert.match(page, /People by the number of qualifications they hold/);
  assert.match(page, /people across all regions hold at least one qualification\./);
  assert.match(page, /Qualifications per person counts every qualification row of a person\./);
  assert.match(page, /<dt>Last band \(this many or more\)<\/dt><dd>3<\/dd>/);
  // And as a column of the index.
  assert.match(readFileSync(join(out, 'index.html'), 'utf8'), /People with qualifications/);
});

/** A made-up analysis whose one table is a + b = 2 with a = b = 1: no rank test can solve it, but counts of at least 1 pin both. */
const pinned = defineAnalysis({
  id: 'pinned',
  title: 'Pinned',
  summary: 'a table the interval audit must refuse',
  options: z.object({}),
  async run({ dataset }, _o, scope): Promise<Results> {
    const ref = (k: string) => ({ table: 'pinned.t', keys: [k] });
    return {
      protected: false,
      analysis: 'pinned',
      dataset: dataset.name,
      region: scope.region,
      settings: {},
      countTables: [
        {
          id: 'pinned.t',
          title: 'Pinned',
          dimensions: [{ id: 'k', label: 'K', categories: [{ code: 'a', label: 'a' }, { code: 'b', label: 'b' }, { code: 'total', label: 'Total', children: ['a', 'b'] }] }],
          additive: true,
          cells: [
            { keys: ['a'], n: 1 },
            { keys: ['b'], n: 1 },
            { keys: ['total'], n: 2 },
          ],
        },
      ],
      reportTables: [{ id: 'pinned.r', title: 'Pinned', section: 'pinned', columns: [{ id: 'k', label: 'K' }, { id: 'n', label: 'People' }], rows: ['a', 'b', 'total'].map((k) => ({ id: k, cells: [{ kind: 'text', text: k }, { kind: 'count', ref: ref(k) }] })) }],
    };
  },
});

const WEAK = { method: 'suppression', minCount: 2, roundingBase: null, protectSingletons: false } as const;

test('a release that fails the LP interval check is refused by publish <dataset> and by publish --release', async () => {
  await assert.rejects(
    publishDataset(store, 'demo', { out: join(dir, 'site-pinned'), allRegions: true, regions: ['NE'], analyses: [pinned], policy: WEAK }),
    /can be worked out exactly \(1\)/,
  );
  // The same release, protected and written apart with the LP check skipped, is refused when published.
  const results = await pinned.run(await openDataset(store, 'demo'), {}, { region: null });
  const release = protect([results], WEAK);
  const rdir = join(dir, 'release-pinned');
  await writeRelease(rdir, release, { intervalCells: 0 });
  await assert.rejects(publishReleases([rdir], { out: join(dir, 'site-pinned-2'), policy: WEAK }), /can be worked out exactly \(1\)/);
});

test('every option that takes a region accepts the same spellings: code, name, GSS code and report code', async () => {
  const context = await openDataset(store, 'demo');
  for (const r of knownRegions().values()) {
    for (const spelling of [r.code, r.name, r.gssCode, r.reportCode]) assert.equal(await resolveRegion(context, spelling), r.code, spelling);
  }
  const result = await publishDataset(store, 'demo', { out: join(dir, 'site-regions'), allRegions: false, regions: ['E12000007', 'RS01NE'], analyses: [qualificationsPerPerson] });
  assert.deepEqual(result.releases.map((r) => r.region).sort(), ['LN', 'NE']);
});
