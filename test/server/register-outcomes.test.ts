/**
 * The register's outcomes query on a real server over a demo dataset: a
 * role's key qualifications are found among the dataset's titles (case and
 * punctuation set aside), and where their holders went comes from the same
 * protected query the open data API answers, so no count is 1 or 2 and the
 * figures equal the API's own.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openRegister } from '../../src/store/register/open.js';
import type { RegisterStore } from '../../src/store/register/register-store.js';
import type { Qualification, Role } from '../../src/core/register/types.js';
import { emptyRegister } from '../../src/core/register/types.js';
import { call, demoStore, listen, type DemoStore, type Listening } from './helpers.js';

let demo: DemoStore;
let register: RegisterStore;
let server: Listening;
let titles: string[];

function qualification(id: string, title: string): Qualification {
  return { id, title, key: true, type: 'NVQ', awardingBody: null, level: 2, learningHours: null, unitCode: null, ssa: null, notes: null, source: null, sourceUrl: null, parts: [], prerequisites: [], areas: [], status: 'current', version: 1 };
}

before(async () => {
  demo = await demoStore(1500, 5);
  register = await openRegister({ engine: 'duckdb', path: join(demo.dir, 'register.duckdb') });
  server = await listen(demo.storePath, { register: { store: register, secureCookies: true } });
  const info = (await call(server.base, 'GET', '/api/v1/datasets/demo')).json as { dimensions: Array<{ id: string; categories: Array<{ code: string; label: string }> }> };
  titles = info.dimensions.find((d) => d.id === 'qualification')!.categories.slice(0, 2).map((c) => c.label);
  const data = emptyRegister();
  // The second title as a keeper might type it: other case, extra punctuation.
  data.qualifications = [qualification('Q1', titles[0]), qualification('Q2', `${titles[1].toUpperCase()}.`), qualification('Q3', 'A qualification nobody in the dataset holds')];
  const role: Role = { id: 'R1', name: 'Test role', notes: null, qualifications: data.qualifications.map((q) => ({ id: q.id, key: true })), status: 'current', version: 1 };
  data.roles = [role];
  await register.replaceAll({ name: 'cli:test', role: 'admin' }, data, 'test data');
});

after(async () => {
  await server?.close();
  await register?.close();
  demo?.remove();
});

test("a role's qualifications are matched to the dataset's titles, and their holders' occupations are the API's protected figures", async () => {
  const r = await call(server.base, 'GET', '/api/v1/register/queries/outcomes?target=R1&dataset=demo');
  assert.equal(r.status, 200, r.text);
  const o = r.json as { matches: Array<{ qualificationId: string; matches: Array<{ key: string; title: string }> }>; people: number; destinations: Array<{ soc: string; people: number }> };
  assert.deepEqual(o.matches.map((m) => [m.qualificationId, m.matches.map((t) => t.title)]), [['Q1', [titles[0]]], ['Q2', [titles[1]]], ['Q3', []]]);
  assert.ok(o.people > 0 && o.destinations.length > 0);
  for (const d of o.destinations) assert.ok(d.people === 0 || d.people >= 3, `no published 1 or 2 (${d.soc}: ${d.people})`);
  const keys = o.matches.flatMap((m) => m.matches.map((t) => t.key)).join(',');
  const api = (await call(server.base, 'GET', `/api/v1/datasets/demo/query?rows=soc_submajor&filter.qualification=${encodeURIComponent(keys)}`)).json as { total: number; cells: Array<{ keys: string[]; people: number }> };
  assert.equal(o.people, api.total);
  for (const d of o.destinations) assert.equal(d.people, api.cells.find((c) => c.keys[0] === d.soc)!.people, `the same figure as the API for ${d.soc}`);
});

test('the outcomes page shows the destinations and which titles were not found', async () => {
  const r = await call(server.base, 'GET', '/register/queries/outcomes?target=R1&dataset=demo');
  assert.equal(r.status, 200);
  assert.match(r.text, /id="destinations"/);
  assert.match(r.text, /2 of the 3 key qualifications/);
  assert.match(r.text, /not found/);
  assert.equal((await call(server.base, 'GET', '/register/queries/outcomes?target=R9')).status, 404);
});
