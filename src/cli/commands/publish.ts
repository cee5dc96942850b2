/**
 * `routeways publish <dataset> --out <dir>`: runs the analyses for all regions
 * together and for each region, protects all the reports together as one
 * release set, audits it and writes the static site (and PDFs with --pdf).
 * `routeways publish --release <dir...>` publishes releases written by
 * `routeways protect`, with the same checks (src/pipeline/publish.ts).
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { InputError, UsageError } from '../../core/errors.js';
import { AuditFailure } from '../../core/disclosure/protect.js';
import { PolicyError } from '../../core/disclosure/policy.js';
import { publishDataset, publishReleases, type PublishOptions, type PublishResult } from '../../pipeline/publish.js';
import type { Store } from '../../store/database.js';
import { openStore } from '../../store/database.js';
import { createProgress } from '../progress.js';
import { addPublishOptions, publishOptions } from './publish-options.js';

/** Disclosure failures as errors a user can act on. */
function asUserError(err: unknown): unknown {
  if (err instanceof AuditFailure) {
    const f = err.findings[0];
    return new InputError(`disclosure audit failed, nothing published: ${f ? `cell ${JSON.stringify(f)} ` : ''}${err.message}`);
  }
  if (err instanceof PolicyError) return new UsageError(err.message);
  return err;
}

/** Runs the pipeline with a progress bar. */
export async function publishWithProgress(store: Store, dataset: string, options: PublishOptions, quiet: boolean): Promise<PublishResult> {
  const progress = createProgress({ quiet, label: 'Publishing' });
  try {
    return await publishDataset(store, dataset, { ...options, onStep: (code, stage, done, total) => progress.update(done, total, `${code}: ${stage}`) });
  } catch (err) {
    throw asUserError(err);
  } finally {
    progress.stop();
  }
}

export function printSummary(result: PublishResult): void {
  const { site } = result;
  process.stdout.write(`Published ${site.reports.length} report${site.reports.length === 1 ? '' : 's'} (${site.reports.map((r) => r.code).join(', ')}) to ${site.dir}\n`);
  for (const s of result.skipped) process.stdout.write(`Left out ${s.code} (${s.name}): ${s.reason}\n`);
  for (const n of result.notes) process.stdout.write(`Left out ${n}\n`);
  const times = Object.entries(result.seconds).map(([stage, s]) => `${stage} ${s.toFixed(1)} s`);
  process.stdout.write(`Time: ${times.join(', ')}\n`);
  const ru = result.riskUtility;
  const regional = ru.reports.filter((r) => r.region !== null);
  const worstMap = regional.length > 0 ? Math.min(...regional.map((r) => r.mapLinks.drawnShare)) : ru.overall.mapLinks.drawnShare;
  process.stdout.write(
    `Protection: ${ru.method}; ${(ru.overall.publishedShare * 100).toFixed(0)}% of cells published with a value, mean change ${ru.overall.meanAbsolutePerturbation.toFixed(2)} people, ` +
      `${worstMap >= 1 ? 'regional maps draw every link' : `each regional map draws at least ${Math.floor(worstMap * 100)}% of the links`} with 3+ people. Risk-utility report (internal, do not publish): ${result.riskUtilityFile}\n`,
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
    .action(async (dataset: string | undefined, opts: Record<string, unknown> & { out: string; release?: string[] }, cmd: Command) => {
      const global = cmd.optsWithGlobals() as { db?: string; quiet?: boolean };
      const options = await publishOptions(opts, resolve(opts.out));
      if (opts.release && opts.release.length > 0) {
        const { site } = await publishReleases(opts.release.map((d) => resolve(d)), options).catch((e: unknown) => Promise.reject(asUserError(e)));
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
