/**
 * The register's queries as GET pages under /register/queries: the choice of
 * clustering, framework, role or cluster and qualification is in the query
 * string, so every answer has its own address.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { annexe3 } from '../../core/register/queries/annexe3.js';
import { compareCoverage, coverage, gaps, type Target } from '../../core/register/queries/coverage.js';
import { prerequisiteRoutes } from '../../core/register/queries/prerequisites.js';
import type { RegisterData } from '../../core/register/types.js';
import type { RegisterStore } from '../../store/register/register-store.js';
import { messagePage, queriesPage } from './pages.js';
import { outcomes, type OutcomeSource } from './outcomes.js';
import { annexe3Page, comparePage, coveragePage, gapsPage, outcomesPage, prerequisitesPage } from './query-pages.js';
import { csrfOf, html } from './respond.js';
import { actorOf } from './session.js';

type Query = Record<string, string | undefined>;
const current = <T extends { status: string }>(xs: T[]) => xs.filter((x) => x.status === 'current');

function options(data: RegisterData) {
  return {
    clusterings: current(data.clusterings).map((g) => ({ value: g.id, text: `${g.name} (${g.id})` })),
    frameworks: current(data.frameworks).map((f) => ({ value: f.id, text: `${f.name} (${f.id})` })),
    targets: [...current(data.roles).map((r) => ({ value: r.id, text: `Role: ${r.name} (${r.id})` })), ...current(data.clusters).map((c) => ({ value: c.id, text: `Cluster: ${c.name} (${c.id})` }))],
    qualifications: current(data.qualifications).map((q) => ({ value: q.id, text: `${q.title} (${q.id})` })),
  };
}

/** The id a parameter names, if the register has a current record of that kind with it. */
function pick(data: RegisterData, q: Query, name: string, list: Array<{ id: string }>, fallback = true): string | null {
  const id = q[name];
  if (id !== undefined) return list.some((x) => x.id === id) ? id : null;
  return fallback ? (list[0]?.id ?? null) : null;
}

/** A role or cluster of the register, by id. */
export function targetOf(data: RegisterData, id: string): Target | null {
  return data.roles.some((r) => r.id === id) ? { kind: 'role', id } : data.clusters.some((c) => c.id === id) ? { kind: 'cluster', id } : null;
}

export function registerQueryRoutes(app: FastifyInstance, store: RegisterStore, source?: OutcomeSource): void {
  const answer = (build: (data: RegisterData, q: Query, frame: { actor: ReturnType<typeof actorOf>; csrf: string }) => string | null, what: string) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      const data = await store.load();
      const frame = { actor: actorOf(request), csrf: csrfOf(reply) };
      const body = build(data, request.query as Query, frame);
      return body === null ? html(reply, messagePage(frame.actor, frame.csrf, 'Not in the register', `Choose ${what} the register holds.`), 404) : html(reply, body);
    };
  app.get('/queries', async (request, reply) => {
    const datasets = source ? (await source.service.listDatasets()).map((d) => ({ value: d.id, text: d.title })) : [];
    return html(reply, queriesPage({ actor: actorOf(request), csrf: csrfOf(reply), ...options(await store.load()), datasets }));
  });
  app.get('/queries/annexe3', answer((data, q, f) => {
    const id = pick(data, q, 'clustering', current(data.clusterings));
    return id ? annexe3Page(f, annexe3(data, id)) : null;
  }, 'a clustering'));
  app.get('/queries/coverage', answer((data, q, f) => {
    const framework = pick(data, q, 'framework', current(data.frameworks));
    const target = targetOf(data, q.target ?? '');
    return framework && target ? coveragePage(f, coverage(data, target, framework)) : null;
  }, 'a role or cluster and a framework'));
  app.get('/queries/gaps', answer((data, q, f) => {
    const framework = pick(data, q, 'framework', current(data.frameworks));
    return framework ? gapsPage(f, data.frameworks.find((x) => x.id === framework)!.name, gaps(data, framework, 'roles')) : null;
  }, 'a framework'));
  app.get('/queries/compare', answer((data, q, f) => {
    const framework = pick(data, q, 'framework', current(data.frameworks));
    const clustering = pick(data, q, 'clustering', current(data.clusterings));
    return framework && clustering ? comparePage(f, compareCoverage(data, framework, { clusteringId: clustering })) : null;
  }, 'a framework and a clustering'));
  app.get('/queries/prerequisites', answer((data, q, f) => {
    const id = pick(data, q, 'qualification', data.qualifications, false);
    return id ? prerequisitesPage(f, prerequisiteRoutes(data, id)) : null;
  }, 'a qualification'));
  if (source) registerOutcomesRoute(app, store, source);
}

function registerOutcomesRoute(app: FastifyInstance, store: RegisterStore, source: OutcomeSource): void {
  app.get('/queries/outcomes', async (request, reply) => {
    const q = request.query as Query;
    const data = await store.load();
    const frame = { actor: actorOf(request), csrf: csrfOf(reply) };
    const target = targetOf(data, q.target ?? '');
    const datasets = await source.service.listDatasets();
    const dataset = datasets.find((d) => d.id === (q.dataset ?? datasets[0]?.id));
    if (!target || !dataset) return html(reply, messagePage(frame.actor, frame.csrf, 'Not found', 'Choose a role or cluster of the register and a dataset the server opens.'), 404);
    return html(reply, outcomesPage(frame, await outcomes(source, data, target, dataset.id)));
  });
}
