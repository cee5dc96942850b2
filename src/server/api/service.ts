/**
 * The open data API as typed functions, in process: the HTTP routes
 * (src/server/api/routes.ts) and the explorer pages call these. Every count
 * that leaves is perturbed with the cell key method (the publishing policy's
 * p-table, the store's record keys), so the same people give the same figure
 * in a query, a destination list, a route list and a report.
 *
 * Only the datasets named when opening are visible. Store queries run on a
 * few read-only connections (src/server/api/pool.ts); answers are cached (the
 * data does not change while served).
 */
import { availableParallelism } from 'node:os';
import { type Classifications } from '../../core/classify/classifications.js';
import type { DisclosurePolicy } from '../../core/disclosure/policy.js';
import { PerturbationLookup } from '../../core/disclosure/perturbation/lookup.js';
import { generatePTable, type PTable } from '../../core/disclosure/perturbation/ptable.js';
import { PERTURBATION_METHOD } from '../../core/disclosure/perturbation-release.js';
import type { QueryRules, QuerySpec } from '../../core/query/rules.js';
import { publishCount, type TrueCell } from '../../core/query/table.js';
import type { MappingRow } from '../../core/pathways/types.js';
import { loadClassifications } from '../../reference/classifications.js';
import type { Store } from '../../store/database.js';
import { getDataset, type Dataset } from '../../store/datasets.js';
import { openStoreReadOnly, queryRows } from '../../store/database.js';
import { defaultMappingFile, readMappingFile } from '../../store/mappings.js';
import { countCells, titleCounts, type CellCountQuery } from '../../store/query-counts.js';
import { defaultLanes, openConnectionPool } from './pool.js';
import { CountsOnlyError, countedLinkedTotal } from '../../store/counts.js';
import type { Analysis } from '../../analyses/analysis.js';
import type { ProtectedRelease, PublishedNetwork, PublishedTable } from '../../core/disclosure/release.js';
import * as answers from './answers.js';
import type { Ctx, Opened } from './answers.js';
import { clusterDimension, datasetDimensions } from './dimensions.js';
import { reportTables } from './tables.js';
import { occupationMoves, type OccupationMoves } from './moves.js';
import { badRequest, notFound } from './problems.js';
import type { DatasetInfo, DatasetSummary, Destinations, OccupationHit, PublishedTableSummary, QualificationHit, QueryResult, Routes } from './types.js';

export interface ApiServiceOptions {
  store: Store;
  /** Dataset names visible through the API. */
  open: string[];
  policy: DisclosurePolicy;
  rules: QueryRules;
  /** A p-table read from a file instead of the one the policy's parameters make. */
  ptable?: PTable;
  /** The analyses of the published tables (default: every registered analysis). */
  analyses?: readonly Analysis[];
  /** Start making the published tables at once instead of on first use. */
  warm?: boolean;
  /** Store connections answering queries side by side (default: one per CPU, at most 4). */
  connections?: number;
}

export interface ApiService {
  readonly rules: QueryRules;
  listDatasets(): Promise<DatasetSummary[]>;
  dataset(id: string): Promise<DatasetInfo>;
  searchQualifications(datasetId: string, text: string): Promise<QualificationHit[]>;
  destinations(datasetId: string, qualificationId: string, options?: { region?: string }): Promise<Destinations>;
  searchOccupations(datasetId: string, text: string): Promise<OccupationHit[]>;
  routes(datasetId: string, soc: string, options?: { region?: string }): Promise<Routes>;
  /** The jobs people came from and went to around an occupation group (employment histories). */
  moves(datasetId: string, soc: string, options?: { region?: string }): Promise<OccupationMoves>;
  /** The published progression tables (measures, routes, flow), when the dataset has employment histories. */
  progression(datasetId: string): Promise<PublishedTable[]>;
  query(datasetId: string, spec: QuerySpec): Promise<QueryResult>;
  /** The published report tables of all regions together, or of one region's report, as in the site. */
  tables(datasetId: string, options?: { region?: string }): Promise<PublishedTableSummary[]>;
  table(datasetId: string, tableId: string, options?: { region?: string }): Promise<PublishedTable>;
  /** The protected release of all regions the tables come from (null when nothing could be published). */
  release(datasetId: string): Promise<ProtectedRelease | null>;
  close(): Promise<void>;
}


