/**
 * The register in the open data API, under /api/v1/register: search, records
 * with their history, the queries (Annexe 3, coverage, gaps, comparison,
 * prerequisites) and export, for anyone; saving a record for editors, with
 * HTTP Basic authentication over HTTPS (no cookie, so no CSRF), rate limited.
 * A save names the version it edits: saving over a newer one is 409 with
 * what changed, as the pages do. Errors are problem documents.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ConflictError, InvalidRecordError, PermissionError, RecordNotFoundError } from '../../core/register/errors.js';
import { kindOfId } from '../../core/register/ids.js';
import { annexe3 } from '../../core/register/queries/annexe3.js';
import { compareCoverage, coverage, gaps, type Target } from '../../core/register/queries/coverage.js';
import { prerequisiteRoutes } from '../../core/register/queries/prerequisites.js';
import type { Actor, RegisterData, RegisterRecord } from '../../core/register/types.js';
import { exportDocument } from '../../ingest/register/files.js';
import { verifyLogin } from '../../store/register/accounts.js';
import type { RegisterStore } from '../../store/register/register-store.js';
import { ApiProblem, notFound } from '../api/problems.js';
import { outcomes, type OutcomeSource } from './outcomes.js';

const PROBLEM = { content: { 'application/problem+json': { schema: { type: 'object', required: ['type', 'title', 'status', 'detail'], additionalProperties: true, properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' } } } } } };
const ERRORS = { 400: { description: 'Bad request', ...PROBLEM }, 404: { description: 'Not found', ...PROBLEM }, 429: { description: 'Too many requests', ...PROBLEM } };
const ANY_OBJECT = { type: 'object', additionalProperties: true } as const;
const RECORD = { type: 'object', required: ['id', 'status', 'version'], additionalProperties: true, properties: { id: { type: 'string' }, status: { type: 'string' }, version: { type: 'integer' } } } as const;
const json = (schema: object, description = 'OK') => ({ 200: { description, content: { 'application/json': { schema } } }, ...ERRORS });
const ID = { type: 'string', pattern: '^[QMRGCFAP][1-9][0-9]{0,8}$', description: 'a register id such as Q12' } as const;
const idParams = { type: 'object', required: ['id'], properties: { id: ID } } as const;
const params = (props: Record<string, object>, required: string[] = []) => ({ type: 'object', additionalProperties: false, required, properties: props });

/** The account of a request's Basic credentials, or a 401 problem. */
async function basicActor(store: RegisterStore, req: FastifyRequest): Promise<Actor> {
  const m = /^Basic ([A-Za-z0-9+/=]+)$/.exec(req.headers.authorization ?? '');
  const pair = m ? Buffer.from(m[1], 'base64').toString('utf8') : '';
  const colon = pair.indexOf(':');
  const actor = colon > 0 ? await verifyLogin(store, pair.slice(0, colon), pair.slice(colon + 1)) : null;
  if (!actor) throw new ApiProblem(401, 'unauthorised', 'Sign-in needed', 'saving needs an editor account: send HTTP Basic credentials (over HTTPS)');
  return actor;
}

/** The register's own errors as problem documents. */
function asProblem(err: unknown): unknown {
  if (err instanceof RecordNotFoundError) return notFound(err.message);
  if (err instanceof PermissionError) return new ApiProblem(403, 'forbidden', 'Not allowed', err.message);
  if (err instanceof ConflictError) {
    return new ApiProblem(409, 'edit-conflict', 'Somebody saved first', err.message, { errors: err.changes.map((c) => ({ field: c.field, message: 'changed since your version' })) });
  }
  if (err instanceof InvalidRecordError) return new ApiProblem(422, 'invalid-record', 'Record not valid', err.message, { errors: err.issues.map((i) => ({ field: i.field, message: i.message })) });
  return err;
}

function target(data: RegisterData, id: string): Target {
  if (data.roles.some((r) => r.id === id)) return { kind: 'role', id };
  if (data.clusters.some((c) => c.id === id)) return { kind: 'cluster', id };
  throw notFound(`there is no role or cluster ${id} in the register`);
}

function has(list: Array<{ id: string }>, id: string, what: string): string {
  if (!list.some((x) => x.id === id)) throw notFound(`there is no ${what} ${id} in the register`);
  return id;
}

