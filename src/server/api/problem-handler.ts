/**
 * Every error as an RFC 9457 problem document (application/problem+json):
 * schema validation failures name the request field, refused queries say
 * why and what to change, unknown routes are 404s, anything unexpected is a
 * 500 that reveals nothing of the data.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { CountsOnlyError } from '../../store/counts.js';
import { ApiProblem, type ProblemDocument } from './problems.js';

const TYPE_BASE = 'https://routeways.example/problems/';

function validationProblem(err: FastifyError): ProblemDocument {
  const errors = (err.validation ?? []).map((v) => {
    const where = err.validationContext ?? 'request';
    const path = (v.instancePath || '').replace(/^\//, '').replace(/\//g, '.');
    const missing = (v.params as { missingProperty?: string } | undefined)?.missingProperty;
    const extra = (v.params as { additionalProperty?: string } | undefined)?.additionalProperty;
    const field = [where, path, missing ?? extra].filter((x) => x).join('.');
    return { field, message: extra ? `unknown field ${extra}` : (v.message ?? 'invalid') };
  });
  return { type: `${TYPE_BASE}bad-request`, title: 'Bad request', status: 400, detail: `invalid request: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`, errors };
}

export function registerProblems(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    let doc: ProblemDocument;
    if (err instanceof ApiProblem) doc = err.document(req.url);
    else if (err.validation) doc = validationProblem(err);
    // A counts-only dataset (import-counts) has no records to answer a query from: say so, it is not a fault.
    else if (err instanceof CountsOnlyError) doc = { type: `${TYPE_BASE}counts-only-dataset`, title: 'Not available for this dataset', status: 409, detail: err.message };
    else if (err.statusCode === 429) doc = { type: `${TYPE_BASE}too-many-requests`, title: 'Too many requests', status: 429, detail: 'rate limit reached: wait a minute and try again' };
    else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) doc = { type: `${TYPE_BASE}bad-request`, title: 'Bad request', status: err.statusCode, detail: err.message };
    else {
      req.log.error(err);
      doc = { type: `${TYPE_BASE}internal`, title: 'Internal error', status: 500, detail: 'the server could not answer this request' };
    }
    void reply.status(doc.status).type('application/problem+json').send(doc);
  });
  app.setNotFoundHandler((req, reply) => {
    void reply
      .status(404)
      .type('application/problem+json')
      .send({ type: `${TYPE_BASE}not-found`, title: 'Not found', status: 404, detail: `no route ${req.method} ${req.url.split('?')[0]}; see /api/v1/openapi.json` } satisfies ProblemDocument);
  });
}
