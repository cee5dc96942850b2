/**
 * protect(): the only way to turn unprotected Results into a ProtectedRelease.
 *
 * Several Results (e.g. a clusters run and a pathways run on the same dataset
 * and region) are protected together as ONE release, so a cell cannot be
 * recovered by combining them. Steps:
 *  1. the linear model of every count table (model.ts);
 *  2. the published cells: every count-table cell a report table or the
 *     network shows or rests on (counts, shares' numerators and denominators,
 *     statistics' inputs); other cells are not published ("hidden") but are
 *     still protected when small;
 *  3. primary suppression (primary.ts), secondary suppression (secondary.ts);
 *  4. the independent rank audit (audit.ts) — protect() throws if it fails,
 *     naming the table, the cell and why;
 *  5. published values: counts rounded (rounding.ts), percentages and their
 *     Wilson 95% intervals from unrounded counts, symbols for everything withheld.
 */
import type { CellRef, CountTable, ReportCell, Results } from '../results.js';
import { InputError } from '../errors.js';
import { buildTruthModel, type LinearModel, type ModelCell, type ModelTableInput, type RegionSum } from './model.js';
import { resolvePolicy, type DisclosurePolicy, type PolicyInput } from './policy.js';
import { primarySuppress, singletonInnerCells } from './primary.js';
import { gaussSuppress } from './secondary.js';
import { auditModel, type AuditResult } from './audit.js';
import { roundCount } from './rounding.js';
import { releaseSettings } from './settings.js';
import { shareOf } from '../pathways/render.js';
import {
  sealRelease,
  type AuditSummary,
  type GssSymbol,
  type ProtectedRelease,
  type PublishedCell,
  type PublishedCountTable,
  type PublishedNetwork,
  type PublishedTable,
  type SuppressionReason,
} from './release.js';

export interface ProtectOptions {
  onProgress?: (done: number, total: number) => void;
  /**
   * Candidate order for secondary suppression. 'totals-first' (default): margins are the last
   * to be suppressed, then larger counts; 'by-count': larger counts first whatever they are
   * (GaussSuppression's default), margins first on ties.
   */
  order?: 'totals-first' | 'by-count';
}

/** The release could not be made safe (should not happen) or failed its audit. */
export class AuditFailure extends Error {
  override name = 'AuditFailure';
  constructor(
    message: string,
    readonly findings: AuditResult['derivable'],
  ) {
    super(message);
  }
}

export const AUDIT_METHOD =
  'Rank test: each suppressed cell was checked not to lie in the row space of the published cells, the known relations between linked tables and the known zeros (exact rational elimination)';

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
}

/** Unique keys for the count tables of several Results: the id, or "analysis.id" when ids clash. */
function tableKeys(results: Results[]): Array<Map<string, string>> {
  const count = new Map<string, number>();
  for (const r of results) for (const t of r.countTables) count.set(t.id, (count.get(t.id) ?? 0) + 1);
  const used = new Set<string>();
  return results.map((r, i) => {
    const m = new Map<string, string>();
    for (const t of r.countTables) {
      if (m.has(t.id)) throw new InputError(`results of ${r.analysis}: two count tables are both called ${t.id}`);
      let key = count.get(t.id)! > 1 ? `${r.analysis}.${t.id}` : t.id;
      if (used.has(key)) key = `${r.analysis}${i}.${t.id}`;
      used.add(key);
      m.set(t.id, key);
    }
    return m;
  });
}

function modelInputs(results: Results[], keys: Array<Map<string, string>>): ModelTableInput[] {
  const out: ModelTableInput[] = [];
  results.forEach((r, i) => {
    for (const t of r.countTables) {
      const linked = (t.linkedWith ?? []).map((id) => {
        const local = keys[i]!.get(id);
        if (local) return local;
        const elsewhere = keys.flatMap((m) => (m.has(id) ? [m.get(id)!] : []));
        if (elsewhere.length === 1) return elsewhere[0]!;
        throw new InputError(`count table ${t.id} of ${r.analysis} is linked with ${id}, which is not in the release`);
      });
      out.push({ key: keys[i]!.get(t.id)!, dimensions: t.dimensions, additive: t.additive, linkedWith: linked, cells: t.cells });
    }
  });
  return out;
}

