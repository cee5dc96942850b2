/**
 * The /api/v1 routes: thin HTTP over the ApiService. Each route declares its
 * inputs and outputs (schemas.ts), so Fastify validates, serialises and
 * documents them; every table answers in JSON or, with `Accept: text/csv` or
 * a `.csv` suffix, in CSV (csv.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { QuerySpec } from '../../core/query/rules.js';
import { answerCsv, destinationsCsv, routesCsv, tableCsv } from './csv.js';
import type { PermalinkStore } from './permalinks.js';
import { notFound, refused } from './problems.js';
import * as S from './schemas.js';
import type { ApiService } from './service.js';

const PROBLEM = { content: { 'application/problem+json': { schema: S.problem } } };
const ERRORS = { 400: { description: 'Bad request', ...PROBLEM }, 404: { description: 'Not found', ...PROBLEM }, 429: { description: 'Too many requests', ...PROBLEM } };
const json = (schema: object, description = 'OK') => ({ 200: { description, content: { 'application/json': { schema } } }, ...ERRORS });
const table = (schema: object, description = 'OK') => ({ 200: { description, content: { 'application/json': { schema }, 'text/csv': { schema: { type: 'string' } } } }, ...ERRORS });
const CSV = 'text/csv; charset=utf-8';

const LIST = (item: string) => `^${item}(,${item}){0,3}$`;
const DIM = '[A-Za-z][A-Za-z0-9_]{0,62}';
const CODES = "^(?!.*(--|/\\*|\\.\\.))[\\p{L}\\p{N} &'(),./+:_-]{1,2000}$";

const queryString = {
  type: 'object',
  required: ['rows'],
  additionalProperties: false,
  properties: {
    rows: { type: 'string', pattern: LIST(DIM), description: 'dimension ids for the rows, comma-separated (e.g. ssa)' },
    columns: { type: 'string', pattern: LIST(DIM), description: 'dimension ids for the columns, comma-separated (e.g. region)' },
    measures: { type: 'string', pattern: LIST('(people|row_share|column_share)'), description: 'people, row_share, column_share (default people)' },
  },
  patternProperties: { [`^filter\\.${DIM}$`]: { type: 'string', pattern: CODES, description: 'filter.<dimension>=code,code' } },
} as const;

const withDataset = (props: Record<string, object>, required: string[] = []) => ({
  type: 'object',
  additionalProperties: false,
  required,
  properties: { dataset: { ...S.datasetId, description: 'dataset id (default: the first dataset opened)' }, ...props },
});

/** CSV when the path ends in .csv or the client accepts text/csv (and not JSON first). */
function wantsCsv(req: FastifyRequest): boolean {
  if (req.url.split('?')[0]!.endsWith('.csv')) return true;
  const accept = String(req.headers.accept ?? '');
  return accept.includes('text/csv') && !/^\s*application\/json/.test(accept);
}

function send<T>(req: FastifyRequest, reply: FastifyReply, value: T, csv: (v: T) => string) {
  if (wantsCsv(req)) return reply.type(CSV).send(csv(value));
  return reply.type('application/json; charset=utf-8').send(value);
}

function specFromQuery(q: Record<string, string>): QuerySpec {
  const list = (s: string | undefined) => (s === undefined || s === '' ? [] : s.split(','));
  const filters: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(q)) if (k.startsWith('filter.')) filters[k.slice('filter.'.length)] = list(v);
  return { rows: list(q.rows), columns: list(q.columns), filters, measures: list(q.measures) as QuerySpec['measures'] };
}

