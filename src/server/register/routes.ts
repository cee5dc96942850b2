/**
 * The register's web pages as a Fastify plugin under /register: search and
 * browse (anyone), add, edit, retire, restore and import (editors and
 * admins, signed in). Writes go through the register's data layer, which
 * checks permissions and versions itself; these routes turn its errors into
 * pages (a conflict is 409 with what changed; invalid fields are 422 with
 * the form again).
 */
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ConflictError, InvalidRecordError, PermissionError, RecordNotFoundError } from '../../core/register/errors.js';
import { formFieldOf, formFields, formValues, rebaseForm, recordFromForm, type FormProblem } from '../../core/register/form.js';
import { kindOfId } from '../../core/register/ids.js';
import { RECORD_KINDS, recordsOf, type Actor, type RecordKind, type RegisterRecord } from '../../core/register/types.js';
import type { RegisterStore } from '../../store/register/register-store.js';
import { verifyLogin } from '../../store/register/accounts.js';
import { registerImportRoutes } from './import-routes.js';
import type { OutcomeSource } from './outcomes.js';
import { registerQueryRoutes } from './query-routes.js';
import { formPage, homePage, kindPage, loginPage, messagePage, recordPage, recordPath } from './pages.js';
import { csrfOf, html, writer, type Body } from './respond.js';
import { actorOf, REGISTER_PREFIX, registerSession, signIn, signOut, type SessionOptions } from './session.js';

export interface RegisterWebOptions extends SessionOptions {
  store: RegisterStore;
  /** Where the outcomes query finds a dataset's protected figures (the server's API service). */
  outcomes?: OutcomeSource;
  /** Sign-in attempts per minute per client address (default 10). */
  loginLimit?: number;
}

function kindParam(kind: string): RecordKind | null {
  return (RECORD_KINDS as readonly string[]).includes(kind) ? (kind as RecordKind) : null;
}

const versionOf = (body: Body, key = 'version'): number => {
  const n = Number(body[key]);
  return Number.isInteger(n) && n >= 0 ? n : -1;
};

function registerBrowse(app: FastifyInstance, store: RegisterStore): void {
  app.get('/', async (request, reply) => {
    const q = String((request.query as Record<string, unknown>).q ?? '').trim().slice(0, 100);
    const [data, recent, hits] = await Promise.all([store.load(), store.recentChanges(20), q ? store.search(q) : Promise.resolve(null)]);
    const counts = Object.fromEntries(RECORD_KINDS.map((k) => [k, recordsOf(data, k).length])) as Record<RecordKind, number>;
    return html(reply, homePage({ actor: actorOf(request), csrf: csrfOf(reply), q, hits, counts, recent }));
  });
  app.get<{ Params: { kind: string } }>('/kinds/:kind', async (request, reply) => {
    const kind = kindParam(request.params.kind);
    if (!kind) return html(reply, messagePage(actorOf(request), csrfOf(reply), 'Page not found', `The register has no kind '${request.params.kind}'.`), 404);
    const records = recordsOf(await store.load(), kind) as RegisterRecord[];
    return html(reply, kindPage(kind, records, actorOf(request), csrfOf(reply)));
  });
  app.get<{ Params: { id: string }; Querystring: { saved?: string } }>('/records/:id', async (request, reply) => {
    const record = await store.get(request.params.id);
    const kind = kindOfId(record.id)!;
    const message = request.query.saved ? `Saved: ${record.id} is now version ${record.version}.` : undefined;
    return html(reply, recordPage({ kind, record, fields: formFields(kind), values: formValues(kind, record), history: await store.history(record.id), actor: actorOf(request), csrf: csrfOf(reply), message }));
  });
  app.get('/export.json', async (_request, reply) => {
    const { exportDocument } = await import('../../ingest/register/files.js');
    return reply.type('application/json').header('content-disposition', 'attachment; filename="register.json"').send(JSON.stringify(exportDocument(await store.load()), null, 2));
  });
}

function problemsOf(kind: RecordKind, err: InvalidRecordError): FormProblem[] {
  return err.issues.map((i) => ({ field: formFieldOf(kind, i.field), message: i.message }));
}

