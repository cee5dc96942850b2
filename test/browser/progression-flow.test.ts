/**
 * The career-route flow diagram in a browser (headless Chromium through
 * playwright-core): generated histories published with progression, the
 * regional report served on localhost; the diagram draws one band per
 * published link with a count above zero, band widths follow the published
 * counts of the flow table beside it, and the page has no script errors.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { progression } from '../../src/analyses/progression/index.js';
import { publishDataset, type PublishResult } from '../../src/pipeline/publish.js';
import { serveSite, type RunningSite } from '../../src/server/static-site.js';
import { generatedStore } from '../progression/generated.js';

const CHROMIUM = '/usr/bin/chromium';
const skip = existsSync(CHROMIUM) ? false : `Chromium is not installed at ${CHROMIUM} (apt-get install chromium)`;

let browser: Browser;
let served: RunningSite;
let result: PublishResult;
let cleanup: () => void = () => {};

before(async () => {
  if (skip) return;
  const g = await generatedStore(12000);
  cleanup = g.done;
  result = await publishDataset(g.store, 'hist', { out: join(g.dir, 'site'), regions: ['LN'], analyses: [progression], options: { progression: { routesFrom: 'ssa' } } });
  served = await serveSite(join(g.dir, 'site'), { port: 0 });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
});

after(async () => {
  await browser?.close();
  await served?.close();
  cleanup();
});

test("London's report draws the career-route flow from the published counts of its flow table", { skip }, async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(`${served.url}reports/RS01LN.html`, { waitUntil: 'load' });
  const svg = page.locator('figure.flow svg[data-flow-svg]');
  await svg.scrollIntoViewIfNeeded();
  assert.ok(await svg.isVisible(), 'the diagram is visible');
  const box = await svg.boundingBox();
  assert.ok(box && box.width > 600 && box.height > 200, JSON.stringify(box));
  // The published flow table: every row with a count above zero is one band.
  const release = result.releases.find((r) => r.region === 'LN')!;
  const table = release.tables.find((t) => t.id === 'progression-flow')!;
  const links = table.rows.flatMap((r) => (r.cells[3]!.kind === 'count' && r.cells[3]!.value > 0 ? [{ from: (r.cells[1] as { text: string }).text, to: (r.cells[2] as { text: string }).text, people: r.cells[3]!.value }] : []));
  assert.ok(links.length >= 10, `links: ${links.length}`);
  const bands = await page.$$eval('figure.flow path[data-people]', (ps) =>
    ps.map((p) => ({ from: p.getAttribute('data-from')!, to: p.getAttribute('data-to')!, people: Number(p.getAttribute('data-people')), width: Number(p.getAttribute('stroke-width')) })),
  );
  assert.equal(bands.length, links.length);
  for (const l of links) assert.ok(bands.some((b) => b.from === l.from && b.to === l.to && b.people === l.people), `band for ${JSON.stringify(l)}`);
  // Widths are proportional to the published counts (one scale for the whole diagram).
  const scale = bands[0]!.width / bands[0]!.people;
  for (const b of bands.filter((x) => x.width > 1)) assert.ok(Math.abs(b.width / b.people - scale) / scale < 0.02, `${JSON.stringify(b)} vs ${scale}`);
  // No count of 1 or 2 drawn (the cell key method never publishes one).
  assert.ok(bands.every((b) => b.people > 2));
  // The table the diagram draws is on the page, with a CSV download.
  assert.equal(await page.locator('table[data-table="progression-flow"] tbody tr').count(), table.rows.length);
  const href = await page.locator('section[data-table="progression-flow"] a[download]').getAttribute('href');
  assert.ok(href && readFileSync(join(result.site.dir, 'reports', href), 'utf8').startsWith('Step,From,To,People'));
  assert.deepEqual(errors, []);
  await page.close();
});