function registerQueries(api: FastifyInstance, store: RegisterStore): void {
  const q = (path: string, summary: string, props: Record<string, object>, answer: (data: RegisterData, query: Record<string, string>) => unknown) =>
    api.get(path, { schema: { tags: ['register'], summary, querystring: params(props, Object.keys(props)), response: json(ANY_OBJECT) } }, async (req) => answer(await store.load(), req.query as Record<string, string>));
  q('/queries/annexe3', 'Qualifications per role and cluster, with subtotals (seed 003, Annexe 3)', { clustering: ID }, (d, x) => annexe3(d, has(d.clusterings, x.clustering, 'clustering')));
  q('/queries/coverage', "A role's or cluster's framework coverage through its key qualifications' modules", { target: ID, framework: ID }, (d, x) =>
    coverage(d, target(d, x.target), has(d.frameworks, x.framework, 'framework')),
  );
  q('/queries/gaps', 'Areas of a framework that no key qualification of a role covers', { framework: ID }, (d, x) => ({ rows: gaps(d, has(d.frameworks, x.framework, 'framework'), 'roles') }));
  q('/queries/compare', 'Coverage compared across the clusters of a clustering', { framework: ID, clustering: ID }, (d, x) =>
    compareCoverage(d, has(d.frameworks, x.framework, 'framework'), { clusteringId: has(d.clusterings, x.clustering, 'clustering') }),
  );
  q('/queries/prerequisites', 'What must come before a qualification, as routes of levels', { qualification: ID }, (d, x) => prerequisiteRoutes(d, has(d.qualifications, x.qualification, 'qualification')));
}

export function registerRegisterApi(api: FastifyInstance, store: RegisterStore, source?: OutcomeSource): void {
  api.setErrorHandler((err, _req, reply) => {
    throw asProblem(err);
  });
  api.get('/search', { schema: { tags: ['register'], summary: 'Qualifications, modules and roles by title, name or unit code', querystring: params({ q: { type: 'string', minLength: 1, maxLength: 100 } }, ['q']), response: json({ type: 'object', required: ['hits'], properties: { hits: { type: 'array', items: ANY_OBJECT } } }) } }, async (req) => ({
    hits: await store.search((req.query as { q: string }).q),
  }));
  api.get<{ Params: { id: string } }>('/records/:id', { schema: { tags: ['register'], summary: 'One record, at its current version', params: idParams, response: json(RECORD) } }, async (req, reply) => {
    const record = await store.get(req.params.id);
    return reply.header('etag', `"${record.version}"`).send(record);
  });
  api.get<{ Params: { id: string } }>('/records/:id/history', { schema: { tags: ['register'], summary: 'Every change to a record: who, when, before and after', params: idParams, response: json({ type: 'object', required: ['changes'], properties: { changes: { type: 'array', items: ANY_OBJECT } } }) } }, async (req) => ({
    changes: await store.history(req.params.id),
  }));
  api.put<{ Params: { id: string }; Body: Record<string, unknown> }>(
    '/records/:id',
    {
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags: ['register'],
        summary: 'Save a record: give the version you edited; a newer stored version is 409 with what changed',
        params: idParams,
        body: { ...RECORD, description: 'the whole record as GET returns it, with your changes and the version you read' },
        response: { ...json(RECORD, 'Saved: the record at its new version'), 401: { description: 'No or wrong credentials', ...PROBLEM }, 403: { description: 'Not allowed', ...PROBLEM }, 409: { description: 'Somebody saved first', ...PROBLEM }, 422: { description: 'Record not valid', ...PROBLEM } },
      },
    },
    async (req) => {
      const actor = await basicActor(store, req);
      if (req.body.id !== req.params.id || kindOfId(req.params.id) === undefined) throw new ApiProblem(400, 'bad-request', 'Bad request', `the body's id must be ${req.params.id}`);
      return store.save(actor, req.body as unknown as RegisterRecord);
    },
  );
  api.get('/export', { schema: { tags: ['register'], summary: 'The whole register as one JSON document (imports back as it was)', querystring: params({}), response: json(ANY_OBJECT) } }, async () => exportDocument(await store.load()));
  registerQueries(api, store);
  if (source) {
    const schema = { tags: ['register'], summary: 'Where people holding the key qualifications of a role or cluster went (perturbed counts from a dataset)', querystring: params({ target: ID, dataset: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$' } }, ['target']), response: json(ANY_OBJECT) };
    api.get('/queries/outcomes', { schema }, async (req) => {
      const q = req.query as { target: string; dataset?: string };
      const data = await store.load();
      const datasets = await source.service.listDatasets();
      const dataset = q.dataset ?? datasets[0]?.id;
      if (!dataset || !datasets.some((d) => d.id === dataset)) throw notFound(`no dataset ${q.dataset ?? ''} is open`);
      return outcomes(source, data, target(data, q.target), dataset);
    });
  }
}
