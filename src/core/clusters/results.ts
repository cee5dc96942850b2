/**
 * The cluster report as a Results bundle (src/core/results.ts): every number
 * a reader sees is a reference into a count table, so disclosure control can
 * protect it.
 *
 * Count tables (ids):
 *  - `clusters.people`           people in each cluster, and everyone analysed ('all'). Not additive: a person can be in several clusters or none.
 *  - `clusters.node_people`      people analysed holding each node (qualification 'q:<title>', occupation 'o:<key>'). Not additive.
 *  - `clusters.member_people`    people of a cluster holding each of its members (cluster x node). Not additive.
 *  - `clusters.link_people`      people holding both a qualification and an occupation (qualification x occupation). Not additive.
 *  - `clusters.profile.<population>.<characteristic>`  people of a cluster (population 'c1'...) or of everyone analysed ('all')
 *    with each recorded value of a characteristic, and the 'total' recorded. Additive: each person has one recorded value, so
 *    the total is the sum of the values.
 *
 * Report tables (ids):
 *  - `clusters.summary`           one row per cluster (people, share of people analysed, members, confidence).
 *  - `clusters.members.<cluster>` the seed 000 table: top occupations and top qualifications with people and share of the cluster's people, and confidence.
 *  - `clusters.profiles`          share with each characteristic in each cluster beside everyone analysed, with significance flags.
 *  - `clusters.links`             the significant links with most people (lift, q-value).
 */
import type { CellRef, CountCell, CountTable, NetworkResult, ReportCell, ReportRow, ReportTable, Results, StandardLabels } from '../results.js';
import type { LinkCounts, LinkSignificance } from '../links/significance.js';
import { MIN_EXPECTED_FOR_Z } from '../stats/two-proportion.js';
import type { ClusterReport, ReportCluster, ReportNode } from './report.js';

export const TABLE_IDS = {
  people: 'clusters.people',
  nodePeople: 'clusters.node_people',
  memberPeople: 'clusters.member_people',
  linkPeople: 'clusters.link_people',
  profilePrefix: 'clusters.profile',
  summary: 'clusters.summary',
  membersPrefix: 'clusters.members',
  profiles: 'clusters.profiles',
  links: 'clusters.links',
} as const;

export interface ClusterResultsInput {
  dataset: string;
  region: string | null;
  settings: Record<string, unknown>;
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
}

const ALL = 'all';

