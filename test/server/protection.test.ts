/**
 * Protection: a crawler calls every endpoint over HTTP with valid parameters
 * (every qualification, every SOC group, every region, many queries) and with
 * fuzzed ones, and checks that no response holds a count of 1 or 2, a person
 * id or a record-level field, that the same cell has the same value wherever
 * it appears (search, destinations, routes, queries, the published report),
 * and that SQL-like and path-traversal inputs are refused by the schemas.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { call, demoStore, listen, type Answer, type DemoStore, type Listening } from './helpers.js';
import type { DatasetInfo, Destinations, QualificationHit, QueryAnswer, Routes } from '../../src/server/api/types.js';

let demo: DemoStore;
let api: Listening;
let info: DatasetInfo;
let ids: Set<string>;
const FORBIDDEN_FIELDS = /"(person_id|person_key|rkey|record_key|cell_key|secret|n)"\s*:/;

before(async () => {
  demo = await demoStore();
  ids = new Set(demo.personIds);
  api = await listen(demo.storePath, { permalinks: `${demo.dir}/permalinks`, rateLimit: 0 });
  info = (await get('/api/v1/datasets/demo')).json as DatasetInfo;
});

after(async () => {
  await api?.close();
  demo?.remove();
});

/** Every count of people in a JSON value: fields named people or total. */
function counts(x: unknown, out: number[] = []): number[] {
  if (Array.isArray(x)) for (const v of x) counts(v, out);
  else if (x && typeof x === 'object') {
    for (const [k, v] of Object.entries(x)) {
      if ((k === 'people' || k === 'total') && typeof v === 'number') out.push(v);
      else counts(v, out);
    }
  }
  return out;
}

/** The checks every response passes. */
function inspect(path: string, res: Answer): void {
  assert.ok(res.status < 500, `${path} answered ${res.status}: ${res.text.slice(0, 200)}`);
  assert.doesNotMatch(res.text, FORBIDDEN_FIELDS, `${path} holds a record-level field`);
  for (const token of res.text.split(/[^A-Za-z0-9]+/)) assert.ok(!ids.has(token), `${path} holds the person id ${token}`);
  if (res.json !== undefined) {
    const small = counts(res.json).filter((n) => n === 1 || n === 2);
    assert.deepEqual(small, [], `${path} holds a count of 1 or 2`);
  } else if (res.type.startsWith('text/csv')) {
    const [header, ...rows] = parse(res.text) as string[][];
    const col = header!.indexOf('people');
    for (const r of rows) assert.ok(col < 0 || !['1', '2'].includes(r[col]!), `${path}: a CSV count of 1 or 2 in ${r.join(',')}`);
  }
}

async function get(path: string): Promise<Answer> {
  const res = await call(api.base, 'GET', path);
  inspect(path, res);
  return res;
}

async function post(path: string, body: unknown): Promise<Answer> {
  const res = await call(api.base, 'POST', path, body);
  inspect(path, res);
  return res;
}

const categories = (id: string) => info.dimensions.find((d) => d.id === id)!.categories.map((c) => c.code);

test('the crawl finds no count of 1 or 2, no person id, and the same cell with the same value everywhere', async () => {
  const regions = categories('region');
  const quals = categories('qualification');
  const socs = [...categories('soc_major'), ...categories('soc_submajor')];
  const qualPeople = new Map<string, number>();
  const linkPeople = new Map<string, number>(); // qualification x SOC sub-major group (x region)
  const note = (map: Map<string, number>, key: string, value: number, where: string) => {
    const before = map.get(key);
    if (before !== undefined) assert.equal(value, before, `${key} is ${before} in one place and ${value} in ${where}`);
    map.set(key, value);
  };

  for (const text of ['care', 'and', 'a', 'level', 'diploma']) {
    for (const h of ((await get(`/api/v1/qualifications?search=${text}`)).json as { qualifications: QualificationHit[] }).qualifications) note(qualPeople, h.id, h.people, 'search');
  }
  for (const [i, q] of quals.entries()) {
    for (const region of i < 12 ? [null, ...regions] : [null]) {
      const d = (await get(`/api/v1/qualifications/${q}/destinations${region ? `?region=${region}` : ''}`)).json as Destinations;
      if (region === null) note(qualPeople, q, d.people, `destinations of ${q}`);
      for (const o of d.occupations) note(linkPeople, `${q}|${o.soc}|${region ?? ''}`, o.people, `destinations of ${q}`);
    }
  }
  for (const soc of socs.filter((s) => s.length === 2)) {
    for (const region of [null, ...regions]) {
      const r = (await get(`/api/v1/occupations/${soc}/routes${region ? `?region=${region}` : ''}`)).json as Routes;
      for (const q of r.qualifications) note(linkPeople, `${q.id}|${soc}|${region ?? ''}`, q.people, `routes of ${soc}`);
    }
  }
  for (const soc of socs.filter((s) => s.length === 1)) await get(`/api/v1/occupations/${soc}/routes`);
  // The query agrees with the explorer's figures: a qualification's holders by SOC sub-major group.
  let queried = 0;
  for (const q of quals.slice(0, 10)) {
    const res = await post('/api/v1/datasets/demo/query', { rows: ['soc_submajor'], filters: { qualification: [q] } });
    if (res.status !== 200) continue; // refused (sparse or small): nothing to compare
    for (const c of (res.json as QueryAnswer).cells) if (c.people > 0) note(linkPeople, `${q}|${c.keys[0]}|`, c.people, 'the query');
    queried++;
  }
  assert.ok(queried > 0, 'some qualification was answered by the query');
  assert.ok(qualPeople.size >= quals.length && linkPeople.size > 50, `crawled ${qualPeople.size} qualifications and ${linkPeople.size} links`);

  // Crossing the same dimensions in either order, or filtering, gives the same figures.
  const byRegion = new Map<string, number>();
  const a = (await get('/api/v1/datasets/demo/query?rows=ssa&columns=region')).json as QueryAnswer;
  for (const c of a.cells) note(byRegion, `${c.keys[0]}|${c.keys[1]}`, c.people, 'ssa x region');
  const b = (await get('/api/v1/datasets/demo/query?rows=region&columns=ssa')).json as QueryAnswer;
  for (const c of b.cells) note(byRegion, `${c.keys[1]}|${c.keys[0]}`, c.people, 'region x ssa');
  for (const region of regions) {
    const f = await get(`/api/v1/datasets/demo/query?rows=ssa&filter.region=${region}`);
    if (f.status !== 200) continue; // a small region may be refused
    for (const c of (f.json as QueryAnswer).cells) note(byRegion, `${c.keys[0]}|${region}`, c.people, `ssa in ${region}`);
  }
});

