/**
 * The one publishing pipeline: analyses -> protect -> publishing audit -> site.
 * `routeways publish <dataset>`, `routeways run` and `routeways publish
 * --release` all go through here, and every path runs the same checks: the
 * rank audit (protect, or readRelease re-auditing what it reads), the audit of
 * the release set as a whole (joint protection, or auditReleaseSet on files),
 * and the LP interval check (auditRelease) before anything is written.
 */
import { writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../core/errors.js';
import { protectReleaseSet } from '../core/disclosure/protect.js';
import type { RiskUtilityReport } from '../core/disclosure/risk-utility.js';
import type { PTable } from '../core/disclosure/perturbation/ptable.js';
import { auditReleaseSet } from '../core/disclosure/verify.js';
import { PUBLISHING_DEFAULTS, resolvePolicy, type DisclosurePolicy, type PolicyInput } from '../core/disclosure/policy.js';
import type { ProtectedRelease } from '../core/disclosure/release.js';
import type { Results } from '../core/results.js';
import { dropShared, openDataset, parseOptions, type Analysis, type AnalysisContext } from '../analyses/analysis.js';
import { ANALYSES } from '../analyses/registry.js';
import { regionReport } from '../reference/regions.js';
import { auditRelease, type AuditReport } from '../release/audit-report.js';
import { readRelease } from '../release/files.js';
import { assertPdfReady, renderPdfs } from '../site/pdf.js';
import { assertSiteFolder, writeSiteAsMapsArrive, type WrittenSite } from '../site/site.js';
import { startLayouts } from '../site/layout-pool.js';
import type { Store } from '../store/database.js';
import { prepareRecordKeys } from '../store/record-keys.js';
import { targetRegions } from './regions.js';

export interface SiteOptions {
  out: string;
  pdf?: boolean;
  title?: string;
  date?: string;
}

export interface PublishOptions extends SiteOptions {
  /** Region codes or any spelling of them (default: every region in the dataset). */
  regions?: string[];
  /** Also publish all regions together (default true). */
  allRegions?: boolean;
  /** The analyses each report is made of (default: every registered analysis). */
  analyses?: readonly Analysis[];
  /** Options per analysis id, validated by that analysis's schema. */
  options?: Record<string, Record<string, unknown>>;
  /** The disclosure policy over the publishing defaults (the cell key method). */
  policy?: PolicyInput;
  /** A perturbation table read from a file, instead of the one the policy's parameters make. */
  ptable?: PTable;
  /** A stage of one report starts: report code, stage, reports done, reports in all. */
  onStep?: (code: string, stage: string, done: number, total: number) => void;
}

export interface PublishResult {
  site: WrittenSite;
  releases: ProtectedRelease[];
  audits: AuditReport[];
  /** INTERNAL: published against true figures, per report; never part of the site. */
  riskUtility: RiskUtilityReport;
  /** Where it was written: beside the site folder, never in it. */
  riskUtilityFile: string;
  /** Regions left out, and why (e.g. too few people to analyse). */
  skipped: Array<{ code: string; name: string; reason: string }>;
  /** Analyses left out of every report, and why (e.g. progression on a dataset without employment histories). */
  notes: string[];
  /** Seconds per stage (each analysis by id, protect, audit, site, pdf), summed over reports. */
  seconds: Record<string, number>;
}

type Timer = <T>(stage: string, code: string, done: number, work: () => Promise<T> | T) => Promise<T>;

function timer(seconds: Record<string, number>, total: number, onStep: PublishOptions['onStep']): Timer {
  return async (stage, code, done, work) => {
    onStep?.(code, stage, done, total);
    const t0 = performance.now();
    try {
      return await work();
    } finally {
      seconds[stage] = (seconds[stage] ?? 0) + (performance.now() - t0) / 1000;
    }
  };
}

/** Every analysis for each target (null = all regions); a region too small to analyse is left out and said so. */
async function analyseReports(context: AnalysisContext, targets: Array<string | null>, options: Pick<PublishOptions, 'analyses' | 'options'>, timed: Timer) {
  const { analyses, notes } = await applicableAnalyses(context, options.analyses ?? ANALYSES);
  const parsed = analyses.map((a) => ({ analysis: a, options: parseOptions(a.options, options.options?.[a.id] ?? {}) }));
  const reports: Results[][] = [];
  const skipped: PublishResult['skipped'] = [];
  for (const [i, region] of targets.entries()) {
    const { code, name } = regionReport(region);
    try {
      const report: Results[] = [];
      for (const { analysis, options: o } of parsed) report.push(await timed(analysis.id, code, i, () => analysis.run(context, o, { region, earlier: [...report] })));
      reports.push(report);
    } catch (err) {
      if (!(err instanceof InputError) || region === null) throw err;
      skipped.push({ code, name, reason: err.message });
    }
  }
  return { reports, skipped, notes };
}

/** The analyses that apply to the dataset (e.g. progression needs employment histories), and a note for each left out. */
async function applicableAnalyses(context: AnalysisContext, all: readonly Analysis[]): Promise<{ analyses: Analysis[]; notes: string[] }> {
  const analyses: Analysis[] = [];
  const notes: string[] = [];
  for (const a of all) {
    const reason = a.skipReason ? await a.skipReason(context) : null;
    if (reason === null) analyses.push(a);
    else notes.push(`${a.title}: ${reason}`);
  }
  return { analyses, notes };
}

/** The internal risk-utility report beside the site folder (`<site>.risk-utility.json`), never inside it. */
function writeRiskUtility(out: string, report: RiskUtilityReport): string {
  const file = join(dirname(resolve(out)), `${basename(resolve(out))}.risk-utility.json`);
  writeFileSync(file, JSON.stringify(report, null, 1) + '\n');
  return file;
}

/** The policy of a publishing run: the publishing defaults (the cell key method), then what was asked. */
export function publishingPolicy(policy?: PolicyInput): DisclosurePolicy {
  return resolvePolicy(PUBLISHING_DEFAULTS, policy);
}

/** The publishing audit of every release (LP intervals); throws naming the cell when one fails. */
export async function auditReleases(releases: readonly ProtectedRelease[], policy: DisclosurePolicy): Promise<AuditReport[]> {
  const out: AuditReport[] = [];
  for (const r of releases) out.push(await auditRelease(r, { intervalCells: policy.intervalCells }));
  return out;
}

async function writePublishedSite(releases: ProtectedRelease[], dataset: string, options: SiteOptions): Promise<WrittenSite> {
  // The maps side by side on worker threads, with the names and codes the pages give them.
  const mapped = releases.filter((r) => r.network);
  const maps = startLayouts(mapped.map((r) => ({ network: r.network!, code: regionReport(r.region).code, title: regionReport(r.region).name, seed: 1 })));
  const mapOf = new Map(mapped.map((r, i) => [r, maps[i]!]));
  const input = { dataset, reports: releases.map((release) => ({ release })), pdf: options.pdf, ...(options.title ? { title: options.title } : {}), ...(options.date ? { date: options.date } : {}) };
  // Each page is written as its map arrives, while the workers lay out the others.
  const site = await writeSiteAsMapsArrive(options.out, input, (r) => mapOf.get(r)).finally(() => Promise.allSettled(maps));
  if (options.pdf) await renderPdfs(site.reports.map((r) => ({ html: r.page, pdf: join(options.out, 'pdf', `${r.code}.pdf`) })));
  return site;
}

/** Analyse, protect (all reports together, as one release set), audit and publish a dataset. */
export async function publishDataset(store: Store, datasetName: string, options: PublishOptions): Promise<PublishResult> {
  assertSiteFolder(options.out);
  if (options.pdf) await assertPdfReady();
  const context = await openDataset(store, datasetName);
  const regions = await targetRegions(context, options.regions);
  const targets: Array<string | null> = [...(options.allRegions === false ? [] : [null]), ...regions];
  if (targets.length === 0) throw new InputError(`dataset ${datasetName} has no people with a known region, and all regions together was not asked for`);
  const policy = publishingPolicy(options.policy);
  const seconds: Record<string, number> = {};
  const timed = timer(seconds, targets.length, options.onStep);
  // Record keys once for every analysis of the run (hashing ids is the costly part).
  const recordKeys = await prepareRecordKeys(store, context.dataset.id);
  const run: AnalysisContext = { ...context, recordKeys, shared: new Map() };
  let analysed;
  try {
    analysed = await analyseReports(run, targets, options, timed);
  } finally {
    await dropShared(run);
    await recordKeys.drop();
  }
  const { reports, skipped, notes } = analysed;
  if (reports.length === 0) throw new InputError(`nothing to publish for dataset ${datasetName}: ${skipped.map((s) => `${s.code}: ${s.reason}`).join('; ')}`);
  // One release set: the same people get the same figure in every report, and (suppression)
  // counts that add up across regions cannot be differenced to recover a withheld cell.
  const set = await timed('protect', 'all', targets.length, () => protectReleaseSet(reports, policy, { ...(options.ptable ? { ptable: options.ptable } : {}) }));
  const audits = await timed('audit', 'all', targets.length, () => auditReleases(set.releases, policy));
  const site = await timed('site', 'site', targets.length, () => writePublishedSite(set.releases, datasetName, options));
  const riskUtilityFile = writeRiskUtility(options.out, set.riskUtility);
  return { site, releases: set.releases, audits, riskUtility: set.riskUtility, riskUtilityFile, skipped, notes, seconds };
}

/**
 * The protected releases of a dataset without a site (the API server's
 * published tables): the same analyses, the same record keys and the same
 * protection of the release set as `publishDataset`, so every figure equals
 * the published report's. Regions: null for all regions together.
 */
export async function protectDatasetReports(
  store: Store,
  datasetName: string,
  options: Pick<PublishOptions, 'analyses' | 'options' | 'policy' | 'ptable'> & { regions?: Array<string | null> } = {},
): Promise<ProtectedRelease[]> {
  const context = await openDataset(store, datasetName);
  const policy = publishingPolicy(options.policy);
  const recordKeys = await prepareRecordKeys(store, context.dataset.id);
  const run: AnalysisContext = { ...context, recordKeys, shared: new Map() };
  let analysed;
  try {
    analysed = await analyseReports(run, options.regions ?? [null], options, async (_s, _c, _d, work) => work());
  } finally {
    await dropShared(run);
    await recordKeys.drop();
  }
  if (analysed.reports.length === 0) return [];
  return (await protectReleaseSet(analysed.reports, policy, { ...(options.ptable ? { ptable: options.ptable } : {}) })).releases;
}

/**
 * Publish releases written by `routeways protect`: readRelease re-audits each one, the set is
 * audited together (strict: as if everyone were in one of the published regions, which an
 * outsider may know), and each passes the LP interval check; a site that fails is refused.
 */
export async function publishReleases(dirs: string[], options: SiteOptions & { policy?: PolicyInput }): Promise<{ site: WrittenSite; releases: ProtectedRelease[]; audits: AuditReport[] }> {
  if (options.pdf) await assertPdfReady();
  const releases: ProtectedRelease[] = [];
  for (const d of dirs) releases.push(await readRelease(d));
  const methods = new Set(releases.map((r) => r.policy.method ?? 'suppression'));
  if (methods.size > 1) throw new InputError('these releases were protected with different methods (perturbation and suppression); protect them together with one method');
  // Perturbed releases withhold nothing, so there is nothing to difference out; suppressed ones are audited together.
  if (releases.length > 1 && !methods.has('perturbation')) {
    const joint = auditReleaseSet(releases, { remainders: 'zero' });
    const f = joint.derivable[0];
    if (f) {
      throw new InputError(
        `disclosure audit failed, nothing published: these releases were protected apart and, published together, table ${f.table}, cell ${f.cell} can be worked out (${joint.derivable.length} cell(s) in all); publish the dataset with \`routeways publish <dataset>\`, which protects all reports together`,
      );
    }
  }
  assertSiteFolder(options.out);
  const audits = await auditReleases(releases, publishingPolicy(options.policy));
  const site = await writePublishedSite(releases, [...new Set(releases.map((r) => r.dataset))].join(', '), options);
  return { site, releases, audits };
}
