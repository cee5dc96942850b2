/** `clusters.profiles`: the share with each characteristic in each cluster beside everyone analysed, with significance flags. */
import type { CellRef, ReportCell, ReportRow, ReportTable } from '../results.js';
import { MIN_EXPECTED_FOR_Z } from '../stats/two-proportion.js';
import type { ClusterReport } from './report.js';
import { ALL, peopleRef, profileKeys, readable, TABLE_IDS } from './refs.js';

function characteristicRows(report: ClusterReport): ReportRow[] {
  const { slugs, tableId, totalKey } = profileKeys(report);
  const shown = report.clusters.filter((c) => c.people > 0);
  const testOf = new Map<string, (typeof report.profileTests)[number]>();
  for (const t of report.profileTests) testOf.set(`${t.row.characteristic}\u0000${t.row.value}\u0000${t.cluster}`, t);
  const rows: ReportRow[] = [];
  report.characteristics.forEach((col, ci) => {
    const ref = (pop: string, key: string): CellRef => ({ table: tableId(pop, ci), keys: [key] });
    for (const v of col.kind === 'boolean' ? ['true'] : col.values) {
      const cells: ReportCell[] = [
        { kind: 'text', text: col.kind === 'boolean' ? `% ${readable(col.name)}` : `% ${readable(col.name)}: ${v}` },
        { kind: 'share', num: ref(ALL, v), den: ref(ALL, totalKey[ci]) },
      ];
      for (const c of shown) {
        cells.push({ kind: 'share', num: ref(c.id, v), den: ref(c.id, totalKey[ci]) });
        const t = testOf.get(`${col.name}\u0000${v}\u0000${c.index}`);
        const flagDeps = [ref(c.id, v), ref(c.id, totalKey[ci]), ref(ALL, v), ref(ALL, totalKey[ci])];
        cells.push(t && t.significant ? { kind: 'text', text: '*', dependsOn: flagDeps } : { kind: 'empty' });
      }
      rows.push({ id: `${slugs[ci]}.${v}`, cells });
    }
  });
  return rows;
}

export function profilesTable(report: ClusterReport): ReportTable {
  const shown = report.clusters.filter((c) => c.people > 0);
  const rows: ReportRow[] = [
    { id: 'cluster', cells: [{ kind: 'text', text: 'Cluster' }, { kind: 'empty' }, ...shown.flatMap((c): ReportCell[] => [{ kind: 'text', text: c.name, dependsOn: [peopleRef(c.id)] }, { kind: 'empty' }])] },
    ...characteristicRows(report),
    {
      id: 'people',
      total: true,
      cells: [{ kind: 'text', text: 'People in cluster' }, { kind: 'count', ref: peopleRef(ALL) }, ...shown.flatMap((c): ReportCell[] => [{ kind: 'count', ref: peopleRef(c.id) }, { kind: 'empty' }])],
    },
  ];
  return {
    id: TABLE_IDS.profiles,
    title: 'Profile of the people in each cluster',
    section: 'profiles',
    columns: [
      { id: 'factor', label: 'Characteristic' },
      { id: ALL, label: 'Everyone analysed' },
      ...shown.flatMap((c) => [
        { id: c.id, label: `Cluster ${c.rank}` },
        { id: `${c.id}.flag`, label: 'Differs' },
      ]),
    ],
    rows,
    notes: [
      'Shares are of the people whose value is recorded. True/false characteristics show the share true; categories show the share in each category.',
      `* marks a cluster whose share differs from that of the people analysed outside it: two-sided two-proportion z-test, or Fisher's exact test when an expected count is under ${MIN_EXPECTED_FOR_Z}; p-values of the whole table adjusted with Benjamini–Hochberg and flagged at a false discovery rate of ${report.fdr}.`,
      'A person in several clusters counts in each of them.',
      ...(report.characteristicsLeftOut.length > 0 ? [`Left out for having too many different values to profile: ${report.characteristicsLeftOut.join(', ')}.`] : []),
    ],
  };
}
