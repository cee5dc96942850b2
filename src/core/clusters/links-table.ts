/** `clusters.links`: the significant links with most people (lift, q-value). */
import type { ReportTable } from '../results.js';
import type { LinkCounts, LinkSignificance } from '../links/significance.js';
import type { ClusterReport } from './report.js';
import { ALL, linkRef, TABLE_IDS } from './refs.js';

/** A q-value as a band: precise enough to read significance, too coarse to work back to the counts. */
export function qBand(q: number): string {
  if (!(q >= 0)) return '';
  if (q < 0.001) return '< 0.001';
  if (q < 0.01) return '< 0.01';
  if (q < 0.05) return '< 0.05';
  return '0.05 or more';
}

export function linksTable(report: ClusterReport, links: LinkCounts, linkStats: LinkSignificance, occupationWord: string, topLinks: number): ReportTable {
  const sig: number[] = [];
  for (let i = 0; i < links.w.length; i++) if (linkStats.significant[i]) sig.push(i);
  sig.sort((a, b) => links.w[b] - links.w[a] || linkStats.logP[a] - linkStats.logP[b] || a - b);
  const ref = (i: number) => linkRef(report, links, i);
  const node = (id: string) => ({ table: TABLE_IDS.nodePeople, keys: [id] });
  const lift = (i: number) => ({
    numerator: [ref(i), { table: TABLE_IDS.people, keys: [ALL] }],
    denominator: [node(report.qualifications[links.q[i]].id), node(report.occupations[links.o[i]].id)],
  });
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
        { kind: 'stat', value: linkStats.lift[i], dependsOn: [ref(i)], decimals: 2, unit: 'ratio', ratio: lift(i) },
        { kind: 'text', text: qBand(linkStats.q[i]), dependsOn: [ref(i)] },
      ],
    })),
    notes: [
      `People: people analysed holding both. Lift: people holding both divided by the number expected if qualification and occupation were unrelated (1 = as expected), worked out from the published counts.`,
      'q-value: shown as a band (under 0.001, 0.01 or 0.05), since an exact q-value would tell the exact counts it was computed from.',
      `Significant: one-sided hypergeometric test, Benjamini–Hochberg q-value at most ${linkStats.fdr} over the ${linkStats.tests} qualification–occupation pairs tested (Tumminello et al. 2011). ${sig.length} links are significant; the ${Math.min(topLinks, sig.length)} with most people are shown.`,
    ],
  };
}
