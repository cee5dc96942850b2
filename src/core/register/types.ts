/**
 * The qualifications register (seed 003, Table 5.1): qualifications and the
 * modules they are made of, prerequisites, job roles, clusterings of roles,
 * which qualifications each role needs (key or not), competency frameworks
 * with their areas, which areas each module covers, and providers.
 *
 * Every record is an aggregate with a stable id (a kind letter and a number:
 * Q12, M40, R3...) that never changes and is never reused, a status (a record
 * is retired, never deleted) and a version that goes up by one at every saved
 * change. Links belong to one record: a qualification owns its parts and
 * prerequisites, a role its qualifications, a cluster its roles, a provider
 * its courses; so a link is versioned, audited and restored with its owner.
 */

export type RecordKind = 'qualification' | 'module' | 'role' | 'clustering' | 'cluster' | 'framework' | 'area' | 'provider';

export const RECORD_KINDS: readonly RecordKind[] = ['framework', 'area', 'module', 'qualification', 'role', 'clustering', 'cluster', 'provider'];

export type Status = 'current' | 'retired';

/** Kinds of qualification (Table 5.1 'Type'): NVQ, HE, Modern Apprenticeship etc. */
export const QUALIFICATION_TYPES = ['NVQ', 'VRQ', 'HE', 'apprenticeship', 'professional', 'short course', 'other'] as const;
export type QualificationType = (typeof QUALIFICATION_TYPES)[number];

/**
 * Level of study or award: 0 is Entry, 1-8 the levels up to doctoral
 * (Table 5.1 'Level': one of the 8 levels from Entry to Doctoral). Numbers so
 * that routes of levels sort.
 */
export type Level = number;
export const ENTRY_LEVEL = 0;

interface RecordBase {
  id: string;
  status: Status;
  /** 1 when created; +1 at every saved change. */
  version: number;
}

/** What a qualification or module is made of: a module, or another qualification. */
export interface Part {
  /** A module (M...) or qualification (Q...) id. */
  id: string;
  mandatory: boolean;
}

/** An accredited award following a course of study (Table 5.1 'Qualification'). */
export interface Qualification extends RecordBase {
  title: string;
  /** Table 5.1 'Key Qualification': nationally available, approved, required to practise, or mandatory training. */
  key: boolean;
  type: QualificationType | null;
  awardingBody: string | null;
  level: Level | null;
  learningHours: number | null;
  /** An identifying reference used by the source organisation, such as a QAN. */
  unitCode: string | null;
  /** Sector subject area code (tier 1 '1'..'15' or tier 2 such as '1.3'). */
  ssa: string | null;
  notes: string | null;
  /** The organisation the information came from. */
  source: string | null;
  /** The web address of the source document. */
  sourceUrl: string | null;
  /** Its modules, and qualifications that form part of it. */
  parts: Part[];
  /** Qualifications or modules to be gained first (Table 5.1 'Pre-Requirements'). */
  prerequisites: string[];
  /** Framework areas the qualification covers directly (besides those of its parts). */
  areas: string[];
}

/** A unit of study that forms part of one or more qualifications. */
export interface Module extends RecordBase {
  title: string;
  unitCode: string | null;
  level: Level | null;
  learningHours: number | null;
  notes: string | null;
  source: string | null;
  sourceUrl: string | null;
  /** Framework areas whose knowledge and skills the module is judged likely to deliver (Table 5.1 'Attributes'). */
  areas: string[];
}

export interface RoleQualification {
  id: string;
  /** A key qualification for this role: its coverage of a framework is what the coverage queries measure. */
  key: boolean;
}

/** A job title in the workforce (Table 5.1 'Role'). */
export interface Role extends RecordBase {
  name: string;
  notes: string | null;
  qualifications: RoleQualification[];
}

/** A named way of grouping roles, such as by Sector Skills Council or by level. */
export interface Clustering extends RecordBase {
  name: string;
  notes: string | null;
}

/** A group of roles with a characteristic in common (Table 5.1 'Cluster'), within one clustering. */
export interface Cluster extends RecordBase {
  clusteringId: string;
  name: string;
  notes: string | null;
  roles: string[];
}

/** A competency framework such as the Common Core of Skills and Knowledge. */
export interface Framework extends RecordBase {
  name: string;
  notes: string | null;
}

/** One area of a framework (the Common Core has six). */
export interface Area extends RecordBase {
  frameworkId: string;
  name: string;
  description: string | null;
  /** Order within the framework, from 1. */
  position: number;
}

export interface Course {
  qualificationId: string;
  /** Length of the course in hours, where known. */
  hours: number | null;
}

/** An organisation offering qualifications, with the length of each course. */
export interface Provider extends RecordBase {
  name: string;
  url: string | null;
  notes: string | null;
  courses: Course[];
}

export interface RecordOfKind {
  qualification: Qualification;
  module: Module;
  role: Role;
  clustering: Clustering;
  cluster: Cluster;
  framework: Framework;
  area: Area;
  provider: Provider;
}

export type RegisterRecord = RecordOfKind[RecordKind];

/** The whole register, as loaded from a store or a file. */
export interface RegisterData {
  qualifications: Qualification[];
  modules: Module[];
  roles: Role[];
  clusterings: Clustering[];
  clusters: Cluster[];
  frameworks: Framework[];
  areas: Area[];
  providers: Provider[];
}

/** The list of RegisterData holding each kind. */
export const COLLECTION: { readonly [K in RecordKind]: keyof RegisterData } = {
  qualification: 'qualifications',
  module: 'modules',
  role: 'roles',
  clustering: 'clusterings',
  cluster: 'clusters',
  framework: 'frameworks',
  area: 'areas',
  provider: 'providers',
};

export function emptyRegister(): RegisterData {
  return { qualifications: [], modules: [], roles: [], clusterings: [], clusters: [], frameworks: [], areas: [], providers: [] };
}

export function recordsOf<K extends RecordKind>(data: RegisterData, kind: K): RecordOfKind[K][] {
  return data[COLLECTION[kind]] as unknown as RecordOfKind[K][];
}

/** Who is making a change, and what they may do. */
export type AccountRole = 'viewer' | 'editor' | 'admin';
export const ACCOUNT_ROLES: readonly AccountRole[] = ['viewer', 'editor', 'admin'];

export interface Actor {
  /** Account name, or a description such as 'cli:alice' for a local operator. */
  name: string;
  role: AccountRole;
}

/** One entry of the audit trail: a record's state before and after one change. */
export interface Change {
  kind: RecordKind;
  recordId: string;
  /** The version the change produced. */
  version: number;
  action: 'create' | 'update' | 'retire' | 'restore' | 'import';
  actor: string;
  /** ISO 8601 UTC. */
  at: string;
  before: RegisterRecord | null;
  after: RegisterRecord;
  note: string | null;
}
