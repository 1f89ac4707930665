/**
 * Sessions on every request: reads the httpOnly session cookie, loads the session (see
 * AccountService.authenticate) and puts it on `req.session`. Every /api/v1 route needs a session (401)
 * except sign-in and /meta; a user with a one-time password may only read /auth/me, change the password
 * and sign out (403 password_change_required). Unsafe methods (POST, PUT, PATCH, DELETE) of a signed-in
 * user must carry the session's CSRF token in the `X-CSRF-Token` header (synchronizer token; 403
 * csrf_failed). The cookie is SameSite=Strict as a second line.
 */
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../container';
import type { SessionInfo } from '../services/account.service';
import { AppError, csrfFailed, passwordChangeRequired, unauthenticated } from '../errors';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in session, or null. */
    session: SessionInfo | null;
  }
}

/** Name of the session cookie. */
export const SESSION_COOKIE = 'zx_session';
/** Routes that need no session. */
export const PUBLIC_ROUTES = new Set(['POST /api/v1/auth/sign-in', 'GET /api/v1/meta']);
/** Routes open to a user who must still change the one-time password. */
const PASSWORD_CHANGE_ROUTES = new Set(['GET /api/v1/auth/me', 'POST /api/v1/auth/change-password', 'POST /api/v1/auth/sign-out']);
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Sets the session cookie (httpOnly, SameSite=Strict, Secure over HTTPS or with ZX_COOKIE_SECURE=1; no Max-Age: the server enforces expiry). */
export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string, alwaysSecure = false): void {
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/', secure: alwaysSecure || req.protocol === 'https' });
}

/** Clears the session cookie. */
export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

export async function registerAuth(app: FastifyInstance, s: Services): Promise<void> {
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (req) => {
    const path = req.url.split('?')[0]!;
    if (!path.startsWith('/api/v1/')) return;
    const token = req.cookies[SESSION_COOKIE];
    req.session = token ? await s.accounts.authenticate(token) : null;
    const key = `${req.method} ${req.routeOptions.url ?? path}`;
    if (PUBLIC_ROUTES.has(key)) return;
    if (!req.session) throw unauthenticated(token ? '登录已过期,请重新登录' : '请先登录');
    if (UNSAFE.has(req.method) && req.headers['x-csrf-token'] !== req.session.csrfToken) throw csrfFailed();
    if (req.session.mustChangePassword && !PASSWORD_CHANGE_ROUTES.has(key)) throw passwordChangeRequired();
  });
  // every refusal of a signed-in user (role or region) leaves an access_denied event; never the query
  // values (they may hold an ID number the user typed)
  app.addHook('onError', async (req, _reply, err) => {
    if (!(err instanceof AppError) || err.code !== 'forbidden' || !req.session) return;
    await s.audit.record(req.session.actor, { action: 'access_denied', targetType: 'route', targetId: `${req.method} ${req.routeOptions.url ?? req.url.split('?')[0]}`, outcome: 'denied', details: { reason: err.message, queryKeys: Object.keys((req.query ?? {}) as object) } });
  });
}
