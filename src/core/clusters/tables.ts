/**
 * Flat tables of a cluster run (nodes, links, clusters, profiles) for the
 * internal CSV files the `clusters` command writes. They hold unprotected
 * counts: internal use only, never published.
 */
import type { LinkCounts, LinkSignificance } from '../links/significance.js';
import type { ClusterReport } from './report.js';
import { toCsv } from '../csv.js';

export interface FlatTable {
  /** File stem, e.g. 'nodes'. */
  name: string;
  header: string[];
  rows: Array<Array<string | number | boolean | null>>;
}

export function clusterFlatTables(report: ClusterReport, links: LinkCounts, stats: LinkSignificance): FlatTable[] {
  const clusterName = new Map(report.clusters.map((c) => [c.id, c.name]));
  const nodes: FlatTable = {
    name: 'nodes',
    header: ['id', 'side', 'label', 'cluster', 'cluster_name', 'people', 'people_in_cluster', 'share_of_cluster', 'confidence', 'core'],
    rows: [...report.qualifications, ...report.occupations].map((n) => [
      n.id,
      n.side,
      n.label,
      n.cluster,
      clusterName.get(n.cluster) ?? '',
      n.people,
      n.peopleInCluster,
      num(n.shareOfCluster),
      n.confidence === null ? null : num(n.confidence),
      n.core,
    ]),
  };
  const qCluster = report.qualifications.map((n) => n.cluster);
  const oCluster = report.occupations.map((n) => n.cluster);
  const linkRows: FlatTable = {
    name: 'links',
    header: ['qualification', 'occupation', 'people', 'qualification_people', 'occupation_people', 'lift', 'p', 'q', 'significant', 'qualification_cluster', 'occupation_cluster'],
    rows: Array.from(links.w, (w, i) => [
      report.qualifications[links.q[i]].label,
      report.occupations[links.o[i]].label,
      w,
      report.qualifications[links.q[i]].people,
      report.occupations[links.o[i]].people,
      num(stats.lift[i]),
      stats.p[i],
      stats.q[i],
      stats.significant[i] === 1,
      qCluster[links.q[i]],
      oCluster[links.o[i]],
    ]),
  };
  const clusters: FlatTable = {
    name: 'clusters',
    header: ['cluster', 'rank', 'name', 'people', 'share_of_people_analysed', 'occupations', 'qualifications', 'core_members', 'mean_confidence', 'top_occupations', 'top_qualifications'],
    rows: report.clusters.map((c) => [
      c.id,
      c.rank,
      c.name,
      c.people,
      num(c.share),
      c.occupations.length,
      c.qualifications.length,
      c.coreMembers,
      c.meanConfidence === null ? null : num(c.meanConfidence),
      c.occupations.slice(0, report.top).map((n) => n.label).join('; '),
      c.qualifications.slice(0, report.top).map((n) => n.label).join('; '),
    ]),
  };
  const byIndex = new Map(report.clusters.map((c) => [c.index, c]));
  const profiles: FlatTable = {
    name: 'profiles',
    header: ['cluster', 'cluster_name', 'characteristic', 'value', 'people', 'base', 'share', 'all_people', 'all_base', 'all_share', 'test', 'p', 'q', 'significant'],
    rows: report.profileTests.map((t) => {
      const ci = report.characteristics.findIndex((c) => c.name === t.row.characteristic);
      const c = byIndex.get(t.cluster);
      const x = report.profile.count[ci][t.cluster][t.row.valueIndex];
      const n = report.profile.base[ci][t.cluster];
      const ax = report.profile.allCount[ci][t.row.valueIndex];
      const an = report.profile.allBase[ci];
      return [c?.id ?? '', c?.name ?? '', t.row.characteristic, t.row.value, x, n, n > 0 ? num(x / n) : null, ax, an, an > 0 ? num(ax / an) : null, t.test, nan(t.p), nan(t.q), t.significant];
    }),
  };
  return [nodes, linkRows, clusters, profiles];
}

function num(x: number): number | null {
  return Number.isFinite(x) ? Math.round(x * 1e6) / 1e6 : null;
}

function nan(x: number): number | null {
  return Number.isNaN(x) ? null : x;
}

/** CSV text of a flat table (header row first; see src/core/csv.ts). */
export function flatTableCsv(table: FlatTable): string {
  return toCsv([table.header, ...table.rows]);
}
