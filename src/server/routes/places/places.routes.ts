/**
 * Place routes (issue 9 items 7–8, issue 8 item 2), thin over PlaceService:
 * - GET /api/v1/places/codes/:code → what a division code stands for today: `{ status: 'current', code }`,
 *   `{ status: 'replaced', code, chain }`, `{ status: 'divided', candidates, chain }` or `{ status: 'unknown',
 *   reason }`, with `changes` (the crosswalk rows followed: old/new code and name, date, kind, document,
 *   source). Public reference data: any signed-in user. 400 for a code that is not 2/4/6/9/12 digits.
 * - GET /api/v1/places/mappings?county=CODE → the county's remembered place-name mappings
 *   (`{ town, village, key, regionCode, createdBy, createdAt }[]`); needs `intake.import` and the county inside
 *   the caller's scope (403 otherwise). Mappings are made in the import preview (`placeMapping`) and remembered
 *   on commit.
 */
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../container';
import { actorOf, requirePermission } from '../scope-of';

export function placeRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/places/codes/:code', { schema: { tags: ['regions'], summary: '区划代码的现行对应(区划变更对照)', params: z.object({ code: z.string().max(12) }) } }, async (req) => {
    actorOf(req);
    return s.places.lookup(req.params.code);
  });
  r.get('/api/v1/places/mappings', { schema: { tags: ['intake'], summary: '本县记住的地名对应', querystring: z.object({ county: z.string().regex(/^\d{6}$/, '应为6位县级区划代码') }) } }, async (req) =>
    s.places.listMappings(requirePermission(req, 'intake.import', '没有导入数据的权限'), req.query.county),
  );
}