const SEARCH_LIMIT = 20;
const CACHE_SIZE = 1000;

export const API_METHOD_NOTES = [
  'Counts are distinct people linked to at least one qualification and one occupation record; a person holding several qualifications or occupations is counted in each cell they belong to, once per cell.',
  `${PERTURBATION_METHOD}. Totals are counted and perturbed as cells of their own, so they need not equal the sum of the cells shown.`,
  'Shares are worked out from perturbed counts; [u] marks a share whose base is under the minimum base (low reliability), [z] a share whose base is 0.',
  'Queries are refused when they cross too many dimensions or cells, when their population is too small, or when most of their non-empty cells rest on very few people.',
];

/** A small LRU of answers, by key. */
function lru<T>(size: number) {
  const m = new Map<string, Promise<T>>();
  return (key: string, make: () => Promise<T>): Promise<T> => {
    const hit = m.get(key);
    if (hit) {
      m.delete(key);
      m.set(key, hit);
      return hit;
    }
    const p = make();
    m.set(key, p);
    p.catch(() => m.delete(key));
    if (m.size > size) m.delete(m.keys().next().value!);
    return p;
  };
}


async function relatedMapping(store: Store, datasetId: number): Promise<MappingRow[]> {
  // The mapping imported with the dataset, else the shipped default (read from its file: the store is read-only).
  const rows = await queryRows<{ ssa: string; soc: string; related: boolean }>(
    store.connection,
    `SELECT r.ssa, r.soc, r.related FROM mapping_rows r JOIN (SELECT mapping_id FROM mappings WHERE dataset_id = $d ORDER BY created_at DESC, mapping_id DESC LIMIT 1) m USING (mapping_id)`,
    { d: datasetId },
  );
  return rows.length > 0 ? rows : readMappingFile(defaultMappingFile());
}

/** Add the `cluster` dimension (after the qualification title) once the published map is known. */
function addClusterDimension(o: Opened, network: PublishedNetwork | undefined): void {
  const c = clusterDimension(network);
  if (!c || o.dims.has('cluster')) return;
  const at = o.info.dimensions.findIndex((d) => d.id === 'qualification') + 1;
  o.info.dimensions.splice(at, 0, c.dimension);
  o.dims.set('cluster', c.dimension);
  o.clusters = c.members;
}

