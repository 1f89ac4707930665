/**
 * Reference routes.
 * - GET /api/v1/meta → what the dashboard needs to know about this installation
 * - GET /api/v1/rules → RuleDto[] (id, name, version, policy source)
 * - GET /api/v1/thresholds?year= → ThresholdDto[] per key county's province (placeholders marked)
 * - GET /api/v1/map/boundaries → the bureau's GeoJSON of county boundaries, or 404 boundary_file_not_configured
 */
import { readFile } from 'node:fs/promises';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { FastifyInstance } from 'fastify';
import type { RuleDto } from '../../../shared/api';
import { yearQuery } from '../../../shared/queries';
import { SCREENING_RULES } from '../../domain/rules';
import { boundaryFileNotConfigured, badFile } from '../../errors';
import { RegionRepository } from '../../repositories/region.repository';
import { NATIONAL_KEY_COUNTY_TOTAL } from '../../services/region.service';
import type { Services } from '../../container';

export function referenceRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/meta', { schema: { tags: ['reference'], summary: '系统信息' } }, async () => {
    const counts = await s.regions.designationCounts();
    const years = await s.screening.yearsWithData();
    const thresholds = await s.thresholds.forCounties((await new RegionRepository(s.ctx.db).listDesignations()).map((d) => d.countyCode), s.ctx.config.defaultYear);
    return {
      defaultYear: s.ctx.config.defaultYear,
      years: years.length ? years : [s.ctx.config.defaultYear],
      keyCounties: {
        nationalLoaded: counts.national,
        nationalOfficial: NATIONAL_KEY_COUNTY_TOTAL,
        provincialLoaded: counts.provincial,
        source: '《关于公布国家乡村振兴重点帮扶县名单的通知》(2021-08-27)转载页;省级名单见四川省2021-08-10通知;逐县来源见 data/key-counties-160.csv',
      },
      demoData: await s.seed.isSeeded(),
      thresholdPlaceholders: thresholds.some((t) => t.status === 'placeholder'),
    };
  });
  r.get('/api/v1/rules', { schema: { tags: ['reference'], summary: '筛查规则' } }, async (): Promise<RuleDto[]> =>
    SCREENING_RULES.map((x) => ({ id: x.id, name: x.name, version: x.version, source: x.source, riskTypes: x.riskTypes, description: x.description })),
  );
  r.get('/api/v1/thresholds', { schema: { tags: ['reference'], summary: '监测范围', querystring: yearQuery } }, async (req) => {
    const counties = (await new RegionRepository(s.ctx.db).listDesignations()).map((d) => d.countyCode);
    return s.thresholds.forCounties([...new Set(counties)], req.query.year ?? s.ctx.config.defaultYear);
  });
  r.get('/api/v1/map/boundaries', { schema: { tags: ['reference'], summary: '县级边界(部署单位提供)' } }, async (_req, reply) => {
    const file = s.ctx.config.boundaryFile;
    if (!file) throw boundaryFileNotConfigured();
    let text: string;
    try {
      text = await readFile(file, 'utf8');
      JSON.parse(text);
    } catch (e) {
      throw badFile(`边界文件 ${file} 无法读取或不是 GeoJSON:${(e as Error).message}`);
    }
    return reply.type('application/json').send(text);
  });
}
