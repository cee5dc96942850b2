/**
 * Contract: every endpoint of the OpenAPI document is called over real HTTP
 * (127.0.0.1) with good and bad requests, and every response, errors
 * included, is validated with ajv against the schema the document gives for
 * its path, method, status and content type. Every path must be exercised
 * with a success and an error.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { join } from 'node:path';
import { addAccount } from '../../src/store/register/accounts.js';
import { openRegister } from '../../src/store/register/open.js';
import type { RegisterStore } from '../../src/store/register/register-store.js';
import { handRegister } from '../register/hand-register.js';
import { call, demoStore, listen, type Answer, type DemoStore, type Listening } from './helpers.js';

interface Operation {
  responses: Record<string, { content?: Record<string, { schema: object }> }>;
}
type Doc = { openapi: string; paths: Record<string, Record<string, Operation>> };

let demo: DemoStore;
let api: Listening;
let doc: Doc;
let register: RegisterStore;
const PASSWORD = 'a long enough password';
const ajv = new Ajv2020({ strict: false, allErrors: true });
const seen = new Map<string, Set<number>>();

before(async () => {
  demo = await demoStore();
  register = await openRegister({ engine: 'duckdb', path: join(demo.dir, 'register.duckdb') });
  const root = { name: 'cli:test', role: 'admin' } as const;
  await register.replaceAll(root, handRegister(), 'test data');
  await addAccount(register, root, 'ann', 'editor', PASSWORD);
  await addAccount(register, root, 'val', 'viewer', PASSWORD);
  api = await listen(demo.storePath, { permalinks: `${demo.dir}/permalinks`, register: { store: register } });
  doc = (await call(api.base, 'GET', '/api/v1/openapi.json')).json as Doc;
});

after(async () => {
  await api?.close();
  await register?.close();
  demo?.remove();
});

/** The document's path template a concrete path matches. */
function template(path: string): string {
  const bare = path.split('?')[0]!;
  const found = Object.keys(doc.paths).filter((t) => new RegExp(`^${t.replace(/\./g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`).test(bare));
  // A literal suffix (.csv) wins over a parameter that could hold it.
  found.sort((a, b) => b.replace(/\{[^}]+\}/g, '').length - a.replace(/\{[^}]+\}/g, '').length);
  assert.ok(found[0], `no path of the OpenAPI document matches ${bare}`);
  return found[0]!;
}

/** Call, then validate the response against the document. */
async function checked(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await call(api.base, method, path, body, headers);
  const t = template(path);
  const op = doc.paths[t]?.[method.toLowerCase()];
  assert.ok(op, `${method} ${t} is not in the OpenAPI document`);
  const response = op.responses[String(res.status)];
  assert.ok(response, `${method} ${path} answered ${res.status}, which the document does not list for ${t}: ${res.text.slice(0, 200)}`);
  const mediaType = res.type.split(';')[0]!.trim();
  const media = response.content?.[mediaType];
  assert.ok(media, `${method} ${path} answered ${res.status} as ${mediaType}, not a content type the document lists (${Object.keys(response.content ?? {}).join(', ')})`);
  const value = mediaType.includes('json') ? res.json : res.text;
  const validate = ajv.compile(media.schema);
  assert.ok(validate(value), `${method} ${path} ${res.status}: ${ajv.errorsText(validate.errors)}\n${res.text.slice(0, 300)}`);
  const key = `${method.toUpperCase()} ${t}`;
  if (!seen.has(key)) seen.set(key, new Set());
  seen.get(key)!.add(res.status);
  return res;
}

test('the OpenAPI document is 3.1 and lists every endpoint of the API', () => {
  assert.match(doc.openapi, /^3\.1\./);
  for (const p of ['/api/v1/datasets', '/api/v1/datasets/{id}', '/api/v1/datasets/{id}/tables', '/api/v1/datasets/{id}/query', '/api/v1/qualifications', '/api/v1/occupations', '/api/v1/permalinks']) {
    assert.ok(doc.paths[p], `${p} missing from the document`);
  }
});

