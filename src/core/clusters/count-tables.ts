/** The count tables of the cluster report (ids in refs.ts): every published cluster figure is a cell of one of them. */
import type { CountCell, CountTable, Dimension } from '../results.js';
import type { LinkCounts } from '../links/significance.js';
import type { ClusterReport } from './report.js';
import type { ClusterCellKeys } from './cell-keys.js';
import { ALL, profileKeys, TABLE_IDS } from './refs.js';

/** Cell keys for the cell key method: the people of nodes and links (from the store) and of clusters, members and profiles. */
export interface ReportCellKeys {
  cells: ClusterCellKeys;
  /** By node index: all analysed people holding each qualification / occupation. */
  qualification: Int32Array;
  occupation: Int32Array;
  /** In the order of the links. */
  link: Int32Array;
}

const keyed = (k: number | undefined) => (k === undefined ? {} : { key: k });

function clusterDimension(report: ClusterReport): Dimension {
  return {
    id: 'cluster',
    label: 'Cluster',
    categories: [...report.clusters.map((c) => ({ code: c.id, label: c.name })), { code: ALL, label: 'Everyone analysed' }],
  };
}

function nodeDimension(report: ClusterReport): Dimension {
  const nodes = [...report.qualifications, ...report.occupations];
  return { id: 'node', label: 'Qualification or occupation', categories: nodes.map((n) => ({ code: n.id, label: n.label })) };
}

/** People per cluster, per node, per cluster member and per link. */
export function networkCountTables(report: ClusterReport, links: LinkCounts, occupationWord: string, keys?: ReportCellKeys): CountTable[] {
  const clusterDim = clusterDimension(report);
  const nodeDim = nodeDimension(report);
  const nodes = [...report.qualifications, ...report.occupations];
  const peopleCells: CountCell[] = report.clusters.filter((c) => c.people > 0).map((c) => ({ keys: [c.id], n: c.people, ...keyed(keys?.cells.cluster[c.index]) }));
  if (report.people > 0) peopleCells.push({ keys: [ALL], n: report.people, ...keyed(keys?.cells.all) });
  const nodeKey = (n: ClusterReport['qualifications'][number]) => keyed(n.side === 'qualification' ? keys?.qualification[n.index] : keys?.occupation[n.index]);
  const memberKey = (n: ClusterReport['qualifications'][number]) => keyed(n.side === 'qualification' ? keys?.cells.rowInCluster[n.index] : keys?.cells.colInCluster[n.index]);
  return [
    // Everyone analysed adds up across regions; clusters do not (each region is clustered on its own).
    { id: TABLE_IDS.people, title: 'People in each cluster', dimensions: [clusterDim], additive: false, cells: peopleCells, sumsAcrossRegions: [[ALL]] },
    {
      id: TABLE_IDS.nodePeople,
      title: 'People analysed holding each qualification or entering each occupation',
      dimensions: [nodeDim],
      additive: false,
      cells: nodes.filter((n) => n.people > 0).map((n) => ({ keys: [n.id], n: n.people, ...nodeKey(n) })),
      sumsAcrossRegions: true,
    },
    {
      id: TABLE_IDS.memberPeople,
      title: 'People of each cluster holding each of its members',
      dimensions: [clusterDim, nodeDim],
      additive: false,
      cells: nodes.filter((n) => n.peopleInCluster > 0).map((n) => ({ keys: [n.cluster, n.id], n: n.peopleInCluster, ...memberKey(n) })),
    },
    {
      id: TABLE_IDS.linkPeople,
      title: 'People holding both a qualification and an occupation',
      dimensions: [
        { id: 'qualification', label: 'Qualification', categories: report.qualifications.map((n) => ({ code: n.id, label: n.label })) },
        { id: 'occupation', label: occupationWord, categories: report.occupations.map((n) => ({ code: n.id, label: n.label })) },
      ],
      additive: false,
      cells: Array.from(links.w, (w, i) => ({ keys: [report.qualifications[links.q[i]].id, report.occupations[links.o[i]].id], n: w, ...keyed(keys?.link[i]) })),
      sumsAcrossRegions: true,
    },
  ];
}

/** One additive table per population (everyone analysed, each shown cluster) and characteristic. */
export function profileCountTables(report: ClusterReport, keys?: ClusterCellKeys): CountTable[] {
  const { slugs, tableId, totalKey } = profileKeys(report);
  const shown = report.clusters.filter((c) => c.people > 0);
  const tables: CountTable[] = [];
  report.characteristics.forEach((col, ci) => {
    const dim: Dimension = {
      id: `characteristic.${slugs[ci]}`,
      label: col.name,
      categories: [...col.values.map((v) => ({ code: v, label: v })), { code: totalKey[ci], label: 'Recorded', children: [...col.values] }],
    };
    const k = keys?.profile;
    const pops = [
      { pop: ALL, label: 'everyone analysed', counts: report.profile.allCount[ci], base: report.profile.allBase[ci], ck: k?.allCount[ci], bk: k?.allBase[ci] },
      ...shown.map((c) => ({
        pop: c.id,
        label: `cluster ${c.rank} (${c.name})`,
        counts: report.profile.count[ci][c.index],
        base: report.profile.base[ci][c.index],
        ck: k?.count[ci][c.index],
        bk: k?.base[ci][c.index],
      })),
    ];
    for (const p of pops) {
      const cells: CountCell[] = [];
      col.values.forEach((v, vi) => {
        if (p.counts[vi] > 0) cells.push({ keys: [v], n: p.counts[vi], ...keyed(p.ck?.[vi]) });
      });
      if (p.base > 0) cells.push({ keys: [totalKey[ci]], n: p.base, ...keyed(p.bk) });
      tables.push({
        id: tableId(p.pop, ci),
        title: `${col.name}: people of ${p.label} by recorded value`,
        dimensions: [dim],
        additive: true,
        cells,
        ...(p.pop === ALL ? { sumsAcrossRegions: true } : {}),
      });
    }
  });
  return tables;
}