export async function registerApi(api: FastifyInstance, service: ApiService, permalinks: PermalinkStore): Promise<void> {
  const datasetOf = async (id: string | undefined) => {
    if (id !== undefined) return id;
    const first = (await service.listDatasets())[0];
    if (!first) throw notFound('no dataset is open');
    return first.id;
  };
  const answer = async (dataset: string, spec: QuerySpec) => {
    const r = await service.query(dataset, spec);
    if (!r.ok) throw refused(r.refusals);
    return r.answer;
  };
  const regionOf = (q: { region?: string }) => (q.region ? { region: q.region } : {});
  const idParams = { type: 'object', required: ['id'], properties: { id: S.datasetId } };
  const queryResponses = { ...table(S.queryAnswer, 'The table of perturbed counts'), 422: { description: 'Query refused: why, and what to change', ...PROBLEM } };

  api.get('/datasets', { schema: { tags: ['datasets'], summary: 'The open datasets', response: json(S.datasetList) } }, async () => ({ datasets: await service.listDatasets() }));
  api.get<{ Params: { id: string } }>('/datasets/:id', { schema: { tags: ['datasets'], summary: 'A dataset: dimensions and categories, standard labels, method notes, version', params: idParams, response: json(S.datasetInfo) } }, (req) =>
    service.dataset(req.params.id),
  );
  const tableRegion = { type: 'object', additionalProperties: false, properties: { region: S.regionCode } };
  api.get<{ Params: { id: string }; Querystring: { region?: string } }>(
    '/datasets/:id/tables',
    { schema: { tags: ['tables'], summary: "The published report tables of all regions together, or of one region's report (?region=), as in the site", params: idParams, querystring: tableRegion, response: json(S.tableList) } },
    async (req) => ({ dataset: req.params.id, tables: await service.tables(req.params.id, regionOf(req.query)) }),
  );
  api.get<{ Params: { id: string; table: string }; Querystring: { region?: string } }>(
    '/datasets/:id/tables/:table',
    { schema: { tags: ['tables'], summary: 'One published report table (JSON, or CSV with a .csv suffix), of all regions or of one region (?region=)', params: { type: 'object', required: ['id', 'table'], properties: { id: S.datasetId, table: S.tableId } }, querystring: tableRegion, response: table(S.publishedTable) } },
    async (req, reply) => send(req, reply, await service.table(req.params.id, req.params.table.replace(/\.csv$/, ''), regionOf(req.query)), tableCsv),
  );
  for (const suffix of ['', '.csv']) {
    api.get<{ Params: { id: string }; Querystring: Record<string, string> }>(
      `/datasets/:id/query${suffix}`,
      { schema: { tags: ['query'], summary: `A table of perturbed counts from query parameters${suffix ? ', as CSV' : ''}`, params: idParams, querystring: queryString, response: queryResponses } },
      async (req, reply) => send(req, reply, await answer(req.params.id, specFromQuery(req.query)), answerCsv),
    );
    api.post<{ Params: { id: string }; Body: QuerySpec }>(
      `/datasets/:id/query${suffix}`,
      { schema: { tags: ['query'], summary: `A table of perturbed counts from a JSON query${suffix ? ', as CSV' : ''}`, params: idParams, body: S.querySpec, response: queryResponses } },
      async (req, reply) => send(req, reply, await answer(req.params.id, req.body), answerCsv),
    );
  }
  api.get<{ Querystring: { dataset?: string; search: string } }>(
    '/qualifications',
    { schema: { tags: ['explore'], summary: 'Qualifications whose title contains the search text', querystring: withDataset({ search: S.searchText }, ['search']), response: json(S.qualificationList) } },
    async (req) => {
      const dataset = await datasetOf(req.query.dataset);
      return { dataset, qualifications: await service.searchQualifications(dataset, req.query.search) };
    },
  );
  const regionQuery = withDataset({ region: S.regionCode });
  for (const suffix of ['', '.csv']) {
    api.get<{ Params: { qid: string }; Querystring: { dataset?: string; region?: string } }>(
      `/qualifications/:qid/destinations${suffix}`,
      {
        schema: { tags: ['explore'], summary: 'Where holders of a qualification went: occupations (SOC sub-major groups) with perturbed counts and shares', params: { type: 'object', required: ['qid'], properties: { qid: S.qualificationId } }, querystring: regionQuery, response: table(S.destinations) },
      },
      async (req, reply) => {
        const dataset = await datasetOf(req.query.dataset);
        return send(req, reply, await service.destinations(dataset, req.params.qid, req.query.region ? { region: req.query.region } : {}), destinationsCsv);
      },
    );
    api.get<{ Params: { soc: string }; Querystring: { dataset?: string; region?: string } }>(
      `/occupations/:soc/routes${suffix}`,
      { schema: { tags: ['explore'], summary: 'The qualifications that led to an occupation group', params: { type: 'object', required: ['soc'], properties: { soc: S.socCode } }, querystring: regionQuery, response: table(S.routes) } },
      async (req, reply) => {
        const dataset = await datasetOf(req.query.dataset);
        return send(req, reply, await service.routes(dataset, req.params.soc, req.query.region ? { region: req.query.region } : {}), routesCsv);
      },
    );
  }
  api.get<{ Params: { soc: string }; Querystring: { dataset?: string; region?: string } }>(
    '/occupations/:soc/moves',
    { schema: { tags: ['explore'], summary: 'Career moves: the SOC sub-major groups people came from and went to, straight before and after a job in this one', params: { type: 'object', required: ['soc'], properties: { soc: S.socCode } }, querystring: regionQuery, response: json(S.occupationMoves) } },
    async (req) => service.moves(await datasetOf(req.query.dataset), req.params.soc, req.query.region ? { region: req.query.region } : {}),
  );
  api.get<{ Params: { id: string } }>(
    '/datasets/:id/progression',
    { schema: { tags: ['tables'], summary: 'The published progression tables (measures with bases and intervals, routes, the flow of qualification -> first job -> later job)', params: idParams, response: json(S.progressionTables) } },
    async (req) => ({ dataset: req.params.id, tables: await service.progression(req.params.id) }),
  );
  api.get<{ Querystring: { dataset?: string; search: string } }>(
    '/occupations',
    { schema: { tags: ['explore'], summary: 'SOC major and sub-major groups whose title contains the search text (or with that code)', querystring: withDataset({ search: S.searchText }, ['search']), response: json(S.occupationList) } },
    async (req) => {
      const dataset = await datasetOf(req.query.dataset);
      return { dataset, occupations: await service.searchOccupations(dataset, req.query.search) };
    },
  );
  api.post<{ Body: { dataset: string; query: QuerySpec } }>(
    '/permalinks',
    {
      schema: {
        tags: ['query'],
        summary: 'Keep a query with its answer; returns a stable URL that serves the same answer later',
        body: S.permalinkRequest,
        response: { 201: { description: 'Created', content: { 'application/json': { schema: S.permalink } } }, ...ERRORS, 422: { description: 'Query refused', ...PROBLEM } },
      },
    },
    async (req, reply) => {
      const link = permalinks.save(await answer(req.body.dataset, req.body.query));
      const url = `/api/v1/permalinks/${link.id}`;
      return reply.status(201).header('location', url).type('application/json; charset=utf-8').send({ ...link, url });
    },
  );
  api.get<{ Params: { pid: string } }>(
    '/permalinks/:pid',
    { schema: { tags: ['query'], summary: 'A kept query and its answer (JSON, or CSV with a .csv suffix)', params: { type: 'object', required: ['pid'], properties: { pid: S.permalinkId } }, response: table(S.permalink) } },
    async (req, reply) => {
      const id = req.params.pid.replace(/\.csv$/, '');
      const link = permalinks.get(id);
      if (!link) throw notFound(`no permalink ${id}`);
      if (!(await service.listDatasets()).some((d) => d.id === link.dataset)) throw notFound(`permalink ${id} is of a dataset that is not open`);
      return send(req, reply, { ...link, url: `/api/v1/permalinks/${id}` }, (l) => answerCsv(l.answer));
    },
  );
}
