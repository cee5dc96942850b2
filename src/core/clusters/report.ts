/**
 * The cluster report, defined as seed 000 did it and made precise:
 *
 *  - People analysed: people with at least one qualification and one
 *    occupation after filtering.
 *  - People in a cluster: people analysed with at least one
 *    qualification–occupation link inside it (a person can be in several).
 *  - Clusters are ordered by their people (most first; ties by the people
 *    holding their members, then by partition index) and numbered c1, c2...
 *    in that order. Each is named after its leading occupation: the member
 *    occupation with most of the cluster's people (ties: most people
 *    analysed, then label).
 *  - A member's count is the number of the cluster's people holding it; its
 *    share is that count over the cluster's people (shares do not sum to 1).
 *  - Members are listed by that count (ties: people analysed, then label);
 *    the tables show the top N of each side.
 *  - A member's confidence is the share of bootstrap replicates in which it
 *    stays with its cluster's co-members; the core is the members at or
 *    above the core threshold (0.95).
 */
import type { PersonIncidence } from '../graph/incidence.js';
import type { LinkCounts, LinkSignificance } from '../links/significance.js';
import { clusterMembership, type Membership } from './membership.js';
import { profileCounts, profileTests, type CharacteristicColumn, type ProfileCounts, type ProfileTest } from './profile.js';

export interface NodeSide {
  /** Key of each node (title as entered, or SOC sub-major code). */
  keys: string[];
  /** Label for readers (defaults to the key). */
  labels?: string[];
  /** People analysed holding each node. */
  people: ArrayLike<number>;
}

export interface ClusterReportInput {
  /** People analysed (N). */
  people: number;
  incidence: PersonIncidence;
  qualifications: NodeSide;
  occupations: NodeSide;
  links: LinkCounts;
  linkStats: LinkSignificance;
  /** Partition: cluster index of each qualification (row) and occupation (column). */
  rowCluster: Int32Array;
  colCluster: Int32Array;
  /** Bootstrap confidence (0-1) of each node, when the bootstrap ran. */
  rowConfidence?: ArrayLike<number>;
  colConfidence?: ArrayLike<number>;
  characteristics: CharacteristicColumn[];
}

export interface ClusterReportOptions {
  /** Members shown per side in each cluster table (default 10). */
  top?: number;
  /** False discovery rate for the profile flags (default 0.05). */
  fdr?: number;
  /** Confidence at or above which a member is in its cluster's core (default 0.95). */
  coreThreshold?: number;
  /** Category characteristics with more recorded values than this are left out of the profile (default 20): free text is not a profile. */
  maxCategories?: number;
}

export interface ReportNode {
  side: 'qualification' | 'occupation';
  /** Dense index on its side. */
  index: number;
  /** Stable id: 'q:' or 'o:' + key. */
  id: string;
  key: string;
  label: string;
  /** People analysed holding it. */
  people: number;
  /** Report id of its cluster ('c1', ...). */
  cluster: string;
  /** People of its cluster holding it. */
  peopleInCluster: number;
  /** peopleInCluster / the cluster's people (NaN for an empty cluster). */
  shareOfCluster: number;
  confidence: number | null;
  core: boolean | null;
}

export interface ReportCluster {
  /** 'c1', 'c2', ... in report order. */
  id: string;
  /** 1-based position in the report. */
  rank: number;
  /** Index in the partition. */
  index: number;
  name: string;
  /** Id of the leading node the name comes from. */
  namedAfter: string;
  people: number;
  /** people / people analysed. */
  share: number;
  /** Members, in report order. */
  occupations: ReportNode[];
  qualifications: ReportNode[];
  /** Members in the core (null without a bootstrap). */
  coreMembers: number | null;
  /** Mean member confidence (null without a bootstrap). */
  meanConfidence: number | null;
}

export interface ClusterReport {
  people: number;
  /** People analysed in no cluster. */
  unclustered: number;
  /** All clusters, in report order (those with no people last). */
  clusters: ReportCluster[];
  qualifications: ReportNode[];
  occupations: ReportNode[];
  membership: Membership;
  /** The characteristics profiled. */
  characteristics: CharacteristicColumn[];
  /** Characteristics left out of the profile for having too many values. */
  characteristicsLeftOut: string[];
  profile: ProfileCounts;
  profileTests: ProfileTest[];
  top: number;
  fdr: number;
  coreThreshold: number;
}

export const DEFAULT_TOP = 10;
export const DEFAULT_CORE_THRESHOLD = 0.95;
export const DEFAULT_MAX_CATEGORIES = 20;

