/**
 * The publish pipeline: for all regions together and for each region of a
 * dataset, run the clusters and pathways analyses, protect all the results
 * (protectSet audits them and throws, naming the cell, if a withheld figure
 * could be worked out), then write the static site and, when asked, the PDFs.
 *
 * All reports of a run are protected together as one release set
 * (protectSet): within a report the clusters and pathways results, and across
 * reports the counts that add up across regions (people per qualification,
 * occupation and link, everyone analysed, pathway counts), so no withheld
 * figure can be recovered by combining or differencing anything the site
 * publishes. The set is then split into one release per report.
 */
import { join } from 'node:path';
import { runClusters, type ClustersOptions } from '../analyses/clusters.js';
import { runPathways, type RunPathwaysOptions } from '../analyses/pathways.js';
import { InputError, UsageError } from '../core/errors.js';
import { protectSet } from '../core/disclosure/protect.js';
import type { Results } from '../core/results.js';
import type { PolicyInput } from '../core/disclosure/policy.js';
import type { ProtectedRelease } from '../core/disclosure/release.js';
import type { Store } from '../store/database.js';
import { getDataset } from '../store/datasets.js';
import { datasetRegions } from '../store/regions.js';
import { renderPdfs } from './pdf.js';
import { matchRegion, regionReport, REGION_SPELLINGS } from '../reference/regions.js';
import { assertSiteFolder, writeSite, type WrittenSite } from './site.js';

export type Stage = 'clusters' | 'pathways' | 'protect' | 'site' | 'pdf';

export interface PublishOptions {
  out: string;
  /** Region codes or names to publish (default: every region in the dataset). */
  regions?: string[];
  /** Also publish all regions together (default true). */
  allRegions?: boolean;
  clusters?: Omit<ClustersOptions, 'region' | 'onProgress'>;
  pathways?: Omit<RunPathwaysOptions, 'region' | 'byRegion' | 'onProgress'>;
  policy?: PolicyInput;
  pdf?: boolean;
  title?: string;
  date?: string;
  /** Called when a stage of one report starts: report code, stage, reports done, reports in all. */
  onStep?: (code: string, stage: Stage, done: number, total: number) => void;
}

export interface PublishResult {
  site: WrittenSite;
  releases: ProtectedRelease[];
  /** Regions left out, and why (e.g. too few people to analyse). */
  skipped: Array<{ code: string; name: string; reason: string }>;
  /** Seconds per stage, summed over reports. */
  seconds: Record<Stage, number>;
}

/** Region codes to publish: the dataset's regions, or the asked ones (by code, report code or name). */
async function targetRegions(store: Store, datasetId: number, asked: string[] | undefined): Promise<string[]> {
  const present = (await datasetRegions(store, datasetId)).map((r) => r.code);
  if (!asked || asked.length === 0) return present;
  const out: string[] = [];
  for (const a of asked) {
    // A region kept as entered at import (matching nothing shipped) is asked for by that value.
    const code = matchRegion(a) ?? (present.find((p) => p.toLowerCase() === a.trim().toLowerCase()) ?? null);
    if (code === null) throw new UsageError(`--regions: unknown region "${a}"; expected ${REGION_SPELLINGS}`);
    if (!present.includes(code)) throw new UsageError(`--regions: the dataset has no people in region ${code} (${regionReport(code).name})`);
    if (!out.includes(code)) out.push(code);
  }
  return out;
}

export async function publishDataset(store: Store, datasetName: string, options: PublishOptions): Promise<PublishResult> {
  assertSiteFolder(options.out);
  const dataset = await getDataset(store, datasetName);
  const regions = await targetRegions(store, dataset.id, options.regions);
  const targets: Array<string | null> = [...(options.allRegions === false ? [] : [null]), ...regions];
  if (targets.length === 0) throw new InputError(`dataset ${datasetName} has no people with a known region, and all regions together was not asked for`);
  const seconds: Record<Stage, number> = { clusters: 0, pathways: 0, protect: 0, site: 0, pdf: 0 };
  const timed = async <T>(stage: Stage, code: string, done: number, work: () => Promise<T> | T): Promise<T> => {
    options.onStep?.(code, stage, done, targets.length);
    const t0 = performance.now();
    try {
      return await work();
    } finally {
      seconds[stage] += (performance.now() - t0) / 1000;
    }
  };

  const reports: Results[][] = [];
  const skipped: PublishResult['skipped'] = [];
  for (const [i, region] of targets.entries()) {
    const { code, name } = regionReport(region);
    let clusters, pathways;
    try {
      clusters = await timed('clusters', code, i, () => runClusters(store, datasetName, { ...options.clusters, region }));
      pathways = await timed('pathways', code, i, () => runPathways(store, datasetName, { ...options.pathways, region }));
    } catch (err) {
      // A region too small to analyse is left out and said so; the others are still published.
      if (err instanceof InputError && region !== null) {
        skipped.push({ code, name, reason: err.message });
        continue;
      }
      throw err;
    }
    reports.push([clusters.results, pathways.results]);
  }
  if (reports.length === 0) throw new InputError(`nothing to publish for dataset ${datasetName}: ${skipped.map((s) => `${s.code}: ${s.reason}`).join('; ')}`);

  // All reports together, as one release set: counts that add up across regions cannot be
  // differenced to recover a withheld cell. The audit runs on the joint model and throws
  // AuditFailure naming the table and cell when it fails.
  const releases = await timed('protect', 'all', targets.length, () => protectSet(reports, options.policy));

  const site = await timed('site', 'site', targets.length, () =>
    writeSite(options.out, {
      dataset: datasetName,
      reports: releases.map((release) => ({ release })),
      pdf: options.pdf,
      ...(options.title ? { title: options.title } : {}),
      ...(options.date ? { date: options.date } : {}),
    }),
  );
  if (options.pdf) {
    await timed('pdf', 'pdf', targets.length, () =>
      renderPdfs(site.reports.map((r) => ({ html: r.page, pdf: join(options.out, 'pdf', `${r.code}.pdf`) }))),
    );
  }
  return { site, releases, skipped, seconds };
}