test('every response of every endpoint, errors included, matches the OpenAPI document', async () => {
  const ds = (await checked('GET', '/api/v1/datasets')).json as { datasets: Array<{ id: string }> };
  assert.deepEqual(ds.datasets.map((d) => d.id), ['demo']);
  const info = (await checked('GET', '/api/v1/datasets/demo')).json as { dimensions: Array<{ id: string; categories: Array<{ code: string }> }> };
  await checked('GET', '/api/v1/datasets/missing');
  await checked('GET', '/api/v1/datasets/bad%20id');
  const tables = (await checked('GET', '/api/v1/datasets/demo/tables')).json as { tables: Array<{ id: string }> };
  assert.ok(tables.tables.length > 0, 'the demo has published tables');
  await checked('GET', '/api/v1/datasets/missing/tables');
  await checked('GET', `/api/v1/datasets/demo/tables/${tables.tables[0]!.id}`);
  const csvTable = await checked('GET', `/api/v1/datasets/demo/tables/${tables.tables[0]!.id}.csv`);
  assert.match(csvTable.type, /^text\/csv/);
  await checked('GET', '/api/v1/datasets/demo/tables/no-such-table');
  const region0 = info.dimensions.find((d) => d.id === 'region')!.categories[0]!.code;
  await checked('GET', `/api/v1/datasets/demo/tables?region=${region0}`);
  await checked('GET', `/api/v1/datasets/demo/tables/${tables.tables[0]!.id}.csv?region=${region0}`);
  await checked('GET', '/api/v1/datasets/demo/tables?region=ZZ');
  await checked('GET', '/api/v1/datasets/demo/tables?region=..%2F');
  assert.ok(info.dimensions.some((d) => d.id === 'cluster'), 'the cluster dimension is offered');
  await checked('GET', '/api/v1/datasets/demo/query?rows=cluster&columns=region&measures=people,row_share');

  await checked('GET', '/api/v1/datasets/demo/query?rows=ssa&columns=region&measures=people,row_share,column_share&filter.level=2,3');
  await checked('GET', '/api/v1/datasets/demo/query.csv?rows=level');
  await checked('GET', '/api/v1/datasets/demo/query?rows=ssa', undefined, { accept: 'text/csv' });
  await checked('GET', '/api/v1/datasets/demo/query?rows=qualification&columns=occupation'); // 422: too many cells
  await checked('GET', '/api/v1/datasets/demo/query.csv?rows=qualification&columns=occupation');
  await checked('GET', '/api/v1/datasets/demo/query?columns=ssa'); // 400: rows missing
  await checked('GET', '/api/v1/datasets/missing/query?rows=ssa');
  await checked('POST', '/api/v1/datasets/demo/query', { rows: ['ssa'], columns: ['region'], filters: { level: ['2', '3'] }, measures: ['people', 'row_share'] });
  await checked('POST', '/api/v1/datasets/demo/query.csv', { rows: ['soc_major'], measures: ['people', 'column_share'] });
  await checked('POST', '/api/v1/datasets/demo/query', { rows: ['no_such_dimension'] });
  await checked('POST', '/api/v1/datasets/demo/query', { rows: 'ssa' });
  await checked('POST', '/api/v1/datasets/demo/query.csv', { rows: ['ssa'], extra: true });
  await checked('POST', '/api/v1/datasets/demo/query.csv', { rows: ['ssa', 'level', 'type', 'soc_major'] }); // 422: too many dimensions

  const hits = (await checked('GET', '/api/v1/qualifications?search=care')).json as { qualifications: Array<{ id: string }> };
  assert.ok(hits.qualifications.length > 0);
  await checked('GET', '/api/v1/qualifications?search=');
  await checked('GET', '/api/v1/qualifications?dataset=missing&search=care');
  const q = hits.qualifications[0]!.id;
  const region = info.dimensions.find((d) => d.id === 'region')!.categories[0]!.code;
  await checked('GET', `/api/v1/qualifications/${q}/destinations`);
  await checked('GET', `/api/v1/qualifications/${q}/destinations?region=${region}`);
  await checked('GET', `/api/v1/qualifications/${q}/destinations.csv`);
  await checked('GET', '/api/v1/qualifications/000000000000/destinations');
  await checked('GET', '/api/v1/qualifications/000000000000/destinations.csv');
  await checked('GET', '/api/v1/qualifications/NOTANID/destinations');
  await checked('GET', `/api/v1/qualifications/${q}/destinations?region=ZZ`);

  const occ = (await checked('GET', '/api/v1/occupations?search=care')).json as { occupations: Array<{ soc: string }> };
  assert.ok(occ.occupations.length > 0);
  await checked('GET', '/api/v1/occupations');
  await checked('GET', `/api/v1/occupations/${occ.occupations[0]!.soc}/routes`);
  await checked('GET', `/api/v1/occupations/${occ.occupations[0]!.soc}/routes.csv?region=${region}`);
  await checked('GET', '/api/v1/occupations/99/routes');
  await checked('GET', '/api/v1/occupations/99/routes.csv');
  await checked('GET', '/api/v1/occupations/123/routes');

  const submajor = info.dimensions.find((d) => d.id === 'soc_submajor')!.categories[0]!.code;
  const moves = (await checked('GET', `/api/v1/occupations/${submajor}/moves`)).json as { movedIn: number; cameFrom: Array<{ people: number }>; wentTo: Array<{ people: number }> };
  for (const f of [...moves.cameFrom, ...moves.wentTo]) assert.ok(f.people >= 3, `a published move of ${f.people}: never 1 or 2`);
  await checked('GET', `/api/v1/occupations/${submajor}/moves?region=${region}`);
  await checked('GET', '/api/v1/occupations/99/moves');
  await checked('GET', '/api/v1/occupations/123/moves');
  const prog = (await checked('GET', '/api/v1/datasets/demo/progression')).json as { tables: Array<{ analysis?: string }> };
  assert.ok(prog.tables.length > 0 && prog.tables.every((t) => t.analysis === 'progression'), 'the demo has careers, so progression is published');
  await checked('GET', '/api/v1/datasets/missing/progression');

  const link = (await checked('POST', '/api/v1/permalinks', { dataset: 'demo', query: { rows: ['ssa'], columns: ['region'] } })).json as { id: string; url: string };
  await checked('POST', '/api/v1/permalinks', { dataset: 'demo', query: { rows: ['qualification'], columns: ['occupation'] } });
  await checked('POST', '/api/v1/permalinks', { dataset: 'demo' });
  await checked('POST', '/api/v1/permalinks', { dataset: 'missing', query: { rows: ['ssa'] } });
  await checked('GET', link.url);
  await checked('GET', `${link.url}.csv`);
  await checked('GET', '/api/v1/permalinks/0000000000000000');
  await checked('GET', '/api/v1/permalinks/..%2F..%2Fstore');

  const basic = (name: string, password = PASSWORD) => ({ authorization: `Basic ${Buffer.from(`${name}:${password}`).toString('base64')}` });
  await checked('GET', '/api/v1/register/search?q=care');
  await checked('GET', '/api/v1/register/search?q=');
  const q2 = (await checked('GET', '/api/v1/register/records/Q2')).json as Record<string, unknown>;
  await checked('GET', '/api/v1/register/records/Q999');
  await checked('GET', '/api/v1/register/records/Q2/history');
  await checked('GET', '/api/v1/register/records/X1/history');
  await checked('PUT', '/api/v1/register/records/Q2', { ...q2, notes: 'checked' }, basic('ann'));
  await checked('PUT', '/api/v1/register/records/Q2', { ...q2, notes: 'stale' }, basic('ann')); // 409
  await checked('PUT', '/api/v1/register/records/Q2', { ...q2, notes: 'x' }); // 401
  await checked('PUT', '/api/v1/register/records/Q2', { ...q2, notes: 'x' }, basic('val')); // 403
  await checked('PUT', '/api/v1/register/records/Q3', { ...((await call(api.base, 'GET', '/api/v1/register/records/Q3')).json as object), level: 12 }, basic('ann')); // 422
  await checked('GET', '/api/v1/register/export');
  await checked('GET', '/api/v1/register/export?x=1');
  for (const [path, bad] of [
    ['queries/annexe3?clustering=G1', 'queries/annexe3?clustering=G9'],
    ['queries/coverage?target=R1&framework=F1', 'queries/coverage?target=R9&framework=F1'],
    ['queries/gaps?framework=F1', 'queries/gaps?framework=F9'],
    ['queries/compare?framework=F1&clustering=G1', 'queries/compare?framework=F1'],
    ['queries/prerequisites?qualification=Q3', 'queries/prerequisites?qualification=Q99'],
    ['queries/outcomes?target=R1&dataset=demo', 'queries/outcomes?target=R1&dataset=missing'],
  ]) {
    await checked('GET', `/api/v1/register/${path}`);
    await checked('GET', `/api/v1/register/${bad}`);
  }

});

