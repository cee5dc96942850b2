/** `clusters.members.<cluster>`: seed 000's table per cluster, top occupations beside top qualifications. */
import type { ReportCell, ReportRow, ReportTable } from '../results.js';
import type { ClusterReport, ReportCluster, ReportNode } from './report.js';
import { memberRef, peopleRef, TABLE_IDS } from './refs.js';

const EMPTY: ReportCell = { kind: 'empty' };

function confidenceCell(n: ReportNode): ReportCell {
  return n.confidence === null ? { kind: 'not-applicable' } : { kind: 'stat', value: n.confidence, dependsOn: [memberRef(n)], decimals: 2, unit: 'share' };
}

function side(n: ReportNode | undefined, cluster: string): ReportCell[] {
  if (!n) return [EMPTY, EMPTY, EMPTY, EMPTY];
  return [
    { kind: 'text', text: n.label, dependsOn: [memberRef(n)] },
    { kind: 'count', ref: memberRef(n) },
    { kind: 'share', num: memberRef(n), den: peopleRef(cluster) },
    confidenceCell(n),
  ];
}

function membersTable(report: ClusterReport, c: ReportCluster, occupationWord: string): ReportTable {
  const occ = c.occupations.filter((n) => n.peopleInCluster > 0).slice(0, report.top);
  const qual = c.qualifications.filter((n) => n.peopleInCluster > 0).slice(0, report.top);
  // The name goes in a row (as seed 000's "Cluster Description"), not the title, so it can be withheld with the cluster's count.
  const rows: ReportRow[] = [
    { id: 'description', cells: [{ kind: 'text', text: 'Cluster description' }, { kind: 'text', text: c.name, dependsOn: [peopleRef(c.id)] }, ...Array.from({ length: 6 }, () => EMPTY)] },
  ];
  for (let i = 0; i < Math.max(occ.length, qual.length); i++) rows.push({ id: String(i + 1), cells: [...side(occ[i], c.id), ...side(qual[i], c.id)] });
  rows.push({ id: 'people', total: true, cells: [{ kind: 'text', text: 'People in cluster' }, { kind: 'count', ref: peopleRef(c.id) }, ...Array.from({ length: 6 }, () => EMPTY)] });
  return {
    id: `${TABLE_IDS.membersPrefix}.${c.id}`,
    title: `Cluster ${c.rank}`,
    caption: 'Top occupations and qualifications of the cluster, named after its leading occupation',
    section: 'clusters',
    columns: [
      { id: 'occupation', label: `${occupationWord}s (top ${report.top})` },
      { id: 'occupation_people', label: 'No.' },
      { id: 'occupation_share', label: '%' },
      { id: 'occupation_confidence', label: 'Confidence' },
      { id: 'qualification', label: `Qualifications (top ${report.top})` },
      { id: 'qualification_people', label: 'No.' },
      { id: 'qualification_share', label: '%' },
      { id: 'qualification_confidence', label: 'Confidence' },
    ],
    rows,
    notes: [
      "No.: people in the cluster (people analysed with a qualification and an occupation of the cluster) holding the qualification or entering the occupation. %: that number as a share of the cluster's people; shares do not sum to 100% because a person can hold several.",
      `The cluster has ${c.occupations.length} occupations and ${c.qualifications.length} qualifications; at most ${report.top} of each are shown, those with most people first.`,
      "Confidence: share of bootstrap replicates in which the member stays with its co-members. One person's link says little: members held by few people have low confidence.",
    ],
  };
}

/** One members table per cluster with people. */
export function membersTables(report: ClusterReport, occupationWord: string): ReportTable[] {
  return report.clusters.filter((c) => c.people > 0).map((c) => membersTable(report, c, occupationWord));
}
