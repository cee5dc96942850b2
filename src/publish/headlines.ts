/**
 * Headline figures and the plain-words overview of a report, read from a
 * protected release only (never from settings or unprotected results), so
 * every number a reader sees has passed disclosure control.
 */
import type { PublishedCell, ProtectedRelease } from '../core/disclosure/release.js';
import { formatCount, formatShare } from './format.js';

export interface Headlines {
  /** People analysed (published, rounded), or null when the release does not publish it. */
  people: number | null;
  /** Published clusters, largest first (people null when suppressed). */
  clusters: Array<{ id: string; name: string; people: number | null }>;
  /** Clear pathways (subject -> occupation with a share at or above the threshold). */
  pathways: Array<{ subject: string; occupation: string; share: number }>;
  mapNodes: number;
  mapLinks: number;
  omitted: { nodes: number; links: number };
}

const PEOPLE_SECTIONS = ['summary', 'clusters', 'pathways', 'profiles'];

function firstCount(cells: readonly PublishedCell[]): number | null {
  for (const c of cells) if (c.kind === 'count') return c.value;
  return null;
}

/**
 * People analysed: the table the analyses mark as the population summary
 * (a table whose id ends in "people" or "summary"), else the total row of the
 * first table in the sections above that has one.
 */
export function peopleAnalysed(release: ProtectedRelease): number | null {
  const tables = [...release.tables];
  for (const t of tables) {
    if (!/(^|[-_.])(people|summary|population)$/.test(t.id)) continue;
    const total = t.rows.find((r) => r.total) ?? t.rows[0];
    const n = total ? firstCount(total.cells) : null;
    if (n !== null) return n;
  }
  for (const section of PEOPLE_SECTIONS) {
    for (const t of tables.filter((x) => x.section === section)) {
      const total = t.rows.find((r) => r.total);
      const n = total ? firstCount(total.cells) : null;
      if (n !== null) return n;
    }
  }
  return null;
}

/**
 * Clear pathways, from the pathways table that has a `clear_pathway` column
 * (H5's per-SSA table, DfE Tables 8/9): rows marked "Yes", with the subject
 * (first column), the most common occupation (`top_occupation`) and its share
 * (`top_share`). Withheld cells are skipped: a pathway whose share is [c] is
 * not cited.
 */
export function clearPathways(release: ProtectedRelease): Headlines['pathways'] {
  const out: Headlines['pathways'] = [];
  const seen = new Set<string>();
  for (const table of release.tables) {
    if (table.section !== 'pathways') continue;
    const col = (id: string) => table.columns.findIndex((c) => c.id === id);
    const clear = col('clear_pathway');
    const occ = col('top_occupation');
    const share = col('top_share');
    if (clear < 0 || occ < 0 || share < 0) continue;
    for (const r of table.rows) {
      if (r.total) continue;
      const subject = r.cells[0];
      const isClear = r.cells[clear];
      const o = r.cells[occ];
      const sh = r.cells[share];
      if (subject?.kind !== 'text' || isClear?.kind !== 'text' || isClear.text !== 'Yes' || o?.kind !== 'text' || sh?.kind !== 'share') continue;
      const key = `${subject.text}\u0000${o.text}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ subject: subject.text, occupation: o.text, share: sh.value });
    }
  }
  return out.sort((a, b) => b.share - a.share || a.subject.localeCompare(b.subject));
}

export function headlines(release: ProtectedRelease): Headlines {
  const net = release.network;
  return {
    people: peopleAnalysed(release),
    clusters: net
      ? [...net.clusters].sort((a, b) => (b.people ?? -1) - (a.people ?? -1) || a.name.localeCompare(b.name))
      : [],
    pathways: clearPathways(release),
    mapNodes: net?.nodes.length ?? 0,
    mapLinks: net?.links.length ?? 0,
    omitted: net?.omitted ?? { nodes: 0, links: 0 },
  };
}

function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The overview paragraphs, written from the headline figures. */
export function overview(h: Headlines, regionName: string, release: ProtectedRelease): string[] {
  const paras: string[] = [];
  const where = regionName === 'All regions' ? 'across all regions' : `in ${regionName}`;
  paras.push(
    h.people !== null
      ? `This report looks at ${formatCount(h.people)} people ${where} who gained at least one qualification and went on to a known occupation, and at which qualifications led to which occupations.`
      : `This report looks at people ${where} who gained at least one qualification and went on to a known occupation, and at which qualifications led to which occupations. The number of people is withheld to protect them.`,
  );
  if (h.clusters.length > 0) {
    const top = h.clusters.slice(0, 3).map((c) => (c.people !== null ? `${c.name} (${formatCount(c.people)} people)` : c.name));
    paras.push(
      `The analysis found ${formatCount(h.clusters.length)} ${h.clusters.length === 1 ? 'cluster' : 'clusters'} of qualifications and occupations that tend to go together. ` +
        `The largest ${top.length === 1 ? 'is' : 'are'} ${list(top)}.`,
    );
  }
  if (h.pathways.length > 0) {
    const top = h.pathways.slice(0, 3).map((p) => `${p.subject} into ${p.occupation} (${formatShare(p.share)})`);
    paras.push(
      `${formatCount(h.pathways.length)} ${h.pathways.length === 1 ? 'subject area shows' : 'subject areas show'} a clear pathway into one occupation group, for example ${list(top)}.`,
    );
  }
  if (release.network) {
    const left = h.omitted.nodes + h.omitted.links;
    paras.push(
      `The map shows ${formatCount(h.mapNodes)} qualifications and occupations and ${formatCount(h.mapLinks)} links between them.` +
        (left > 0
          ? ` ${formatCount(h.omitted.nodes)} ${h.omitted.nodes === 1 ? 'qualification or occupation' : 'qualifications or occupations'} and ${formatCount(h.omitted.links)} ${h.omitted.links === 1 ? 'link' : 'links'} are left out because too few people are behind them.`
          : ''),
    );
  }
  return paras;
}