test('every fixed dimension alone, with region, and every pair of them answers without a 1 or 2', async () => {
  const fixed = ['ssa', 'level', 'type', 'soc_major', 'soc_submajor', 'employment_type', 'age_band', 'sex'];
  let answered = 0;
  for (const r of fixed) {
    for (const c of [undefined, 'region', ...fixed.filter((x) => x !== r)]) {
      const res = await get(`/api/v1/datasets/demo/query?rows=${r}${c ? `&columns=${c}` : ''}&measures=people,row_share,column_share`);
      assert.ok(res.status === 200 || res.status === 422, `${r} x ${c}: ${res.status}`);
      if (res.status === 200) answered++;
    }
  }
  assert.ok(answered > 20, `${answered} queries answered`);
});

test('a figure of the API equals the same figure in the published report', async () => {
  const tables = (await get('/api/v1/datasets/demo/tables')).json as { tables: Array<{ id: string }> };
  assert.ok(tables.tables.length > 0);
  const release = await api.server.service.release('demo');
  assert.ok(release?.network, 'the clusters analysis published its network');
  const titles = new Map(info.dimensions.find((d) => d.id === 'qualification')!.categories.map((c) => [c.label, c.code]));
  let compared = 0;
  for (const node of release.network.nodes.filter((n) => n.side === 'qualification')) {
    const id = titles.get(node.label);
    if (!id) continue;
    const d = (await get(`/api/v1/qualifications/${id}/destinations`)).json as Destinations;
    assert.equal(d.people, node.people, `${node.label}: ${d.people} from the API, ${node.people} in the report's network`);
    compared++;
  }
  assert.ok(compared > 10, `${compared} qualifications compared with the report`);
});

test('fuzzed parameters get a success or a 4xx problem document, never a 500 or a small count', async () => {
  const text = fc.string({ minLength: 0, maxLength: 30, unit: fc.constantFrom(...'ab1 \'";-/.%*=()&<>\\_,:'.split('')) });
  await fc.assert(
    fc.asyncProperty(text, text, fc.constantFrom('qualifications', 'occupations'), async (a, b, side) => {
      const q = encodeURIComponent(a);
      for (const path of [`/api/v1/${side}?search=${q}`, `/api/v1/qualifications/${q}/destinations?region=${encodeURIComponent(b)}`, `/api/v1/occupations/${q}/routes`, `/api/v1/datasets/${q}`, `/api/v1/datasets/demo/query?rows=${q}&filter.${encodeURIComponent(b)}=${q}`]) {
        const res = await get(path);
        if (res.status >= 400) assert.match(res.type, /^application\/problem\+json/, path);
      }
      await post('/api/v1/datasets/demo/query', { rows: [a], filters: { ssa: [b] } });
    }),
    { numRuns: 60, seed: 11 },
  );
});

