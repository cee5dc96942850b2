/**
 * The explorer pages in a real browser (Debian's Chromium through
 * playwright-core) against the application server on an ephemeral loopback
 * port: demo extract -> import -> buildServer with the pages. Checks the two
 * searches (suggestions as you type, and the plain form without JavaScript),
 * the qualification and occupation pages against the service's own answers,
 * the region switcher, keyboard-only use, escaping, the strict CSP (no inline
 * script) and axe-core (no serious or critical violations).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { formatCount } from '../../src/site/format.js';
import type { QualificationHit } from '../../src/server/api/types.js';
import { CHART_BARS } from '../../src/server/pages/figures-pages.js';
import { axeSerious, launch, open, skip, startExplorer, tabTo, typeAndSuggest, type Harness } from './explorer-harness.js';

let work: string;
let h: Harness;
let fork: QualificationHit;

before(async () => {
  if (skip) return;
  work = mkdtempSync(join(tmpdir(), 'rw-explorer-'));
  h = await startExplorer(work);
  await launch(h);
  const hits = await h.server.service.searchQualifications('demo', 'fork');
  assert.ok(hits.length > 0, 'the demo has forklift qualifications');
  fork = hits[0];
});

after(async () => {
  await h?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The text of every cell of a table, row by row. */
async function tableCells(page: Page, id: string): Promise<string[][]> {
  return page.$$eval(`#${id} tbody tr`, (rows) => rows.map((r) => Array.from(r.querySelectorAll("th, td")).map((c) => (c.textContent ?? '').trim())));
}

test('the home page offers both searches and suggests qualifications as you type; choosing one opens its page', { skip }, async () => {
  const { page, errors } = await open(h, '/explore');
  assert.match(page.url(), /\/explore\/demo$/);
  assert.equal(await page.locator('form[role="search"]').count(), 2);
  await typeAndSuggest(page, '#search-qualifications', 'fork');
  const options = await page.locator('#search-qualifications-suggestions li[role="option"]').allTextContents();
  const hits = await h.server.service.searchQualifications('demo', 'fork');
  assert.deepEqual(
    options,
    hits.slice(0, 10).map((x) => `${x.title} ${formatCount(x.people)} people`),
  );
  assert.equal(await page.getAttribute('#search-qualifications', 'aria-expanded'), 'true');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.getAttribute('#search-qualifications', 'aria-activedescendant'), 'search-qualifications-suggestions-0');
  await page.keyboard.press('Enter');
  await page.waitForURL(new RegExp(`/qualifications/${hits[0].id}$`));
  assert.equal(await page.textContent('h1'), hits[0].title);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a qualification page shows where holders went: chart and table equal the service, cluster and related share', { skip }, async () => {
  const { page, errors } = await open(h, `/explore/demo/qualifications/${fork.id}`);
  const d = await h.server.service.destinations('demo', fork.id);
  assert.ok(d.occupations.length > 0);
  const rows = await tableCells(page, 'destinations');
  assert.equal(rows.length, d.occupations.length);
  for (const [i, o] of d.occupations.entries()) {
    assert.equal(rows[i][0], o.title);
    assert.equal(rows[i][2], formatCount(o.people));
  }
  assert.equal(await page.getAttribute('#destinations-chart svg', 'data-bars'), String(Math.min(CHART_BARS, d.occupations.length)));
  assert.equal(await page.locator('#destinations-chart rect.rw-chart__bar').count(), Math.min(CHART_BARS, d.occupations.filter((o) => o.people > 0).length));
  const summary = (await page.textContent('.govuk-summary-list'))!;
  assert.ok(summary.includes(formatCount(d.people)), summary);
  assert.ok(summary.includes(d.relatedShare === null ? '[z]' : `${(d.relatedShare * 100).toFixed(1)}%`), summary);
  assert.equal(await page.locator('h2', { hasText: 'Cluster' }).count(), 1);
  if (d.cluster) {
    assert.deepEqual(await page.locator('[data-cluster-members] li').allTextContents(), d.cluster.members);
    assert.ok((await page.textContent(`[data-cluster="${d.cluster.id}"]`))!.includes(d.cluster.name));
  } else {
    assert.match((await page.textContent('.govuk-inset-text'))!, /did not place this qualification in a cluster/);
  }
  // No count of 1 or 2 anywhere in the table: the cell key method never publishes one.
  for (const r of rows) assert.ok(!['1', '2'].includes(r[2]), `count ${r[2]} for ${r[0]}`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the region switcher shows the same qualification for one region, and the occupation link keeps the region', { skip }, async () => {
  const { page, errors } = await open(h, `/explore/demo/qualifications/${fork.id}`);
  const info = await h.server.service.dataset('demo');
  const regions = info.dimensions.find((x) => x.id === 'region')!.categories;
  // The region where this qualification has the most occupations shown.
  let best = regions[0].code;
  let most = -1;
  for (const r of regions) {
    const n = (await h.server.service.destinations('demo', fork.id, { region: r.code })).occupations.length;
    if (n > most) [best, most] = [r.code, n];
  }
  await page.selectOption('#region', best);
  await page.click('button:has-text("Show region")');
  await page.waitForURL(new RegExp(`region=${best}$`));
  const d = await h.server.service.destinations('demo', fork.id, { region: best });
  const rows = await tableCells(page, 'destinations');
  assert.deepEqual(
    rows.map((r) => [r[0], r[2]]),
    d.occupations.map((o) => [o.title, formatCount(o.people)]),
  );
  assert.equal(await page.inputValue('#region'), best);
  await page.click('#destinations tbody tr:first-child a');
  await page.waitForURL(new RegExp(`/occupations/${d.occupations[0].soc}\\?region=${best}$`));
  const routes = await h.server.service.routes('demo', d.occupations[0].soc, { region: best });
  assert.equal(await page.textContent('h1'), routes.occupation.title);
  const qrows = await tableCells(page, 'routes');
  assert.deepEqual(
    qrows.map((r) => [r[0], r[1]]),
    routes.qualifications.map((q) => [q.title, formatCount(q.people)]),
  );
  assert.ok(qrows.some((r) => r[0] === fork.title), 'the qualification is among the routes into its occupation');
  assert.deepEqual(errors, []);
  await page.close();
});

