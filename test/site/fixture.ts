/**
 * A small hand-made Results bundle (a clusters-like report and network) for
 * the publish unit tests: big counts that are published and small ones that
 * disclosure control must withhold. Protected with the real protect().
 */
import type { CountTable, Results } from '../../src/core/results.js';

export const SMALL_QUALIFICATION = 'q:rare-certificate';
export const UNPROTECTED_PEOPLE = 257;
export const SMALL_LINK = ['q:forklift', 'o:chef'] as const;

export function fixtureResults(region: string | null = 'NE'): Results {
  const nodes: Array<{ id: string; label: string; side: 'qualification' | 'occupation'; cluster: string; n: number }> = [
    { id: 'q:cscs', label: 'CSCS card', side: 'qualification', cluster: 'c1', n: 120 },
    { id: 'q:forklift', label: 'Forklift truck <FLT>', side: 'qualification', cluster: 'c1', n: 85 },
    { id: 'q:food-hygiene', label: 'Food hygiene, level 2', side: 'qualification', cluster: 'c2', n: 64 },
    { id: SMALL_QUALIFICATION, label: 'Rare certificate', side: 'qualification', cluster: 'c2', n: 3 },
    { id: 'o:labourer', label: 'Construction labourer', side: 'occupation', cluster: 'c1', n: 140 },
    { id: 'o:warehouse', label: 'Warehouse operative', side: 'occupation', cluster: 'c1', n: 70 },
    { id: 'o:chef', label: 'Chef', side: 'occupation', cluster: 'c2', n: 55 },
  ];
  const links: Array<[string, string, number]> = [
    ['q:cscs', 'o:labourer', 95],
    ['q:cscs', 'o:warehouse', 25],
    ['q:forklift', 'o:warehouse', 45],
    ['q:forklift', 'o:labourer', 40],
    [SMALL_LINK[0], SMALL_LINK[1], 2],
    ['q:food-hygiene', 'o:chef', 50],
    [SMALL_QUALIFICATION, 'o:chef', 3],
  ];
  const clusters = [
    { id: 'c1', name: 'Construction labourer', n: 180 },
    { id: 'c2', name: 'Chef', n: 60 },
  ];
  const total = 250;
  const people: CountTable = {
    id: 'fx.people',
    title: 'People by cluster',
    dimensions: [{ id: 'cluster', label: 'Cluster', categories: [...clusters.map((c) => ({ code: c.id, label: c.name })), { code: 'all', label: 'All' }] }],
    additive: false,
    cells: [...clusters.map((c) => ({ keys: [c.id], n: c.n })), { keys: ['all'], n: total }],
  };
  const nodePeople: CountTable = {
    id: 'fx.node_people',
    title: 'People by node',
    dimensions: [{ id: 'node', label: 'Node', categories: nodes.map((n) => ({ code: n.id, label: n.label })) }],
    additive: false,
    cells: nodes.map((n) => ({ keys: [n.id], n: n.n })),
  };
  const linkPeople: CountTable = {
    id: 'fx.link_people',
    title: 'People by link',
    dimensions: [
      { id: 'qualification', label: 'Qualification', categories: nodes.filter((n) => n.side === 'qualification').map((n) => ({ code: n.id, label: n.label })) },
      { id: 'occupation', label: 'Occupation', categories: nodes.filter((n) => n.side === 'occupation').map((n) => ({ code: n.id, label: n.label })) },
    ],
    additive: false,
    cells: links.map(([q, o, n]) => ({ keys: [q, o], n })),
  };
  return {
    protected: false,
    analysis: 'clusters',
    dataset: 'fixture',
    region,
    settings: { resolution: 1, seed: 7 },
    // What analyses record about what they found: exact, unprotected, never to be published.
    findings: { people: UNPROTECTED_PEOPLE },
    settingNotes: [
      ['Resolution of the clustering', '1'],
      ['Random seed', '7'],
    ],
    countTables: [people, nodePeople, linkPeople],
    reportTables: [
      {
        id: 'fx.summary',
        title: 'Clusters of qualifications and occupations',
        caption: 'People in each cluster',
        section: 'clusters',
        columns: [
          { id: 'cluster', label: 'Cluster' },
          { id: 'people', label: 'People' },
          { id: 'share', label: '% of people analysed' },
        ],
        rows: [
          ...clusters.map((c) => ({
            id: c.id,
            cells: [
              { kind: 'text' as const, text: c.name },
              { kind: 'count' as const, ref: { table: 'fx.people', keys: [c.id] } },
              { kind: 'share' as const, num: { table: 'fx.people', keys: [c.id] }, den: { table: 'fx.people', keys: ['all'] } },
            ],
          })),
          {
            id: 'all',
            total: true,
            cells: [
              { kind: 'text', text: 'Everyone analysed' },
              { kind: 'count', ref: { table: 'fx.people', keys: ['all'] } },
              { kind: 'share', num: { table: 'fx.people', keys: ['all'] }, den: { table: 'fx.people', keys: ['all'] } },
            ],
          },
        ],
        notes: ['A person can be in several clusters.'],
      },
      {
        id: 'fx.members',
        title: 'Qualifications, with "quotes", commas',
        section: 'clusters',
        columns: [
          { id: 'node', label: 'Qualification or occupation' },
          { id: 'people', label: 'People' },
        ],
        rows: nodes.map((n) => ({
          id: n.id,
          cells: [
            { kind: 'text' as const, text: n.label },
            { kind: 'count' as const, ref: { table: 'fx.node_people', keys: [n.id] } },
          ],
        })),
      },
    ],
    network: {
      nodes: nodes.map((n) => ({ id: n.id, label: n.label, side: n.side, cluster: n.cluster, people: { table: 'fx.node_people', keys: [n.id] }, confidence: 0.9 })),
      links: links.map(([q, o]) => ({ source: q, target: o, people: { table: 'fx.link_people', keys: [q, o] }, lift: 1.5, significant: true })),
      clusters: clusters.map((c) => ({ id: c.id, name: c.name, people: { table: 'fx.people', keys: [c.id] } })),
    },
    labels: { source: 'Routeways clusters analysis of the outcome extract "fixture"', classification: ['Qualification titles as entered'] },
  };
}