test('SQL-like and path-traversal inputs are refused by the schemas with 400 (or do not route)', async () => {
  const evil = ["care' OR '1'='1", 'x; DROP TABLE people', 'care--', 'a/*b*/', '../../etc/passwd', '..%2F..%2Fstore.duckdb', '"quoted"'];
  for (const e of evil) {
    const q = encodeURIComponent(e);
    for (const path of [`/api/v1/qualifications?search=${q}`, `/api/v1/occupations?search=${q}`, `/api/v1/qualifications/${q}/destinations`, `/api/v1/occupations/${q}/routes`, `/api/v1/datasets/${q}`, `/api/v1/permalinks/${q}`, `/api/v1/datasets/demo/tables/${q}`]) {
      const res = await get(path);
      assert.ok(res.status === 400 || res.status === 404, `${path} answered ${res.status}`);
      if (res.status === 404) assert.doesNotMatch(res.text, /people|passwd|duckdb/i, `${path}: the 404 says nothing of the data`);
    }
    const body = await post('/api/v1/datasets/demo/query', { rows: ['ssa'], filters: { ssa: [e] } });
    assert.equal(body.status, 400, `filter ${e}: ${body.text.slice(0, 200)}`);
  }
  // SQL made of plain words is only ever text: searched for as a title (bound, never run), refused as a code.
  const words = encodeURIComponent('1 UNION SELECT person_id FROM people');
  assert.deepEqual(((await get(`/api/v1/qualifications?search=${words}`)).json as { qualifications: unknown[] }).qualifications, []);
  assert.equal((await get(`/api/v1/qualifications/${words}/destinations`)).status, 400);
  assert.equal((await post('/api/v1/datasets/demo/query', { rows: ['ssa'], filters: { ssa: ['1 UNION SELECT person_id FROM people'] } })).status, 422);
  // Plain traversal in the path never reaches a file.
  const raw = await call(api.base, 'GET', '/api/v1/../../../etc/passwd');
  assert.notEqual(raw.status, 200);
});

test('queries that break the rules are refused with 422 saying why and what to change', async () => {
  const quals = categories('qualification');
  const occs = categories('occupation');
  const cases: Array<[unknown, string]> = [
    [{ rows: ['ssa', 'level', 'type', 'soc_major'] }, 'too-many-dimensions'],
    [{ rows: ['qualification'], columns: ['occupation'] }, 'too-many-cells'],
    [{ rows: ['qualification'], columns: ['occupation'], filters: { qualification: quals.slice(0, 25), occupation: occs.slice(0, 60) } }, 'sparse'],
    [{ rows: ['ssa'], filters: { qualification: [quals.at(-1)!], region: [categories('region')[0]!] } }, 'small-population'],
    [{ rows: ['ssa'], filters: { ssa: ['99'] } }, 'unknown-category'],
  ];
  for (const [body, rule] of cases) {
    const res = await post('/api/v1/datasets/demo/query', body);
    assert.equal(res.status, 422, `${JSON.stringify(body).slice(0, 100)}: ${res.text.slice(0, 200)}`);
    const doc = res.json as { detail: string; refusals: Array<{ rule: string; fix: string }> };
    assert.ok(doc.refusals.some((r) => r.rule === rule), `${rule} expected, got ${doc.refusals.map((r) => r.rule).join(', ')}`);
    assert.ok(doc.refusals.every((r) => r.fix.length > 0));
  }
});

test('a field excluded in the policy cannot be queried', async () => {
  const strict = await listen(demo.storePath, { rules: { excludedFields: ['sex'], excludedCombinations: [['ethnicity_group', 'region']] }, rateLimit: 0 });
  try {
    const a = await call(strict.base, 'POST', '/api/v1/datasets/demo/query', { rows: ['ssa'], filters: { sex: ['female'] } });
    assert.equal(a.status, 422);
    assert.match(a.text, /sex may not be used/);
    const b = await call(strict.base, 'GET', '/api/v1/datasets/demo/query?rows=ethnicity_group&columns=region');
    assert.equal(b.status, 422);
    assert.match(b.text, /ethnicity_group and region may not be used together/);
    assert.equal((await call(strict.base, 'GET', '/api/v1/datasets/demo/query?rows=ethnicity_group')).status, 200);
  } finally {
    await strict.close();
  }
});

test('a permalink serves the same answer later, from another server process on the same store', async () => {
  const spec = { rows: ['soc_major'], columns: ['region'], measures: ['people', 'row_share'] };
  const made = await post('/api/v1/permalinks', { dataset: 'demo', query: spec });
  assert.equal(made.status, 201);
  const link = made.json as { url: string; answer: QueryAnswer };
  const direct = (await post('/api/v1/datasets/demo/query', spec)).json as QueryAnswer;
  assert.deepEqual(link.answer.cells, direct.cells);
  const other = await listen(demo.storePath, { permalinks: `${demo.dir}/permalinks`, rateLimit: 0 });
  try {
    const again = await call(other.base, 'GET', link.url);
    assert.equal(again.status, 200);
    assert.deepEqual((again.json as { answer: QueryAnswer }).answer, link.answer);
  } finally {
    await other.close();
  }
});
