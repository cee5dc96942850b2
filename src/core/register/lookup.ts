/**
 * Indexes over a loaded register, built once per query: records by id,
 * clusters of a role, roles of a cluster, areas of a framework.
 */
import { compareIds } from './ids.js';
import type { Area, Cluster, Module, Qualification, RegisterData, RegisterRecord, Role } from './types.js';
import { COLLECTION, RECORD_KINDS } from './types.js';

export interface RegisterLookup {
  readonly data: RegisterData;
  readonly byId: ReadonlyMap<string, RegisterRecord>;
  qualification(id: string): Qualification | undefined;
  module(id: string): Module | undefined;
  role(id: string): Role | undefined;
  cluster(id: string): Cluster | undefined;
  /** Current clusters of a clustering, by name. */
  clustersOf(clusteringId: string): Cluster[];
  /** Current areas of a framework, by position. */
  areasOf(frameworkId: string): Area[];
}

export function lookup(data: RegisterData): RegisterLookup {
  const byId = new Map<string, RegisterRecord>();
  for (const kind of RECORD_KINDS) for (const r of data[COLLECTION[kind]] as RegisterRecord[]) byId.set(r.id, r);
  const get = <T>(id: string, prefix: string) => (id.startsWith(prefix) ? (byId.get(id) as T | undefined) : undefined);
  return {
    data,
    byId,
    qualification: (id) => get<Qualification>(id, 'Q'),
    module: (id) => get<Module>(id, 'M'),
    role: (id) => get<Role>(id, 'R'),
    cluster: (id) => get<Cluster>(id, 'C'),
    clustersOf: (clusteringId) =>
      data.clusters.filter((c) => c.clusteringId === clusteringId && c.status === 'current').sort((a, b) => byName(a.name, b.name) || compareIds(a.id, b.id)),
    areasOf: (frameworkId) =>
      data.areas.filter((a) => a.frameworkId === frameworkId && a.status === 'current').sort((a, b) => a.position - b.position || compareIds(a.id, b.id)),
  };
}

/** Names in the order a reader expects: ignoring case, then as written. */
export function byName(a: string, b: string): number {
  const x = a.toLocaleLowerCase('en-GB');
  const y = b.toLocaleLowerCase('en-GB');
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}
