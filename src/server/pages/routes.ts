/**
 * The explorer and the table builder as a Fastify plugin: registerPages(app,
 * service, permalinks) adds / (to /explore), /assets/*, /explore/* and
 * /builder/*, all left out of the OpenAPI document (they are pages, not the
 * API). Pages are HTML rendered on the server (preact, escaped); the one POST
 * form (make a permalink) is guarded by a CSRF token (@fastify/csrf-protection,
 * secret in a SameSite cookie). Every figure comes from the service.
 */
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { QuerySpec } from '../api/types.js';
import { registerAssets } from './assets.js';
import { registerBuilder } from './builder-routes.js';
import { errorPage } from './error-page.js';
import { html } from './html-reply.js';
import { datasetsPage, explorePath, homePage, occupationHits, qualificationHits, resultsPage, type SearchKind } from './explore-pages.js';
import { occupationPage, qualificationPage } from './figures-pages.js';
import type { PagesPermalinks, PagesService } from './service.js';

export type { PagesPermalinks, PagesService };

/** Longest search text taken (more is cut, not refused). */
export const MAX_SEARCH = 100;
/** Suggestions offered as you type. */
export const MAX_SUGGESTIONS = 10;


function statusOf(err: unknown): number {
  const e = err as { status?: unknown; statusCode?: unknown };
  const s = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : 500;
  return s >= 400 && s < 600 ? s : 500;
}

function searchText(request: FastifyRequest): string {
  const q = (request.query as Record<string, unknown>).q;
  return (typeof q === 'string' ? q : '').trim().slice(0, MAX_SEARCH);
}

function regionOption(request: FastifyRequest): { region?: string } {
  const r = (request.query as Record<string, unknown>).region;
  return typeof r === 'string' && r !== '' ? { region: r } : {};
}

async function search(service: PagesService, dataset: string, kind: SearchKind, q: string) {
  if (q === '') return [];
  return kind === 'qualifications'
    ? qualificationHits(dataset, await service.searchQualifications(dataset, q))
    : occupationHits(dataset, await service.searchOccupations(dataset, q));
}

function registerExplore(app: FastifyInstance, service: PagesService): void {
  app.get('/', async (_request, reply) => reply.redirect('/explore', 302));
  app.get('/explore', async (_request, reply) => {
    const datasets = await service.listDatasets();
    if (datasets.length === 1) return reply.redirect(explorePath(datasets[0].id), 302);
    return html(reply, datasetsPage(datasets));
  });
  app.get<{ Params: { dataset: string } }>('/explore/:dataset', async (request, reply) => {
    return html(reply, homePage(await service.dataset(request.params.dataset)));
  });
  for (const kind of ['qualifications', 'occupations'] as const) {
    app.get<{ Params: { dataset: string } }>(`/explore/:dataset/${kind}`, async (request, reply) => {
      const info = await service.dataset(request.params.dataset);
      const q = searchText(request);
      return html(reply, resultsPage(info, kind, q, await search(service, info.id, kind, q)));
    });
    app.get<{ Params: { dataset: string } }>(`/explore/:dataset/suggest/${kind}`, async (request, reply) => {
      const q = searchText(request);
      const hits = q.length < 2 ? [] : await search(service, request.params.dataset, kind, q);
      return reply.header('cache-control', 'no-store').send({ suggestions: hits.slice(0, MAX_SUGGESTIONS) });
    });
  }
  app.get<{ Params: { dataset: string; id: string } }>('/explore/:dataset/qualifications/:id', async (request, reply) => {
    const info = await service.dataset(request.params.dataset);
    const d = await service.destinations(info.id, request.params.id, regionOption(request));
    return html(reply, qualificationPage(d, regionsOf(info)));
  });
  app.get<{ Params: { dataset: string; soc: string } }>('/explore/:dataset/occupations/:soc', async (request, reply) => {
    const info = await service.dataset(request.params.dataset);
    const r = await service.routes(info.id, request.params.soc, regionOption(request));
    return html(reply, occupationPage(r, regionsOf(info)));
  });
}

function regionsOf(info: Awaited<ReturnType<PagesService['dataset']>>) {
  return info.dimensions.find((d) => d.id === 'region')?.categories ?? [];
}

/** Registers the explorer's pages, the builder and their assets on `app` (as buildServer's `extend`). */
export async function registerPages(app: FastifyInstance, service: PagesService, permalinks: PagesPermalinks, options: { apiQueryUrl?: (dataset: string, spec: QuerySpec) => string } = {}): Promise<void> {
  await app.register(async (scope) => {
    scope.addHook('onRoute', (route) => {
      route.schema = { ...route.schema, hide: true };
    });
    await scope.register(fastifyCookie);
    await scope.register(fastifyCsrf, { cookieOpts: { path: '/builder', sameSite: 'strict', httpOnly: true, signed: false } });
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => {
      const params = new URLSearchParams(body as string);
      done(null, { _csrf: params.get('_csrf') ?? '', form: body as string });
    });
    scope.setErrorHandler((err, request, reply) => {
      const status = statusOf(err);
      if (status >= 500) request.log.error(err);
      const section = request.url.startsWith('/builder') ? 'builder' : 'explore';
      if (request.url.includes('/suggest/')) return reply.code(status).send({ suggestions: [] });
      const detail = status === 403 ? 'The form was open too long or came from another site. Go back, reload the page and try again.' : err instanceof Error ? err.message : String(err);
      return html(reply, errorPage(status, detail, section), status);
    });
    registerAssets(scope);
    registerExplore(scope, service);
    registerBuilder(scope, service, permalinks, options.apiQueryUrl ?? defaultApiUrl);
  });
}

/** The API's GET form of a query (src/server/api/routes.ts: comma lists, filter.<dimension>=code,code). */
export function defaultApiUrl(dataset: string, spec: QuerySpec): string {
  const q = new URLSearchParams();
  q.set('rows', spec.rows.join(','));
  if (spec.columns && spec.columns.length > 0) q.set('columns', spec.columns.join(','));
  for (const [d, codes] of Object.entries(spec.filters ?? {}).sort(([a], [b]) => a.localeCompare(b))) q.set(`filter.${d}`, codes.join(','));
  if (spec.measures && spec.measures.length > 0) q.set('measures', spec.measures.join(','));
  return `/api/v1/datasets/${encodeURIComponent(dataset)}/query?${q.toString()}`;
}
