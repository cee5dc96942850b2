/**
 * The register's web pages over real HTTP on 127.0.0.1, on DuckDB and on
 * PostgreSQL: who may write, sessions and their cookie flags, CSRF, editing
 * with versions (two editors, one refused, nothing lost), history and
 * restore, and bulk import with its change report before anything is written.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { addAccount } from '../../src/store/register/accounts.js';
import type { RegisterStore } from '../../src/store/register/register-store.js';
import { registerRegisterWeb } from '../../src/server/register/routes.js';
import { duckDbBackend, POSTGRES_SKIP, POSTGRES_URL, postgresBackend, type Backend } from '../register/backends.js';
import { handRegister } from '../register/hand-register.js';

const ROOT = { name: 'cli:test', role: 'admin' } as const;
const PASSWORD = 'a long enough password';

/** A browser of one: keeps the cookies it is given, sends them back. */
class Client {
  cookies = new Map<string, string>();
  setCookies: string[] = [];
  constructor(readonly base: string) {}
  async send(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(this.base + path, { ...init, headers, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      this.setCookies.push(c);
      const [pair] = c.split(';');
      const eq = pair.indexOf('=');
      const value = pair.slice(eq + 1);
      if (value === '' || /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(pair.slice(0, eq));
      else this.cookies.set(pair.slice(0, eq), value);
    }
    return res;
  }
  async page(path: string): Promise<{ status: number; html: string; csrf: string }> {
    const res = await this.send(path);
    const html = await res.text();
    return { status: res.status, html, csrf: /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '' };
  }
  post(path: string, form: Record<string, string>): Promise<Response> {
    return this.send(path, { method: 'POST', body: new URLSearchParams(form), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  }
  async signIn(name: string): Promise<void> {
    const { csrf } = await this.page('/register/login');
    const res = await this.post('/register/login', { _csrf: csrf, name, password: PASSWORD });
    assert.equal(res.status, 303, `${name} signs in`);
  }
}

/** The fields of a record's edit form as they are filled in. */
function formOf(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) out[m[1]] = decode(m[2]);
  for (const m of html.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g)) out[m[1]] = decode(m[2]);
  return out;
}
const decode = (s: string) => s.replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');

function suite(name: string, backend: () => Backend, skip: string | false) {
  describe(`register pages on ${name}`, { skip }, () => {
    let b: Backend;
    let store: RegisterStore;
    let app: FastifyInstance;
    let base: string;
    before(async () => {
      b = backend();
      const made = await b.fresh();
      store = await made.open();
      await store.replaceAll(ROOT, handRegister(), 'test data');
      for (const [n, role] of [['ann', 'editor'], ['bob', 'editor'], ['val', 'viewer'], ['rita', 'editor']] as const) await addAccount(store, ROOT, n, role, PASSWORD);
      app = Fastify();
      await app.register(rateLimit, { global: false });
      await registerRegisterWeb(app, { store, secureCookies: true, loginLimit: 8 });
      base = await app.listen({ host: '127.0.0.1', port: 0 });
    });
    after(async () => {
      await app?.close();
      await store?.close();
      await b?.cleanup();
    });

    test('anyone can search and read; a page with a typed search escapes it', async () => {
      const c = new Client(base);
      const home = await c.page('/register?q=' + encodeURIComponent('care<script>'));
      assert.equal(home.status, 200);
      assert.match(home.html, /care&lt;script/);
      assert.doesNotMatch(home.html, /care<script/);
      const found = await c.page('/register?q=diploma');
      assert.match(found.html, /Diploma in Care/);
      const record = await c.page('/register/records/Q1');
      assert.match(record.html, /Certificate in Care/);
      assert.doesNotMatch(record.html, /id="edit"/, 'no edit button for anonymous readers');
    });

    test('the queries answer as pages: Annexe 3, coverage with its gaps, prerequisite routes; an unknown role is a 404', async () => {
      const c = new Client(base);
      const a3 = await c.page('/register/queries/annexe3?clustering=G1');
      assert.equal(a3.status, 200);
      assert.match(a3.html, /Care Worker/);
      assert.match(a3.html, /Sub total/);
      const cov = await c.page('/register/queries/coverage?target=R1&framework=F1');
      assert.match(cov.html, /Gaps \(no key qualification covers\)/);
      const covered = await c.page('/register/queries/coverage?target=R2&framework=F1');
      assert.equal((cov.html.match(/covered</g) ?? []).length > 0, true);
      assert.notEqual(cov.html, covered.html);
      const routes = await c.page('/register/queries/prerequisites?qualification=Q3');
      assert.match(routes.html, /What comes before it/);
      assert.equal((await c.page('/register/queries/coverage?target=R99&framework=F1')).status, 404);
      assert.match((await c.page('/register/queries')).html, /Ask the register/);
    });

    test('anonymous and viewer cannot write; a form without its CSRF token is refused', async () => {
      const anon = new Client(base);
      const edit = await anon.send('/register/records/Q1/edit');
      assert.equal(edit.status, 303);
      assert.match(edit.headers.get('location') ?? '', /^\/register\/login\?next=/);
      const { csrf } = await anon.page('/register/login');
      assert.equal((await anon.post('/register/records/Q1', { _csrf: csrf, version: '1', title: 'x' })).status, 401);
      const viewer = new Client(base);
      await viewer.signIn('val');
      const v = await viewer.page('/register/records/Q1');
      assert.equal((await viewer.post('/register/records/Q1', { _csrf: v.csrf, version: '1', title: 'x' })).status, 403);
      const editor = new Client(base);
      await editor.signIn('ann');
      assert.equal((await editor.post('/register/records/Q1', { version: '1', title: 'no token' })).status, 403);
      assert.equal((await store.get('Q1')).version, 1, 'nothing was written');
    });

    test('the session cookie is signed, HttpOnly, Secure, SameSite=Strict and scoped to /register; a forged one is ignored', async () => {
      const c = new Client(base);
      await c.signIn('ann');
      const session = c.setCookies.find((s) => s.startsWith('routeways_register='));
      assert.ok(session);
      for (const flag of [/HttpOnly/i, /Secure/i, /SameSite=Strict/i, /Path=\/register/i]) assert.match(session, flag);
      const forged = new Client(base);
      forged.cookies.set('routeways_register', encodeURIComponent(JSON.stringify({ n: 'eve', r: 'admin', e: Date.now() + 1e9 })));
      assert.equal((await forged.send('/register/records/Q1/edit')).status, 303, 'an unsigned cookie is not a session');
    });

    test('a wrong password is refused without saying which part was wrong, and sign-ins are rate limited', async () => {
      const c = new Client(base);
      const statuses: number[] = [];
      for (let i = 0; i < 9; i++) {
        const { csrf } = await c.page('/register/login');
        const res = await c.post('/register/login', { _csrf: csrf, name: 'rita', password: 'wrong password!' });
        statuses.push(res.status);
        if (i === 0) assert.match(await res.text(), /account name or password is not right/);
      }
      assert.deepEqual(statuses.slice(0, 8), Array(8).fill(401));
      assert.equal(statuses[8], 429);
    });

    test('two editors open Q2; the first saves, the second is refused with what changed, and nothing is lost', async () => {
      const ann = new Client(base);
      const bob = new Client(base);
      await ann.signIn('ann');
      await bob.signIn('bob');
      const a = await ann.page('/register/records/Q2/edit');
      const bb = await bob.page('/register/records/Q2/edit');
      const saved = await ann.post('/register/records/Q2', { ...formOf(a.html), title: 'Diploma in Adult Care' });
      assert.equal(saved.status, 303);
      const refused = await bob.post('/register/records/Q2', { ...formOf(bb.html), learning_hours: '150' });
      assert.equal(refused.status, 409);
      const body = await refused.text();
      assert.match(body, /Diploma in Adult Care/, 'the conflict shows what the other editor changed');
      assert.match(body, /value="150"/, "bob's edit is still in the form");
      const stored = await store.get('Q2');
      assert.equal((stored as { title: string }).title, 'Diploma in Adult Care');
      assert.equal((stored as { learningHours: number }).learningHours, 120, "bob's change was not written");
      const again = await bob.post('/register/records/Q2', { ...formOf(body), learning_hours: '150' });
      assert.equal(again.status, 303, 'saving again over the version now shown works');
      const both = (await store.get('Q2')) as { title: string; learningHours: number };
      assert.deepEqual([both.title, both.learningHours], ['Diploma in Adult Care', 150], "both editors' changes are kept");
    });

    test('an invalid field is shown against its field, with nothing saved', async () => {
      const ann = new Client(base);
      await ann.signIn('ann');
      const form = await ann.page('/register/records/Q5/edit');
      const res = await ann.post('/register/records/Q5', { ...formOf(form.html), level: 'Level 12', prerequisites: 'Q999' });
      assert.equal(res.status, 422);
      assert.match(await res.text(), /href="#f-level"/);
      assert.equal((await store.get('Q5')).version, 1);
    });

    test('add, retire and restore a record; the history lists every version with who made it', async () => {
      const ann = new Client(base);
      await ann.signIn('ann');
      const form = await ann.page('/register/new/module');
      const made = await ann.post('/register/new/module', { _csrf: form.csrf, version: '0', title: 'Safeguarding basics', level: 'Level 2', areas: 'A1' });
      assert.equal(made.status, 303);
      const id = /\/register\/records\/(M\d+)/.exec(made.headers.get('location') ?? '')![1];
      const page = await ann.page(`/register/records/${id}`);
      assert.equal((await ann.post(`/register/records/${id}/retire`, { _csrf: page.csrf, version: '1' })).status, 303);
      assert.equal((await store.get(id)).status, 'retired');
      const history = await ann.page(`/register/records/${id}`);
      assert.match(history.html, /Restore version 1/);
      assert.equal((await ann.post(`/register/records/${id}/restore`, { _csrf: history.csrf, version: '1', expected: '2' })).status, 303);
      const restored = await store.get(id);
      assert.equal(restored.status, 'current');
      assert.equal(restored.version, 3);
      assert.match((await ann.page(`/register/records/${id}`)).html, /<td class="govuk-table__cell">ann<\/td>/);
    });

    test('an import shows its change report and writes nothing until confirmed; a bad file names line and column', async () => {
      const ann = new Client(base);
      await ann.signIn('ann');
      const upload = async (name: string, text: string) => {
        const { csrf } = await ann.page('/register/import');
        const form = new FormData();
        form.append('file', new Blob([text], { type: 'text/csv' }), name);
        return ann.send(`/register/import?_csrf=${encodeURIComponent(csrf)}`, { method: 'POST', body: form });
      };
      const bad = await upload('qualifications.csv', 'id,title,level\nQ1,Certificate in Care,Level 99\n');
      assert.equal(bad.status, 422);
      assert.match(await bad.text(), /qualifications\.csv:2:3/);
      const before = JSON.stringify(await store.load());
      const preview = await upload('qualifications.csv', 'id,title,level\nQ1,Certificate in Care and Support,Level 2\n,Brand new award,Level 1\n');
      assert.equal(preview.status, 200);
      const html = await preview.text();
      assert.match(html, /1 new, 1\s*changed/);
      assert.equal(JSON.stringify(await store.load()), before, 'nothing is written by the preview');
      const token = /\/register\/import\/([0-9a-f]{32})/.exec(html)![1];
      const csrf = /name="_csrf" value="([^"]+)"/.exec(html)![1];
      const applied = await ann.post(`/register/import/${token}`, { _csrf: csrf });
      assert.equal(applied.status, 200);
      assert.match(await applied.text(), /2 records written/);
      assert.equal(((await store.get('Q1')) as { title: string }).title, 'Certificate in Care and Support');
      assert.equal((await ann.post(`/register/import/${token}`, { _csrf: csrf })).status, 404, 'an import applies once');
    });

    test('the export is the whole register as JSON', async () => {
      const res = await new Client(base).send('/register/export.json');
      const doc = (await res.json()) as { format: string; qualifications: unknown[] };
      assert.equal(doc.format, 'routeways-register');
      assert.equal(doc.qualifications.length, (await store.load()).qualifications.length);
    });
  });
}

suite('DuckDB', duckDbBackend, false);
suite('PostgreSQL', () => postgresBackend(POSTGRES_URL!), POSTGRES_SKIP);
