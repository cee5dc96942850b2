/**
 * One report's release, cut from the protected release set: its tables, map
 * network, headlines and count tables as published, its analyses'
 * declarations for readers, and its audit summary.
 */
import type { CellRef, CountTable, Headline, Results, Section } from '../results.js';
import type { JointSet } from './joint-model.js';
import type { ModelCell } from './model.js';
import type { DisclosurePolicy } from './policy.js';
import type { AuditSummary, PublishedCell, PublishedCountTable, PublishedHeadline, PublishedNetwork, PublishedTable, ReleaseBody } from './release.js';
import { CellPublisher } from './publish-cell.js';
import type { Suppression } from './suppression.js';

export const AUDIT_METHOD =
  'Rank test: each suppressed cell was checked not to lie in the row space of the published cells, the known relations between linked tables and the known zeros (exact rational elimination)';

/** What publishing one report needs: the set, the decisions, and this report's place in the set. */
export interface ReportContext {
  set: JointSet;
  suppression: Suppression;
  policy: DisclosurePolicy;
  shown: Set<number>;
  report: number;
  publisher: CellPublisher;
  /** Resolve a reference of the j-th Results of this report. */
  resolver(j: number, where: string): (ref: CellRef) => ModelCell;
}

export function reportContext(set: JointSet, suppression: Suppression, policy: DisclosurePolicy, shown: Set<number>, report: number): ReportContext {
  const first = set.firstOf(report);
  return {
    set,
    suppression,
    policy,
    shown,
    report,
    publisher: new CellPublisher(suppression, policy, (c) => set.tableInfo.get(c.table)!.local),
    resolver: (j, where) => (ref) => set.resolve(first + j, ref, where),
  };
}

function publishTables(x: ReportContext, results: Results[]): PublishedTable[] {
  return results.flatMap((r, j) =>
    r.reportTables.map((t): PublishedTable => {
      const clash = results.length > 1 && results.some((o, m) => m !== j && o.reportTables.some((u) => u.id === t.id));
      const resolve = x.resolver(j, `report table ${t.id}`);
      return {
        id: clash ? `${r.analysis}.${t.id}` : t.id,
        analysis: r.analysis,
        ...(r.labels ? { labels: r.labels } : {}),
        title: t.title,
        ...(t.caption !== undefined ? { caption: t.caption } : {}),
        section: t.section,
        columns: t.columns,
        rows: t.rows.map((row) => ({ id: row.id, ...(row.total ? { total: true } : {}), cells: row.cells.map((c) => x.publisher.cell(c, resolve)) })),
        ...(t.notes !== undefined ? { notes: t.notes } : {}),
      };
    }),
  );
}

function publishNetwork(x: ReportContext, results: Results[]): PublishedNetwork | undefined {
  if (!results.some((r) => r.network)) return undefined;
  const network: PublishedNetwork = { nodes: [], links: [], clusters: [], omitted: { nodes: 0, links: 0 } };
  results.forEach((r, j) => {
    const net = r.network;
    if (!net) return;
    const status = (ref: CellRef, where: string) => x.publisher.status(x.resolver(j, where)(ref));
    const kept = new Set<string>();
    for (const n of net.nodes) {
      const s = status(n.people, `network node ${n.id}`);
      if (s.kind !== 'count') {
        network.omitted.nodes++;
        continue;
      }
      kept.add(n.id);
      network.nodes.push({ id: n.id, label: n.label, side: n.side, cluster: n.cluster, people: s.value, ...(n.confidence !== undefined ? { confidence: n.confidence } : {}) });
    }
    for (const l of net.links) {
      const s = status(l.people, `network link ${l.source}-${l.target}`);
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
      const s = status(c.people, `network cluster ${c.id}`);
      network.clusters.push({ id: c.id, name: c.name, people: s.kind === 'count' ? s.value : null });
    }
  });
  return network;
}

function figureValue(c: PublishedCell | undefined): number {
  return c && (c.kind === 'count' || c.kind === 'share' || c.kind === 'stat') ? c.value : -1;
}

function publishHeadline(x: ReportContext, h: Headline, analysis: string, j: number): PublishedHeadline {
  const resolve = x.resolver(j, `headline ${h.id}`);
  const out: PublishedHeadline = { id: h.id, label: h.label, analysis, ...(h.sentence ? { sentence: h.sentence } : {}) };
  if (h.figure) out.figure = x.publisher.cell(h.figure, resolve);
  if (h.items) {
    const items = h.items.flatMap((item) => {
      const text = x.publisher.cell(item.text, resolve);
      const figure = item.figure ? x.publisher.cell(item.figure, resolve) : undefined;
      if (text.kind !== 'text' || (item.requireFigure && figureValue(figure) < 0)) return [];
      return [{ text: text.text, ...(figure && figureValue(figure) >= 0 ? { figure } : {}) }];
    });
    // Ordered by the published figures, never by the unprotected ones.
    if (h.order === 'figure-desc') items.sort((a, b) => figureValue(b.figure) - figureValue(a.figure) || a.text.localeCompare(b.text));
    out.items = items;
  }
  return out;
}

