/**
 * The cells a release set shows or rests on: every count-table cell a report
 * table, the network or a headline shows (counts, shares' numerators and
 * denominators, statistics' inputs). Other cells are not published but are
 * still protected when small.
 */
import type { CellRef, ReportCell, Results } from '../results.js';
import type { CellFact, CellSet } from './cell-set.js';

/** The count-table refs a report cell publishes or rests on. */
export function publishedRefs(cell: ReportCell): CellRef[] {
  switch (cell.kind) {
    case 'count':
      return [cell.ref];
    case 'share':
      return [cell.num, cell.den];
    case 'stat':
      return [...cell.dependsOn, ...(cell.ratio ? [...cell.ratio.numerator, ...cell.ratio.denominator] : []), ...(cell.distinct ?? []), ...(cell.base ? [cell.base] : [])];
    case 'text':
      // A text shown because its counts are not zero says so: those counts are published too.
      return cell.dependsOn ?? [];
    default:
      return [];
  }
}

/** Every report cell of a Results with where it is, for messages. */
function* reportCells(r: Results): Generator<[ReportCell, string]> {
  for (const t of r.reportTables) for (const row of t.rows) for (const [j, c] of row.cells.entries()) yield [c, `report table ${t.id}, row ${row.id}, column ${j + 1}`];
  for (const h of r.headlines ?? []) {
    if (h.figure) yield [h.figure, `headline ${h.id}`];
    for (const item of h.items ?? []) {
      yield [item.text, `headline ${h.id}`];
      if (item.figure) yield [item.figure, `headline ${h.id}`];
    }
  }
}

/** The shown cells by index. */
export function shownCells<C extends CellFact>(set: CellSet<C>): Map<number, C> {
  const shown = new Map<number, C>();
  const add = (c: C) => shown.set(c.index, c);
  set.flat.forEach(({ results: r }, i) => {
    for (const [c, where] of reportCells(r)) for (const ref of publishedRefs(c)) add(set.resolve(i, ref, where));
    const net = r.network;
    if (!net) return;
    for (const n of net.nodes) add(set.resolve(i, n.people, `network node ${n.id}`));
    for (const l of net.links) add(set.resolve(i, l.people, `network link ${l.source}-${l.target}`));
    for (const c of net.clusters) add(set.resolve(i, c.people, `network cluster ${c.id}`));
    if (net.population) add(set.resolve(i, net.population, 'network population'));
  });
  return shown;
}
