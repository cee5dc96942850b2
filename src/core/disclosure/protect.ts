/**
 * protect(): the only way to turn unprotected Results into a ProtectedRelease.
 *
 * Several Results (e.g. a clusters run and a pathways run on the same dataset
 * and region) are protected together as ONE release, so a cell cannot be
 * recovered by combining them. Steps, one module each:
 *  1. the linear model of every count table (joint-model.ts, model.ts);
 *  2. the shown cells: every count-table cell a report table, the network or a
 *     headline shows or rests on (shown-cells.ts); other cells are not
 *     published ("hidden") but are still protected when small;
 *  3. primary and secondary suppression, then the independent rank audit,
 *     which must pass (suppression.ts);
 *  4. each report's release: counts rounded, percentages and their Wilson 95%
 *     intervals from the published (rounded) counts, symbols for everything withheld
 *     (report-release.ts, publish-cell.ts).
 */
import type { LinearModel } from './model.js';
import { resolvePolicy, type DisclosurePolicy, type PolicyInput } from './policy.js';
import { sealRelease, type ProtectedRelease } from './release.js';
import type { AuditResult } from './audit.js';
import { buildJointSet, type JointSet } from './joint-model.js';
import { roundCount } from './rounding.js';
import type { PerturbationLookup } from './perturbation/lookup.js';
import type { Results } from '../results.js';
import { shownCells } from './shown-cells.js';
import { suppress, type SuppressOptions } from './suppression.js';
import { reportRelease } from './report-release.js';
import { suppressionReport } from './suppression-release.js';

import { perturbSet } from './perturbation-release.js';
import type { PTable } from './perturbation/ptable.js';
import { riskUtility, type CellComparison, type RiskUtilityReport } from './risk-utility.js';
import type { CellSet } from './cell-set.js';
import type { NetworkResult } from '../results.js';

export { AuditFailure } from './suppression.js';
export { AUDIT_METHOD } from './suppression-release.js';
export type ProtectOptions = SuppressOptions;

/** Everything protect() decided, for tests, the benchmark and the audit report. */
export interface ProtectionDetail {
  model: LinearModel;
  /** Cells the release shows or rests on (published with a value or a symbol). */
  shown: number[];
  /** Of those, the ones published with a value. */
  published: number[];
  primary: number[];
  secondary: number[];
  singletons: number[];
  audit: AuditResult;
  tableKeys: Array<Map<string, string>>;
  /** The release set's cells and linear model. */
  set: JointSet;
}

/** Run disclosure control on one release. Throws AuditFailure if the audit fails; InputError on inconsistent results. */
export function protect(results: Results[], policyInput?: DisclosurePolicy | PolicyInput, options: ProtectOptions = {}): ProtectedRelease {
  return protectWithDetail(results, policyInput, options).release;
}

export function protectWithDetail(results: Results[], policyInput?: DisclosurePolicy | PolicyInput, options: ProtectOptions = {}): { release: ProtectedRelease; detail: ProtectionDetail } {
  const { releases, detail } = protectSetWithDetail([results], policyInput, options);
  return { release: releases[0]!, detail };
}

/**
 * Protect the reports of one publish run together, as one release set: the
 * all-regions report and each region's report (each a list of Results, e.g.
 * clusters and pathways). One linear model holds every report's tables, plus
 * the relations that make counts add up across regions (count tables marked
 * `sumsAcrossRegions`): each all-regions cell is the sum of the regional cells
 * with the same keys plus an unpublished remainder (people of no published
 * region). A remainder of 1..minCount-1 people is a small group too (anyone
 * could otherwise subtract the regional counts from the all-regions one): it is
 * primary-suppressed, and kept underivable, like a withheld cell. Primary and
 * secondary suppression and the audit run on that joint model, so no withheld
 * cell of any report can be worked out from everything the set publishes; the
 * result is split back into one release per report, in the order given.
 */
