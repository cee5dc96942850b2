/**
 * The application server: a Fastify app with the open data API at /api/v1
 * (OpenAPI 3.1 at /api/v1/openapi.json, documentation at /api/docs), security
 * headers (helmet), a rate limit per client, problem documents for every
 * error, and published sites served as files under /sites/<name>/.
 *
 * The store is opened read-only; only the datasets named in `open` are
 * visible. Several processes can serve one store file (see README, "serve").
 */
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import sirv from 'sirv';
import { resolveQueryRules, type QueryRulesInput } from '../core/query/rules.js';
import type { PolicyInput } from '../core/disclosure/policy.js';
import type { PTable } from '../core/disclosure/perturbation/ptable.js';
import { publishingPolicy } from '../pipeline/publish.js';
import { openStoreReadOnly } from '../store/database.js';
import { listVariantGroups, titlesByCode } from '../store/coding.js';
import { getDataset } from '../store/datasets.js';
import { openApiService, type ApiService } from './api/service.js';
import { registerApi } from './api/routes.js';
import { registerProblems } from './api/problem-handler.js';
import { PermalinkStore } from './api/permalinks.js';
import { registerRegisterApi } from './register/api.js';
import type { OutcomeSource } from './register/outcomes.js';
import { registerRegisterWeb, type RegisterWebOptions } from './register/routes.js';

export interface ServerOptions {
  /** The DuckDB store file (opened read-only). */
  storePath: string;
  /** Dataset names the API shows; nothing else in the store is reachable. */
  open: string[];
  /** Published site folders served under /sites/<folder name>/ (the first also at /site/). */
  sites?: string[];
  /** Disclosure policy over the publishing defaults (the cell key method). */
  policy?: PolicyInput;
  /** Query rules over the defaults (at most 3 dimensions plus region, 2,000 cells...). */
  rules?: QueryRulesInput;
  ptable?: PTable;
  /** Folder of permalinks (default: `<store>.permalinks` beside the store file). */
  permalinks?: string;
  /** Requests per minute per client address (default 600; 0: no limit). */
  rateLimit?: number;
  /** Start making the published report tables at once (default: on first use). */
  warm?: boolean;
  /** Store connections answering queries side by side (default: one per CPU, at most 4). */
  connections?: number;
  /** Fastify's logger (default off). */
  logger?: boolean;
  /** The register's pages under /register (its store, session secret, cookie flags). */
  register?: RegisterWebOptions;
  /** Routes added by other parts (the explorer pages), given the same service. */
  extend?: (app: FastifyInstance, service: ApiService, permalinks: PermalinkStore) => Promise<void> | void;
}

export interface RoutewaysServer {
  app: FastifyInstance;
  service: ApiService;
  permalinks: PermalinkStore;
  close(): Promise<void>;
}

function siteName(dir: string): string {
  return resolve(dir).split(/[\\/]/).filter(Boolean).pop()!.replace(/[^A-Za-z0-9._-]+/g, '_');
}

/** Serve each site folder with sirv under /sites/<name>/ (and the first at /site/). */
function registerSites(app: FastifyInstance, sites: string[]): void {
  sites.forEach((dir, i) => {
    if (!existsSync(dir) || !statSync(dir).isDirectory() || !existsSync(join(dir, 'index.html'))) throw new Error(`${dir} is not a site made by "routeways publish" (no index.html)`);
    const serve = sirv(dir, { dev: true, etag: true, extensions: ['html'] });
    const prefixes = [`/sites/${siteName(dir)}`, ...(i === 0 ? ['/site'] : [])];
    for (const prefix of prefixes) {
      app.get(`${prefix}/*`, { schema: { hide: true } }, (req, reply) => {
        const rest = req.url.slice(prefix.length) || '/';
        reply.hijack();
        req.raw.url = rest;
        serve(req.raw, reply.raw, () => {
          reply.raw.statusCode = 404;
          reply.raw.setHeader('content-type', 'application/problem+json');
          reply.raw.end(JSON.stringify({ type: 'https://routeways.example/problems/not-found', title: 'Not found', status: 404, detail: `no file ${rest} in the site` }));
        });
      });
      app.get(prefix, { schema: { hide: true } }, (_req, reply) => reply.redirect(`${prefix}/`));
    }
  });
}

/** The register's API and pages; its outcomes query reads the same protected figures as the API, and the title coder's accepted variants. */
async function registerRegister(app: FastifyInstance, register: RegisterWebOptions, outcomes: OutcomeSource): Promise<void> {
  await app.register(
    (api, _o, done) => {
      registerRegisterApi(api, register.store, outcomes);
      done();
    },
    { prefix: '/api/v1/register' },
  );
  await registerRegisterWeb(app, { ...register, outcomes });
}

/** Build the app (not listening yet: call `app.listen`). */
export async function buildServer(options: ServerOptions): Promise<RoutewaysServer> {
  const store = await openStoreReadOnly(options.storePath);
  let service: ApiService;
  try {
    service = await openApiService({ store, open: options.open, policy: publishingPolicy(options.policy), rules: resolveQueryRules(options.rules), warm: options.warm ?? false, ...(options.connections ? { connections: options.connections } : {}), ...(options.ptable ? { ptable: options.ptable } : {}) });
  } catch (err) {
    store.close();
    throw err;
  }
  const permalinks = new PermalinkStore(options.permalinks ?? `${store.path}.permalinks`);
  const app = Fastify({ logger: options.logger ?? false, ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } } });
  // Security headers; the docs page needs its own scripts and styles.
  await app.register(helmet, { contentSecurityPolicy: { directives: { 'script-src': ["'self'"], 'style-src': ["'self'", 'https:', "'unsafe-inline'"], 'img-src': ["'self'", 'data:'] } } });
  // Registered even when the global limit is off: sign-ins keep their own limit.
  const limit = options.rateLimit ?? 600;
  await app.register(rateLimit, { global: limit > 0, max: limit > 0 ? limit : 1000, timeWindow: '1 minute' });
  registerProblems(app);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Routeways open data API', version: '1.0.0', description: 'Protected counts of where qualifications lead: every count is perturbed with the cell key method.' },
      servers: [{ url: '/' }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  await app.register((api) => registerApi(api, service, permalinks), { prefix: '/api/v1' });
  if (options.register) {
    await registerRegister(app, options.register, {
      service,
      variantGroups: async () => (await listVariantGroups(store, 'qualification')).map((g) => g.members.map((m) => m.title)),
      titlesByCode: async (dataset, codes) => titlesByCode(store, (await getDataset(store, dataset)).id, codes),
    });
  }
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async (_req, reply) => reply.type('application/json').send(app.swagger()));
  registerSites(app, options.sites ?? []);
  await options.extend?.(app, service, permalinks);
  let closed = false;
  return {
    app,
    service,
    permalinks,
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      await service.close();
      store.close();
    },
  };
}
