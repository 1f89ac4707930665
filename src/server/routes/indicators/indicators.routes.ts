/**
 * Indicator and reporting routes (issue 10 items 3–4), thin over IndicatorService and ReportingService.
 * - GET  /api/v1/indicators/catalogue → sets with indicators (formula in words, unit, period, levels, direction, source, version) and measures
 * - GET  /api/v1/indicators/values?set=&period=&region= → live values of the key counties of the region and the regions above them (nothing written)
 * - POST /api/v1/indicators/snapshots {set, period, region?} → the snapshot taken (indicator.approve)
 * - GET  /api/v1/indicators/snapshots?set=&period= → snapshots, newest first
 * - GET  /api/v1/indicators/snapshots/:id?region= → the stored values inside the caller's region
 * - PUT  /api/v1/indicators/reported {set, period, county, indicatorId, value} → 204 (indicator.report; 409 step_refused once submitted or locked)
 * - GET  /api/v1/reporting/chain → states and transitions (data/indicators/reporting.json)
 * - GET  /api/v1/reporting/periods; POST /api/v1/reporting/periods {set, period} (national, indicator.approve)
 * - GET  /api/v1/reporting/periods/:id → every county's report and, per level, who has not submitted
 * - POST /api/v1/reporting/periods/:id/actions {action, counties, reason?, version?} → the reports moved
 *   (403 wrong_level for a level the chain does not allow; 409 step_refused for a step the state refuses)
 * - GET  /api/v1/reporting/periods/:id/counties/:county/events → the county's steps
 */
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { FastifyInstance } from 'fastify';
import {
  indicatorValuesQuery, openPeriodBody, periodCountyParams, periodParams, reportActionBody, reportedValueBody, snapshotBody, snapshotListQuery, snapshotParams, snapshotValuesQuery,
} from '../../../shared/indicators';
import type { Services } from '../../container';
import { actorOf, requirePermission, scopeOf } from '../scope-of';

export function indicatorRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['indicators'];
  r.get('/api/v1/indicators/catalogue', { schema: { tags, summary: '指标目录(定义与出处)' } }, async () => s.indicators.catalogue());
  r.get('/api/v1/indicators/values', { schema: { tags, summary: '指标实时值(不写入)', querystring: indicatorValuesQuery } }, async (req) => {
    const q = req.query;
    return s.indicators.named(q.set, await s.indicators.compute(scopeOf(req), q.set, q.period, q.region ?? null));
  });
  r.post('/api/v1/indicators/snapshots', { schema: { tags, summary: '取指标快照', body: snapshotBody } }, async (req) =>
    s.indicators.takeSnapshot(requirePermission(req, 'indicator.approve', '没有取指标快照的权限'), { setId: req.body.set, period: req.body.period, regionCode: req.body.region ?? null }),
  );
  r.get('/api/v1/indicators/snapshots', { schema: { tags, summary: '指标快照列表', querystring: snapshotListQuery } }, async (req) => s.indicators.snapshots(scopeOf(req), req.query.set, req.query.period));
  r.get('/api/v1/indicators/snapshots/:id', { schema: { tags, summary: '指标快照的值', params: snapshotParams, querystring: snapshotValuesQuery } }, async (req) =>
    s.indicators.snapshotValues(scopeOf(req), req.params.id, req.query.region ? [req.query.region] : undefined),
  );
  r.put('/api/v1/indicators/reported', { schema: { tags, summary: '填报指标值', body: reportedValueBody } }, async (req, reply) => {
    const b = req.body;
    await s.reporting.reportValue(actorOf(req), { setId: b.set, period: b.period, countyCode: b.county, indicatorId: b.indicatorId, value: b.value });
    return reply.status(204).send();
  });

  const rt = ['reporting'];
  r.get('/api/v1/reporting/chain', { schema: { tags: rt, summary: '分级报送流程(数据)' } }, async () => s.reporting.chain());
  r.get('/api/v1/reporting/periods', { schema: { tags: rt, summary: '报告期列表' } }, async () => s.reporting.periods());
  r.post('/api/v1/reporting/periods', { schema: { tags: rt, summary: '开启报告期', body: openPeriodBody } }, async (req) =>
    s.reporting.openPeriod(actorOf(req), { setId: req.body.set, period: req.body.period }),
  );
  r.get('/api/v1/reporting/periods/:id', { schema: { tags: rt, summary: '报送状态(分级,未报送名单)', params: periodParams } }, async (req) => s.reporting.status(actorOf(req), req.params.id));
  r.post('/api/v1/reporting/periods/:id/actions', { schema: { tags: rt, summary: '报送、审核、退回、锁定、解锁', params: periodParams, body: reportActionBody } }, async (req) =>
    s.reporting.act(actorOf(req), req.params.id, req.body),
  );
  r.get('/api/v1/reporting/periods/:id/counties/:county/events', { schema: { tags: rt, summary: '县级报送的流转记录', params: periodCountyParams } }, async (req) =>
    s.reporting.events(actorOf(req), req.params.id, req.params.county),
  );
}
