/**
 * Renders report pages to PDF with Chromium (playwright-core driving the
 * system's Chromium; Debian: apt-get install chromium). The print stylesheet
 * does the layout: the static map replaces the WebGL canvas on paper.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../core/errors.js';

export const CHROMIUM_PATH = process.env.ROUTEWAYS_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking'];

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/** playwright-core drives Chromium; it is an optional dependency, loaded only for PDFs. */
async function loadPlaywright(): Promise<typeof import('playwright-core')> {
  try {
    return await import('playwright-core');
  } catch {
    throw new UsageError('--pdf needs the playwright-core package, which is not installed: npm install -g playwright-core (or reinstall Routeways with its optional dependencies), or publish without --pdf and print the pages from a browser.');
  }
}

/** Fail before any work when PDFs were asked for and cannot be made. */
export async function assertPdfReady(): Promise<void> {
  if (!chromiumAvailable()) {
    throw new UsageError(
      `--pdf needs Chromium at ${CHROMIUM_PATH}, which is not installed. Install it (Debian/Ubuntu: apt-get install chromium), set ROUTEWAYS_CHROMIUM to its path, or publish without --pdf and print the pages from a browser.`,
    );
  }
  await loadPlaywright();
}

/** Writes each page (an HTML file) to its PDF path. */
export async function renderPdfs(jobs: Array<{ html: string; pdf: string }>, onProgress?: (done: number, total: number) => void): Promise<void> {
  await assertPdfReady();
  const { chromium } = await loadPlaywright();
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    let done = 0;
    for (const job of jobs) {
      await page.goto(pathToFileURL(job.html).href, { waitUntil: 'load' });
      await page.emulateMedia({ media: 'print' });
      mkdirSync(dirname(job.pdf), { recursive: true });
      await page.pdf({ path: job.pdf, format: 'A4', printBackground: true, margin: { top: '15mm', bottom: '15mm', left: '15mm', right: '15mm' } });
      onProgress?.(++done, jobs.length);
    }
  } finally {
    await browser.close();
  }
}