/** Show the form again: with problems (422) or after somebody else saved first (409). */
async function refuse(reply: FastifyReply, store: RegisterStore, kind: RecordKind, record: RegisterRecord | null, body: Body, actor: Actor, err: unknown): Promise<unknown> {
  const values = Object.fromEntries(formFields(kind).map((f) => [f.name, body[f.name] ?? '']));
  const view = { kind, record, fields: formFields(kind), values, actor, csrf: csrfOf(reply) };
  if (err instanceof ConflictError) {
    const current = await store.get(err.recordId);
    const base = (await store.history(err.recordId)).find((c) => c.version === err.expectedVersion)?.after ?? record ?? current;
    const { values: rebased, clashes } = rebaseForm(kind, base, current, body as Record<string, string>);
    const problems = clashes.map((field) => ({ field, message: 'changed by you and by the other editor: check which value to keep' }));
    return html(reply, formPage({ ...view, values: rebased, record: current, problems, conflict: { message: err.message, changes: err.changes, current: current.version } }), 409);
  }
  if (err instanceof InvalidRecordError) return html(reply, formPage({ ...view, problems: problemsOf(kind, err) }), 422);
  throw err;
}

function registerEdit(app: FastifyInstance, store: RegisterStore): void {
  app.get<{ Params: { id: string } }>('/records/:id/edit', async (request, reply) => {
    const actor = writer(request, reply);
    if (!actor) return reply;
    const record = await store.get(request.params.id);
    const kind = kindOfId(record.id)!;
    return html(reply, formPage({ kind, record, fields: formFields(kind), values: formValues(kind, record), problems: [], actor, csrf: csrfOf(reply) }));
  });
  app.post<{ Params: { id: string }; Body: Body }>('/records/:id', { preHandler: app.csrfProtection }, async (request, reply) => {
    const actor = writer(request, reply);
    if (!actor) return reply;
    const current = await store.get(request.params.id);
    const kind = kindOfId(current.id)!;
    const body = request.body ?? {};
    const read = recordFromForm(kind, body as Record<string, string>, current);
    if (!read.ok) return html(reply, formPage({ kind, record: current, fields: formFields(kind), values: body as Record<string, string>, problems: read.problems, actor, csrf: csrfOf(reply) }), 422);
    const edited = { ...read.record, id: current.id, status: current.status, version: versionOf(body) } as unknown as RegisterRecord;
    try {
      const saved = await store.save(actor, edited, body._note?.trim() || null);
      return reply.redirect(`${recordPath(saved.id)}?saved=1`, 303);
    } catch (err) {
      return refuse(reply, store, kind, current, body, actor, err);
    }
  });
}

function registerCreate(app: FastifyInstance, store: RegisterStore): void {
  app.get<{ Params: { kind: string } }>('/new/:kind', async (request, reply) => {
    const actor = writer(request, reply);
    if (!actor) return reply;
    const kind = kindParam(request.params.kind);
    if (!kind) return html(reply, messagePage(actor, csrfOf(reply), 'Page not found', `The register has no kind '${request.params.kind}'.`), 404);
    return html(reply, formPage({ kind, record: null, fields: formFields(kind), values: {}, problems: [], actor, csrf: csrfOf(reply) }));
  });
  app.post<{ Params: { kind: string }; Body: Body }>('/new/:kind', { preHandler: app.csrfProtection }, async (request, reply) => {
    const actor = writer(request, reply);
    if (!actor) return reply;
    const kind = kindParam(request.params.kind);
    if (!kind) return html(reply, messagePage(actor, csrfOf(reply), 'Page not found', `The register has no kind '${request.params.kind}'.`), 404);
    const body = request.body ?? {};
    const read = recordFromForm(kind, body as Record<string, string>, null);
    if (!read.ok) return html(reply, formPage({ kind, record: null, fields: formFields(kind), values: body as Record<string, string>, problems: read.problems, actor, csrf: csrfOf(reply) }), 422);
    const { id: _id, version: _v, status: _s, ...fields } = read.record;
    try {
      const made = await store.create(actor, kind, fields as never, body._note?.trim() || null);
      return reply.redirect(`${recordPath(made.id)}?saved=1`, 303);
    } catch (err) {
      return refuse(reply, store, kind, null, body, actor, err);
    }
  });
}

