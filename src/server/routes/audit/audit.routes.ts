/**
 * Audit log route.
 * - GET /api/v1/audit?actor=&action=&beforeId=&limit= → AuditEventRow[] of the administrator's region,
 *   newest first (audit.read permission; 403 without).
 */
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { FastifyInstance } from 'fastify';
import { auditQuery } from '../../../shared/accounts';
import type { Services } from '../../container';
import { actorOf } from '../scope-of';

export function auditRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/audit', { schema: { tags: ['accounts'], summary: '审计日志(本区域)', querystring: auditQuery } }, async (req) => s.audit.search(actorOf(req), req.query));
}
