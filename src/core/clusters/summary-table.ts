/** `clusters.summary`: one row per cluster (people, share of people analysed, members, confidence), then everyone analysed. */
import type { ReportRow, ReportTable } from '../results.js';
import type { ClusterReport } from './report.js';
import { ALL, peopleRef, TABLE_IDS } from './refs.js';

export function summaryTable(report: ClusterReport, resolution: number): ReportTable {
  const shown = report.clusters.filter((c) => c.people > 0);
  const bootstrapped = [...report.qualifications, ...report.occupations].some((n) => n.confidence !== null);
  const rows: ReportRow[] = shown.map((c) => ({
    id: c.id,
    cells: [
      { kind: 'text', text: String(c.rank) },
      { kind: 'text', text: c.name, dependsOn: [peopleRef(c.id)] },
      { kind: 'count', ref: peopleRef(c.id) },
      { kind: 'share', num: peopleRef(c.id), den: peopleRef(ALL) },
      { kind: 'stat', value: c.occupations.length, dependsOn: [peopleRef(c.id)], decimals: 0, unit: 'number' },
      { kind: 'stat', value: c.qualifications.length, dependsOn: [peopleRef(c.id)], decimals: 0, unit: 'number' },
      c.coreMembers === null ? { kind: 'not-applicable' } : { kind: 'stat', value: c.coreMembers, dependsOn: [peopleRef(c.id)], decimals: 0, unit: 'number' },
      c.meanConfidence === null ? { kind: 'not-applicable' } : { kind: 'stat', value: c.meanConfidence, dependsOn: [peopleRef(c.id)], decimals: 2, unit: 'share' },
    ],
  }));
  rows.push({
    id: ALL,
    total: true,
    cells: [
      { kind: 'text', text: 'Everyone analysed' },
      { kind: 'empty' },
      { kind: 'count', ref: peopleRef(ALL) },
      { kind: 'share', num: peopleRef(ALL), den: peopleRef(ALL) },
      { kind: 'stat', value: report.occupations.length, dependsOn: [peopleRef(ALL)], decimals: 0, unit: 'number' },
      { kind: 'stat', value: report.qualifications.length, dependsOn: [peopleRef(ALL)], decimals: 0, unit: 'number' },
      { kind: 'empty' },
      { kind: 'empty' },
    ],
  });
  return {
    id: TABLE_IDS.summary,
    title: 'Clusters of qualifications and occupations',
    section: 'clusters',
    columns: [
      { id: 'cluster', label: 'Cluster' },
      { id: 'name', label: 'Named after (leading occupation)' },
      { id: 'people', label: 'People' },
      { id: 'share', label: '% of people analysed' },
      { id: 'occupations', label: 'Occupations' },
      { id: 'qualifications', label: 'Qualifications' },
      { id: 'core', label: 'Core members' },
      { id: 'confidence', label: 'Mean confidence' },
    ],
    rows,
    notes: [
      'People analysed: people with at least one qualification and at least one occupation after the filters.',
      'People in a cluster: people analysed holding at least one qualification and one occupation of the cluster. A person can be in several clusters, or in none when every qualification–occupation pair they hold crosses clusters, so the clusters do not add up to everyone analysed.',
      "Clusters are ordered by their people and named after their leading occupation: the member occupation with most of the cluster's people.",
      `Clusters maximise Barber's bipartite modularity (Leiden optimiser, resolution ${resolution}).`,
      bootstrapped
        ? `Confidence: the share of bootstrap replicates (people resampled with replacement) in which a member stays with its cluster's co-members. Core members have confidence of at least ${report.coreThreshold}.`
        : 'Confidence was not estimated (no bootstrap replicates).',
    ],
  };
}
