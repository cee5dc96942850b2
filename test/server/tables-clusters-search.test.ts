/**
 * The API's per-region report tables equal the published site's for that
 * region, and the `cluster` query dimension counts the people holding a
 * qualification of each published cluster (perturbed within the p-table's
 * range of a count made here independently), and occupation search finds
 * recorded job titles.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { listValue } from '@duckdb/node-api';
import { publishDataset } from '../../src/pipeline/publish.js';
import type { ProtectedRelease } from '../../src/core/disclosure/release.js';
import { openStore, openStoreReadOnly, queryRows } from '../../src/store/database.js';
import { call, demoStore, listen, type DemoStore, type Listening } from './helpers.js';

let demo: DemoStore;
let api: Listening;
let releases: ProtectedRelease[];

before(async () => {
  demo = await demoStore();
  const store = await openStore(demo.storePath);
  try {
    releases = (await publishDataset(store, 'demo', { out: join(demo.dir, 'site'), regions: ['LN', 'NE'] })).releases;
  } finally {
    store.close();
  }
  api = await listen(demo.storePath);
});

after(async () => {
  await api?.close();
  demo?.remove();
});

test("a region's report tables in the API are the site's tables of that region, cell for cell", async () => {
  for (const region of ['LN', 'NE']) {
    const site = releases.find((r) => r.region === region)!;
    const listed = (await call(api.base, 'GET', `/api/v1/datasets/demo/tables?region=${region}`)).json as { tables: Array<{ id: string; region: string | null }> };
    assert.deepEqual(listed.tables.map((t) => t.id), site.tables.map((t) => t.id));
    assert.ok(listed.tables.every((t) => t.region === region));
    for (const t of site.tables) {
      const got = (await call(api.base, 'GET', `/api/v1/datasets/demo/tables/${t.id}?region=${region}`)).json as { rows: unknown };
      // The API leaves out the site's internal cross-references between tables (`ref`).
      assert.deepEqual(got.rows, JSON.parse(JSON.stringify(t.rows, (k, v: unknown) => (k === 'ref' ? undefined : v))), `${region} ${t.id}`);
    }
  }
  const all = (await call(api.base, 'GET', '/api/v1/datasets/demo/tables')).json as { tables: Array<{ region: string | null }> };
  assert.ok(all.tables.every((t) => t.region === null));
  const none = await call(api.base, 'GET', '/api/v1/datasets/demo/tables?region=ZZ');
  assert.equal(none.status, 404);
  assert.match((none.json as { detail: string }).detail, /no report for region 'ZZ'.*EE/);
});

test('the cluster dimension: one category per published cluster, counting the holders of its qualifications', async () => {
  const network = releases.find((r) => r.region === null)!.network!;
  const info = (await call(api.base, 'GET', '/api/v1/datasets/demo')).json as { dimensions: Array<{ id: string; categories: Array<{ code: string; label: string }> }> };
  const dim = info.dimensions.find((d) => d.id === 'cluster');
  assert.ok(dim, 'the cluster dimension is offered');
  const withQuals = new Set(network.nodes.filter((n) => n.side === 'qualification' && n.cluster !== null).map((n) => n.cluster));
  assert.deepEqual(dim.categories.map((c) => c.code).sort(), [...withQuals].sort());

  const answer = (await call(api.base, 'GET', '/api/v1/datasets/demo/query?rows=cluster')).json as { cells: Array<{ keys: string[]; people: number }> };
  const store = await openStoreReadOnly(demo.storePath);
  try {
    let checked = 0;
    for (const c of dim.categories) {
      const titles = network.nodes.filter((n) => n.side === 'qualification' && n.cluster === c.code).map((n) => n.label);
      const [row] = await queryRows<{ n: bigint }>(
        store.connection,
        `SELECT count(DISTINCT q.person_key) AS n FROM qualifications q JOIN occupations o USING (person_key)
          WHERE list_contains($t, q.title) AND q.dataset_id = o.dataset_id`,
        { t: listValue(titles) },
      );
      const truth = Number(row!.n);
      const cell = answer.cells.find((x) => x.keys[0] === c.code);
      const published = cell?.people ?? 0;
      assert.ok(published !== 1 && published !== 2, `cluster ${c.code} published ${published}`);
      assert.ok(Math.abs(published - truth) <= 5, `cluster ${c.code}: published ${published}, true ${truth}`);
      if (truth >= 10) checked++;
    }
    assert.ok(checked >= 3, 'several clusters hold 10 or more people');
  } finally {
    store.close();
  }
  const filtered = (await call(api.base, 'POST', '/api/v1/datasets/demo/query', { rows: ['level'], filters: { cluster: [dim.categories[0]!.code] } })).json as { total: number };
  assert.ok(filtered.total > 0, 'a cluster filters the population');
});

test('occupation search also finds recorded job titles, under the SOC group they are coded to', async () => {
  const res = (await call(api.base, 'GET', '/api/v1/occupations?search=porter')).json as { occupations: Array<{ soc: string; title: string; level: string; people: number; matchedTitles?: string[] }> };
  const hit = res.occupations.find((h) => h.matchedTitles?.some((t) => /porter/i.test(t)));
  assert.ok(hit, `a hit for recorded titles with "porter": ${JSON.stringify(res.occupations)}`);
  assert.equal(hit.level, 'submajor');
  assert.doesNotMatch(hit.title, /porter/i, 'found through the recorded title, not the group title');
  assert.ok(hit.people >= 3);
  const none = (await call(api.base, 'GET', '/api/v1/occupations?search=zzzz')).json as { occupations: unknown[] };
  assert.deepEqual(none.occupations, []);
});
