/**
 * Seed 003's Annexe 3: clusters with roles and the count of qualifications per
 * role, with a subtotal per cluster and a total. As in the seed, a subtotal
 * adds up its roles' counts (a qualification two roles share counts twice);
 * the distinct counts sit beside them.
 */
import { byName, lookup } from '../lookup.js';
import type { RegisterData, Role } from '../types.js';

export interface Annexe3Role {
  roleId: string;
  role: string;
  /** Current qualifications linked to the role. */
  qualifications: number;
  keyQualifications: number;
}

export interface Annexe3Cluster {
  clusterId: string;
  cluster: string;
  roles: Annexe3Role[];
  /** Sum of the roles' counts (the seed's 'Sub total'). */
  subtotal: number;
  /** Distinct qualifications of the cluster's roles. */
  distinct: number;
}

export interface Annexe3Table {
  clusteringId: string;
  clustering: string;
  clusters: Annexe3Cluster[];
  /** Sum of the subtotals (the seed's 'Total'). */
  total: number;
  /** Distinct qualifications across the table. */
  distinct: number;
}

export interface Annexe3Options {
  /** Also list roles and clusters with no qualifications (the seed leaves them out). */
  includeEmpty?: boolean;
}

export function annexe3(data: RegisterData, clusteringId: string, options: Annexe3Options = {}): Annexe3Table {
  const look = lookup(data);
  const clustering = data.clusterings.find((g) => g.id === clusteringId);
  if (!clustering) throw new RangeError(`no clustering ${clusteringId}`);
  const current = (id: string) => look.qualification(id)?.status === 'current';
  const linked = (role: Role) => role.qualifications.filter((q) => current(q.id));
  const clusters: Annexe3Cluster[] = [];
  const all = new Set<string>();
  for (const cluster of look.clustersOf(clusteringId)) {
    const roles = cluster.roles
      .map((id) => look.role(id))
      .filter((r): r is Role => r !== undefined && r.status === 'current')
      .sort((a, b) => byName(a.name, b.name));
    const rows: Annexe3Role[] = [];
    const distinct = new Set<string>();
    for (const role of roles) {
      const quals = linked(role);
      if (quals.length === 0 && !options.includeEmpty) continue;
      quals.forEach((q) => (distinct.add(q.id), all.add(q.id)));
      rows.push({ roleId: role.id, role: role.name, qualifications: quals.length, keyQualifications: quals.filter((q) => q.key).length });
    }
    if (rows.length === 0 && !options.includeEmpty) continue;
    clusters.push({ clusterId: cluster.id, cluster: cluster.name, roles: rows, subtotal: rows.reduce((s, r) => s + r.qualifications, 0), distinct: distinct.size });
  }
  return {
    clusteringId,
    clustering: clustering.name,
    clusters,
    total: clusters.reduce((s, c) => s + c.subtotal, 0),
    distinct: all.size,
  };
}
