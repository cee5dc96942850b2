/**
 * The table builder's routes: one GET per step (the state in the query
 * string), the CSV of the answer (the API's own CSV writer, so the file equals
 * the API's .csv answer), and the POST that stores a permalink
 * (CSRF-checked) and comes back to the table with its URL (303, so reloading
 * does not post again).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { answerCsv } from '../api/csv.js';
import type { DatasetInfo, QuerySpec } from '../api/types.js';
import { datasetStep, layoutStep, populationStep } from './builder-pages.js';
import { layoutProblems, parseState, stateParams, stateUrl, type BuilderState } from './builder-state.js';
import { tableStep } from './builder-table.js';
import { html } from './html-reply.js';
import type { PagesPermalinks, PagesService } from './service.js';

const PERMALINK_ID = /^[A-Za-z0-9_-]{1,64}$/;

function stateOf(request: FastifyRequest): BuilderState {
  return parseState(new URLSearchParams(request.url.split('?')[1] ?? ''));
}

export function specOf(state: BuilderState): QuerySpec {
  return {
    rows: state.rows,
    columns: state.columns,
    filters: state.filters,
    measures: (state.measures.length > 0 ? state.measures : ['people']) as QuerySpec['measures'],
  };
}

async function datasetOf(service: PagesService, state: BuilderState): Promise<DatasetInfo> {
  return service.dataset(state.dataset);
}

export function registerBuilder(app: FastifyInstance, service: PagesService, permalinks: PagesPermalinks, apiUrl: (dataset: string, spec: QuerySpec) => string): void {
  app.get('/builder', async (request, reply) => html(reply, datasetStep(await service.listDatasets(), stateOf(request))));
  app.get('/builder/population', async (request, reply) => {
    const state = stateOf(request);
    return html(reply, populationStep(await datasetOf(service, state), state));
  });
  app.get('/builder/layout', async (request, reply) => {
    const state = stateOf(request);
    return html(reply, layoutStep(await datasetOf(service, state), state, []));
  });
  app.get('/builder/table', async (request, reply) => {
    const state = stateOf(request);
    const info = await datasetOf(service, state);
    const problems = layoutProblems(state, new Set(info.dimensions.map((d) => d.id)));
    if (problems.length > 0) return html(reply, layoutStep(info, state, problems), 400);
    const spec = specOf(state);
    const result = await service.query(info.id, spec);
    const permalink = (request.query as Record<string, unknown>).permalink;
    const origin = `${request.protocol}://${request.host}`;
    const page = tableStep(info, state, result, {
      csv: stateUrl('/builder/table.csv', state),
      api: `${origin}${apiUrl(info.id, spec)}`,
      permalink: typeof permalink === 'string' && PERMALINK_ID.test(permalink) ? `${origin}/api/v1/permalinks/${permalink}` : undefined,
      csrfToken: reply.generateCsrf(),
    });
    return html(reply, page, result.ok ? 200 : 422);
  });
  app.get('/builder/table.csv', async (request, reply) => {
    const state = stateOf(request);
    const result = await service.query(state.dataset, specOf(state));
    if (!result.ok) return reply.code(422).type('text/plain; charset=utf-8').send(result.refusals.map((r) => `${r.reason}: ${r.fix}`).join('\n') + '\n');
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="routeways-${state.dataset.replace(/[^A-Za-z0-9_-]/g, '_')}-table.csv"`)
      .send(answerCsv(result.answer));
  });
  app.post<{ Body: { _csrf: string; form: string } }>('/builder/permalink', { preHandler: app.csrfProtection }, async (request, reply) => {
    const state = parseState(new URLSearchParams(request.body.form));
    const result = await service.query(state.dataset, specOf(state));
    if (!result.ok) return reply.redirect(stateUrl('/builder/table', state), 303); // the table page explains the refusal
    const link = permalinks.save(result.answer);
    const back = new URLSearchParams([...stateParams(state), ['permalink', link.id]]);
    return reply.redirect(`/builder/table?${back.toString()}`, 303);
  });
}
