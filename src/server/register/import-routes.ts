/**
 * Bulk import in the register's pages: upload a file, read its change report
 * (new, changed field by field, retired), then confirm. Nothing is written
 * until the keeper confirms; a file with problems is refused whole, each
 * problem with its file, line and column, as `routeways register import`.
 */
import type { FastifyInstance } from 'fastify';
import { planImport } from '../../core/register/change-report.js';
import { formatImportProblem } from '../../core/register/incoming.js';
import type { RegisterStore } from '../../store/register/register-store.js';
import { readRegisterImport } from '../../ingest/register/files.js';
import { InputError } from '../../core/errors.js';
import { importPage, messagePage, previewPage } from './pages.js';
import { dropPending, loadPending, recordPlan, savePending, type PendingImport } from './pending-imports.js';
import { createHash } from 'node:crypto';
import { csrfOf, html, writer } from './respond.js';

const MAX_PROBLEMS = 20;

type Report = Extract<ReturnType<typeof planImport>, { ok: true }>['report'];

/** What a change report would write, as a short hash: the same report, the same text. */
function fingerprint(report: Report): string {
  return createHash('sha256').update(JSON.stringify(report.entries.map((e) => [e.action, e.id, e.before?.version ?? 0, e.after]))).digest('hex');
}

type Plan = { ok: true; report: Report } | { ok: false; problems: string[] };

async function plan(store: RegisterStore, pending: PendingImport): Promise<Plan> {
  let read;
  try {
    read = await readRegisterImport(pending.path);
  } catch (err) {
    if (err instanceof InputError) return { ok: false, problems: [err.message] };
    throw err;
  }
  if (read.problems.length > 0) return { ok: false, problems: read.problems.slice(0, MAX_PROBLEMS).map(formatImportProblem) };
  const planned = planImport(await store.load(), read.records, { retireMissing: pending.retireMissing });
  if (!planned.ok) return { ok: false, problems: planned.problems.slice(0, MAX_PROBLEMS).map(formatImportProblem) };
  return { ok: true, report: planned.report };
}

export function registerImportRoutes(app: FastifyInstance, store: RegisterStore): void {
  app.get('/import', async (request, reply) => {
    const actor = writer(request, reply);
    if (!actor) return reply;
    return html(reply, importPage(actor, csrfOf(reply), []));
  });
  app.post('/import', { preHandler: app.csrfProtection }, async (request, reply) => {
    const actor = writer(request, reply);
    if (!actor) return reply;
    let file: { name: string; content: Buffer } | null = null;
    let retireMissing = false;
    for await (const part of request.parts()) {
      if (part.type === 'file') file = { name: part.filename, content: await part.toBuffer() };
      else if (part.fieldname === 'retireMissing') retireMissing = part.value === 'yes';
    }
    if (!file || file.content.length === 0) return html(reply, importPage(actor, csrfOf(reply), ['Choose a file to import.']), 422);
    const pending = savePending(file.name, file.content, actor.name, retireMissing);
    const planned = await plan(store, pending);
    if (!planned.ok) {
      dropPending(pending.token);
      return html(reply, importPage(actor, csrfOf(reply), planned.problems), 422);
    }
    if (planned.report.entries.length === 0) dropPending(pending.token);
    else recordPlan(pending, fingerprint(planned.report));
    return html(reply, previewPage(actor, csrfOf(reply), pending.file, planned.report, pending.token));
  });
  app.post<{ Params: { token: string } }>('/import/:token', { preHandler: app.csrfProtection }, async (request, reply) => {
    const actor = writer(request, reply);
    if (!actor) return reply;
    const pending = loadPending(request.params.token);
    if (!pending || pending.actor !== actor.name) return html(reply, messagePage(actor, csrfOf(reply), 'Import not found', 'That import was applied or cancelled already, or belongs to another account. Upload the file again.'), 404);
    const planned = await plan(store, pending);
    if (!planned.ok) return html(reply, importPage(actor, csrfOf(reply), planned.problems), 422);
    if (fingerprint(planned.report) !== pending.fingerprint) {
      // The register changed since the keeper saw the report: show the new one rather than write what they did not see.
      recordPlan(pending, fingerprint(planned.report));
      return html(reply, previewPage(actor, csrfOf(reply), pending.file, planned.report, pending.token, 'The register changed since you looked: these are the changes now.'), 409);
    }
    const result = await store.applyImport(actor, planned.report, `import of ${pending.file}`);
    dropPending(pending.token);
    return html(reply, messagePage(actor, csrfOf(reply), 'Imported', `${result.written} records written from ${pending.file}.`));
  });
}