/** The count-table refs each report cell shows or rests on (published: false for text). */
function refsOf(cell: ReportCell): { published: CellRef[]; depends: CellRef[] } {
  switch (cell.kind) {
    case 'count':
      return { published: [cell.ref], depends: [] };
    case 'share':
      return { published: [cell.num, cell.den], depends: [] };
    case 'stat':
      return { published: cell.dependsOn, depends: [] };
    case 'text':
      return { published: [], depends: cell.dependsOn ?? [] };
    default:
      return { published: [], depends: [] };
  }
}

/** Run disclosure control on one release. Throws AuditFailure if the audit fails; InputError on inconsistent results. */
export function protect(results: Results[], policyInput?: DisclosurePolicy | PolicyInput, options: ProtectOptions = {}): ProtectedRelease {
  return protectWithDetail(results, policyInput, options).release;
}

export function protectWithDetail(
  results: Results[],
  policyInput?: DisclosurePolicy | PolicyInput,
  options: ProtectOptions = {},
): { release: ProtectedRelease; detail: ProtectionDetail } {
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
 * secondary suppression and the audit run on that joint
 * model, so no withheld cell of any report can be worked out from everything
 * the set publishes; the result is split back into one release per report,
 * in the order given. protect() is the case of one report.
 */
export function protectSet(reports: Results[][], policyInput?: DisclosurePolicy | PolicyInput, options: ProtectOptions = {}): ProtectedRelease[] {
  return protectSetWithDetail(reports, policyInput, options).releases;
}

export function protectSetWithDetail(
  reports: Results[][],
  policyInput?: DisclosurePolicy | PolicyInput,
  options: ProtectOptions = {},
): { releases: ProtectedRelease[]; detail: ProtectionDetail } {
  if (reports.length === 0) throw new InputError('nothing to protect: no reports given');
  const policy = resolvePolicy(policyInput as PolicyInput | undefined);
  for (const results of reports) {
    if (results.length === 0) throw new InputError('nothing to protect: no results given');
    for (const r of results) {
      if ((r as { protected: unknown }).protected !== false) throw new InputError(`results of ${r.analysis} are not unprotected Results (protected must be false)`);
      if (r.dataset !== reports[0]![0]!.dataset) throw new InputError(`results from different datasets (${reports[0]![0]!.dataset}, ${r.dataset}) cannot form one release`);
      if (r.region !== results[0]!.region) throw new InputError(`results for different regions (${results[0]!.region ?? 'all'}, ${r.region ?? 'all'}) cannot form one release`);
    }
  }
  const regionOf = (k: number) => reports[k]![0]!.region;
  const seenRegions = new Set<string>();
  reports.forEach((_, k) => {
    const code = regionOf(k) ?? '';
    if (seenRegions.has(code)) throw new InputError(`two reports of one release set are both for ${code === '' ? 'all regions' : `region ${code}`}`);
    seenRegions.add(code);
  });

  // Every Results of every report, flat; table keys unique within a report (local) and in the joint model (model keys).
  const joint = reports.length > 1;
  const flat: Array<{ report: number; results: Results }> = reports.flatMap((rs, k) => rs.map((results) => ({ report: k, results })));
  const localKeys: Array<Map<string, string>> = [];
  for (const rs of reports) localKeys.push(...tableKeys(rs));
  const prefixOf = (k: number) => (joint ? `${regionOf(k) ?? 'ALL'}/` : '');
  const keys: Array<Map<string, string>> = flat.map((f, i) => new Map([...localKeys[i]!].map(([id, key]) => [id, prefixOf(f.report) + key] as const)));
  const tableInfo = new Map<string, { report: number; local: string }>();
  flat.forEach((f, i) => {
    for (const [, key] of localKeys[i]!) tableInfo.set(prefixOf(f.report) + key, { report: f.report, local: key });
  });
  const inputs: ModelTableInput[] = [];
  reports.forEach((rs, k) => {
    const first = flat.findIndex((f) => f.report === k);
    inputs.push(...modelInputs(rs, keys.slice(first, first + rs.length)));
  });
  const model = buildTruthModel(inputs, joint ? regionSums(flat, localKeys, keys) : []);
  const resolve = (i: number, ref: CellRef, where: string): ModelCell => {
    const key = keys[i]!.get(ref.table);
    if (!key) throw new InputError(`${where} refers to count table ${ref.table}, which ${flat[i]!.results.analysis} does not have`);
    try {
      return model.cell(key, ref.keys);
    } catch (e) {
      throw new InputError(`${where}: ${(e as Error).message}`);
    }
  };

  // Published cells: whatever the report tables and the network show or rest on.
  const publishedSet = new Set<number>();
  flat.forEach(({ results: r }, i) => {
    for (const t of r.reportTables)
      for (const row of t.rows)
        row.cells.forEach((c, j) => {
          for (const ref of refsOf(c).published) publishedSet.add(resolve(i, ref, `report table ${t.id}, row ${row.id}, column ${j + 1}`).index);
        });
    const net = r.network;
    if (net) {
      for (const n of net.nodes) publishedSet.add(resolve(i, n.people, `network node ${n.id}`).index);
      for (const l of net.links) publishedSet.add(resolve(i, l.people, `network link ${l.source}-${l.target}`).index);
      for (const c of net.clusters) publishedSet.add(resolve(i, c.people, `network cluster ${c.id}`).index);
    }
  });

  const primary = primarySuppress(model, policy);
  const primarySet = new Set(primary);
  const singletons = policy.protectSingletons ? singletonInnerCells(model) : [];
  const forced: number[] = [];
  const candidates: number[] = [];
  for (const c of publishedSet) {
    if (primarySet.has(c)) continue;
    if (model.cells[c]!.n === 0) forced.push(c);
    else candidates.push(c);
  }
  // Preference for publication: margins (totals) first, then larger counts; so small inner cells go first.
  candidates.sort((a, b) => {
    const x = model.cells[a]!;
    const y = model.cells[b]!;
    if (options.order === 'by-count') return y.n - x.n || y.support.length - x.support.length || a - b;
    return Number(y.margin) - Number(x.margin) || y.n - x.n || y.support.length - x.support.length || a - b;
  });
  const { secondary } = gaussSuppress({ model, primary, candidates, forced, singletons, onProgress: options.onProgress });
  const secondarySet = new Set(secondary);
  const published = [...publishedSet].filter((c) => !primarySet.has(c) && !secondarySet.has(c)).sort((a, b) => a - b);
  const audit = auditModel({ model, published, suppressed: [...primary, ...secondary], primary, singletons });
  if (!audit.passed) {
    const f = audit.derivable[0]!;
    throw new AuditFailure(
      `disclosure audit failed: ${audit.derivable.length} suppressed cell(s) can be worked out; first: table ${f.table}, cell ${f.label}: ${f.why}`,
      audit.derivable,
    );
  }

  const local = (c: ModelCell) => tableInfo.get(c.table)!.local;
  const status = (c: ModelCell): PublishedCell => {
    if (primarySet.has(c.index)) return symbol('[c]', 'primary-small-count');
    if (secondarySet.has(c.index)) return symbol('[c]', 'secondary');
    const r = roundCount(c.n, policy.roundingBase);
    if (r.kind === 'low') return symbol('[low]', 'rounds-to-zero');
    return { kind: 'count', value: r.value, ref: { table: local(c), keys: c.keys } };
  };
  const withheld = (c: ModelCell) => primarySet.has(c.index) || secondarySet.has(c.index);
  const reportOf = (c: number) => tableInfo.get(model.cells[c]!.table)!.report;

  const releases = reports.map((results, k) => {
    const first = flat.findIndex((f) => f.report === k);
    const idx = (j: number) => first + j;
    const tables: PublishedTable[] = [];
    results.forEach((r, j) => {
      for (const t of r.reportTables) {
        const pt: PublishedTable = {
          id: results.length > 1 && results.some((o, m) => m !== j && o.reportTables.some((x) => x.id === t.id)) ? `${r.analysis}.${t.id}` : t.id,
          title: t.title,
          section: t.section,
          columns: t.columns,
          rows: t.rows.map((row) => ({
            id: row.id,
            ...(row.total ? { total: true } : {}),
            cells: row.cells.map((c) => publishCell(c, (ref) => resolve(idx(j), ref, `report table ${t.id}`), status, withheld, policy)),
          })),
        };
        if (t.caption !== undefined) pt.caption = t.caption;
        if (t.notes !== undefined) pt.notes = t.notes;
        tables.push(pt);
      }
    });

    let network: PublishedNetwork | undefined;
    const nets = results.flatMap((r, j) => (r.network ? [{ net: r.network, i: idx(j) }] : []));
    if (nets.length > 0) {
      network = { nodes: [], links: [], clusters: [], omitted: { nodes: 0, links: 0 } };
      for (const { net, i } of nets) {
        const kept = new Set<string>();
        for (const n of net.nodes) {
          const s = status(resolve(i, n.people, `network node ${n.id}`));
          if (s.kind !== 'count') {
            network.omitted.nodes++;
            continue;
          }
          kept.add(n.id);
          network.nodes.push({ id: n.id, label: n.label, side: n.side, cluster: n.cluster, people: s.value, ...(n.confidence !== undefined ? { confidence: n.confidence } : {}) });
        }
        for (const l of net.links) {
          const s = status(resolve(i, l.people, `network link ${l.source}-${l.target}`));
          if (s.kind !== 'count' || !kept.has(l.source) || !kept.has(l.target)) {
            network.omitted.links++;
            continue;
          }
          const link: PublishedNetwork['links'][number] = { source: l.source, target: l.target, people: s.value };
          if (l.lift !== undefined) link.lift = l.lift;
          if (l.q !== undefined) link.q = l.q;
          if (l.significant !== undefined) link.significant = l.significant;
          network.links.push(link);
        }
        for (const c of net.clusters) {
          const s = status(resolve(i, c.people, `network cluster ${c.id}`));
          network.clusters.push({ id: c.id, name: c.name, people: s.kind === 'count' ? s.value : null });
        }
      }
    }

    // Count tables, published cells only: the structure anyone can re-audit.
    const byTable = new Map<string, ModelCell[]>();
    for (const c of publishedSet) {
      const cell = model.cells[c]!;
      if (reportOf(c) !== k) continue;
      const list = byTable.get(cell.table) ?? [];
      list.push(cell);
      byTable.set(cell.table, list);
    }
    const sameAs = new Map<string, NonNullable<PublishedCountTable['sameAs']>>();
    for (const [a, b] of model.linkedCells) {
      if (!publishedSet.has(a) || !publishedSet.has(b) || reportOf(a) !== k) continue;
      const x = model.cells[a]!;
      const y = model.cells[b]!;
      const list = sameAs.get(x.table) ?? [];
      list.push({ keys: x.keys, table: local(y), otherKeys: y.keys });
      sameAs.set(x.table, list);
    }
    const countTables: PublishedCountTable[] = [];
    results.forEach((r, j) => {
      for (const t of r.countTables) {
        const key = keys[idx(j)]!.get(t.id)!;
        const pt = publishCountTable(t, localKeys[idx(j)]!.get(t.id)!, localKeys.slice(first, first + results.length), j, byTable.get(key) ?? [], status);
        if (sameAs.has(key)) pt.sameAs = sameAs.get(key)!;
        countTables.push(pt);
      }
    });

    const mine = (list: number[]) => list.filter((c) => reportOf(c) === k).length;
    const nPrimary = mine(primary);
    const nSecondary = mine(secondary);
    const others = reports.length - 1;
    const summary: AuditSummary = {
      passed: true,
      suppressedCells: nPrimary + nSecondary,
      checked: nPrimary + nSecondary,
      derivable: [],
      primary: nPrimary,
      secondary: nSecondary,
      publishedCells: mine(published),
      rank: audit.rank,
      method:
        AUDIT_METHOD +
        (singletons.length > 0 ? '; each primary cell also against any one insider counted alone in a cell' : '') +
        (others > 0
          ? `; protected and audited together with the ${others} other report${others === 1 ? '' : 's'} published with it, knowing that each all-regions count is the sum of the regional counts plus the people of no published region (a small count of such people is withheld like a small cell)`
          : ''),
    };
    const labels = Object.assign({}, ...results.map((r) => r.labels ?? {}));
    return sealRelease({
      dataset: results[0]!.dataset,
      region: results[0]!.region,
      analyses: results.map((r) => r.analysis),
      policy: { minCount: policy.minCount, roundingBase: policy.roundingBase, minBase: policy.minBase, protectSingletons: policy.protectSingletons },
      tables,
      ...(network ? { network } : {}),
      labels,
      // Only settings chosen before looking at the data: analyses also record exact counts there.
      settings: Object.fromEntries(results.map((r) => [r.analysis, releaseSettings(r.settings)])),
      audit: summary,
      countTables,
    });
  });
  return {
    releases,
    detail: { model, shown: [...publishedSet].sort((a, b) => a - b), published, primary, secondary, singletons, audit, tableKeys: keys },
  };
}

/**
 * The region sums of a release set: for each count table of the all-regions
 * report marked sumsAcrossRegions, the tables with the same key in the
 * regional reports (marked too).
 */
function regionSums(flat: Array<{ report: number; results: Results }>, localKeys: Array<Map<string, string>>, keys: Array<Map<string, string>>): RegionSum[] {
  const sums: RegionSum[] = [];
  const byLocal = new Map<string, Array<{ key: string; region: string | null }>>();
  flat.forEach((f, i) => {
    for (const t of f.results.countTables) {
      if (!t.sumsAcrossRegions) continue;
      const local = localKeys[i]!.get(t.id)!;
      const list = byLocal.get(local) ?? [];
      list.push({ key: keys[i]!.get(t.id)!, region: f.results.region });
      byLocal.set(local, list);
    }
  });
  flat.forEach((f, i) => {
    if (f.results.region !== null) return;
    for (const t of f.results.countTables) {
      if (!t.sumsAcrossRegions) continue;
      const parts = (byLocal.get(localKeys[i]!.get(t.id)!) ?? []).filter((x) => x.region !== null).map((x) => x.key);
      if (parts.length === 0) continue;
      sums.push({ total: keys[i]!.get(t.id)!, parts, cells: t.sumsAcrossRegions === true ? true : t.sumsAcrossRegions });
    }
  });
  return sums;
}

function symbol(s: GssSymbol, reason: SuppressionReason): PublishedCell {
  return { kind: 'symbol', symbol: s, reason };
}

function publishCell(
  c: ReportCell,
  resolve: (ref: CellRef) => ModelCell,
  status: (c: ModelCell) => PublishedCell,
  withheld: (c: ModelCell) => boolean,
  policy: DisclosurePolicy,
): PublishedCell {
  switch (c.kind) {
    case 'text':
      if ((c.dependsOn ?? []).some((r) => withheld(resolve(r)))) return symbol('[c]', 'depends-on-suppressed');
      return { kind: 'text', text: c.text };
    case 'count':
      return status(resolve(c.ref));
    case 'share': {
      const num = resolve(c.num);
      const den = resolve(c.den);
      if (withheld(num) || withheld(den)) return symbol('[c]', 'depends-on-suppressed');
      if (den.n === 0) return symbol('[x]', 'not-available');
      if (den.n < policy.minBase) return symbol('[c]', 'primary-small-base');
      const weighted = c.weighted === true && num.w !== undefined && den.w !== undefined && den.w > 0;
      // Value and Wilson 95% interval from the unrounded counts (Kish effective base when weighted).
      const share = shareOf(num, den, weighted);
      // The base readers see is the denominator's published (rounded) count.
      const base = roundCount(den.n, policy.roundingBase);
      return { kind: 'share', value: share.value, low: share.low, high: share.high, ...(base.kind === 'value' ? { base: base.value } : {}) };
    }
    case 'stat':
      if (c.dependsOn.some((r) => withheld(resolve(r)))) return symbol('[c]', 'depends-on-suppressed');
      if (!Number.isFinite(c.value)) return symbol('[x]', 'not-available');
      return {
        kind: 'stat',
        value: c.value,
        ...(c.decimals !== undefined ? { decimals: c.decimals } : {}),
        ...(c.unit !== undefined ? { unit: c.unit } : {}),
      };
    case 'not-applicable':
      return symbol('[z]', 'not-applicable');
    case 'empty':
      return { kind: 'empty' };
  }
}

function publishCountTable(
  t: CountTable,
  key: string,
  keys: Array<Map<string, string>>,
  i: number,
  cells: ModelCell[],
  status: (c: ModelCell) => PublishedCell,
): PublishedCountTable {
  const linked = (t.linkedWith ?? []).map((id) => keys[i]!.get(id) ?? keys.find((m) => m.has(id))!.get(id)!);
  return {
    id: key,
    title: t.title,
    dimensions: t.dimensions,
    additive: t.additive,
    ...(linked.length > 0 ? { linkedWith: linked } : {}),
    ...(t.sumsAcrossRegions ? { sumsAcrossRegions: t.sumsAcrossRegions } : {}),
    cells: cells
      .sort((a, b) => a.index - b.index)
      .map((c) => {
        const s = status(c);
        if (s.kind === 'count') return { keys: c.keys, value: s.value };
        if (s.kind === 'symbol') return { keys: c.keys, symbol: s.symbol, reason: s.reason };
        throw new Error('unreachable');
      }),
  };
}
