/**
 * The table builder in a real browser against the application server: from
 * the first step to the CSV download without JavaScript and with the keyboard
 * only, each step's own URL (the back button), the table and CSV equal to the
 * service's answer, a refused query explained on the page, the permalink form
 * (CSRF-checked POST) and axe-core on every step.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { QueryAnswer } from '../../src/server/api/types.js';
import { answerGrid } from '../../src/server/pages/answer-grid.js';
import { answerCsv } from '../../src/server/api/csv.js';
import { axeSerious, launch, open, skip, startExplorer, tabTo, type Harness } from './explorer-harness.js';

let work: string;
let h: Harness;

before(async () => {
  if (skip) return;
  work = mkdtempSync(join(tmpdir(), 'rw-builder-'));
  h = await startExplorer(work);
  await launch(h);
});

after(async () => {
  await h?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function answerOf(spec: Parameters<Harness['server']['service']['query']>[1]): Promise<QueryAnswer> {
  const r = await h.server.service.query('demo', spec);
  assert.ok(r.ok, JSON.stringify(r));
  return r.answer;
}

/** The table on the page, every row's cells as text (totals line included). */
async function pageTable(page: Page): Promise<string[][]> {
  return page.$$eval('#answer tbody tr', (rows) => rows.map((r) => Array.from(r.querySelectorAll('th, td')).map((c) => (c.textContent ?? '').trim())));
}

function gridText(answer: QueryAnswer): string[][] {
  const g = answerGrid(answer);
  return [...g.lines, g.totals].map((l) => [...l.labels, ...l.values]);
}

const SPEC = { rows: ['ssa'], columns: ['region'], filters: { level: ['2', '3'] }, measures: ['people' as const] };

test('without JavaScript: dataset, population, rows and columns, the table equal to the service, CSV download, permalink, back button', { skip }, async () => {
  const { page, errors } = await open(h, '/builder', { javaScript: false });
  assert.equal(await page.isChecked('input[name="dataset"][value="demo"]'), true);
  await page.click('button:has-text("Continue")');
  await page.waitForURL(/\/builder\/population\?dataset=demo$/);
  await page.click('details[data-filter="level"] summary');
  await page.check('input[name="f.level"][value="2"]');
  await page.check('input[name="f.level"][value="3"]');
  await page.click('button:has-text("Continue")');
  await page.waitForURL(/\/builder\/layout\?/);
  assert.match(page.url(), /f\.level=2&f\.level=3/);
  await page.check('input[name="rows"][value="ssa"]');
  await page.check('input[name="columns"][value="region"]');
  assert.equal(await page.isChecked('input[name="measures"][value="people"]'), true);
  await page.click('button:has-text("Make the table")');
  await page.waitForURL(/\/builder\/table\?/);
  const answer = await answerOf(SPEC);
  assert.deepEqual(await pageTable(page), gridText(answer));
  assert.ok((await page.locator('#table-chart rect.rw-chart__bar').count()) > 10);
  // The CSV is the service's answer, cell by cell.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-csv')]);
  const csv = readFileSync((await download.path())!, 'utf8');
  assert.equal(csv, answerCsv(answer));
  assert.ok(csv.trim().split('\n').length > answer.cells.length, 'a line per cell, then the totals');
  // The API URL answers the same query: the same cells as JSON, the same file as CSV.
  const api = new URL(await page.inputValue('#api-url'));
  assert.equal(api.pathname, '/api/v1/datasets/demo/query');
  const fromApi = (await (await fetch(api)).json()) as QueryAnswer;
  assert.deepEqual(fromApi.cells, answer.cells);
  api.pathname += '.csv';
  assert.equal(await (await fetch(api)).text(), csv);
  // A permalink: a POST with the CSRF token, then back to the table with its URL.
  await page.click('#make-permalink');
  await page.waitForURL(/permalink=[0-9a-f]{16}$/);
  const link = await page.inputValue('#permalink');
  const id = link.match(/([0-9a-f]{16})$/)![1];
  const kept = h.server.permalinks.get(id);
  assert.ok(kept, `permalink ${id} stored`);
  assert.deepEqual(kept.answer.cells, answer.cells);
  const served = (await (await fetch(link)).json()) as { answer: QueryAnswer };
  assert.deepEqual(served.answer.cells, answer.cells);
  // Each step has its own URL: back goes to the table, then to the layout with the choices kept.
  await page.goBack();
  await page.goBack();
  await page.waitForURL(/\/builder\/layout\?/);
  assert.equal(await page.isChecked('input[name="rows"][value="ssa"]'), true);
  assert.equal(await page.isChecked('input[name="columns"][value="region"]'), true);
  assert.deepEqual(errors, []);
  await page.close();
});

