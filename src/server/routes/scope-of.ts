/**
 * The acting user and region scope of a request, from its session (see plugins/auth.ts, which already
 * refused requests without one on every non-public route).
 */
import type { FastifyRequest } from 'fastify';
import type { Scope } from '../repositories/scope';
import { forbidden, unauthenticated } from '../errors';
import { hasPermission, type Permission } from '../domain/permissions';
import type { Actor } from '../services/actor';

/** The signed-in user of a request. @throws unauthenticated when there is no session */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.session) throw unauthenticated();
  return req.session.actor;
}

/** The region scope of a request (the actor's). */
export function scopeOf(req: FastifyRequest): Scope {
  return actorOf(req).scope;
}

/**
 * The signed-in user, after checking a permission (domain/permissions.ts). For routes of every team:
 * `const actor = requirePermission(req, 'household.write')`.
 * @throws unauthenticated without a session; forbidden (403, audited by plugins/auth.ts) without the permission
 */
export function requirePermission(req: FastifyRequest, permission: Permission, message = '没有权限执行此操作'): Actor {
  const actor = actorOf(req);
  if (!hasPermission(actor.roles, permission)) throw forbidden(message);
  return actor;
}
