/**
 * What the cluster report's layout says about its counts beyond the counts
 * themselves, as linear facts for the audit's model (see LayoutFact): clusters
 * ordered by people; each cluster's members shown most people first, the top
 * ones only (so each shown member has at least as many as each one left out,
 * and the leading occupation the cluster is named after at least as many as
 * each other member); significant links shown most people first.
 */
import type { CellRef, LayoutFact } from '../results.js';
import type { LinkCounts, LinkSignificance } from '../links/significance.js';
import type { ClusterReport, ReportNode } from './report.js';
import { linkRef, memberRef, peopleRef } from './refs.js';

const order = (greater: CellRef, lesser: CellRef, why: string): LayoutFact => ({ terms: [{ ref: greater, coef: 1 }, { ref: lesser, coef: -1 }], min: 0, why });

/** Consecutive shown cells in order, and the last shown against each one left out. */
function ranked(refs: CellRef[], shown: number, why: string): LayoutFact[] {
  const facts: LayoutFact[] = [];
  const n = Math.min(shown, refs.length);
  for (let i = 1; i < n; i++) facts.push(order(refs[i - 1]!, refs[i]!, why));
  if (n > 0) for (let i = n; i < refs.length; i++) facts.push(order(refs[n - 1]!, refs[i]!, `${why} (the rest not shown)`));
  return facts;
}

export function clusterFacts(report: ClusterReport, links: LinkCounts, linkStats: LinkSignificance, topLinks: number): LayoutFact[] {
  const shown = report.clusters.filter((c) => c.people > 0);
  const facts = ranked(shown.map((c) => peopleRef(c.id)), shown.length, 'clusters ordered by people');
  const members = (list: ReportNode[]) => list.filter((n) => n.peopleInCluster > 0).map(memberRef);
  for (const c of shown) {
    facts.push(...ranked(members(c.occupations), report.top, 'top occupations of a cluster'));
    facts.push(...ranked(members(c.qualifications), report.top, 'top qualifications of a cluster'));
  }
  const sig: number[] = [];
  for (let i = 0; i < links.w.length; i++) if (linkStats.significant[i]) sig.push(i);
  sig.sort((a, b) => links.w[b] - links.w[a] || linkStats.logP[a] - linkStats.logP[b] || a - b);
  // The links left out are not named, so only the shown ones' order is a fact.
  facts.push(...ranked(sig.slice(0, topLinks).map((i) => linkRef(report, links, i)), topLinks, 'significant links ordered by people'));
  return facts;
}
