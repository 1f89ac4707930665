/**
 * The region scope of a request. Until accounts exist (issue 5: sign-in, user regions), every request
 * acts with the national scope; routes already pass a scope to every service call, so adding users
 * changes only this function.
 */
import type { FastifyRequest } from 'fastify';
import type { Scope } from '../repositories/scope';
import { systemActor, type Actor } from '../services/actor';

/** The acting user of a request. */
export function actorOf(_req: FastifyRequest): Actor {
  return systemActor();
}

/** The region scope of a request (the actor's). */
export function scopeOf(req: FastifyRequest): Scope {
  return actorOf(req).scope;
}
