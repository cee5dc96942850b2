/**
 * Signing in to the register's pages. A session is a signed cookie
 * (@fastify/cookie's HMAC signing) holding the account name, its role and an
 * expiry: stateless, so several server processes with the same secret share
 * sessions. The cookie is HttpOnly, SameSite=Strict, Secure (unless turned off
 * for plain-HTTP development) and scoped to /register. Every form that changes
 * something carries a CSRF token (@fastify/csrf-protection, its secret in a
 * cookie of its own); logins are rate limited per client address.
 */
import { randomBytes } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AccountRole, Actor } from '../../core/register/types.js';

export const SESSION_COOKIE = 'routeways_register';
export const REGISTER_PREFIX = '/register';
/** How long a sign-in lasts. */
export const SESSION_HOURS = 8;

export interface SessionOptions {
  /** Signs session cookies; give every process serving the register the same one (default: random per process). */
  secret?: string;
  /** Send cookies over HTTPS only (default true; turn off only for plain-HTTP development on loopback). */
  secureCookies?: boolean;
}

interface SessionBody {
  n: string;
  r: AccountRole;
  /** Expiry, ms since the epoch. */
  e: number;
}

const ROLES: readonly AccountRole[] = ['viewer', 'editor', 'admin'];

export async function registerSession(app: FastifyInstance, options: SessionOptions): Promise<void> {
  const secure = options.secureCookies ?? true;
  await app.register(fastifyCookie, { secret: options.secret ?? randomBytes(32).toString('hex') });
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'routeways_register_csrf',
    cookieOpts: { path: REGISTER_PREFIX, httpOnly: true, sameSite: 'strict', secure, signed: true },
    // Multipart forms (file uploads) carry the token in the query string: their body is read later.
    getToken: (req) => {
      const body = req.body as Record<string, unknown> | undefined;
      const query = req.query as Record<string, unknown>;
      const token = (body && typeof body._csrf === 'string' ? body._csrf : undefined) ?? (typeof query._csrf === 'string' ? query._csrf : undefined);
      return token ?? (req.headers['x-csrf-token'] as string | undefined) ?? '';
    },
  });
}

/** The signed-in account, or null (no cookie, a forged or expired one). */
export function actorOf(request: FastifyRequest): Actor | null {
  const raw = request.cookies[SESSION_COOKIE];
  if (!raw) return null;
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || unsigned.value === null) return null;
  try {
    const body = JSON.parse(unsigned.value) as SessionBody;
    if (typeof body.n !== 'string' || !ROLES.includes(body.r) || typeof body.e !== 'number' || body.e < Date.now()) return null;
    return { name: body.n, role: body.r };
  } catch {
    return null;
  }
}

export function signIn(reply: FastifyReply, actor: Actor, secure: boolean): void {
  const body: SessionBody = { n: actor.name, r: actor.role, e: Date.now() + SESSION_HOURS * 3600_000 };
  reply.setCookie(SESSION_COOKIE, JSON.stringify(body), {
    path: REGISTER_PREFIX,
    httpOnly: true,
    sameSite: 'strict',
    secure,
    signed: true,
    maxAge: SESSION_HOURS * 3600,
  });
}

export function signOut(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, { path: REGISTER_PREFIX, httpOnly: true, sameSite: 'strict', secure, signed: true });
}
