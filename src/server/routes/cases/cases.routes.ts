/**
 * Workflow routes (防止返贫动态监测和帮扶). Every transition is checked on the server: a step out of order or
 * refused by the state → 409 step_refused, a user of the wrong level → 403 wrong_level, a stale `version`
 * → 409 conflict, a future date or a notice shorter than allowed → 400 validation_error naming the field,
 * an attachment too big → 413, of a forbidden type → 415. Dates ISO, money fen.
 * Every request acts as the signed-in user (session, plugins/auth.ts). Writes check a permission first
 * (domain/permissions.ts: case.open, case.process, case.rollback, measure.write → 403 forbidden without
 * it), then the service checks the level of the step (403 wrong_level with the reason). Reads answer inside
 * the user's region scope; without personal.view names are masked and free text about the household is
 * withheld (presenters/workflow.presenter.ts); the notice page and attachments need personal.view.
 * - POST /api/v1/cases → 201 CaseDto (body OpenCaseInput: householdId, kind, origin, sourceRef, clueDate, note)
 * - POST /api/v1/cases/from-screening → 201 CaseDto (body { householdId, year, clueDate? }: household flagged by screening)
 * - GET  /api/v1/cases/:id → CaseDto (steps, notice, attachments, events, assessment)
 * - POST /api/v1/cases/:id/steps/:step → CaseDto (body of the step, see StepInput; `version` required)
 * - POST /api/v1/cases/:id/notice → CaseDto (post: { version, postedOn, days })
 * - GET  /api/v1/cases/:id/notice.html → text/html, the village notice to print (names and village only)
 * - POST /api/v1/cases/:id/notice/objections → CaseDto ({ version, receivedOn, summary })
 * - POST /api/v1/cases/:id/notice/objections/:oid/resolve → CaseDto ({ version, resolvedOn, upheld, note })
 * - POST /api/v1/cases/:id/notice/close → CaseDto ({ version, closedOn })
 * - POST /api/v1/cases/:id/rollback → CaseDto ({ version, performedOn, reason })
 * - POST /api/v1/cases/:id/attachments → 201 { id, sizeBytes, sha256 } ({ fileName, mimeType, contentBase64 })
 * - GET  /api/v1/cases/:id/attachments/:aid → the file
 * - GET  /api/v1/households/:id/timeline → { cases, events }
 * - GET  /api/v1/households/:id/measures → HouseholdMeasuresDto; POST → 201 MeasureDto (MeasureInput)
 * - PATCH /api/v1/measures/:id → MeasureDto ({ version, status, endDate? })
 * - GET  /api/v1/households/:id/elimination-assessment?mode= → EliminationAssessmentDto
 * - GET  /api/v1/worklist?region=&limit= → WorkItemDto[] (what the user's level may do, earliest due first)
 * - GET  /api/v1/cases/overdue?region=&limit= → WorkItemDto[] (every overdue open case)
 * - GET  /api/v1/timeliness?region= → TimelinessDto
 * - GET  /api/v1/timeliness/children?region= → TimelinessRowDto[] (each child region with cases or monitored households)
 */
import { z } from 'zod';
import { qint } from '../../../shared/strict';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  attachmentInput, closeNoticeInput, ELIMINATION_MODES, idParams, measureInput, measureUpdateInput, objectionInput, openCaseInput, openFromScreeningInput, postNoticeInput,
  resolveObjectionInput, rollbackInput, timelinessQuery, WORKFLOW_STEPS, worklistQuery,
} from '../../../shared/workflow';
import type { Services } from '../../container';
import { maskCase, maskTimeline, maskWorkItems } from '../../presenters/workflow.presenter';
import { narrow } from '../../repositories/scope';
import { RegionRepository } from '../../repositories/region.repository';
import { unknownRegion } from '../../errors';
import { actorOf, requirePermission } from '../scope-of';

const anyBody = z.record(z.string(), z.unknown());

