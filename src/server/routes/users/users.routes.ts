/**
 * User management by administrators of a region, for that region only (user.manage permission).
 * - GET /api/v1/users → UserDto[] of users whose region lies inside the administrator's
 * - POST /api/v1/users NewUserInput → 201 { user, oneTimePassword } (shown once; changed at first sign-in)
 * - PATCH /api/v1/users/:id { roles?, regionCode?, disabled?, resetPassword? } → { user, oneTimePassword? }
 * 403 forbidden without the permission or for a region outside the administrator's; 404 for a user of
 * another region; 409 when the user name is taken. Every change is audited (permission_change).
 */
import { z } from 'zod';
import { qint } from '../../../shared/strict';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { FastifyInstance } from 'fastify';
import { newUserInput, updateUserInput } from '../../../shared/accounts';
import type { Services } from '../../container';
import { actorOf } from '../scope-of';

export function userRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/users', { schema: { tags: ['accounts'], summary: '本区域用户' } }, async (req) => s.accounts.list(actorOf(req)));
  r.post('/api/v1/users', { schema: { tags: ['accounts'], summary: '创建用户', body: newUserInput } }, async (req, reply) =>
    reply.code(201).send(await s.accounts.createUser(actorOf(req), req.body)),
  );
  r.patch('/api/v1/users/:id', { schema: { tags: ['accounts'], summary: '修改用户角色、区域或状态,重置密码', params: z.object({ id: qint(z.number().int().positive()) }), body: updateUserInput } }, async (req) =>
    s.accounts.update(actorOf(req), req.params.id, req.body),
  );
}
