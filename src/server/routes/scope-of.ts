/**
 * The acting user and region scope of a request, from its session (see plugins/auth.ts, which already
 * refused requests without one on every non-public route).
 */
import type { FastifyRequest } from 'fastify';
import type { Scope } from '../repositories/scope';
import { unauthenticated } from '../errors';
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