export function buildClusterReport(input: ClusterReportInput, options: ClusterReportOptions = {}): ClusterReport {
  const top = options.top ?? DEFAULT_TOP;
  const fdr = options.fdr ?? 0.05;
  const coreThreshold = options.coreThreshold ?? DEFAULT_CORE_THRESHOLD;
  if (!Number.isInteger(top) || top < 1) throw new RangeError(`top must be a positive integer, got ${top}`);
  const membership = clusterMembership(input.incidence, input.rowCluster, input.colCluster);
  const k = membership.clusters;

  const makeNodes = (side: 'qualification' | 'occupation'): ReportNode[] => {
    const s = side === 'qualification' ? input.qualifications : input.occupations;
    const partition = side === 'qualification' ? input.rowCluster : input.colCluster;
    const inCluster = side === 'qualification' ? membership.rowPeopleInCluster : membership.colPeopleInCluster;
    const conf = side === 'qualification' ? input.rowConfidence : input.colConfidence;
    return s.keys.map((key, index) => {
      const confidence = conf ? conf[index] : null;
      return {
        side,
        index,
        id: `${side === 'qualification' ? 'q' : 'o'}:${key}`,
        key,
        label: s.labels?.[index] ?? key,
        people: s.people[index],
        cluster: '',
        peopleInCluster: inCluster[index],
        shareOfCluster: Number.NaN,
        confidence,
        core: confidence === null ? null : confidence >= coreThreshold,
      };
    });
  };
  const qualifications = makeNodes('qualification');
  const occupations = makeNodes('occupation');

  const byMember = (a: ReportNode, b: ReportNode) => b.peopleInCluster - a.peopleInCluster || b.people - a.people || cmp(a.label, b.label) || a.index - b.index;
  const occOf: ReportNode[][] = Array.from({ length: k }, () => []);
  const qualOf: ReportNode[][] = Array.from({ length: k }, () => []);
  occupations.forEach((n) => occOf[input.colCluster[n.index]].push(n));
  qualifications.forEach((n) => qualOf[input.rowCluster[n.index]].push(n));
  for (let c = 0; c < k; c++) {
    occOf[c].sort(byMember);
    qualOf[c].sort(byMember);
  }
  const memberPeople = (c: number) => [...occOf[c], ...qualOf[c]].reduce((s, n) => s + n.people, 0);
  const order = Array.from({ length: k }, (_, c) => c)
    .filter((c) => occOf[c].length + qualOf[c].length > 0)
    .sort((a, b) => membership.clusterPeople[b] - membership.clusterPeople[a] || memberPeople(b) - memberPeople(a) || a - b);

  const clusters: ReportCluster[] = order.map((c, i) => {
    const id = `c${i + 1}`;
    const people = membership.clusterPeople[c];
    const members = [...occOf[c], ...qualOf[c]];
    for (const n of members) {
      n.cluster = id;
      n.shareOfCluster = people > 0 ? n.peopleInCluster / people : Number.NaN;
    }
    const lead = occOf[c][0] ?? qualOf[c][0];
    const withConf = members.filter((n) => n.confidence !== null);
    return {
      id,
      rank: i + 1,
      index: c,
      name: lead.label,
      namedAfter: lead.id,
      people,
      share: input.people > 0 ? people / input.people : Number.NaN,
      occupations: occOf[c],
      qualifications: qualOf[c],
      coreMembers: withConf.length === 0 ? null : withConf.filter((n) => n.core).length,
      meanConfidence: withConf.length === 0 ? null : withConf.reduce((s, n) => s + (n.confidence as number), 0) / withConf.length,
    };
  });

  const maxCategories = options.maxCategories ?? DEFAULT_MAX_CATEGORIES;
  const characteristics = input.characteristics.filter((c) => c.kind === 'boolean' || c.values.length <= maxCategories);
  const characteristicsLeftOut = input.characteristics.filter((c) => !characteristics.includes(c)).map((c) => c.name);
  const profile = profileCounts(characteristics, membership, input.people);
  const tests = profileTests(
    characteristics,
    profile,
    clusters.filter((c) => c.people > 0).map((c) => c.index),
    fdr,
  );
  return {
    people: input.people,
    unclustered: membership.unclustered,
    clusters,
    qualifications,
    occupations,
    membership,
    characteristics,
    characteristicsLeftOut,
    profile,
    profileTests: tests,
    top,
    fdr,
    coreThreshold,
  };
}

/** Locale-independent string order, so reports are the same on every machine. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
