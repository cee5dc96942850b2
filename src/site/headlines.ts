/**
 * Headline figures and the plain-words overview of a report, from what the
 * release's analyses declared (release.publication.headlines), protected like
 * every other figure. Nothing here knows which analysis a headline came from.
 */
import type { ProtectedRelease, PublishedCell, PublishedHeadline } from '../core/disclosure/release.js';
import { formatCell, formatCount } from './format.js';

/** A headline's figure on a page: counts as numbers, shares as percentages, null when withheld. */
export function figureText(c: PublishedCell | undefined): string | null {
  if (!c || c.kind === 'symbol' || c.kind === 'empty') return null;
  return formatCell(c);
}

/** "Name (N people)" or "Subject into occupation (45.0%)". */
export function itemText(item: NonNullable<PublishedHeadline['items']>[number]): string {
  const f = figureText(item.figure);
  if (f === null) return item.text;
  return item.figure?.kind === 'count' ? `${item.text} (${f} people)` : `${item.text} (${f})`;
}

function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Fill a headline's sentence: {value}, {count}, {items}, {where}, {count|one|many}, {items|one|many}. */
export function headlineSentence(h: PublishedHeadline, where: string): string | null {
  if (!h.sentence) return null;
  const value = figureText(h.figure);
  const items = (h.items ?? []).slice(0, 3);
  const count = h.items?.length ?? 0;
  if (h.items && count === 0) return null;
  if (h.figure && value === null && !h.sentence.withheld) return null;
  const template = h.figure && value === null ? h.sentence.withheld! : h.sentence.text;
  return template.replace(/\{(value|count|items|where)(?:\|([^|}]*)\|([^}]*))?\}/g, (_, key: string, one?: string, many?: string) => {
    if (one !== undefined) return (key === 'items' ? items.length : count) === 1 ? one : (many ?? '');
    if (key === 'value') return value ?? '';
    if (key === 'count') return formatCount(count);
    if (key === 'items') return list(items.map(itemText));
    return where;
  });
}

/** A headline of the release by id. */
export function headline(release: ProtectedRelease, id: string): PublishedHeadline | undefined {
  return release.publication.headlines.find((h) => h.id === id);
}

/** The overview paragraphs: each headline's sentence, then what the map shows. */
export function overview(release: ProtectedRelease, regionName: string): string[] {
  const where = regionName === 'All regions' ? 'across all regions' : `in ${regionName}`;
  const paras = release.publication.headlines.map((h) => headlineSentence(h, where)).filter((s): s is string => s !== null);
  const net = release.network;
  if (net) {
    const o = net.omitted;
    paras.push(
      `The map shows ${formatCount(net.nodes.length)} qualifications and occupations and ${formatCount(net.links.length)} links between them.` +
        (o.nodes + o.links > 0
          ? ` ${formatCount(o.nodes)} ${o.nodes === 1 ? 'qualification or occupation' : 'qualifications or occupations'} and ${formatCount(o.links)} ${o.links === 1 ? 'link' : 'links'} are left out because too few people are behind them.`
          : ''),
    );
  }
  return paras;
}
