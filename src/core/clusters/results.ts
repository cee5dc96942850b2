/**
 * The cluster report as a Results bundle (src/core/results.ts): every number
 * a reader sees is a reference into a count table (refs.ts), so disclosure
 * control can protect it. One builder per table:
 *  - count-tables.ts      people per cluster, node, member, link; profile tables;
 *  - summary-table.ts     `clusters.summary`, one row per cluster;
 *  - members-tables.ts    `clusters.members.<cluster>`, seed 000's table;
 *  - profiles-table.ts    `clusters.profiles`;
 *  - links-table.ts       `clusters.links`, the significant links with most people;
 *  - publication.ts       the network, sections, headlines and method notes.
 */
import type { Findings, Results, Settings, StandardLabels } from '../results.js';
import type { LinkCounts, LinkSignificance } from '../links/significance.js';
import type { ClusterReport } from './report.js';
import { networkCountTables, profileCountTables, type ReportCellKeys } from './count-tables.js';
import { summaryTable } from './summary-table.js';
import { membersTables } from './members-tables.js';
import { profilesTable } from './profiles-table.js';
import { linksTable } from './links-table.js';
import { CLUSTER_METHOD_NOTES, CLUSTER_SECTIONS, clusterHeadlines, clusterNetwork } from './publication.js';
import { clusterFacts } from './facts.js';

export { TABLE_IDS, characteristicSlugs } from './refs.js';

export interface ClusterResultsInput {
  dataset: string;
  region: string | null;
  /** The analyst's choices (published); `resolution` is quoted in the notes. */
  settings: Settings;
  findings?: Findings;
  report: ClusterReport;
  links: LinkCounts;
  linkStats: LinkSignificance;
  /** How occupations are grouped, for labels: 'title' or 'soc'. */
  occupationBy: 'title' | 'soc';
  /** Classification names for the standard labels (e.g. 'SOC 2020 sub-major group'). */
  classifications?: string[];
  labels?: Partial<StandardLabels>;
  /** Significant links listed in `clusters.links` (most people first; default 50). */
  topLinks?: number;
  /** The settings as readers see them. */
  settingNotes?: Array<[string, string]>;
  /** Cell keys of every count cell (the cell key method). */
  keys?: ReportCellKeys;
}

export function clusterResults(input: ClusterResultsInput): Results {
  const { report, links, linkStats } = input;
  const occWord = input.occupationBy === 'soc' ? 'Occupation (SOC sub-major group)' : 'Occupation';
  const resolution = typeof input.settings.resolution === 'number' ? input.settings.resolution : 1;
  return {
    protected: false,
    analysis: 'clusters',
    title: 'Clusters of qualifications and occupations',
    dataset: input.dataset,
    region: input.region,
    settings: input.settings,
    findings: input.findings ?? {},
    countTables: [...networkCountTables(report, links, occWord, input.keys), ...profileCountTables(report, input.keys?.cells)],
    reportTables: [
      summaryTable(report, resolution),
      ...membersTables(report, occWord),
      profilesTable(report),
      linksTable(report, links, linkStats, occWord, input.topLinks ?? 50),
    ],
    network: clusterNetwork(report, links, linkStats),
    facts: clusterFacts(report, links, linkStats, input.topLinks ?? 50),
    labels: { ...(input.classifications ? { classification: input.classifications } : {}), ...input.labels },
    sections: CLUSTER_SECTIONS,
    headlines: clusterHeadlines(report),
    methodNotes: CLUSTER_METHOD_NOTES,
    ...(input.settingNotes ? { settingNotes: input.settingNotes } : {}),
  };
}
