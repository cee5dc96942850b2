/**
 * What every register page route needs: sending HTML, the CSRF token for the
 * next form, and the signed-in account allowed to write.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../core/register/permissions.js';
import type { Actor } from '../../core/register/types.js';
import { messagePage } from './pages.js';
import { actorOf, REGISTER_PREFIX } from './session.js';

export type Body = Record<string, string | undefined>;

export const html = (reply: FastifyReply, body: string, status = 200) =>
  reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body);

export const csrfOf = (reply: FastifyReply): string => reply.generateCsrf();

/** The signed-in actor allowed to write, or a reply sending them to sign in (401) or refusing them (403). */
export function writer(request: FastifyRequest, reply: FastifyReply): Actor | null {
  const actor = actorOf(request);
  if (!actor) {
    if (request.method === 'GET') void reply.redirect(`${REGISTER_PREFIX}/login?next=${encodeURIComponent(request.url)}`, 303);
    else void html(reply, messagePage(null, csrfOf(reply), 'Sign in first', 'Sign in with an editor account to change the register.'), 401);
    return null;
  }
  if (!can(actor.role, 'write')) {
    void html(reply, messagePage(actor, csrfOf(reply), 'You cannot change the register', `Your account (${actor.role}) may read the register but not change it.`), 403);
    return null;
  }
  return actor;
}

