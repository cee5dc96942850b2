/**
 * The cells a release set shows or rests on: every count-table cell a report
 * table, the network or a headline shows (counts, shares' numerators and
 * denominators, statistics' inputs). Other cells are not published but are
 * still protected when small.
 */
import type { CellRef, ReportCell, Results } from '../results.js';
import type { JointSet } from './joint-model.js';

/** The count-table refs a report cell publishes (text only depends on its refs). */
export function publishedRefs(cell: ReportCell): CellRef[] {
  switch (cell.kind) {
    case 'count':
      return [cell.ref];
    case 'share':
      return [cell.num, cell.den];
    case 'stat':
      return cell.dependsOn;
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

export function shownCells(set: JointSet): Set<number> {
  const shown = new Set<number>();
  set.flat.forEach(({ results: r }, i) => {
    for (const [c, where] of reportCells(r)) for (const ref of publishedRefs(c)) shown.add(set.resolve(i, ref, where).index);
    const net = r.network;
    if (!net) return;
    for (const n of net.nodes) shown.add(set.resolve(i, n.people, `network node ${n.id}`).index);
    for (const l of net.links) shown.add(set.resolve(i, l.people, `network link ${l.source}-${l.target}`).index);
    for (const c of net.clusters) shown.add(set.resolve(i, c.people, `network cluster ${c.id}`).index);
  });
  return shown;
}