test('without JavaScript the job search is a plain form: results page, then the occupation page', { skip }, async () => {
  const { page, errors } = await open(h, '/explore/demo', { javaScript: false });
  assert.equal(await page.evaluate(() => document.body.classList.contains('js-enabled')), false);
  await page.fill('#search-occupations', 'care');
  await page.click('button:has-text("Search jobs")');
  await page.waitForURL(/\/explore\/demo\/occupations\?q=care$/);
  const hits = await h.server.service.searchOccupations('demo', 'care');
  assert.ok(hits.length > 0);
  const links = await page.locator('ul[data-results="occupations"] a').allTextContents();
  assert.deepEqual(links, hits.map((x) => x.title));
  await page.click('ul[data-results="occupations"] li:first-child a');
  await page.waitForURL(new RegExp(`/occupations/${hits[0].soc}$`));
  assert.equal(await page.textContent('h1'), hits[0].title);
  assert.equal(await page.locator('#routes-chart svg').count(), 1);
  assert.deepEqual(errors, []);
  await page.close();
});

test('keyboard only: skip link, search and suggestion, region switcher and the table link, Escape', { skip }, async () => {
  const { page, errors } = await open(h, '/explore/demo');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to main content');
  await tabTo(page, '#search-qualifications');
  await typeAndSuggest(page, '#search-qualifications', 'fork');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await page.waitForURL(new RegExp(`/qualifications/${fork.id}$`));
  await tabTo(page, '#region');
  await tabTo(page, '#destinations tbody tr:first-child a');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/occupations\/\d+$/);
  // Escape closes the suggestions and leaves the typed text for the plain search.
  await page.goto(`${h.url}/explore/demo`);
  await tabTo(page, '#search-occupations');
  await typeAndSuggest(page, '#search-occupations', 'care');
  await page.keyboard.press('Escape');
  assert.equal(await page.getAttribute('#search-occupations', 'aria-expanded'), 'false');
  await page.keyboard.press('Enter');
  await page.waitForURL(/occupations\?q=care$/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('search text is escaped, pages carry no inline script, and the CSP allows scripts from the server only', { skip }, async () => {
  const evil = '<script>window.pwned=1</script><img src=x onerror="window.pwned=1">';
  const { page, errors } = await open(h, `/explore/demo/qualifications?q=${encodeURIComponent(evil)}`);
  assert.equal(await page.inputValue('#search-qualifications'), evil.slice(0, 100));
  assert.equal(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned), undefined);
  assert.equal(await page.locator('main img').count(), 0);
  assert.equal(await page.locator('script:not([src])').count(), 0);
  const res = await fetch(`${h.url}/explore/demo`);
  const csp = res.headers.get('content-security-policy') ?? '';
  assert.match(csp, /script-src 'self'/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('unknown datasets, qualifications and assets give a GOV.UK error page, not a stack trace', { skip }, async () => {
  for (const [path, status] of [
    ['/explore/nope', 404],
    ['/explore/demo/qualifications/000000000000', 404],
  ] as const) {
    const res = await fetch(`${h.url}${path}`);
    assert.equal(res.status, status, path);
    const body = await res.text();
    assert.match(body, /govuk-heading-l/);
    assert.doesNotMatch(body, /at .*\.js:\d+/);
  }
  assert.equal((await fetch(`${h.url}/assets/../package.json`)).status, 404);
  assert.equal((await fetch(`${h.url}/assets/%2e%2e/%2e%2e/package.json`)).status, 404);
  const css = await fetch(`${h.url}/assets/govuk-frontend.min.css`);
  assert.equal(css.headers.get('content-type'), 'text/css; charset=utf-8');
  const font = (await css.text()).match(/url\((\/assets\/fonts\/[^)]+\.woff2)\)/)![1];
  assert.equal((await fetch(`${h.url}${font}`)).status, 200);
  // The pages are not part of the API: the OpenAPI document leaves them out.
  const paths = Object.keys(((await (await fetch(`${h.url}/api/v1/openapi.json`)).json()) as { paths: object }).paths);
  assert.ok(paths.length > 5, paths.join(' '));
  assert.deepEqual(paths.filter((p) => !p.startsWith('/api/')), []);
  assert.equal((await fetch(`${h.url}/`, { redirect: 'manual' })).headers.get('location'), '/explore');
});

test('axe-core finds no serious or critical violations on the explorer pages, with and without JavaScript', { skip }, async () => {
  const soc = (await h.server.service.destinations('demo', fork.id)).occupations[0].soc;
  for (const withoutScript of [false, true]) {
    for (const path of ['/explore/demo', '/explore/demo/qualifications?q=fork', `/explore/demo/qualifications/${fork.id}`, `/explore/demo/occupations/${soc}`, '/explore/nope']) {
      const { page } = await open(h, path, { withoutScript, axe: true });
      assert.deepEqual(await axeSerious(page), [], `${path} (${withoutScript ? 'without' : 'with'} the explorer's script)`);
      await page.close();
    }
  }
  // With the suggestions open.
  const { page } = await open(h, '/explore/demo', { axe: true });
  await typeAndSuggest(page, '#search-qualifications', 'fork');
  await page.keyboard.press('ArrowDown');
  assert.deepEqual(await axeSerious(page), [], 'suggestions open');
  await page.close();
});
