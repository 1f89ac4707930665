/**
 * The region scope of a request. Until accounts exist (issue 5: sign-in, user regions), every request
 * acts with the national scope; routes already pass a scope to every service call, so adding users
 * changes only this function.
 */
import type { FastifyRequest } from 'fastify';
import { NATIONAL_SCOPE, type Scope } from '../repositories/scope';

export function scopeOf(_req: FastifyRequest): Scope {
  return NATIONAL_SCOPE;
}
