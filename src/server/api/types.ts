/**
 * What the open data API answers, as typed values (the HTTP layer and the
 * explorer pages both use them). Every number of people is perturbed with the
 * cell key method; nothing here is a record, a person id or a true count.
 */
import type { StandardLabels } from '../../core/results.js';
import type { AnswerCell } from '../../core/query/table.js';
import type { Measure, QuerySpec, Refusal } from '../../core/query/rules.js';

export type { QuerySpec, Refusal, Measure, AnswerCell };

export interface ApiCategory {
  code: string;
  label: string;
}

export interface ApiDimension {
  id: string;
  label: string;
  /** Which records it describes: a qualification, an occupation or the person. */
  about: 'qualification' | 'occupation' | 'person';
  classification?: string;
  categories: ApiCategory[];
}

export interface DatasetSummary {
  id: string;
  title: string;
  /** Changes whenever the dataset is imported again: the import time. */
  version: string;
  /** Perturbed count of people linked (with a qualification and an occupation). */
  people: number;
}

export interface DatasetInfo extends DatasetSummary {
  labels: StandardLabels;
  dimensions: ApiDimension[];
  methodNotes: string[];
}

export interface QualificationHit {
  /** Stable id of the title (12 hex digits of its SHA-256). */
  id: string;
  title: string;
  /** Perturbed people holding it (linked people only). */
  people: number;
}

export interface OccupationHit {
  /** SOC major (1 digit) or sub-major (2 digits) group code. */
  soc: string;
  title: string;
  level: 'major' | 'submajor';
  people: number;
  /** Occupation titles as entered that matched the search, when the match was on them. */
  matchedTitles?: string[];
}

export interface RegionOption {
  /** Region code as in datasets/{id} (region dimension) or null for all regions. */
  region: string | null;
}

export interface Destination {
  soc: string;
  title: string;
  people: number;
  share: number | null;
  symbol?: '[u]' | '[z]';
  /** The SOC group is related to the qualification's subject area (the related-occupations mapping). */
  related: boolean | null;
}

export interface Destinations {
  dataset: string;
  qualification: QualificationHit & { ssa: string | null; ssaTitle: string | null };
  region: string | null;
  /** Perturbed people holding the qualification (the base of the shares). */
  people: number;
  occupations: Destination[];
  /** Share of the holders who entered a related occupation (perturbed counts). */
  relatedShare: number | null;
  relatedSymbol?: '[u]' | '[z]';
  /** Cluster the qualification belongs to and its other members, when the clusters analysis placed it. */
  cluster: { id: string; name: string; members: string[] } | null;
}

export interface Route {
  id: string;
  title: string;
  people: number;
  share: number | null;
  symbol?: '[u]' | '[z]';
}

export interface Routes {
  dataset: string;
  occupation: { soc: string; title: string; level: 'major' | 'submajor' };
  region: string | null;
  people: number;
  qualifications: Route[];
}

export interface QueryAnswer {
  dataset: string;
  version: string;
  query: { rows: string[]; columns: string[]; filters: Record<string, string[]>; measures: Measure[] };
  /** The dimensions of the table, rows then columns, with the categories kept. */
  dimensions: ApiDimension[];
  cells: AnswerCell[];
  rowTotals: AnswerCell[];
  columnTotals: AnswerCell[];
  total: number;
  method: string;
}

export type QueryResult = { ok: true; answer: QueryAnswer } | { ok: false; refusals: Refusal[] };

export interface PublishedTableSummary {
  id: string;
  title: string;
  analysis?: string;
  section: string;
  /** Region code the report is for, or null for all regions. */
  region: string | null;
}

export interface Permalink {
  id: string;
  dataset: string;
  version: string;
  createdAt: string;
  answer: QueryAnswer;
}
