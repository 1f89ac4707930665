/**
 * Export routes (personal.export permission, 403 without; audited with the row count).
 * - GET /api/v1/exports/households.csv?… and /households.xlsx?… with the household list's filters →
 *   the file as an attachment (CSV UTF-8 with BOM; formula injection neutralised, see presenters/export.ts).
 *   No region filter = the user's whole region; a region outside it gives an empty file.
 */
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { FastifyInstance } from 'fastify';
import { householdListQuery } from '../../../shared/queries';
import type { Services } from '../../container';
import { actorOf } from '../scope-of';

export function exportRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  for (const format of ['csv', 'xlsx'] as const) {
    r.get(`/api/v1/exports/households.${format}`, { schema: { tags: ['exports'], summary: `导出农户名单(${format.toUpperCase()})`, querystring: householdListQuery } }, async (req, reply) => {
      const f = await s.exports.households(actorOf(req), req.query, format);
      return reply.type(f.contentType).header('content-disposition', `attachment; filename="${f.filename}"`).header('cache-control', 'no-store').send(f.body);
    });
  }
}
