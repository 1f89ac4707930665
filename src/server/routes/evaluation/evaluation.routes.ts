/**
 * Evaluation, analysis and 监测评价 export routes (issue 10 items 5–7), thin over the services.
 * - GET  /api/v1/evaluation/templates → round templates (item tree, rules, sources, strata)
 * - GET  /api/v1/evaluation/rounds; POST /api/v1/evaluation/rounds {kind, year, weights?, gradeLines, …} (indicator.approve;
 *   400 validation_error when the weights do not sum to the total or miss an item)
 * - GET  /api/v1/evaluation/rounds/:id → the round (weights marked as entered by the evaluating level)
 * - PUT  /api/v1/evaluation/rounds/:id/entries {county, itemId, value} → 204
 * - POST /api/v1/evaluation/rounds/:id/compute → results by rank
 * - GET  /api/v1/evaluation/rounds/:id/results; /counties/:county (items by points lost); /samples?county=
 * - GET  /api/v1/analysis/what-if?region=&year=&thresholdYuan=&…Percent= → entering/leaving households per township (nothing written)
 * - GET  /api/v1/analysis/triage?county=&year= → clue outcomes per source and township
 * - GET  /api/v1/analysis/reconcile?county=&set=&period= → differences with the levels above and the households behind them
 * - GET  /api/v1/exports/evaluation/:table?format=csv|xlsx&… → the table's file (audited; household tables need personal.export)
 */
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { FastifyInstance } from 'fastify';
import {
  createRoundBody, evaluationExportParams, evaluationExportQuery, reconcileQuery, roundCountyParams, roundEntryBody, roundParams, samplesQuery, triageQuery, whatIfQuery,
} from '../../../shared/indicators';
import type { Services } from '../../container';
import { actorOf, scopeOf } from '../scope-of';

export function evaluationRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['evaluation'];
  r.get('/api/v1/evaluation/templates', { schema: { tags, summary: '评价类型(评价项、规则、出处)' } }, async () => s.evaluation.templates());
  r.get('/api/v1/evaluation/rounds', { schema: { tags, summary: '评价轮次' } }, async (req) => s.evaluation.rounds(scopeOf(req)));
  r.post('/api/v1/evaluation/rounds', { schema: { tags, summary: '组织评价轮次', body: createRoundBody } }, async (req) => {
    const { region, ...b } = req.body;
    return s.evaluation.createRound(actorOf(req), { ...b, regionCode: region ?? null });
  });
  r.get('/api/v1/evaluation/rounds/:id', { schema: { tags, summary: '评价轮次详情', params: roundParams } }, async (req) => s.evaluation.round(scopeOf(req), req.params.id));
  r.put('/api/v1/evaluation/rounds/:id/entries', { schema: { tags, summary: '录入评价项', params: roundParams, body: roundEntryBody } }, async (req, reply) => {
    await s.evaluation.enterItem(actorOf(req), req.params.id, { countyCode: req.body.county, itemId: req.body.itemId, value: req.body.value });
    return reply.status(204).send();
  });
  r.post('/api/v1/evaluation/rounds/:id/compute', { schema: { tags, summary: '计算评价结果', params: roundParams } }, async (req) => s.evaluation.compute(actorOf(req), req.params.id));
  r.get('/api/v1/evaluation/rounds/:id/results', { schema: { tags, summary: '评价结果(排名、等次)', params: roundParams } }, async (req) => s.evaluation.results(scopeOf(req), req.params.id));
  r.get('/api/v1/evaluation/rounds/:id/counties/:county', { schema: { tags, summary: '县级失分明细', params: roundCountyParams } }, async (req) =>
    s.evaluation.countyResult(scopeOf(req), req.params.id, req.params.county),
  );
  r.get('/api/v1/evaluation/rounds/:id/samples', { schema: { tags, summary: '抽样农户', params: roundParams, querystring: samplesQuery } }, async (req) =>
    s.evaluation.samples(scopeOf(req), req.params.id, req.query.county),
  );

  const at = ['analysis'];
  r.get('/api/v1/analysis/what-if', { schema: { tags: at, summary: '监测范围/规则参数模拟(不写入)', querystring: whatIfQuery } }, async (req) => {
    const { region, year, thresholdYuan, ...p } = req.query;
    const params = Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined));
    return s.analysis.whatIf(actorOf(req), { regionCode: region ?? null, year, thresholdYuan, params });
  });
  r.get('/api/v1/analysis/triage', { schema: { tags: at, summary: '线索来源成效', querystring: triageQuery } }, async (req) => s.analysis.triage(actorOf(req), { countyCode: req.query.county, year: req.query.year }));
  r.get('/api/v1/analysis/reconcile', { schema: { tags: at, summary: '跨层级核对', querystring: reconcileQuery } }, async (req) =>
    s.analysis.reconcile(actorOf(req), { countyCode: req.query.county, setId: req.query.set, period: req.query.period }),
  );

  r.get('/api/v1/exports/evaluation/:table', { schema: { tags: ['exports'], summary: '导出监测评价表格', params: evaluationExportParams, querystring: evaluationExportQuery } }, async (req, reply) => {
    const f = await s.evaluationExports.export(actorOf(req), req.params.table, req.query);
    return reply.type(f.contentType).header('content-disposition', `attachment; filename="${f.filename}"`).header('cache-control', 'no-store').send(f.body);
  });
}
