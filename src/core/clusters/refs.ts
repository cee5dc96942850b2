/**
 * Ids and cell references shared by the cluster report's builders
 * (src/core/clusters/publish-*.ts): the count tables every published cluster
 * figure refers to.
 *
 * Count tables (ids):
 *  - `clusters.people`           people in each cluster, and everyone analysed ('all'). Not additive: a person can be in several clusters or none.
 *  - `clusters.node_people`      people analysed holding each node (qualification 'q:<title>', occupation 'o:<key>'). Not additive.
 *  - `clusters.member_people`    people of a cluster holding each of its members (cluster x node). Not additive.
 *  - `clusters.link_people`      people holding both a qualification and an occupation (qualification x occupation). Not additive.
 *  - `clusters.profile.<population>.<characteristic>`  people of a cluster (population 'c1'...) or of everyone analysed ('all')
 *    with each recorded value of a characteristic, and the 'total' recorded. Additive: each person has one recorded value, so
 *    the total is the sum of the values.
 */
import type { CellRef } from '../results.js';
import type { LinkCounts } from '../links/significance.js';
import type { ClusterReport, ReportNode } from './report.js';

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

/** The key of everyone analysed in `clusters.people` and the profile tables. */
export const ALL = 'all';

export const peopleRef = (cluster: string): CellRef => ({ table: TABLE_IDS.people, keys: [cluster] });
export const memberRef = (n: ReportNode): CellRef => ({ table: TABLE_IDS.memberPeople, keys: [n.cluster, n.id] });

/** The cell of link i of the link table. */
export function linkRef(report: ClusterReport, links: LinkCounts, i: number): CellRef {
  return { table: TABLE_IDS.linkPeople, keys: [report.qualifications[links.q[i]].id, report.occupations[links.o[i]].id] };
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

/** How the profile tables are named and keyed: one per population and characteristic. */
export interface ProfileKeys {
  /** Id-safe name of each characteristic. */
  slugs: string[];
  tableId: (population: string, characteristic: number) => string;
  /** The key of the 'recorded' total in each characteristic (not clashing with a value). */
  totalKey: string[];
}

export function profileKeys(report: ClusterReport): ProfileKeys {
  const slugs = characteristicSlugs(report.characteristics.map((c) => c.name));
  return {
    slugs,
    tableId: (pop, ci) => `${TABLE_IDS.profilePrefix}.${pop}.${slugs[ci]}`,
    totalKey: report.characteristics.map((col) => {
      let key = 'total';
      while (col.values.includes(key)) key = `_${key}`;
      return key;
    }),
  };
}

/** A characteristic's column name for readers: 'alcohol_need' -> 'Alcohol need'. */
export function readable(column: string): string {
  const words = column.replace(/[_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
