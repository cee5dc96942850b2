/**
 * One report's release under the suppression method: cells published by the
 * suppression decisions (publish-cell.ts), count tables with the published
 * equalities between linked tables, and the audit summary of the joint model.
 */
import type { JointSet } from './joint-model.js';
import type { ModelCell } from './model.js';
import type { DisclosurePolicy } from './policy.js';
import type { AuditSummary, PublishedCountTable } from './release.js';
import { SuppressionPublisher } from './publish-cell.js';
import { publishCountTables, type ReportContext } from './report-release.js';
import type { Suppression } from './suppression.js';
import { appendTo } from '../multimap.js';

export const AUDIT_METHOD =
  'Rank test: each suppressed cell was checked not to lie in the row space of the published cells, the known relations between linked tables and the known zeros (exact rational elimination)';

function sameAsOf(set: JointSet, shown: Set<number>, report: number): Map<string, NonNullable<PublishedCountTable['sameAs']>> {
  const reportOf = (c: number) => set.tableInfo.get(set.model.cells[c]!.table)!.report;
  const local = (c: ModelCell) => set.tableInfo.get(c.table)!.local;
  const sameAs = new Map<string, NonNullable<PublishedCountTable['sameAs']>>();
  for (const [a, b] of set.model.linkedCells) {
    if (!shown.has(a) || !shown.has(b) || reportOf(a) !== report) continue;
    const [p, q] = [set.model.cells[a]!, set.model.cells[b]!];
    appendTo(sameAs, p.table, { keys: p.keys, table: local(q), otherKeys: q.keys });
  }
  return sameAs;
}

function auditSummary(set: JointSet, suppression: Suppression, report: number): AuditSummary {
  const reportOf = (c: number) => set.tableInfo.get(set.model.cells[c]!.table)!.report;
  const mine = (list: number[]) => list.filter((c) => reportOf(c) === report).length;
  const { primary, secondary, published, singletons, audit } = suppression;
  const others = set.reports.length - 1;
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

export function suppressionReport(set: JointSet, suppression: Suppression, policy: DisclosurePolicy, shown: Set<number>, report: number): ReportContext {
  const first = set.firstOf(report);
  const publisher = new SuppressionPublisher(suppression, policy, (c) => set.tableInfo.get(c.table)!.local);
  return {
    results: set.reports[report]!,
    resolver: (j, where) => (ref) => set.resolve(first + j, ref, where),
    local: (c) => set.tableInfo.get(c.table)!.local,
    publisher,
    policy: { method: 'suppression', minCount: policy.minCount, roundingBase: policy.roundingBase, minBase: policy.minBase, protectSingletons: policy.protectSingletons },
    countTables: () => publishCountTables(set, report, [...shown].map((c) => set.model.cells[c]!), (c) => publisher.status(c), sameAsOf(set, shown, report)),
    audit: () => auditSummary(set, suppression, report),
  };
}
