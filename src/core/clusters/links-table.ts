/** `clusters.links`: the significant links with most people (lift, q-value). */
import type { ReportTable } from '../results.js';
import type { LinkCounts, LinkSignificance } from '../links/significance.js';
import type { ClusterReport } from './report.js';
import { linkRef, TABLE_IDS } from './refs.js';

export function linksTable(report: ClusterReport, links: LinkCounts, linkStats: LinkSignificance, occupationWord: string, topLinks: number): ReportTable {
  const sig: number[] = [];
  for (let i = 0; i < links.w.length; i++) if (linkStats.significant[i]) sig.push(i);
  sig.sort((a, b) => links.w[b] - links.w[a] || linkStats.logP[a] - linkStats.logP[b] || a - b);
  const ref = (i: number) => linkRef(report, links, i);
  return {
    id: TABLE_IDS.links,
    title: 'Qualifications that lead to occupations more often than chance',
    section: 'clusters',
    columns: [
      { id: 'qualification', label: 'Qualification' },
      { id: 'occupation', label: occupationWord },
      { id: 'people', label: 'People' },
      { id: 'lift', label: 'Lift' },
      { id: 'q', label: 'q-value' },
    ],
    rows: sig.slice(0, topLinks).map((i) => ({
      id: `${links.q[i]}-${links.o[i]}`,
      cells: [
        { kind: 'text', text: report.qualifications[links.q[i]].label, dependsOn: [ref(i)] },
        { kind: 'text', text: report.occupations[links.o[i]].label, dependsOn: [ref(i)] },
        { kind: 'count', ref: ref(i) },
        { kind: 'stat', value: linkStats.lift[i], dependsOn: [ref(i)], decimals: 2, unit: 'ratio' },
        { kind: 'stat', value: linkStats.q[i], dependsOn: [ref(i)], decimals: 4, unit: 'number' },
      ],
    })),
    notes: [
      `People: people analysed holding both. Lift: people holding both divided by the number expected if qualification and occupation were unrelated (1 = as expected).`,
      `Significant: one-sided hypergeometric test, Benjamini–Hochberg q-value at most ${linkStats.fdr} over the ${linkStats.tests} qualification–occupation pairs tested (Tumminello et al. 2011). ${sig.length} links are significant; the ${Math.min(topLinks, sig.length)} with most people are shown.`,
    ],
  };
}