export function caseRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['workflow'];
  /** The user, if they may record steps of cases (the level of the step is checked by the service). */
  const caseWorker = (req: FastifyRequest) => requirePermission(req, 'case.process', '没有办理监测帮扶环节的权限');
  /** The user, after logging access_denied when `region` lies outside their scope (the answer is then empty). */
  const readerOf = async (req: FastifyRequest, region: string | undefined, targetType: string) => {
    const actor = actorOf(req);
    // a code that is not in the loaded tree is a mistake to tell the user, not an empty region
    if (region && !(await new RegionRepository(s.ctx.db).get(region))) throw unknownRegion(region);
    if (region && !narrow(actor.scope, region)) await s.personalData.recordDenied(actor, { targetType, targetId: region, details: { reason: 'outside_scope' } });
    return actor;
  };
  r.post('/api/v1/cases', { schema: { tags, summary: '由风险线索发起案件', body: openCaseInput } }, async (req, reply) => reply.code(201).send(await s.cases.openCase(requirePermission(req, 'case.open', '没有发起监测案件的权限'), req.body)));
  r.post('/api/v1/cases/from-screening', { schema: { tags, summary: '由本系统筛查预警发起案件', body: openFromScreeningInput } }, async (req, reply) =>
    reply.code(201).send(await s.cases.openFromScreening(requirePermission(req, 'case.open', '没有发起监测案件的权限'), req.body)),
  );
  r.get('/api/v1/cases/overdue', { schema: { tags, summary: '逾期案件', querystring: worklistQuery } }, async (req) =>
  {
    const actor = await readerOf(req, req.query.region, 'overdue_cases');
    return maskWorkItems(actor, await s.cases.worklist(actor, { region: req.query.region, limit: req.query.limit, overdueOnly: true }));
  },
  );
  r.get('/api/v1/cases/:id', { schema: { tags, summary: '案件详情', params: idParams } }, async (req) => {
    const actor = actorOf(req);
    return maskCase(actor, await s.cases.get(actor, req.params.id));
  });
  r.post('/api/v1/cases/:id/steps/:step', { schema: { tags, summary: '办理环节', params: idParams.extend({ step: z.enum(WORKFLOW_STEPS) }), body: anyBody } }, async (req) =>
    s.cases.recordStep(caseWorker(req), req.params.id, { ...req.body, step: req.params.step }),
  );
  r.post('/api/v1/cases/:id/notice', { schema: { tags, summary: '张贴公示', params: idParams, body: postNoticeInput } }, async (req) => s.cases.postNotice(caseWorker(req), req.params.id, req.body));
  r.get('/api/v1/cases/:id/notice.html', { schema: { tags, summary: '公示打印页(仅姓名和村名)', params: idParams } }, async (req, reply) =>
    reply.type('text/html; charset=utf-8').header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'").send(await s.cases.noticeHtml(requirePermission(req, 'personal.view', '公示页含姓名,没有查看个人信息的权限'), req.params.id)),
  );
  r.post('/api/v1/cases/:id/notice/objections', { schema: { tags, summary: '登记公示异议', params: idParams, body: objectionInput } }, async (req) =>
    s.cases.recordObjection(caseWorker(req), req.params.id, req.body),
  );
  r.post('/api/v1/cases/:id/notice/objections/:oid/resolve', { schema: { tags, summary: '处理公示异议', params: idParams.extend({ oid: qint(z.number().int().positive()) }), body: resolveObjectionInput } }, async (req) =>
    s.cases.resolveObjection(caseWorker(req), req.params.id, req.params.oid, req.body),
  );
  r.post('/api/v1/cases/:id/notice/close', { schema: { tags, summary: '结束公示', params: idParams, body: closeNoticeInput } }, async (req) => s.cases.closeNotice(caseWorker(req), req.params.id, req.body));
  r.post('/api/v1/cases/:id/rollback', { schema: { tags, summary: '回退风险消除标注', params: idParams, body: rollbackInput } }, async (req) => s.cases.rollback(requirePermission(req, 'case.rollback', '没有回退风险消除标注的权限'), req.params.id, req.body));
  r.post('/api/v1/cases/:id/attachments', { schema: { tags, summary: '上传附件(照片、扫描件;base64)', params: idParams, body: attachmentInput } }, async (req, reply) =>
    reply.code(201).send(await s.cases.addAttachment(caseWorker(req), req.params.id, req.body)),
  );
  r.get('/api/v1/cases/:id/attachments/:aid', { schema: { tags, summary: '下载附件', params: idParams.extend({ aid: qint(z.number().int().positive()) }) } }, async (req, reply) => {
    const f = await s.cases.readAttachment(requirePermission(req, 'personal.view', '附件含个人信息,没有查看个人信息的权限'), req.params.id, req.params.aid);
    return reply.type(f.mimeType).header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`).send(f.bytes);
  });
  r.get('/api/v1/households/:id/timeline', { schema: { tags, summary: '农户监测帮扶时间线', params: idParams } }, async (req) => {
    const actor = actorOf(req);
    return maskTimeline(actor, await s.cases.timeline(actor, req.params.id));
  });
  r.get('/api/v1/households/:id/measures', { schema: { tags, summary: '帮扶措施与风险覆盖', params: idParams } }, async (req) => s.measures.list(actorOf(req), req.params.id));
  r.post('/api/v1/households/:id/measures', { schema: { tags, summary: '新增帮扶措施', params: idParams, body: measureInput } }, async (req, reply) =>
    reply.code(201).send(await s.measures.add(requirePermission(req, 'measure.write', '没有登记帮扶措施的权限'), req.params.id, req.body)),
  );
  r.patch('/api/v1/measures/:id', { schema: { tags, summary: '更新帮扶措施状态', params: idParams, body: measureUpdateInput } }, async (req) => s.measures.update(requirePermission(req, 'measure.write', '没有登记帮扶措施的权限'), req.params.id, req.body));
  r.get('/api/v1/households/:id/elimination-assessment', { schema: { tags, summary: '风险消除条件评估', params: idParams, querystring: z.object({ mode: z.enum(ELIMINATION_MODES).default('assistance') }) } }, async (req) =>
    s.cases.assessment(actorOf(req), req.params.id, req.query.mode),
  );
  r.get('/api/v1/worklist', { schema: { tags, summary: '待办事项', querystring: worklistQuery } }, async (req) => {
    const actor = await readerOf(req, req.query.region, 'worklist');
    return maskWorkItems(actor, await s.cases.worklist(actor, req.query));
  });
  r.get('/api/v1/timeliness/children', { schema: { tags, summary: '下级区域的时效与动态清零', querystring: timelinessQuery } }, async (req) => s.timeliness.childFigures(actorOf(req), req.query.region));
  r.get('/api/v1/timeliness', { schema: { tags, summary: '时效与动态清零', querystring: timelinessQuery } }, async (req) =>
    s.timeliness.figures(await readerOf(req, req.query.region, 'timeliness'), req.query.region),
  );
}