function registerStatus(app: FastifyInstance, store: RegisterStore): void {
  const act = async (request: FastifyRequest<{ Params: { id: string }; Body: Body }>, reply: FastifyReply, change: (actor: Actor, stored: RegisterRecord, body: Body) => Promise<RegisterRecord>) => {
    const actor = writer(request, reply);
    if (!actor) return reply;
    const stored = await store.get(request.params.id);
    try {
      const saved = await change(actor, stored, request.body ?? {});
      return reply.redirect(`${recordPath(saved.id)}?saved=1`, 303);
    } catch (err) {
      if (!(err instanceof ConflictError) && !(err instanceof InvalidRecordError)) throw err;
      return html(reply, messagePage(actor, csrfOf(reply), err instanceof ConflictError ? 'Somebody changed this record first' : 'Not saved', err.message), err instanceof ConflictError ? 409 : 422);
    }
  };
  const opts = { preHandler: app.csrfProtection };
  app.post<{ Params: { id: string }; Body: Body }>('/records/:id/retire', opts, (req, reply) => act(req, reply, (actor, s, b) => store.retire(actor, s.id, versionOf(b))));
  app.post<{ Params: { id: string }; Body: Body }>('/records/:id/unretire', opts, (req, reply) =>
    act(req, reply, (actor, s, b) => store.save(actor, { ...s, status: 'current', version: versionOf(b) }, 'made current again')),
  );
  app.post<{ Params: { id: string }; Body: Body }>('/records/:id/restore', opts, (req, reply) =>
    act(req, reply, (actor, s, b) => store.restore(actor, s.id, versionOf(b), versionOf(b, 'expected'))),
  );
}

function registerAuth(app: FastifyInstance, store: RegisterStore, options: RegisterWebOptions): void {
  const secure = options.secureCookies ?? true;
  app.get('/login', async (_request, reply) => html(reply, loginPage(csrfOf(reply), '', null)));
  app.post<{ Body: Body }>(
    '/login',
    { preHandler: app.csrfProtection, config: {
        // Counted per client address and account name, once the form is read: one person's typos do not lock out a shared office address.
        rateLimit: { max: options.loginLimit ?? 10, timeWindow: '1 minute', hook: 'preHandler', keyGenerator: (req: FastifyRequest) => `${req.ip} ${String((req.body as Body | undefined)?.name ?? '').toLowerCase()}` },
      },
    },
    async (request, reply) => {
      const name = String(request.body?.name ?? '').slice(0, 100);
      const actor = await verifyLogin(store, name, String(request.body?.password ?? ''));
      if (!actor) return html(reply, loginPage(csrfOf(reply), name, 'The account name or password is not right.'), 401);
      signIn(reply, actor, secure);
      const next = String((request.query as Record<string, unknown>).next ?? '');
      return reply.redirect(next.startsWith(`${REGISTER_PREFIX}/`) && !next.startsWith('//') ? next : REGISTER_PREFIX, 303);
    },
  );
  app.post('/logout', { preHandler: app.csrfProtection }, async (_request, reply) => {
    signOut(reply, secure);
    return reply.redirect(REGISTER_PREFIX, 303);
  });
}

function errorPage(app: FastifyInstance): void {
  app.setErrorHandler((err, request, reply) => {
    const actor = actorOf(request);
    const csrf = () => csrfOf(reply);
    if (err instanceof RecordNotFoundError) return html(reply, messagePage(actor, csrf(), 'Page not found', err.message), 404);
    if (err instanceof PermissionError) return html(reply, messagePage(actor, csrf(), 'You cannot do that', err.message), 403);
    const status = (err as { statusCode?: number }).statusCode ?? 500;
    if (status === 403) return html(reply, messagePage(actor, csrf(), 'The form has expired', 'Go back, reload the page and try again (the form’s security token did not match).'), 403);
    if (status === 429) return html(reply, messagePage(actor, csrf(), 'Too many attempts', 'Wait a minute, then try again.'), 429);
    if (status >= 400 && status < 500) return html(reply, messagePage(actor, csrf(), 'That request could not be read', (err as Error).message), status);
    request.log.error(err);
    return html(reply, messagePage(actor, csrf(), 'Sorry, something went wrong', 'Nothing was changed. Try again later.'), 500);
  });
}

/** Add the register's pages to `app` under /register. */
export async function registerRegisterWeb(app: FastifyInstance, options: RegisterWebOptions): Promise<void> {
  await app.register(
    async (scope) => {
      // Pages, not API: kept out of the OpenAPI document.
      scope.addHook('onRoute', (route) => {
        route.schema = { ...(route.schema ?? {}), hide: true };
      });
      await scope.register(formbody, { bodyLimit: 1024 * 1024 });
      await scope.register(multipart, { limits: { files: 1, fileSize: 20 * 1024 * 1024, fields: 10 } });
      await registerSession(scope, options);
      errorPage(scope);
      registerBrowse(scope, options.store);
      registerEdit(scope, options.store);
      registerCreate(scope, options.store);
      registerStatus(scope, options.store);
      registerAuth(scope, options.store, options);
      registerImportRoutes(scope, options.store);
      registerQueryRoutes(scope, options.store, options.outcomes);
    },
    { prefix: REGISTER_PREFIX },
  );
}
