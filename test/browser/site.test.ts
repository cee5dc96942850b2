/**
 * The published site in a real browser (Debian's Chromium through
 * playwright-core): demo extract -> import -> publish (clusters, pathways,
 * protect) -> served on an ephemeral localhost port. Checks the pages load
 * without console errors, the map draws nodes, search focuses a node, a CSV
 * download matches the release, axe-core finds no serious or critical
 * violations, and the report works from file:// too.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { generateDemoExtract } from '../../src/demo/generate.js';
import { importExtract } from '../../src/ingest/import.js';
import { openStore } from '../../src/store/database.js';
import { publishDataset, type PublishResult } from '../../src/pipeline/publish.js';
import { tableCsv } from '../../src/site/downloads.js';
import { formatCount, formatShare } from '../../src/site/format.js';
import { headline } from '../../src/site/headlines.js';
import type { MapData } from '../../src/site/map-data.js';
import { serveSite, type RunningSite } from '../../src/server/static-site.js';
import { renderPdfs } from '../../src/site/pdf.js';

const CHROMIUM = '/usr/bin/chromium';
const skip = existsSync(CHROMIUM) ? false : `Chromium is not installed at ${CHROMIUM} (apt-get install chromium)`;
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let work: string;
let result: PublishResult;
let served: RunningSite;
let browser: Browser;

before(async () => {
  if (skip) return;
  work = mkdtempSync(join(tmpdir(), 'rw-browser-'));
  await generateDemoExtract(join(work, 'extract'), { seed: 3, people: 3000 });
  const store = await openStore(join(work, 'store.duckdb'));
  try {
    await importExtract(store, join(work, 'extract'), { name: 'demo' });
    result = await publishDataset(store, 'demo', {
      out: join(work, 'site'),
      regions: ['LN'],
      options: { clusters: { bootstrap: 5, restarts: 2 } },
    });
  } finally {
    store.close();
  }
  served = await serveSite(join(work, 'site'), { port: 0 });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
});

after(async () => {
  await browser?.close();
  await served?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Opens a page and collects console errors and uncaught exceptions. */
async function open(url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url, { waitUntil: 'load' });
  return { page, errors };
}

async function mapReady(page: Page): Promise<void> {
  await page.waitForSelector('#map-canvas[data-ready="true"]', { timeout: 15_000 });
}

function embeddedMap(code: string): MapData {
  const html = readFileSync(join(work, 'site', 'reports', `${code}.html`), 'utf8');
  return JSON.parse(html.match(/id="routeways-map-data">([\s\S]*?)<\/script>/)![1]) as MapData;
}

