/**
 * Sign-in routes.
 * - POST /api/v1/auth/sign-in { username, password } → 200 { user: UserDto, csrfToken } and the httpOnly
 *   session cookie; 401 invalid_credentials for every failure (unknown name, wrong password, disabled,
 *   locked for this address: never told apart); 429 too_many_requests (Chinese message, Retry-After)
 *   when more than ZX_SIGN_IN_RATE_PER_ADDRESS attempts a minute (default 30) come from one address,
 *   whatever the user names.
 * - POST /api/v1/auth/sign-out → 204, clears the cookie.
 * - GET /api/v1/auth/me → { user, csrfToken } (401 without a session).
 * - POST /api/v1/auth/change-password { currentPassword, newPassword } → 200 { csrfToken } with a new
 *   session cookie (every session of the user, this one included, ends); 401 for a wrong current
 *   password, 400 naming newPassword when it does not meet the policy (domain/account-policy.ts).
 */
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { FastifyInstance } from 'fastify';
import { changePasswordInput, signInInput } from '../../../shared/accounts';
import type { Services } from '../../container';
import { clearSessionCookie, setSessionCookie } from '../../plugins/auth';
import { actorOf } from '../scope-of';
import { tooManyRequests, unauthenticated } from '../../errors';

export function authRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/v1/auth/sign-in',
    {
      schema: { tags: ['accounts'], summary: '登录', body: signInInput },
      config: {
        rateLimit: {
          max: s.ctx.config.signInRatePerAddress,
          timeWindow: 60_000,
          hook: 'onRequest',
          // per client address across user names: spraying many names from one address is throttled
          keyGenerator: (req) => req.ip,
          errorResponseBuilder: (_req, ctx) => tooManyRequests(Math.max(1, Math.ceil(ctx.ttl / 1000))),
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
  r.post('/api/v1/auth/change-password', { schema: { tags: ['accounts'], summary: '修改密码(会话与防伪令牌随之更换)', body: changePasswordInput } }, async (req, reply) => {
    const { token, csrfToken } = await s.accounts.changePassword(actorOf(req), req.session!.sessionId, req.body.currentPassword, req.body.newPassword);
    setSessionCookie(req, reply, token, s.ctx.config.cookieSecure);
    return { csrfToken };
  });
}
