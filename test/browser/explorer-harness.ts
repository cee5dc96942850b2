/**
 * What the explorer's browser tests share: a demo store served by the real
 * application server (buildServer with the pages) on 127.0.0.1, Debian's
 * Chromium through playwright-core, pages that collect console errors,
 * keyboard helpers and axe-core. Not a test file itself.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { generateDemoExtract } from '../../src/demo/generate.js';
import { importExtract } from '../../src/ingest/import.js';
import { buildServer, type RoutewaysServer } from '../../src/server/app.js';
import { registerPages } from '../../src/server/pages/routes.js';
import { openStore } from '../../src/store/database.js';

export const CHROMIUM = '/usr/bin/chromium';
export const skip = existsSync(CHROMIUM) ? false : `Chromium is not installed at ${CHROMIUM} (apt-get install chromium)`;
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export interface Harness {
  server: RoutewaysServer;
  url: string;
  browser?: Browser;
  close(): Promise<void>;
}

/** A demo dataset of 3,000 people imported into a fresh store under `work`, served with the explorer. */
export async function startExplorer(work: string): Promise<Harness> {
  await generateDemoExtract(join(work, 'extract'), { seed: 3, people: 3000 });
  const store = await openStore(join(work, 'store.duckdb'));
  try {
    await importExtract(store, join(work, 'extract'), { name: 'demo' });
  } finally {
    store.close();
  }
  const server = await buildServer({
    storePath: join(work, 'store.duckdb'),
    open: ['demo'],
    rateLimit: 0,
    extend: (app, service, permalinks) => registerPages(app, service, permalinks),
  });
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  const address = server.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const h: Harness = {
    server,
    url: `http://127.0.0.1:${port}`,
    async close() {
      await h.browser?.close();
      await server.close();
    },
  };
  return h;
}

export async function launch(h: Harness): Promise<void> {
  h.browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** Opens a path in a new page (JavaScript on or off; `axe`: the CSP is bypassed so axe-core can be injected) and collects console errors and uncaught exceptions. */
export async function open(h: Harness, path: string, options: { javaScript?: boolean; withoutScript?: boolean; axe?: boolean } = {}): Promise<{ page: Page; errors: string[] }> {
  const context = await h.browser!.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true, javaScriptEnabled: options.javaScript ?? true, bypassCSP: options.axe === true });
  const page = await context.newPage();
  // The context may already be gone when the browser closes first.
  page.on('close', () => void context.close().catch(() => undefined));
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  // JavaScript on but the explorer's script not served: the page as it is without JavaScript, which axe can still inspect.
  if (options.withoutScript) await page.route('**/assets/explorer.js', (route) => route.abort());
  await page.goto(`${h.url}${path}`, { waitUntil: 'load' });
  return { page, errors };
}

/** Types into the focused or given search input and waits for the suggestions answering that text. */
export async function typeAndSuggest(page: Page, input: string, text: string): Promise<void> {
  await page.locator(input).pressSequentially(text, { delay: 30 });
  await page.waitForSelector(`${input}-suggestions[data-for="${text}"] li[role="option"]`);
}

/** Presses Tab (at most `max` times) until the element matching `selector` has the focus; fails otherwise. */
export async function tabTo(page: Page, selector: string, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement !== null && document.activeElement === document.querySelector(s), selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab did not reach ${selector} in ${max} presses`);
}

/** Serious and critical axe-core violations on the page, as readable lines. */
export async function axeSerious(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: unknown }> }> }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, where: JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target)) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}) at ${v.where}`);
}
