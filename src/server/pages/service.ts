/**
 * What the pages need from the protected service (src/server/api/service.ts):
 * the pages ask it for every figure and never touch the store, so what a page
 * shows is exactly what the API answers.
 */
import type { DatasetInfo, DatasetSummary, Destinations, OccupationHit, Permalink, QualificationHit, QueryResult, QuerySpec, Routes } from '../api/types.js';

export interface PagesService {
  listDatasets(): Promise<DatasetSummary[]> | DatasetSummary[];
  dataset(id: string): Promise<DatasetInfo>;
  searchQualifications(dataset: string, search: string): Promise<QualificationHit[]>;
  searchOccupations(dataset: string, search: string): Promise<OccupationHit[]>;
  destinations(dataset: string, qualification: string, region: string | null): Promise<Destinations>;
  routes(dataset: string, soc: string, region: string | null): Promise<Routes>;
  query(dataset: string, spec: QuerySpec): Promise<QueryResult>;
  createPermalink(dataset: string, spec: QuerySpec): Promise<Permalink>;
}
