/**
 * Export routes (personal.export permission, 403 without; audited with the row count).
 * - GET /api/v1/exports/households.csv?… and /households.xlsx?… with the household list's filters →
 *   the file as an attachment; names masked unless `names=full` (personal.view too, else 403) (CSV UTF-8 with BOM; formula injection neutralised, see presenters/export.ts).
 *   No region filter = the user's whole region; a region outside it gives an empty file.
 */
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { FastifyInstance } from 'fastify';
import { householdListQuery } from '../../../shared/queries';
import type { Services } from '../../container';
import { actorOf } from '../scope-of';

/** The list's filters, and `names=full` for unmasked names (personal.view as well; default masked). */
const exportQuery = householdListQuery.safeExtend({ names: z.enum(['masked', 'full']).default('masked') });

export function exportRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  for (const format of ['csv', 'xlsx'] as const) {
    r.get(`/api/v1/exports/households.${format}`, { schema: { tags: ['exports'], summary: `导出农户名单(${format.toUpperCase()})`, querystring: exportQuery } }, async (req, reply) => {
      const { names, ...q } = req.query;
      const f = await s.exports.households(actorOf(req), q, format, { fullNames: names === 'full' });
      return reply.type(f.contentType).header('content-disposition', `attachment; filename="${f.filename}"`).header('cache-control', 'no-store').send(f.body);
    });
  }
}