export function clusterResults(input: ClusterResultsInput): Results {
  const { report, links, linkStats } = input;
  const shown = report.clusters.filter((c) => c.people > 0);
  const occWord = input.occupationBy === 'soc' ? 'Occupation (SOC sub-major group)' : 'Occupation';

  const clusterDim = {
    id: 'cluster',
    label: 'Cluster',
    categories: [...report.clusters.map((c) => ({ code: c.id, label: c.name })), { code: ALL, label: 'Everyone analysed' }],
  };
  const nodeCategories = [...report.qualifications, ...report.occupations].map((n) => ({ code: n.id, label: n.label }));
  const nodeDim = { id: 'node', label: 'Qualification or occupation', categories: nodeCategories };

  const peopleCells: CountCell[] = report.clusters.filter((c) => c.people > 0).map((c) => ({ keys: [c.id], n: c.people }));
  if (report.people > 0) peopleCells.push({ keys: [ALL], n: report.people });
  const countTables: CountTable[] = [
    // Everyone analysed adds up across regions; clusters do not (each region is clustered on its own).
    { id: TABLE_IDS.people, title: 'People in each cluster', dimensions: [clusterDim], additive: false, cells: peopleCells, sumsAcrossRegions: [[ALL]] },
    {
      id: TABLE_IDS.nodePeople,
      title: 'People analysed holding each qualification or entering each occupation',
      dimensions: [nodeDim],
      additive: false,
      cells: [...report.qualifications, ...report.occupations].filter((n) => n.people > 0).map((n) => ({ keys: [n.id], n: n.people })),
      sumsAcrossRegions: true,
    },
    {
      id: TABLE_IDS.memberPeople,
      title: "People of each cluster holding each of its members",
      dimensions: [clusterDim, nodeDim],
      additive: false,
      cells: [...report.qualifications, ...report.occupations].filter((n) => n.peopleInCluster > 0).map((n) => ({ keys: [n.cluster, n.id], n: n.peopleInCluster })),
    },
    {
      id: TABLE_IDS.linkPeople,
      title: 'People holding both a qualification and an occupation',
      dimensions: [
        { id: 'qualification', label: 'Qualification', categories: report.qualifications.map((n) => ({ code: n.id, label: n.label })) },
        { id: 'occupation', label: occWord, categories: report.occupations.map((n) => ({ code: n.id, label: n.label })) },
      ],
      additive: false,
      cells: Array.from(links.w, (w, i) => ({ keys: [report.qualifications[links.q[i]].id, report.occupations[links.o[i]].id], n: w })),
      sumsAcrossRegions: true,
    },
  ];

  // Profile count tables, one per population and characteristic (so `additive` is literally true).
  const slugs = characteristicSlugs(report.characteristics.map((c) => c.name));
  const profileTableId = (pop: string, ci: number) => `${TABLE_IDS.profilePrefix}.${pop}.${slugs[ci]}`;
  const totalKey = report.characteristics.map((col) => {
    let key = 'total';
    while (col.values.includes(key)) key = `_${key}`;
    return key;
  });
  report.characteristics.forEach((col, ci) => {
    const dim = {
      id: `characteristic.${slugs[ci]}`,
      label: col.name,
      categories: [
        ...col.values.map((v) => ({ code: v, label: v })),
        { code: totalKey[ci], label: 'Recorded', children: [...col.values] },
      ],
    };
    const pops: Array<{ pop: string; label: string; counts: Int32Array; base: number }> = [
      { pop: ALL, label: 'everyone analysed', counts: report.profile.allCount[ci], base: report.profile.allBase[ci] },
      ...shown.map((c) => ({ pop: c.id, label: `cluster ${c.rank} (${c.name})`, counts: report.profile.count[ci][c.index], base: report.profile.base[ci][c.index] })),
    ];
    for (const p of pops) {
      const cells: CountCell[] = [];
      col.values.forEach((v, vi) => {
        if (p.counts[vi] > 0) cells.push({ keys: [v], n: p.counts[vi] });
      });
      if (p.base > 0) cells.push({ keys: [totalKey[ci]], n: p.base });
      countTables.push({
        id: profileTableId(p.pop, ci),
        title: `${col.name}: people of ${p.label} by recorded value`,
        dimensions: [dim],
        additive: true,
        cells,
        ...(p.pop === ALL ? { sumsAcrossRegions: true } : {}),
      });
    }
  });

  const peopleRef = (id: string): CellRef => ({ table: TABLE_IDS.people, keys: [id] });
  const memberRef = (n: ReportNode): CellRef => ({ table: TABLE_IDS.memberPeople, keys: [n.cluster, n.id] });
  const confidenceCell = (n: ReportNode): ReportCell =>
    n.confidence === null ? { kind: 'not-applicable' } : { kind: 'stat', value: n.confidence, dependsOn: [memberRef(n)], decimals: 2, unit: 'share' };

  const bootstrapped = report.qualifications.some((n) => n.confidence !== null) || report.occupations.some((n) => n.confidence !== null);
  const reportTables: ReportTable[] = [];

  // Summary.
  reportTables.push({
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
    rows: [
      ...shown.map((c): ReportRow => ({
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
      })),
      {
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
      },
    ],
    notes: [
      'People analysed: people with at least one qualification and at least one occupation after the filters.',
      'People in a cluster: people analysed holding at least one qualification and one occupation of the cluster. A person can be in several clusters, or in none when every qualification–occupation pair they hold crosses clusters, so the clusters do not add up to everyone analysed.',
      "Clusters are ordered by their people and named after their leading occupation: the member occupation with most of the cluster's people.",
      `Clusters maximise Barber's bipartite modularity (Leiden optimiser, resolution ${fmt(input.settings.resolution)}).`,
      bootstrapped
        ? `Confidence: the share of bootstrap replicates (people resampled with replacement) in which a member stays with its cluster's co-members. Core members have confidence of at least ${report.coreThreshold}.`
        : 'Confidence was not estimated (no bootstrap replicates).',
    ],
  });

  // One members table per cluster (seed 000's layout: occupations beside qualifications).
  for (const c of shown) {
    const occ = c.occupations.filter((n) => n.peopleInCluster > 0).slice(0, report.top);
    const qual = c.qualifications.filter((n) => n.peopleInCluster > 0).slice(0, report.top);
    // The name goes in a row (as seed 000's "Cluster Description"), not the title, so it can be withheld with the cluster's count.
    const rows: ReportRow[] = [
      {
        id: 'description',
        cells: [
          { kind: 'text', text: 'Cluster description' },
          { kind: 'text', text: c.name, dependsOn: [peopleRef(c.id)] },
          ...Array.from({ length: 6 }, (): ReportCell => ({ kind: 'empty' })),
        ],
      },
    ];
    const side = (n: ReportNode | undefined): ReportCell[] =>
      n
        ? [
            { kind: 'text', text: n.label, dependsOn: [memberRef(n)] },
            { kind: 'count', ref: memberRef(n) },
            { kind: 'share', num: memberRef(n), den: peopleRef(c.id) },
            confidenceCell(n),
          ]
        : [{ kind: 'empty' }, { kind: 'empty' }, { kind: 'empty' }, { kind: 'empty' }];
    for (let i = 0; i < Math.max(occ.length, qual.length); i++) rows.push({ id: String(i + 1), cells: [...side(occ[i]), ...side(qual[i])] });
    rows.push({
      id: 'people',
      total: true,
      cells: [
        { kind: 'text', text: 'People in cluster' },
        { kind: 'count', ref: peopleRef(c.id) },
        { kind: 'empty' },
        { kind: 'empty' },
        { kind: 'empty' },
        { kind: 'empty' },
        { kind: 'empty' },
        { kind: 'empty' },
      ],
    });
    reportTables.push({
      id: `${TABLE_IDS.membersPrefix}.${c.id}`,
      title: `Cluster ${c.rank}`,
      caption: 'Top occupations and qualifications of the cluster, named after its leading occupation',
      section: 'clusters',
      columns: [
        { id: 'occupation', label: `${occWord}s (top ${report.top})` },
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
        'Confidence: share of bootstrap replicates in which the member stays with its co-members. One person\'s link says little: members held by few people have low confidence.',
      ],
    });
  }

  // Profiles.
  const testOf = new Map<string, (typeof report.profileTests)[number]>();
  for (const t of report.profileTests) testOf.set(`${t.row.characteristic}\u0000${t.row.value}\u0000${t.cluster}`, t);
  const profileRows: ReportRow[] = [
    {
      id: 'cluster',
      cells: [
        { kind: 'text', text: 'Cluster' },
        { kind: 'empty' },
        ...shown.flatMap((c): ReportCell[] => [{ kind: 'text', text: c.name, dependsOn: [peopleRef(c.id)] }, { kind: 'empty' }]),
      ],
    },
  ];
  report.characteristics.forEach((col, ci) => {
    const values = col.kind === 'boolean' ? ['true'] : col.values;
    for (const v of values) {
      const ref = (pop: string, key: string): CellRef => ({ table: profileTableId(pop, ci), keys: [key] });
      const cells: ReportCell[] = [
        { kind: 'text', text: col.kind === 'boolean' ? `% ${readable(col.name)}` : `% ${readable(col.name)}: ${v}` },
        { kind: 'share', num: ref(ALL, v), den: ref(ALL, totalKey[ci]) },
      ];
      for (const c of shown) {
        cells.push({ kind: 'share', num: ref(c.id, v), den: ref(c.id, totalKey[ci]) });
        const t = testOf.get(`${col.name}\u0000${v}\u0000${c.index}`);
        cells.push(t && t.significant ? { kind: 'text', text: '*', dependsOn: [ref(c.id, v), ref(c.id, totalKey[ci]), ref(ALL, v), ref(ALL, totalKey[ci])] } : { kind: 'empty' });
      }
      profileRows.push({ id: `${slugs[ci]}.${v}`, cells });
    }
  });
  profileRows.push({
    id: 'people',
    total: true,
    cells: [
      { kind: 'text', text: 'People in cluster' },
      { kind: 'count', ref: peopleRef(ALL) },
      ...shown.flatMap((c): ReportCell[] => [{ kind: 'count', ref: peopleRef(c.id) }, { kind: 'empty' }]),
    ],
  });
  reportTables.push({
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
    rows: profileRows,
    notes: [
      'Shares are of the people whose value is recorded. True/false characteristics show the share true; categories show the share in each category.',
      `* marks a cluster whose share differs from that of the people analysed outside it: two-sided two-proportion z-test, or Fisher's exact test when an expected count is under ${MIN_EXPECTED_FOR_Z}; p-values of the whole table adjusted with Benjamini–Hochberg and flagged at a false discovery rate of ${report.fdr}.`,
      'A person in several clusters counts in each of them.',
      ...(report.characteristicsLeftOut.length > 0
        ? [`Left out for having too many different values to profile: ${report.characteristicsLeftOut.join(', ')}.`]
        : []),
    ],
  });

  // Significant links with most people.
  const topLinks = input.topLinks ?? 50;
  const sig: number[] = [];
  for (let i = 0; i < links.w.length; i++) if (linkStats.significant[i]) sig.push(i);
  sig.sort((a, b) => links.w[b] - links.w[a] || linkStats.logP[a] - linkStats.logP[b] || a - b);
  const linkRef = (i: number): CellRef => ({ table: TABLE_IDS.linkPeople, keys: [report.qualifications[links.q[i]].id, report.occupations[links.o[i]].id] });
  reportTables.push({
    id: TABLE_IDS.links,
    title: 'Qualifications that lead to occupations more often than chance',
    section: 'clusters',
    columns: [
      { id: 'qualification', label: 'Qualification' },
      { id: 'occupation', label: occWord },
      { id: 'people', label: 'People' },
      { id: 'lift', label: 'Lift' },
      { id: 'q', label: 'q-value' },
    ],
    rows: sig.slice(0, topLinks).map((i) => ({
      id: `${links.q[i]}-${links.o[i]}`,
      cells: [
        { kind: 'text', text: report.qualifications[links.q[i]].label, dependsOn: [linkRef(i)] },
        { kind: 'text', text: report.occupations[links.o[i]].label, dependsOn: [linkRef(i)] },
        { kind: 'count', ref: linkRef(i) },
        { kind: 'stat', value: linkStats.lift[i], dependsOn: [linkRef(i)], decimals: 2, unit: 'ratio' },
        { kind: 'stat', value: linkStats.q[i], dependsOn: [linkRef(i)], decimals: 4, unit: 'number' },
      ],
    })),
    notes: [
      `People: people analysed holding both. Lift: people holding both divided by the number expected if qualification and occupation were unrelated (1 = as expected).`,
      `Significant: one-sided hypergeometric test, Benjamini–Hochberg q-value at most ${linkStats.fdr} over the ${linkStats.tests} qualification–occupation pairs tested (Tumminello et al. 2011). ${sig.length} links are significant; the ${Math.min(topLinks, sig.length)} with most people are shown.`,
    ],
  });

  const network: NetworkResult = {
    nodes: [...report.qualifications, ...report.occupations].map((n) => ({
      id: n.id,
      label: n.label,
      side: n.side,
      cluster: n.cluster || null,
      people: { table: TABLE_IDS.nodePeople, keys: [n.id] },
      ...(n.confidence === null ? {} : { confidence: n.confidence }),
    })),
    links: Array.from(links.w, (_, i) => ({
      source: report.qualifications[links.q[i]].id,
      target: report.occupations[links.o[i]].id,
      people: linkRef(i),
      lift: linkStats.lift[i],
      q: linkStats.q[i],
      significant: linkStats.significant[i] === 1,
    })),
    clusters: report.clusters.map((c: ReportCluster) => ({ id: c.id, name: c.name, people: peopleRef(c.id) })),
  };

  return {
    protected: false,
    analysis: 'clusters',
    dataset: input.dataset,
    region: input.region,
    settings: input.settings,
    countTables,
    reportTables,
    network,
    labels: { ...(input.classifications ? { classification: input.classifications } : {}), ...input.labels },
  };
}

/** Short, unique, id-safe names for characteristic columns. */
export function characteristicSlugs(names: string[]): string[] {
  const used = new Set<string>();
  return names.map((name) => {
    const base = name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'characteristic';
    let slug = base;
    for (let i = 2; used.has(slug); i++) slug = `${base}_${i}`;
    used.add(slug);
    return slug;
  });
}

function fmt(v: unknown): string {
  return v === undefined ? '1' : String(v);
}

/** A characteristic's column name for readers: 'alcohol_need' -> 'Alcohol need'. */
function readable(column: string): string {
  const words = column.replace(/[_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
