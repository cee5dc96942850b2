/**
 * The register in the open data API over real HTTP: records with their
 * version, saving with HTTP Basic credentials, 401/403 for the wrong people,
 * 409 with what changed when somebody saved first, 422 for an invalid
 * record, the queries as JSON, and problem documents for every error.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { addAccount } from '../../src/store/register/accounts.js';
import type { RegisterStore } from '../../src/store/register/register-store.js';
import { registerProblems } from '../../src/server/api/problem-handler.js';
import { registerRegisterApi } from '../../src/server/register/api.js';
import { duckDbBackend, type Backend } from '../register/backends.js';
import { handRegister } from '../register/hand-register.js';

const PASSWORD = 'a long enough password';
let b: Backend;
let store: RegisterStore;
let app: FastifyInstance;
let base: string;

before(async () => {
  b = duckDbBackend();
  store = await (await b.fresh()).open();
  const root = { name: 'cli:test', role: 'admin' } as const;
  await store.replaceAll(root, handRegister(), 'test data');
  await addAccount(store, root, 'ann', 'editor', PASSWORD);
  await addAccount(store, root, 'val', 'viewer', PASSWORD);
  app = Fastify();
  await app.register(rateLimit, { global: false });
  registerProblems(app);
  await app.register((api, _o, done) => {
    registerRegisterApi(api, store);
    done();
  }, { prefix: '/api/v1/register' });
  base = (await app.listen({ host: '127.0.0.1', port: 0 })) + '/api/v1/register';
});

after(async () => {
  await app?.close();
  await store?.close();
  await b?.cleanup();
});

const auth = (name: string, password = PASSWORD) => ({ authorization: `Basic ${Buffer.from(`${name}:${password}`).toString('base64')}` });
const put = (id: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}/records/${id}`, { method: 'PUT', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });

async function problem(res: Response, status: number): Promise<{ type: string; detail: string; errors?: Array<{ field: string }> }> {
  assert.equal(res.status, status);
  assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
  return (await res.json()) as { type: string; detail: string; errors?: Array<{ field: string }> };
}

test('a record comes with its version as an ETag; saving it with an editor account gives the next version', async () => {
  const res = await fetch(`${base}/records/Q2`);
  assert.equal(res.headers.get('etag'), '"1"');
  const q2 = (await res.json()) as Record<string, unknown>;
  const saved = await put('Q2', { ...q2, learningHours: 130 }, auth('ann'));
  assert.equal(saved.status, 200);
  assert.equal(((await saved.json()) as { version: number }).version, 2);
});

test('no credentials is 401, a wrong password 401, a viewer 403; nothing is written', async () => {
  const q3 = (await (await fetch(`${base}/records/Q3`)).json()) as Record<string, unknown>;
  await problem(await put('Q3', { ...q3, notes: 'x' }), 401);
  await problem(await put('Q3', { ...q3, notes: 'x' }, auth('ann', 'not the password')), 401);
  await problem(await put('Q3', { ...q3, notes: 'x' }, auth('val')), 403);
  assert.equal((await store.get('Q3')).version, 1);
});

test('saving over a newer version is 409 naming the fields that changed; an invalid record is 422 naming its field', async () => {
  const old = (await (await fetch(`${base}/records/Q4`)).json()) as Record<string, unknown>;
  assert.equal((await put('Q4', { ...old, title: 'Certificate in Care (revised)' }, auth('ann'))).status, 200);
  const conflict = await problem(await put('Q4', { ...old, learningHours: 99 }, auth('ann')), 409);
  assert.ok(conflict.errors?.some((e) => e.field === 'title'));
  assert.equal(((await store.get('Q4')) as { learningHours: number }).learningHours, 120);
  const now = (await (await fetch(`${base}/records/Q4`)).json()) as Record<string, unknown>;
  const invalid = await problem(await put('Q4', { ...now, level: 12 }, auth('ann')), 422);
  assert.ok(invalid.errors?.some((e) => e.field === 'level'));
});

test('the queries answer as JSON; an unknown id is a 404 problem and a malformed one a 400', async () => {
  const a3 = (await (await fetch(`${base}/queries/annexe3?clustering=G1`)).json()) as { total: number; clusters: unknown[] };
  assert.equal(a3.clusters.length, 1, "the seed leaves out a cluster with no qualifications");
  assert.ok(a3.total > 0);
  const cov = (await (await fetch(`${base}/queries/coverage?target=R1&framework=F1`)).json()) as { gaps: string[] };
  assert.deepEqual(cov.gaps, ['A3', 'A4']);
  await problem(await fetch(`${base}/queries/coverage?target=R99&framework=F1`), 404);
  await problem(await fetch(`${base}/records/${encodeURIComponent("Q1' OR 1=1")}`), 400);
  const exported = (await (await fetch(`${base}/export`)).json()) as { format: string };
  assert.equal(exported.format, 'routeways-register');
});
