/**
 * Region tree routes.
 * - GET /api/v1/regions?parent=CODE → RegionDto[]: children of a region (no parent: provinces with key counties loaded).
 * - GET /api/v1/regions/:code → RegionDto with its path. 400 for a malformed code, 404 unknown.
 * - GET /api/v1/regions/names?codes=C1,C2,… → { [code]: name } for up to 500 codes (names, not codes, in
 *   every list of the UI; issue 16). Codes not loaded are left out. 400 for a malformed code. Region
 *   names are public reference data (statistical division codes), not scoped.
 */
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { FastifyInstance } from 'fastify';
import type { RegionDto, DesignationDto } from '../../../shared/api';
import type { DesignationKind, RegionLevel } from '../../../shared/enums';
import { regionCode } from '../../../shared/registry';
import type { Services } from '../../container';
import { RegionRepository } from '../../repositories/region.repository';

export function regionRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const repo = () => new RegionRepository(s.ctx.db);
  const designationsOf = async (codes: string[]) => {
    const all = await repo().listDesignations();
    const m = new Map<string, DesignationDto[]>();
    for (const d of all) if (codes.includes(d.countyCode)) m.set(d.countyCode, [...(m.get(d.countyCode) ?? []), { kind: d.kind as DesignationKind, source: d.source, geoHazardProne: d.geoHazardProne === null ? null : d.geoHazardProne === 1 }]);
    return m;
  };

  r.get('/api/v1/regions', { schema: { tags: ['regions'], summary: '下级区划', querystring: z.object({ parent: regionCode.optional() }) } }, async (req) => {
    const { parent } = req.query;
    if (parent) await s.regions.getRegion(parent);
    const kids = await repo().children(parent ?? null);
    const counts = await repo().childCounts(kids.map((k) => k.code));
    const ds = await designationsOf(kids.filter((k) => k.level === 'county').map((k) => k.code));
    return kids.map((k): RegionDto => ({ code: k.code, name: k.name, level: k.level as RegionLevel, parentCode: k.parentCode, childCount: counts.get(k.code) ?? 0, designations: ds.get(k.code) }));
  });

  r.get('/api/v1/regions/names', {
    schema: {
      tags: ['regions'], summary: '区划名称(批量)',
      querystring: z.object({ codes: z.string().max(8000).transform((v) => v.split(',').filter(Boolean)).pipe(z.array(regionCode).max(500, '一次最多查询500个区划代码')) }),
    },
  }, async (req): Promise<Record<string, string>> => {
    const rows = await repo().getMany(req.query.codes);
    return Object.fromEntries(rows.map((k) => [k.code, k.name]));
  });

  r.get('/api/v1/regions/:code', { schema: { tags: ['regions'], summary: '区划详情', params: z.object({ code: regionCode }) } }, async (req) => {
    const k = await s.regions.getRegion(req.params.code);
    const ds = await designationsOf([k.code]);
    const path = await s.regions.pathOf(k.code);
    return { code: k.code, name: k.name, level: k.level, parentCode: k.parentCode, designations: ds.get(k.code), path: path.map((p) => ({ code: p.code, name: p.name, level: p.level })) };
  });
}