export function protectSet(reports: Results[][], policyInput?: DisclosurePolicy | PolicyInput, options: ProtectOptions = {}): ProtectedRelease[] {
  return protectSetWithDetail(reports, policyInput, options).releases;
}

export function protectSetWithDetail(
  reports: Results[][],
  policyInput?: DisclosurePolicy | PolicyInput,
  options: ProtectOptions = {},
): { releases: ProtectedRelease[]; detail: ProtectionDetail } {
  const set = buildJointSet(reports);
  const policy = resolvePolicy(policyInput as PolicyInput | undefined);
  const shown = new Set(shownCells(set).keys());
  const suppression = suppress(set.model, shown, policy, options);
  const releases = reports.map((_, k) => sealRelease(reportRelease(suppressionReport(set, suppression, policy, shown, k))));
  const { primary, secondary, singletons, published, audit } = suppression;
  return {
    releases,
    detail: { model: set.model, shown: [...shown].sort((a, b) => a - b), published, primary, secondary, singletons, audit, tableKeys: set.keys, set },
  };
}

/** A protected release set with its internal risk-utility report. */
export interface ReleaseSet {
  releases: ProtectedRelease[];
  riskUtility: RiskUtilityReport;
}

/** The true count of each network link of report k, and whether its release's map draws it. */
function mapLinks(set: CellSet, k: number, release: ProtectedRelease) {
  const drawn = new Set((release.network?.links ?? []).map((l) => `${l.source}\u0000${l.target}`));
  const first = set.firstOf(k);
  return set.reports[k]!.flatMap((r, j) =>
    (r.network?.links ?? []).map((l: NetworkResult['links'][number]) => ({
      trueCount: set.resolve(first + j, l.people, 'network link').n,
      drawn: drawn.has(`${l.source}\u0000${l.target}`),
    })),
  );
}

function report(set: CellSet, releases: ProtectedRelease[], cells: Array<CellComparison & { report: number }>, method: RiskUtilityReport['method'], lookup?: PerturbationLookup): RiskUtilityReport {
  const links = releases.map((r, k) => mapLinks(set, k, r));
  return {
    internal: true,
    note: 'INTERNAL: compares published figures with the true ones. Never publish this file.',
    method,
    overall: riskUtility(cells, links.flat(), lookup),
    reports: releases.map((r, k) => ({ region: r.region, ...riskUtility(cells.filter((c) => c.report === k), links[k]!, lookup) })),
  };
}

/**
 * Protect a release set with the policy's method (the cell key method or
 * suppression) and measure risk and utility. What publishing calls; protect()
 * and protectSet() are the suppression engine alone.
 */
export function protectReleaseSet(reports: Results[][], policyInput?: DisclosurePolicy | PolicyInput, options: ProtectOptions & { ptable?: PTable } = {}): ReleaseSet {
  const policy = resolvePolicy(policyInput as PolicyInput | undefined);
  if (policy.method === 'perturbation') {
    const { releases: bodies, detail, set } = perturbSet(reports, policy, options.ptable);
    const releases = bodies.map(sealRelease);
    const cells = detail.cells.map((c) => ({ table: c.fact.table, trueCount: c.fact.n, published: c.published, report: set.tableInfo.get(c.fact.table)!.report }));
    return { releases, riskUtility: report(set, releases, cells, 'perturbation', detail.lookup) };
  }
  const { releases, detail } = protectSetWithDetail(reports, policy, options);
  const { set } = detail;
  const withheld = new Set([...detail.primary, ...detail.secondary]);
  const cells = detail.shown.map((i) => {
    const c = set.model.cells[i]!;
    const r = withheld.has(i) ? null : roundCount(c.n, policy.roundingBase);
    return { table: c.table, trueCount: c.n, published: r && r.kind === 'value' ? r.value : r ? 0 : null, report: set.tableInfo.get(c.table)!.report };
  });
  return { releases, riskUtility: report(set, releases, cells, 'suppression') };
}
