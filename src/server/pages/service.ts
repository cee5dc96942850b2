/**
 * What the pages need from the protected service (src/server/api/service.ts)
 * and the permalink store: the pages ask them for every figure and never touch
 * the store, so what a page shows is exactly what the API answers.
 */
import type { ApiService } from '../api/service.js';
import type { PermalinkStore } from '../api/permalinks.js';

export type PagesService = Pick<ApiService, 'listDatasets' | 'dataset' | 'searchQualifications' | 'searchOccupations' | 'destinations' | 'routes' | 'query'>;

export type PagesPermalinks = Pick<PermalinkStore, 'save'>;