function publication(x: ReportContext, results: Results[]): ReleaseBody['publication'] {
  const sections: Section[] = [];
  for (const r of results) for (const s of r.sections ?? []) if (!sections.some((t) => t.id === s.id)) sections.push(s);
  return {
    sections,
    headlines: results.flatMap((r, j) => (r.headlines ?? []).map((h) => publishHeadline(x, h, r.analysis, j))),
    analyses: results.map((r) => ({ id: r.analysis, title: r.title ?? r.analysis, labels: r.labels ?? {}, methodNotes: r.methodNotes ?? [], settingNotes: r.settingNotes ?? [] })),
  };
}

function publishCountTable(t: CountTable, local: string, linkedKeys: (id: string) => string, cells: ModelCell[], status: (c: ModelCell) => PublishedCell): PublishedCountTable {
  const linked = (t.linkedWith ?? []).map(linkedKeys);
  return {
    id: local,
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

/** Count tables, shown cells only: the structure anyone can re-audit, with the equalities between linked tables. */
function publishCountTables(x: ReportContext, results: Results[]): PublishedCountTable[] {
  const { set } = x;
  const reportOf = (c: number) => set.tableInfo.get(set.model.cells[c]!.table)!.report;
  const local = (c: ModelCell) => set.tableInfo.get(c.table)!.local;
  const byTable = new Map<string, ModelCell[]>();
  for (const c of x.shown) if (reportOf(c) === x.report) byTable.set(set.model.cells[c]!.table, [...(byTable.get(set.model.cells[c]!.table) ?? []), set.model.cells[c]!]);
  const sameAs = new Map<string, NonNullable<PublishedCountTable['sameAs']>>();
  for (const [a, b] of set.model.linkedCells) {
    if (!x.shown.has(a) || !x.shown.has(b) || reportOf(a) !== x.report) continue;
    const [p, q] = [set.model.cells[a]!, set.model.cells[b]!];
    sameAs.set(p.table, [...(sameAs.get(p.table) ?? []), { keys: p.keys, table: local(q), otherKeys: q.keys }]);
  }
  const first = set.firstOf(x.report);
  const localKeys = set.localKeys.slice(first, first + results.length);
  return results.flatMap((r, j) =>
    r.countTables.map((t) => {
      const key = set.keys[first + j]!.get(t.id)!;
      const linkedKeys = (id: string) => localKeys[j]!.get(id) ?? localKeys.find((m) => m.has(id))!.get(id)!;
      const pt = publishCountTable(t, localKeys[j]!.get(t.id)!, linkedKeys, byTable.get(key) ?? [], (c) => x.publisher.status(c));
      if (sameAs.has(key)) pt.sameAs = sameAs.get(key)!;
      return pt;
    }),
  );
}

function auditSummary(x: ReportContext): AuditSummary {
  const reportOf = (c: number) => x.set.tableInfo.get(x.set.model.cells[c]!.table)!.report;
  const mine = (list: number[]) => list.filter((c) => reportOf(c) === x.report).length;
  const { primary, secondary, published, singletons, audit } = x.suppression;
  const others = x.set.reports.length - 1;
  return {
    passed: true,
    suppressedCells: mine(primary) + mine(secondary),
    checked: mine(primary) + mine(secondary),
    derivable: [],
    primary: mine(primary),
    secondary: mine(secondary),
    publishedCells: mine(published),
    rank: audit.rank,
    method:
      AUDIT_METHOD +
      (singletons.length > 0 ? '; each primary cell also against any one insider counted alone in a cell' : '') +
      (others > 0
        ? `; protected and audited together with the ${others} other report${others === 1 ? '' : 's'} published with it, knowing that each all-regions count is the sum of the regional counts plus the people of no published region (a small count of such people is withheld like a small cell)`
        : ''),
  };
}

/** The release body of report k of the set. */
export function reportRelease(x: ReportContext): ReleaseBody {
  const results = x.set.reports[x.report]!;
  const network = publishNetwork(x, results);
  const { policy } = x;
  return {
    dataset: results[0]!.dataset,
    region: results[0]!.region,
    analyses: results.map((r) => r.analysis),
    policy: { minCount: policy.minCount, roundingBase: policy.roundingBase, minBase: policy.minBase, protectSingletons: policy.protectSingletons },
    tables: publishTables(x, results),
    ...(network ? { network } : {}),
    labels: Object.assign({}, ...results.map((r) => r.labels ?? {})),
    settings: Object.fromEntries(results.map((r) => [r.analysis, r.settings])),
    publication: publication(x, results),
    audit: auditSummary(x),
    countTables: publishCountTables(x, results),
  };
}
