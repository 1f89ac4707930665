/**
 * Sign-in routes.
 * - POST /api/v1/auth/sign-in { username, password } → 200 { user: UserDto, csrfToken } and the httpOnly
 *   session cookie; 401 invalid_credentials; 423 account_locked; 429 when more than
 *   SIGN_IN_RATE_PER_MINUTE attempts a minute come for one user name from one address.
 * - POST /api/v1/auth/sign-out → 204, clears the cookie.
 * - GET /api/v1/auth/me → { user, csrfToken } (401 without a session).
 * - POST /api/v1/auth/change-password { currentPassword, newPassword } → 204; 401 for a wrong current
 *   password, 400 naming newPassword when it does not meet the policy (domain/account-policy.ts).
 */
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { FastifyInstance } from 'fastify';
import { changePasswordInput, signInInput } from '../../../shared/accounts';
import type { Services } from '../../container';
import { SIGN_IN_RATE_PER_MINUTE } from '../../domain/account-policy';
import { clearSessionCookie, setSessionCookie } from '../../plugins/auth';
import { actorOf } from '../scope-of';
import { unauthenticated } from '../../errors';

export function authRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/v1/auth/sign-in',
    {
      schema: { tags: ['accounts'], summary: '登录', body: signInInput },
      config: {
        rateLimit: {
          max: SIGN_IN_RATE_PER_MINUTE,
          timeWindow: 60_000,
          hook: 'preHandler',
          keyGenerator: (req) => `${req.ip}|${String((req.body as { username?: unknown } | undefined)?.username ?? '')}`,
          errorResponseBuilder: (_req, ctx) => ({ statusCode: 429, error: { code: 'too_many_requests', message: `登录尝试过于频繁,请 ${Math.ceil(ctx.ttl / 1000)} 秒后再试` } }),
        },
      },
    },
    async (req, reply) => {
      const { token, csrfToken, user } = await s.accounts.signIn(req.body.username, req.body.password, { ip: req.ip });
      setSessionCookie(req, reply, token, s.ctx.config.cookieSecure);
      return { user, csrfToken };
    },
  );
  r.post('/api/v1/auth/sign-out', { schema: { tags: ['accounts'], summary: '退出登录' } }, async (req, reply) => {
    if (!req.session) throw unauthenticated();
    await s.accounts.signOut(req.session.sessionId, req.session.actor);
    clearSessionCookie(reply);
    return reply.code(204).send();
  });
  r.get('/api/v1/auth/me', { schema: { tags: ['accounts'], summary: '当前用户' } }, async (req) => ({ user: await s.accounts.me(actorOf(req)), csrfToken: req.session!.csrfToken }));
  r.post('/api/v1/auth/change-password', { schema: { tags: ['accounts'], summary: '修改密码', body: changePasswordInput } }, async (req, reply) => {
    await s.accounts.changePassword(actorOf(req), req.session!.sessionId, req.body.currentPassword, req.body.newPassword);
    return reply.code(204).send();
  });
}
