/**
 * Figures routes (read rollups; never persons).
 * - GET /api/v1/summary?region=&year= → RegionSummaryDto (no region: the caller's own region — the nation's key
 *   counties for a national user; an empty filter means the caller's scope, field case C19)
 * - GET /api/v1/summary/children?region=&year= → RegionFiguresRow[] (no region: as above)
 * 403 forbidden for a region above or beside the caller's.
 * - GET /api/v1/key-counties?province=&year= → KeyCountyDto[]
 * 400 validation_error for malformed parameters, 400 unknown_region for a code not loaded.
 */
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { FastifyInstance } from 'fastify';
import { keyCountyQuery, summaryQuery } from '../../../shared/queries';
import type { Services } from '../../container';
import { scopeOf } from '../scope-of';

export function summaryRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/summary', { schema: { tags: ['figures'], summary: '区域汇总指标', querystring: summaryQuery } }, async (req) =>
    s.summary.summary(scopeOf(req), req.query.region ?? scopeOf(req).regionCode, req.query.year),
  );
  r.get('/api/v1/summary/children', { schema: { tags: ['figures'], summary: '下级区域指标表', querystring: summaryQuery } }, async (req) =>
    s.summary.children(scopeOf(req), req.query.region ?? scopeOf(req).regionCode, req.query.year),
  );
  r.get('/api/v1/key-counties', { schema: { tags: ['figures'], summary: '重点帮扶县及其指标', querystring: keyCountyQuery } }, async (req) =>
    s.summary.keyCounties(scopeOf(req), req.query.year, req.query.province),
  );
}
