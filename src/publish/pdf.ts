/**
 * Renders report pages to PDF with Chromium (playwright-core driving the
 * system's Chromium; Debian: apt-get install chromium). The print stylesheet
 * does the layout: the static map replaces the WebGL canvas on paper.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';

export const CHROMIUM_PATH = process.env.ROUTEWAYS_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking'];

export class ChromiumMissingError extends Error {
  override name = 'ChromiumMissingError';
}

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/** Writes each page (an HTML file) to its PDF path. */
export async function renderPdfs(jobs: Array<{ html: string; pdf: string }>, onProgress?: (done: number, total: number) => void): Promise<void> {
  if (!chromiumAvailable()) {
    throw new ChromiumMissingError(
      `PDF needs Chromium, which is not installed at ${CHROMIUM_PATH}. Install it (Debian/Ubuntu: "apt-get install chromium") or set ROUTEWAYS_CHROMIUM to its path, or publish without --pdf and print the pages from a browser.`,
    );
  }
  const { chromium } = await import('playwright-core');
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
