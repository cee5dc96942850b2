/**
 * `routeways serve`: with --open, the API server over a read-only store and
 * the sites given; without, a site as before; an unknown dataset is refused
 * naming the datasets the store has.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoStore, type DemoStore } from './helpers.js';

const MAIN = join(import.meta.dirname, '..', '..', 'src', 'cli', 'main.js');
let demo: DemoStore;
let site: string;

before(async () => {
  demo = await demoStore(800, 3);
  site = join(demo.dir, 'mysite');
  mkdirSync(site);
  writeFileSync(join(site, 'index.html'), '<!doctype html><title>A published site</title><h1>Published</h1>');
});

after(() => demo?.remove());

async function start(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /at (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) resolve(m[1]!);
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
  return { child, url };
}

async function stop(child: ChildProcess): Promise<number | null> {
  const done = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGINT');
  return done;
}

test('serve --open starts the API over the store read-only, with the site beside it, and stops on Ctrl+C', async () => {
  const { child, url } = await start(['--db', demo.storePath, 'serve', '--open', 'demo', '--port', '0', site]);
  try {
    const ds = (await (await fetch(`${url}/api/v1/datasets`)).json()) as { datasets: Array<{ id: string; people: number }> };
    assert.deepEqual(ds.datasets.map((d) => d.id), ['demo']);
    assert.ok(ds.datasets[0]!.people > 100);
    // A second process can serve the same store file at the same time (read-only).
    const second = await start(['--db', demo.storePath, 'serve', '--open', 'demo', '--port', '0']);
    try {
      const again = (await (await fetch(`${second.url}/api/v1/datasets`)).json()) as typeof ds;
      assert.deepEqual(again, ds);
    } finally {
      await stop(second.child);
    }
    const page = await fetch(`${url}/sites/mysite/`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Published/);
    assert.equal((await fetch(`${url}/sites/mysite/nothing-here.html`)).status, 404);
    const docs = await fetch(`${url}/api/docs`);
    assert.equal(docs.status, 200);
    assert.ok(docs.headers.get('x-content-type-options'), 'helmet sets security headers');
  } finally {
    assert.equal(await stop(child), 0);
  }
});

test('serve without --open still serves one published site', async () => {
  const { child, url } = await start(['serve', site, '--port', '0']);
  try {
    const res = await fetch(`${url}/`);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /Published/);
  } finally {
    await stop(child);
  }
});

test('serve --open with a dataset the store does not have is refused, naming the datasets it has', () => {
  const r = spawnSync(process.execPath, [MAIN, '--db', demo.storePath, 'serve', '--open', 'nosuch', '--port', '0'], { encoding: 'utf8' });
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /no dataset named 'nosuch'.*demo/);
});
