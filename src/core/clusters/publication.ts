/**
 * What the clusters analysis declares for publishing: its network for the
 * map, its report sections, headline figures and method notes. The site
 * renders these without knowing which analysis they came from.
 */
import type { Headline, NetworkResult, Section } from '../results.js';
import type { LinkCounts, LinkSignificance } from '../links/significance.js';
import type { ClusterReport } from './report.js';
import { ALL, linkRef, peopleRef, TABLE_IDS } from './refs.js';

export const CLUSTER_SECTIONS: Section[] = [
  {
    id: 'clusters',
    heading: 'Clusters of qualifications and occupations',
    intro:
      'Each cluster groups qualifications with the occupations people holding them went into more often than chance would suggest. The tables list the most common qualifications and occupations of each cluster; a person can appear under several qualifications, so percentages need not add up to 100%.',
  },
  { id: 'profiles', heading: 'Who is in each cluster', intro: 'The characteristics of the people in each cluster, as shares of the people in that cluster.' },
];

export const CLUSTER_METHOD_NOTES = [
  'Clusters are found by grouping qualifications and occupations so that more people hold a qualification and an occupation of the same cluster than chance would give (bipartite modularity). Confidence is the share of resampled runs in which a qualification or occupation stays with the rest of its cluster.',
];

export function clusterHeadlines(report: ClusterReport): Headline[] {
  return [
    {
      id: 'people',
      label: 'People analysed',
      figure: { kind: 'count', ref: peopleRef(ALL) },
      sentence: {
        text: 'This report looks at {value} people {where} who gained at least one qualification and went on to a known occupation, and at which qualifications led to which occupations.',
        withheld:
          'This report looks at people {where} who gained at least one qualification and went on to a known occupation, and at which qualifications led to which occupations. The number of people is withheld to protect them.',
      },
    },
    {
      id: 'clusters',
      label: 'Clusters',
      items: report.clusters.map((c) => ({ text: { kind: 'text', text: c.name }, figure: { kind: 'count', ref: peopleRef(c.id) } })),
      order: 'figure-desc',
      sentence: {
        text: 'The analysis found {count} {count|cluster|clusters} of qualifications and occupations that tend to go together. The largest {items|is|are} {items}.',
      },
    },
  ];
}

export function clusterNetwork(report: ClusterReport, links: LinkCounts, linkStats: LinkSignificance): NetworkResult {
  return {
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
      people: linkRef(report, links, i),
      significant: linkStats.significant[i] === 1,
    })),
    clusters: report.clusters.map((c) => ({ id: c.id, name: c.name, people: peopleRef(c.id) })),
    population: peopleRef(ALL),
  };
}
