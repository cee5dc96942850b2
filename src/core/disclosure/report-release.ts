/**
 * One report's release, whatever the disclosure method: its tables, map
 * network, headlines and the declarations of its analyses for readers. The
 * method supplies how each cell is published (a CellPublisher), the count
 * tables as published and the audit summary (suppression-release.ts,
 * perturbation-release.ts).
 */
import type { CellRef, CountTable, Headline, ReportCell, Results, Section } from '../results.js';
import type { CellFact, CellSet } from './cell-set.js';
import type { AuditSummary, PolicySummary, PublishedCell, PublishedCountTable, PublishedFact, PublishedHeadline, PublishedNetwork, PublishedTable, ReleaseBody } from './release.js';
import { appendTo } from '../multimap.js';

/** How one method publishes cells: counts as published, whether a cell is withheld, report cells. */
export interface CellPublisher {
  status(c: CellFact): PublishedCell;
  withheld(c: CellFact): boolean;
  cell(c: ReportCell, resolve: (ref: CellRef) => CellFact): PublishedCell;
}

/** What publishing one report needs from its method. */
export interface ReportContext {
  results: Results[];
  /** Resolve a reference of the j-th Results of this report. */
  resolver(j: number, where: string): (ref: CellRef) => CellFact;
  publisher: CellPublisher;
  policy: PolicySummary;
  countTables(): PublishedCountTable[];
  audit(): AuditSummary;
  /** A cell's count table as the release names it. */
  local(c: CellFact): string;
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
        ...(t.display !== undefined ? { display: t.display } : {}),
      };
    }),
  );
}

/** A link's lift from published counts: people holding both x everyone analysed / (holders of each side). */
function publishedLift(people: number, source: number | undefined, target: number | undefined, population: number | undefined): number | undefined {
  if (!source || !target || !population) return undefined;
  return Math.round(((people * population) / (source * target)) * 100) / 100;
}

function publishNetwork(x: ReportContext, results: Results[]): PublishedNetwork | undefined {
  if (!results.some((r) => r.network)) return undefined;
  const network: PublishedNetwork = { nodes: [], links: [], clusters: [], omitted: { nodes: 0, links: 0 } };
  results.forEach((r, j) => {
    const net = r.network;
    if (!net) return;
    const status = (ref: CellRef, where: string) => x.publisher.status(x.resolver(j, where)(ref));
    const value = (s: PublishedCell) => (s.kind === 'count' && s.value > 0 ? s.value : null);
    const kept = new Map<string, number>();
    for (const n of net.nodes) {
      const v = value(status(n.people, `network node ${n.id}`));
      if (v === null) {
        network.omitted.nodes++;
        continue;
      }
      kept.set(n.id, v);
      network.nodes.push({ id: n.id, label: n.label, side: n.side, cluster: n.cluster, people: v, ...(n.confidence !== undefined ? { confidence: n.confidence } : {}) });
    }
    const pop = net.population ? status(net.population, 'network population') : undefined;
    const population = pop?.kind === 'count' ? pop.value : undefined;
    for (const l of net.links) {
      const v = value(status(l.people, `network link ${l.source}-${l.target}`));
      if (v === null || !kept.has(l.source) || !kept.has(l.target)) {
        network.omitted.links++;
        continue;
      }
      const link: PublishedNetwork['links'][number] = { source: l.source, target: l.target, people: v };
      const lift = net.population ? publishedLift(v, kept.get(l.source), kept.get(l.target), population) : l.lift;
      if (lift !== undefined) link.lift = lift;
      if (!net.population && l.q !== undefined) link.q = l.q;
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

function publishCountTable(t: CountTable, local: string, linkedKeys: (id: string) => string, cells: CellFact[], status: (c: CellFact) => PublishedCell): PublishedCountTable {
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

/**
 * The count tables of report k, shown cells only: the structure anyone can
 * re-audit. `sameAs` (suppression): published equalities between linked tables, by set key.
 */
export function publishCountTables(
  set: CellSet,
  report: number,
  shown: Iterable<CellFact>,
  status: (c: CellFact) => PublishedCell,
  sameAs?: Map<string, NonNullable<PublishedCountTable['sameAs']>>,
): PublishedCountTable[] {
  const byTable = new Map<string, CellFact[]>();
  for (const c of shown) if (set.tableInfo.get(c.table)!.report === report) appendTo(byTable, c.table, c);
  const first = set.firstOf(report);
  const results = set.reports[report]!;
  const localKeys = set.localKeys.slice(first, first + results.length);
  return results.flatMap((r, j) =>
    r.countTables.map((t) => {
      const key = set.keys[first + j]!.get(t.id)!;
      const linkedKeys = (id: string) => localKeys[j]!.get(id) ?? localKeys.find((m) => m.has(id))!.get(id)!;
      const pt = publishCountTable(t, localKeys[j]!.get(t.id)!, linkedKeys, byTable.get(key) ?? [], status);
      if (sameAs?.has(key)) pt.sameAs = sameAs.get(key)!;
      return pt;
    }),
  );
}

/** The layout facts of the report's analyses, in the release's count-table names. */
function publishFacts(x: ReportContext, results: Results[]): PublishedFact[] {
  return results.flatMap((r, j) =>
    (r.facts ?? []).flatMap((f) => {
      const resolve = x.resolver(j, `layout fact "${f.why}"`);
      if ((f.when ?? []).some((ref) => x.publisher.withheld(resolve(ref)))) return [];
      const terms = f.terms.map((t) => {
        const c = resolve(t.ref);
        return { table: x.local(c), keys: c.keys, coef: t.coef };
      });
      return [{ terms, ...(f.min !== undefined ? { min: f.min } : {}), ...(f.max !== undefined ? { max: f.max } : {}), why: f.why }];
    }),
  );
}

/** The release body of one report. */
export function reportRelease(x: ReportContext): ReleaseBody {
  const { results } = x;
  const network = publishNetwork(x, results);
  const facts = publishFacts(x, results);
  return {
    dataset: results[0]!.dataset,
    region: results[0]!.region,
    analyses: results.map((r) => r.analysis),
    policy: x.policy,
    tables: publishTables(x, results),
    ...(network ? { network } : {}),
    labels: Object.assign({}, ...results.map((r) => r.labels ?? {})),
    settings: Object.fromEntries(results.map((r) => [r.analysis, r.settings])),
    publication: publication(x, results),
    audit: x.audit(),
    countTables: x.countTables(),
    ...(facts.length > 0 ? { facts } : {}),
  };
}
