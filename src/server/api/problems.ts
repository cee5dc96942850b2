/**
 * Errors the API answers with, as RFC 9457 problem documents
 * (application/problem+json): a type URI, a title, the HTTP status, a detail
 * in plain words, and for refused queries the rules broken and what to change.
 */
import type { Refusal } from '../../core/query/rules.js';

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  /** The request fields at fault (validation errors). */
  errors?: Array<{ field: string; message: string }>;
  /** Why a query was refused and what to change (422). */
  refusals?: Refusal[];
}

const TYPE_BASE = 'https://routeways.example/problems/';

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly kind: string,
    readonly title: string,
    detail: string,
    readonly extra: Pick<ProblemDocument, 'errors' | 'refusals'> = {},
  ) {
    super(detail);
  }

  document(instance?: string): ProblemDocument {
    return { type: `${TYPE_BASE}${this.kind}`, title: this.title, status: this.status, detail: this.message, ...(instance ? { instance } : {}), ...this.extra };
  }
}

export const notFound = (detail: string) => new ApiProblem(404, 'not-found', 'Not found', detail);
export const badRequest = (detail: string, errors?: ProblemDocument['errors']) => new ApiProblem(400, 'bad-request', 'Bad request', detail, errors ? { errors } : {});
export const refused = (refusals: Refusal[]) =>
  new ApiProblem(422, 'query-refused', 'Query refused', `${refusals.map((r) => r.reason).join('; ')}. To change: ${refusals.map((r) => r.fix).join('; ')}.`, { refusals });