test('keyboard only, with JavaScript: from the first step to the CSV download and the copied API URL', { skip }, async () => {
  const { page, errors } = await open(h, '/builder');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await tabTo(page, 'input[name="dataset"][value="demo"]');
  await page.keyboard.press('Space');
  await tabTo(page, '#continue');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/builder\/population/);
  await tabTo(page, 'details[data-filter="type"] summary');
  await page.keyboard.press('Enter');
  await tabTo(page, 'input[name="f.type"][value="apprenticeship"]');
  await page.keyboard.press('Space');
  await tabTo(page, '#continue');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/builder\/layout\?dataset=demo&f\.type=apprenticeship$/);
  await tabTo(page, 'input[name="rows"][value="level"]');
  await page.keyboard.press('Space');
  await tabTo(page, '#make-table');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/builder\/table\?/);
  const answer = await answerOf({ rows: ['level'], columns: [], filters: { type: ['apprenticeship'] }, measures: ['people'] });
  assert.deepEqual(await pageTable(page), gridText(answer));
  await tabTo(page, '#download-csv');
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  assert.equal(readFileSync((await download.path())!, 'utf8'), answerCsv(answer));
  await tabTo(page, 'button[data-copy="api-url"]');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.getElementById('api-url-status')?.textContent === 'Copied');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await page.inputValue('#api-url'));
  assert.deepEqual(errors, []);
  await page.close();
});

test('a refused query explains itself on the page: why and what to change, from the service\'s rules', { skip }, async () => {
  const spec = { rows: ['qualification'], columns: ['occupation'], filters: {}, measures: ['people' as const] };
  const refused = await h.server.service.query('demo', spec);
  assert.equal(refused.ok, false);
  const { page, errors } = await open(h, '/builder/layout?dataset=demo');
  await page.check('input[name="rows"][value="qualification"]');
  await page.check('input[name="columns"][value="occupation"]');
  const [response] = await Promise.all([page.waitForResponse(/\/builder\/table\?/), page.click('button:has-text("Make the table")')]);
  assert.equal(response.status(), 422);
  const summary = (await page.textContent('.govuk-error-summary'))!;
  assert.match(summary, /This table cannot be made/);
  for (const r of refused.ok ? [] : refused.refusals) {
    assert.ok(summary.includes(r.fix), `${summary} names the fix "${r.fix}"`);
  }
  assert.equal(await page.locator('#answer').count(), 0);
  assert.equal(await page.locator('#download-csv').count(), 0);
  // govuk-frontend moves the focus to the error summary.
  assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary')), true);
  // Its links go back to the step to change.
  await page.click('.govuk-error-summary a');
  await page.waitForURL(/\/builder\/layout\?/);
  assert.deepEqual(errors.filter((e) => !/status of 422/.test(e)), []);
  await page.close();
});

test('a layout without rows is sent back to its step with the error next to the field', { skip }, async () => {
  const { page } = await open(h, '/builder/layout?dataset=demo', { javaScript: false });
  await page.click('button:has-text("Make the table")');
  await page.waitForURL(/\/builder\/table\?/);
  assert.match((await page.textContent('.govuk-error-summary'))!, /Choose at least one dimension for the rows/);
  assert.match((await page.textContent('#rows .govuk-error-message'))!, /Choose at least one dimension/);
  assert.match(await page.title(), /^Error: /);
  await page.close();
});

test('the permalink POST needs the CSRF token of the same browser', { skip }, async () => {
  const form = 'dataset=demo&rows=ssa&measures=people';
  const bare = await fetch(`${h.url}/builder/permalink`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form, redirect: 'manual' });
  assert.equal(bare.status, 403);
  // A token from one visit with the cookie of another is refused too.
  const visit = async () => {
    const res = await fetch(`${h.url}/builder/table?dataset=demo&rows=ssa`);
    const token = (await res.text()).match(/name="_csrf" value="([^"]+)"/)![1];
    return { token, cookie: res.headers.get('set-cookie')!.split(';')[0] };
  };
  const a = await visit();
  const b = await visit();
  const post = (token: string, cookie: string) =>
    fetch(`${h.url}/builder/permalink`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie }, body: `_csrf=${encodeURIComponent(token)}&${form}`, redirect: 'manual' });
  assert.equal((await post(a.token, b.cookie)).status, 403);
  const ok = await post(a.token, a.cookie);
  assert.equal(ok.status, 303);
  assert.match(ok.headers.get('location')!, /^\/builder\/table\?dataset=demo&rows=ssa&measures=people&permalink=[0-9a-f]{16}$/);
});

test('axe-core finds no serious or critical violations on any builder step', { skip }, async () => {
  const q = 'dataset=demo&f.level=2&rows=ssa&columns=level&measures=people&measures=row_share';
  for (const path of ['/builder', '/builder/population?dataset=demo', `/builder/layout?${q}`, `/builder/table?${q}`, '/builder/table?dataset=demo&rows=qualification&columns=occupation', '/builder/table?dataset=demo']) {
    for (const withoutScript of [false, true]) {
      const { page } = await open(h, path, { withoutScript, axe: true });
      await page.locator('details').evaluateAll((ds) => ds.forEach((d) => d.setAttribute('open', '')));
      assert.deepEqual(await axeSerious(page), [], `${path} (${withoutScript ? 'without' : 'with'} the explorer's script)`);
      await page.close();
    }
  }
});