/** Open the API over a store: checks every --open dataset exists and prepares its dimensions. */
export async function openApiService(options: ApiServiceOptions): Promise<ApiService> {
  const { store, policy, rules } = options;
  const cls: Classifications = loadClassifications();
  const lookup = new PerturbationLookup(options.ptable ?? generatePTable(policy.ptable));
  const cache = lru<unknown>(CACHE_SIZE);
  const opened = new Map<string, Opened>();
  const mappings = new Map<string, MappingRow[]>();

  const datasets: Dataset[] = [];
  for (const name of options.open) datasets.push(await getDataset(store, name));
  const pool = await openConnectionPool(store, datasets.map((d) => d.id), options.connections ?? defaultLanes(availableParallelism()));
  const count = (o: Opened, q: Omit<CellCountQuery, 'datasetId' | 'characteristics' | 'recordKeys'>): Promise<TrueCell[]> =>
    pool.run((lane) => {
      const recordKeys = lane.recordKeys(o.dataset.id);
      return countCells(lane.store, { ...q, datasetId: o.dataset.id, characteristics: o.characteristics, ...(o.clusters ? { clusters: o.clusters } : {}), ...(recordKeys ? { recordKeys } : {}) });
    });
  const total = async (o: Opened, filters: Record<string, string[]>) => {
    const t = (await count(o, { cells: [], filters }))[0];
    return t ? publishCount(lookup, t.n, t.key) : 0;
  };

  for (const dataset of datasets) {
    const name = dataset.name;
    const dimensions = await datasetDimensions(store, dataset, cls, rules.minTitlePeople);
    const info: DatasetInfo = {
      id: dataset.name,
      title: `Qualifications and occupations: ${dataset.name}`,
      version: dataset.importedAt,
      people: 0,
      labels: {
        source: `Routeways open data API over the outcome extract "${dataset.name}" (imported ${dataset.importedAt.slice(0, 10)})`,
        regularity: 'Ad hoc: the figures change only when the dataset is imported again',
        date: dataset.importedAt.slice(0, 10),
        classification: dimensions.filter((d) => d.classification).map((d) => d.classification!),
        spatialAvailability: 'All regions together and each region in the dataset',
      },
      dimensions,
      methodNotes: API_METHOD_NOTES,
    };
    const o: Opened = { dataset, info, dims: new Map(dimensions.map((d) => [d.id, d])), characteristics: dimensions.filter((d) => d.about === 'person' && d.id !== 'region').map((d) => d.id) };
    // A counts-only dataset's population comes from its counts (its records stay in the warehouse).
    if (dataset.kind === 'counts') {
      const t = await countedLinkedTotal(store, dataset.id);
      o.info.people = publishCount(lookup, t.n, t.key);
    } else o.info.people = await total(o, {});
    opened.set(name, o);
    mappings.set(name, await relatedMapping(store, dataset.id));
  }

  const reports = reportTables({ policy, ...(options.ptable ? { ptable: options.ptable } : {}), ...(options.analyses ? { analyses: options.analyses } : {}), openStore: () => openStoreReadOnly(store.path) });

  if (options.warm) for (const name of options.open) void reports.release(name).catch(() => undefined); // errors surface on request

  // The cluster dimension waits for the published map (made once, in the background when warm).
  const clustered = new Map<string, Promise<void>>();
  const withClusters = (o: Opened): Promise<void> => {
    let p = clustered.get(o.info.id);
    if (!p) {
      p = reports.release(o.info.id).then(
        (release) => addClusterDimension(o, release?.network),
        () => undefined, // no map, no cluster dimension; the tables endpoint reports the error
      );
      clustered.set(o.info.id, p);
    }
    return p;
  };

  // A region's own report (published with the others as one release set), or all regions together.
  const regionRelease = async (o: Opened, region?: string): Promise<ProtectedRelease | null> => {
    if (region === undefined || region === '') return reports.release(o.info.id);
    const codes = await reports.regions(o.info.id);
    if (!codes.includes(region)) throw notFound(`dataset ${o.info.id} has no report for region '${region}'; the regions with reports are ${codes.join(', ') || 'none'}`);
    return reports.release(o.info.id, region);
  };

  const get = (id: string): Opened => {
    const o = opened.get(id);
    if (!o) throw notFound(`no open dataset '${id}'; see GET /api/v1/datasets`);
    return o;
  };
  const regionFilter = (o: Opened, region?: string): Record<string, string[]> => {
    if (region === undefined || region === '') return {};
    if (!o.dims.get('region')?.categories.some((c) => c.code === region)) throw badRequest(`unknown region '${region}' for dataset ${o.info.id}`, [{ field: 'region', message: 'not a region of this dataset' }]);
    return { region: [region] };
  };
  // The answers counted from records: a counts-only dataset (import-counts) has none, so they are refused, not answered with zeros.
  const recordLevel = (id: string, what: string): Opened => {
    const o = get(id);
    if (o.dataset.kind === 'counts') throw new CountsOnlyError(`${what} needs record-level data, and dataset ${id} holds counts from a warehouse (import-counts): see its published tables, GET datasets/${id}/tables`);
    return o;
  };
  const titleOf = (o: Opened, dim: string, code: string) => o.dims.get(dim)?.categories.find((c) => c.code === code)?.label;

  const qualificationHits = async (o: Opened, keys: string[]): Promise<QualificationHit[]> => {
    if (keys.length === 0) return [];
    const cells = await count(o, { cells: ['qualification'], filters: { qualification: keys } });
    const people = new Map(cells.map((c) => [String(c.values[0]), publishCount(lookup, c.n, c.key)]));
    return keys.map((k) => ({ id: k, title: titleOf(o, 'qualification', k) ?? k, people: people.get(k) ?? 0 }));
  };

  const ctx: Ctx = { lookup, policy, rules, cls, reports, mappings, pool, count, total, regionFilter, titleOf, qualificationHits };
  const service: ApiService = {
    rules,
    async listDatasets() {
      return [...opened.values()].map(({ info }) => ({ id: info.id, title: info.title, version: info.version, people: info.people }));
    },
    async dataset(id) {
      const o = get(id);
      await withClusters(o);
      return o.info;
    },
    async searchQualifications(datasetId, text) {
      const o = recordLevel(datasetId, "a qualification search");
      return cache(`sq\u0000${datasetId}\u0000${text}`, async () => {
        const rows = await pool.run((lane) => titleCounts(lane.store, o.dataset.id, 'qualification', { min: rules.minTitlePeople, search: text, limit: SEARCH_LIMIT }));
        return qualificationHits(o, rows.map((r) => r.key));
      }) as Promise<QualificationHit[]>;
    },
    async destinations(datasetId, qualificationId, opts = {}) {
      const o = recordLevel(datasetId, "a qualification's destinations");
      return cache(`de\u0000${datasetId}\u0000${qualificationId}\u0000${opts.region ?? ''}`, () => answers.destinations(ctx, o, qualificationId, opts.region)) as Promise<Destinations>;
    },
    async searchOccupations(datasetId, text) {
      const o = recordLevel(datasetId, "an occupation search");
      return cache(`so\u0000${datasetId}\u0000${text}`, () => answers.searchOccupations(ctx, o, text)) as Promise<OccupationHit[]>;
    },
    async routes(datasetId, soc, opts = {}) {
      const o = recordLevel(datasetId, "an occupation's routes");
      return cache(`ro\u0000${datasetId}\u0000${soc}\u0000${opts.region ?? ''}`, () => answers.routes(ctx, o, soc, opts.region)) as Promise<Routes>;
    },
    async moves(datasetId, soc, opts = {}) {
      const o = recordLevel(datasetId, "an occupation's moves");
      return cache(`mv\u0000${datasetId}\u0000${soc}\u0000${opts.region ?? ''}`, () => occupationMoves(ctx, o, soc, opts.region)) as Promise<OccupationMoves>;
    },
    async progression(datasetId) {
      const o = get(datasetId);
      const release = await reports.release(o.info.id);
      const ids = (release?.tables ?? []).filter((t) => t.analysis === 'progression').map((t) => t.id);
      if (ids.length === 0) throw notFound(`dataset ${o.info.id} has no progression tables: it has no employment histories (occupations with start dates), or too few people to publish them`);
      return Promise.all(ids.map(async (id) => (await reports.table(o.info.id, id))!));
    },
    async query(datasetId, spec) {
      const o = recordLevel(datasetId, 'a query');
      await withClusters(o);
      const norm = { rows: spec.rows, columns: spec.columns ?? [], filters: spec.filters ?? {}, measures: spec.measures && spec.measures.length > 0 ? spec.measures : (['people'] as QuerySpec['measures'] & object) };
      return cache(`q\u0000${datasetId}\u0000${JSON.stringify(norm)}`, () => answers.query(ctx, o, norm)) as Promise<QueryResult>;
    },
    async tables(datasetId, opts = {}) {
      const release = await regionRelease(get(datasetId), opts.region);
      return (release?.tables ?? []).map((t) => ({ id: t.id, title: t.title, section: t.section, region: release!.region, ...(t.analysis ? { analysis: t.analysis } : {}) }));
    },
    async table(datasetId, tableId, opts = {}) {
      const o = get(datasetId);
      const t = (await regionRelease(o, opts.region))?.tables.find((x) => x.id === tableId);
      if (!t) throw notFound(`dataset ${o.info.id} has no published table '${tableId}'${opts.region ? ` for region ${opts.region}` : ''}; see GET datasets/${o.info.id}/tables${opts.region ? `?region=${opts.region}` : ''}`);
      return t;
    },
    async release(datasetId) {
      return reports.release(get(datasetId).info.id);
    },
    async close() {
      await reports.close();
      await pool.close();
    },
  };

  return service;
}
