/**
 * The builder's state in the query string (parse, write back, check) and the
 * answer laid out as a grid, on answers made by the real service over a demo
 * store, and the pages' escaping of hostile text.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoExtract } from '../../src/demo/generate.js';
import { importExtract } from '../../src/ingest/import.js';
import { buildServer, type RoutewaysServer } from '../../src/server/app.js';
import { answerGrid } from '../../src/server/pages/answer-grid.js';
import { layoutProblems, parseState, stateParams, stateUrl } from '../../src/server/pages/builder-state.js';
import { qualificationPage } from '../../src/server/pages/figures-pages.js';
import { defaultApiUrl } from '../../src/server/pages/routes.js';
import { openStore } from '../../src/store/database.js';

let work: string;
let server: RoutewaysServer;

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'rw-builder-state-'));
  await generateDemoExtract(join(work, 'extract'), { seed: 5, people: 1500 });
  const store = await openStore(join(work, 'store.duckdb'));
  try {
    await importExtract(store, join(work, 'extract'), { name: 'demo' });
  } finally {
    store.close();
  }
  server = await buildServer({ storePath: join(work, 'store.duckdb'), open: ['demo'], rateLimit: 0 });
});

after(async () => {
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('the state read from a query string is written back to the same URL, repeated filters and rows kept in order', () => {
  const url = '/builder/table?dataset=demo&f.level=2&f.level=3&f.ssa=1&rows=ssa&rows=type&columns=region&measures=people&measures=row_share';
  const state = parseState(new URLSearchParams(url.split('?')[1]));
  assert.deepEqual(state, { dataset: 'demo', filters: { level: ['2', '3'], ssa: ['1'] }, rows: ['ssa', 'type'], columns: ['region'], measures: ['people', 'row_share'] });
  assert.equal(stateUrl('/builder/table', state), url);
  assert.deepEqual(stateParams(state, { layout: false }), [['dataset', 'demo'], ['f.level', '2'], ['f.level', '3'], ['f.ssa', '1']]);
  // Empty values (an unticked "None" column) and duplicates are dropped.
  assert.deepEqual(parseState(new URLSearchParams('dataset=demo&columns=&rows=ssa&rows=ssa&f.level=2&f.level=2')), { dataset: 'demo', filters: { level: ['2'] }, rows: ['ssa'], columns: [], measures: [] });
});

test('layout problems name the field: no rows, unknown dimensions, a dimension twice, two columns, an unknown measure', () => {
  const dims = new Set(['ssa', 'level', 'region']);
  const p = (q: string) => layoutProblems(parseState(new URLSearchParams(q)), dims).map((x) => `${x.field}: ${x.text}`);
  assert.deepEqual(p('dataset=demo&rows=ssa'), []);
  assert.deepEqual(p('dataset=demo'), ['rows: Choose at least one dimension for the rows']);
  assert.deepEqual(p('dataset=demo&rows=ssa&f.nope=1'), ['rows: "nope" is not a dimension of this dataset']);
  assert.deepEqual(p('dataset=demo&rows=ssa&columns=ssa'), ['columns: "ssa" cannot be in both the rows and the columns']);
  assert.deepEqual(p('dataset=demo&rows=ssa&columns=level&columns=region'), ['columns: Choose one dimension for the columns, or none']);
  assert.deepEqual(p('dataset=demo&rows=ssa&measures=mean'), ['measures: "mean" is not a measure']);
});

test('the grid of an answer holds every cell in row-major order, its row totals and the perturbed total, never sums', async () => {
  const spec = { rows: ['ssa'], columns: ['level'], filters: {}, measures: ['people' as const, 'row_share' as const] };
  const r = await server.service.query('demo', spec);
  assert.ok(r.ok);
  const a = r.answer;
  const g = answerGrid(a);
  const [ssa, level] = a.dimensions;
  assert.equal(g.lines.length, ssa.categories.length);
  assert.equal(g.valueHeaders.length, level.categories.length * 2 + 1);
  assert.equal(g.series.length, level.categories.length);
  const cell = a.cells.find((c) => c.people > 0)!;
  const line = g.lines[ssa.categories.findIndex((c) => c.code === cell.keys[0])];
  const col = level.categories.findIndex((c) => c.code === cell.keys[1]);
  assert.equal(line.people[col], cell.people);
  assert.equal(line.values[col * 2], cell.people.toLocaleString('en-GB'));
  const rowTotal = a.rowTotals.find((t) => t.keys[0] === cell.keys[0])!;
  assert.equal(line.values.at(-1), rowTotal.people.toLocaleString('en-GB'));
  assert.equal(g.totals.values.at(-1), a.total.toLocaleString('en-GB'));
});

test('the API URL of a query is answered by the API with the same cells', async () => {
  const spec = { rows: ['level'], columns: ['type'], filters: { ssa: ['1', '4'] }, measures: ['people' as const] };
  const url = defaultApiUrl('demo', spec);
  assert.equal(url, '/api/v1/datasets/demo/query?rows=level&columns=type&filter.ssa=1%2C4&measures=people');
  const res = await server.app.inject({ method: 'GET', url });
  assert.equal(res.statusCode, 200, res.body);
  const r = await server.service.query('demo', spec);
  assert.ok(r.ok);
  assert.deepEqual(JSON.parse(res.body).cells, r.answer.cells);
});

test('hostile text in a title is escaped on the page', () => {
  const evil = '<script>alert("x")</script>&"\'';
  const html = qualificationPage(
    {
      dataset: 'demo',
      qualification: { id: 'abc', title: evil, people: 40, ssa: null, ssaTitle: null },
      region: null,
      people: 40,
      occupations: [{ soc: '92', title: evil, people: 40, share: 1, related: true }],
      relatedShare: 1,
      cluster: { id: 'c1', name: evil, members: [evil] },
    },
    [{ code: 'LN', label: evil }],
  );
  assert.ok(!html.includes('<script>alert'), 'no script element made from the title');
  assert.ok(html.includes('&lt;script>alert(&quot;x&quot;)&lt;/script>&amp;&quot;'), 'escaped as text (&lt; and &amp; are enough in text)');
  assert.equal((html.match(/<script/g) ?? []).length, 1, 'only the explorer script tag');
});