test('a client over the rate limit gets a 429 problem document the OpenAPI document describes', async () => {
  const limited = await listen(demo.storePath, { rateLimit: 3, permalinks: `${demo.dir}/permalinks` });
  try {
    const statuses: number[] = [];
    let last: Answer | undefined;
    for (let i = 0; i < 5; i++) {
      last = await call(limited.base, 'GET', '/api/v1/datasets');
      statuses.push(last.status);
    }
    assert.deepEqual(statuses, [200, 200, 200, 429, 429]);
    assert.match(last!.type, /^application\/problem\+json/);
    const schema = doc.paths['/api/v1/datasets']!.get!.responses['429']!.content!['application/problem+json']!.schema;
    const validate = ajv.compile(schema);
    assert.ok(validate(last!.json), ajv.errorsText(validate.errors));
    seen.get('GET /api/v1/datasets')?.add(429);
  } finally {
    await limited.close();
  }
});

test('the documentation page is served at /api/docs', async () => {
  const res = await call(api.base, 'GET', '/api/docs');
  assert.equal(res.status, 200);
  assert.match(res.text, /swagger-ui/i);
});

test('every path of the document was answered with a success and with an error', () => {
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const method of Object.keys(ops)) {
      const statuses = [...(seen.get(`${method.toUpperCase()} ${path}`) ?? [])];
      assert.ok(statuses.some((s) => s < 300), `${method} ${path} was never answered with success (${statuses.join(', ')})`);
      assert.ok(statuses.some((s) => s >= 400), `${method} ${path} was never answered with an error (${statuses.join(', ')})`);
    }
  }
});