async function axeSerious(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: unknown }> }> }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, where: JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target)) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}) at ${v.where}`);
}

test('the index lists every report with its code and loads without console errors', { skip }, async () => {
  const { page, errors } = await open(served.url);
  const codes = await page.$$eval('table[data-table="reports"] tbody tr', (rows) => rows.map((r) => r.getAttribute('data-code')));
  assert.deepEqual(codes, result.site.reports.map((r) => r.code));
  assert.deepEqual(codes, ['RS01ALL', 'RS01LN']);
  assert.equal(await page.textContent('table[data-table="reports"] tbody tr[data-code="RS01LN"] a'), 'London');
  // Headline figures come from the release: people analysed and clear pathways.
  const all = result.releases.find((r) => r.region === null)!;
  const pathways = headline(all, 'clear-pathways')!.items!;
  assert.ok(pathways.length > 0, 'the demo has clear pathways');
  const row = (await page.textContent('tr[data-code="RS01ALL"]'))!;
  const people = headline(all, 'people')!.figure!;
  assert.ok(people.kind === 'count' && row.includes(formatCount(people.value)), row);
  const top = pathways[0]!;
  assert.ok(top.figure?.kind === 'share' && row.includes(`${top.text} (${formatShare(top.figure.value)})`), row);
  await page.click('text=London');
  await page.waitForURL(/reports\/RS01LN(\.html)?$/);
  await mapReady(page);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the report page draws the map: nodes in the graph and a screenshot with many colours', { skip }, async () => {
  const { page, errors } = await open(`${served.url}reports/RS01ALL.html`);
  await mapReady(page);
  const expected = embeddedMap('RS01ALL');
  assert.ok(expected.nodes.length > 10, 'the demo map has nodes');
  assert.equal(await page.getAttribute('#map-canvas', 'data-nodes'), String(expected.nodes.length));
  await page.waitForTimeout(300);
  const shot = await (await page.$('#map-canvas'))!.screenshot();
  // Decode the PNG in the page (a 2D canvas) and count colours and non-white pixels.
  const stats = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    const colours = new Set<number>();
    let ink = 0;
    for (let i = 0; i < d.length; i += 4) {
      colours.add(((d[i] >> 4) << 8) | ((d[i + 1] >> 4) << 4) | (d[i + 2] >> 4));
      if (d[i] < 230 || d[i + 1] < 230 || d[i + 2] < 230) ink++;
    }
    return { colours: colours.size, ink: ink / (d.length / 4) };
  }, shot.toString('base64'));
  assert.ok(stats.colours >= 8, `map screenshot has ${stats.colours} colours`);
  assert.ok(stats.ink > 0.01, `map screenshot is ${(stats.ink * 100).toFixed(2)}% ink`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('searching for a node focuses it and shows its links and counts in the side panel', { skip }, async () => {
  const { page, errors } = await open(`${served.url}reports/RS01ALL.html`);
  await mapReady(page);
  const map = embeddedMap('RS01ALL');
  const linked = new Set(map.links.map((l) => l.source));
  const target = [...map.nodes].sort((a, b) => b.people - a.people).find((n) => linked.has(n.id)) ?? map.nodes[0];
  await page.fill('#map-search', target.label);
  await page.press('#map-search', 'Enter');
  await page.waitForFunction((id) => document.getElementById('map-canvas')?.dataset.selected === id, target.id);
  assert.equal(await page.textContent('#map-panel-body h4'), target.label);
  const panel = (await page.textContent('#map-panel-body'))!;
  assert.ok(panel.includes(target.people.toLocaleString('en-GB')), 'people shown');
  assert.match((await page.textContent('#map-search-status'))!, new RegExp(`Showing`));
  const links = map.links.filter((l) => l.source === target.id || l.target === target.id);
  assert.equal(await page.locator('#map-panel-body li').count(), links.length);
  // The camera moved in (zoomed) towards the node.
  const ratio = await page.evaluate(() => (window as unknown as { routewaysMap: { renderer: { getCamera(): { ratio: number } } } }).routewaysMap.renderer.getCamera().ratio);
  await page.waitForTimeout(500);
  assert.ok(ratio <= 1, `camera ratio ${ratio}`);
  // Keyboard: Escape clears the selection, + zooms.
  await page.focus('#map-canvas');
  await page.keyboard.press('Escape');
  assert.equal(await page.getAttribute('#map-canvas', 'data-selected'), '');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the regional map draws links (the cell key method), and the details panel shows their perturbed counts', { skip }, async () => {
  const { page, errors } = await open(`${served.url}reports/RS01LN.html`);
  await mapReady(page);
  const map = embeddedMap('RS01LN');
  const release = result.releases.find((r) => r.region === 'LN')!;
  assert.equal(release.policy.method, 'perturbation');
  assert.ok(map.links.length > 20, `London's map draws ${map.links.length} links`);
  // Every link drawn is a perturbed count above zero, never 1 or 2, equal to the release's.
  const published = new Map(release.network!.links.map((l) => [`${l.source}|${l.target}`, l.people]));
  for (const l of map.links) {
    assert.ok(l.people >= 3, `${l.source}-${l.target}: ${l.people}`);
    assert.equal(l.people, published.get(`${l.source}|${l.target}`));
  }
  const degree = (id: string) => map.links.filter((l) => l.source === id || l.target === id).length;
  const unique = map.nodes.filter((n) => map.nodes.filter((m) => m.label === n.label).length === 1);
  const node = [...unique].sort((a, b) => degree(b.id) - degree(a.id))[0]!;
  await page.fill('#map-search', node.label);
  await page.press('#map-search', 'Enter');
  await page.waitForFunction((id) => document.getElementById('map-canvas')?.dataset.selected === id, node.id);
  const items = await page.locator('#map-panel-body li').allTextContents();
  const mine = map.links.filter((l) => l.source === node.id || l.target === node.id);
  assert.equal(items.length, mine.length);
  for (const l of mine) assert.ok(items.some((t) => t.includes(l.people.toLocaleString('en-GB'))), `panel shows ${l.people} for ${l.source}-${l.target}: ${items.join(' | ')}`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a CSV download matches the protected release', { skip }, async () => {
  const { page, errors } = await open(`${served.url}reports/RS01LN.html`);
  const release = result.releases.find((r) => r.region === 'LN')!;
  const table = release.tables.find((t) => t.id === 'clusters.summary') ?? release.tables[0];
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click(`section[data-table="${table.id}"] a[download]`),
  ]);
  const path = await download.path();
  const text = readFileSync(path!, 'utf8');
  assert.equal(text, tableCsv(table));
  // Every count in the release appears in its place in the CSV.
  const rows = text.trim().split(/\r?\n/).slice(1);
  assert.equal(rows.length, table.rows.length);
  const countCol = table.columns.findIndex((c) => c.id === 'people');
  if (countCol >= 0) {
    for (const [i, r] of table.rows.entries()) {
      const cell = r.cells[countCol];
      if (cell.kind === 'count') assert.ok(rows[i].includes(String(cell.value)));
    }
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('axe-core finds no serious or critical accessibility violations on the index and a report', { skip }, async () => {
  for (const url of [served.url, `${served.url}reports/RS01ALL.html`]) {
    const { page } = await open(url);
    if (url.endsWith('.html')) await mapReady(page);
    assert.deepEqual(await axeSerious(page), [], url);
    await page.close();
  }
});

test('the report works when opened from file://', { skip }, async () => {
  const file = pathToFileURL(join(work, 'site', 'reports', 'RS01ALL.html')).href;
  const { page, errors } = await open(file);
  await mapReady(page);
  assert.equal(await page.getAttribute('#map-canvas', 'data-nodes'), String(embeddedMap('RS01ALL').nodes.length));
  await page.click('#map-zoom-in');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the print layout hides the controls and shows the static map', { skip }, async () => {
  const { page } = await open(`${served.url}reports/RS01ALL.html`);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.isVisible('#map-search'), false);
  assert.equal(await page.isVisible('#map-static svg'), true);
  assert.ok((await page.locator('#map-static circle').count()) === embeddedMap('RS01ALL').nodes.length);
  await page.close();
});

test('--pdf renders a report to a PDF document', { skip }, async () => {
  const pdf = join(work, 'RS01LN.pdf');
  await renderPdfs([{ html: join(work, 'site', 'reports', 'RS01LN.html'), pdf }]);
  const bytes = readFileSync(pdf);
  assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.ok(bytes.length > 20_000, `PDF of ${bytes.length} bytes`);
});

test('without WebGL the page says so and shows the static map instead', { skip }, async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // A browser with WebGL turned off: getContext('webgl'/'webgl2') gives null.
  await page.addInitScript(() => {
    const original = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
      if (/webgl/i.test(type)) return null;
      return (original as (...a: unknown[]) => unknown).call(this, type, ...rest);
    } as typeof original;
  });
  await page.goto(`${served.url}reports/RS01ALL.html`);
  await page.waitForSelector('#map-fallback:not([hidden])');
  assert.match((await page.textContent('#map-fallback'))!, /needs WebGL/);
  assert.equal(await page.isVisible('#map-static svg'), true);
  assert.equal(await page.isDisabled('#map-zoom-in'), true);
  assert.deepEqual(errors, []);
  await page.close();
});
