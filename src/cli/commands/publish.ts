/**
 * `routeways publish <dataset> --out <dir>`: runs the clusters and pathways
 * analyses for all regions together and for each region, protects all the
 * reports together as one release set (failing, naming the cell, if the audit
 * fails), and writes the static site (and PDFs with --pdf).
 */
import { join, resolve } from 'node:path';
import { readRelease } from '../../publish/release-files.js';
import { assertSiteFolder, writeSite, type WrittenSite } from '../../publish/site.js';
import type { Command } from 'commander';
import { InputError, UsageError } from '../../core/errors.js';
import { AuditFailure } from '../../core/disclosure/protect.js';
import { auditReleaseSet } from '../../core/disclosure/verify.js';
import { PolicyError } from '../../core/disclosure/policy.js';
import { chromiumAvailable, CHROMIUM_PATH, renderPdfs } from '../../publish/pdf.js';
import { publishDataset, type PublishOptions, type PublishResult } from '../../publish/publish-dataset.js';
import type { Store } from '../../store/database.js';
import { openStore } from '../../store/database.js';
import { createProgress } from '../progress.js';
import { addPublishOptions, publishOptions, type AnalysisCliOptions } from './publish-options.js';

/** Runs the pipeline with a progress bar and turns disclosure failures into errors a user can act on. */
export async function publishWithProgress(store: Store, dataset: string, options: PublishOptions, quiet: boolean): Promise<PublishResult> {
  if (options.pdf && !chromiumAvailable()) {
    throw new UsageError(
      `--pdf needs Chromium at ${CHROMIUM_PATH}, which is not installed. Install it (Debian/Ubuntu: apt-get install chromium), set ROUTEWAYS_CHROMIUM to its path, or publish without --pdf and print the pages from a browser.`,
    );
  }
  const progress = createProgress({ quiet, label: 'Publishing' });
  try {
    return await publishDataset(store, dataset, {
      ...options,
      onStep: (code, stage, done, total) => progress.update(done, total, `${code}: ${stage}`),
    });
  } catch (err) {
    if (err instanceof AuditFailure) {
      const f = err.findings[0];
      throw new InputError(
        `disclosure audit failed, nothing published: ${f ? `cell ${JSON.stringify(f)} ` : ''}${err.message}`,
      );
    }
    if (err instanceof PolicyError) throw new UsageError(err.message);
    throw err;
  } finally {
    progress.stop();
  }
}

/**
 * Publishes releases written by `routeways protect`: readRelease re-audits each one, and the
 * releases are audited together (a withheld regional count must not follow from the
 * all-regions one minus the other regions', even for an outsider who knows nobody is
 * outside the published regions); a site that fails is refused.
 */
async function publishReleases(dirs: string[], options: PublishOptions): Promise<WrittenSite> {
  const releases = [];
  for (const d of dirs) releases.push(await readRelease(resolve(d)));
  if (releases.length > 1) {
    // Strict: as if everyone were in one of the published regions (an outsider may know it).
    const joint = auditReleaseSet(releases, { remainders: 'zero' });
    const f = joint.derivable[0];
    if (f) {
      throw new InputError(
        `disclosure audit failed, nothing published: these releases were protected apart and, published together, table ${f.table}, cell ${f.cell} can be worked out (${joint.derivable.length} cell(s) in all); publish the dataset with \`routeways publish <dataset>\`, which protects all reports together`,
      );
    }
  }
  const datasets = [...new Set(releases.map((r) => r.dataset))];
  assertSiteFolder(options.out);
  const site = writeSite(options.out, {
    dataset: datasets.join(', '),
    reports: releases.map((release) => ({ release })),
    pdf: options.pdf,
    ...(options.title ? { title: options.title } : {}),
  });
  if (options.pdf) await renderPdfs(site.reports.map((r) => ({ html: r.page, pdf: join(options.out, 'pdf', `${r.code}.pdf`) })));
  return site;
}

export function printSummary(result: PublishResult): void {
  const { site } = result;
  process.stdout.write(`Published ${site.reports.length} report${site.reports.length === 1 ? '' : 's'} (${site.reports.map((r) => r.code).join(', ')}) to ${site.dir}\n`);
  for (const s of result.skipped) process.stdout.write(`Left out ${s.code} (${s.name}): ${s.reason}\n`);
  const t = result.seconds;
  process.stdout.write(
    `Time: clusters ${t.clusters.toFixed(1)} s, pathways ${t.pathways.toFixed(1)} s, protect ${t.protect.toFixed(1)} s, site ${t.site.toFixed(1)} s${t.pdf > 0 ? `, pdf ${t.pdf.toFixed(1)} s` : ''}\n`,
  );
}

export function register(program: Command): void {
  addPublishOptions(
    program
      .command('publish')
      .description('analyse, protect and publish a dataset as a static site: an index of regions and one report per region')
      .argument('[dataset]', 'name of an imported dataset (not needed with --release)')
      .option('--release <dir...>', 'publish these protected releases (folders written by "routeways protect"; re-audited on reading) instead of running the analyses')
      .requiredOption('--out <dir>', 'folder to write the site to (created; files of the same name are replaced)'),
  )
    .addHelpText(
      'after',
      `
Report codes: RS01 + region (RS01NE ... RS01YH, from data/regions.csv), RS01ALL for all regions together.
Example:
  routeways publish demo --out ./site
  routeways publish demo --out ./site --regions NE,YH --pdf --min-count 10 --rounding 5`,
    )
    .action(async (dataset: string | undefined, opts: AnalysisCliOptions & { out: string; release?: string[] }, cmd: Command) => {
      const global = cmd.optsWithGlobals() as { db?: string; quiet?: boolean };
      const out = resolve(opts.out);
      const options = publishOptions(opts, out);
      if (opts.release && opts.release.length > 0) {
        if (options.pdf && !chromiumAvailable()) throw new UsageError(`--pdf needs Chromium at ${CHROMIUM_PATH}, which is not installed (apt-get install chromium).`);
        const site = await publishReleases(opts.release, options);
        if (!global.quiet) process.stdout.write(`Published ${site.reports.length} report(s) (${site.reports.map((r) => r.code).join(', ')}) to ${site.dir}\n`);
        process.stdout.write(`Open ${site.index}\n`);
        return;
      }
      if (!dataset) throw new UsageError('publish needs a dataset name, or --release <dir> with protected releases');
      const store = await openStore(global.db);
      try {
        const result = await publishWithProgress(store, dataset, options, global.quiet === true);
        if (!global.quiet) printSummary(result);
        process.stdout.write(`Open ${result.site.index}\n`);
      } finally {
        store.close();
      }
    });
}
