/**
 * Routes of the procedure engine and the notice module (公示), for every work area. Writes need the
 * procedure.act permission (403 forbidden without it); the service then checks the level and role of the
 * step (403 wrong_level with the reason and the policy source), the order (409 step_refused), the version
 * (409 conflict) and the dates and notice period (400 validation_error naming the field). Reads answer inside
 * the user's region scope; a region outside it answers an empty list, an unknown region code 400. The print
 * page of a notice needs personal.view (it shows names). Dates ISO.
 * - GET  /api/v1/procedures → ProcedureDto[] (every procedure, monitoring included)
 * - GET  /api/v1/procedures/:name → ProcedureDto
 * - GET  /api/v1/procedures/:name/records?region=&subjectKind=&subjectId=&open=&limit= → records (without events)
 * - POST /api/v1/procedures/:name/records → 201 ProcedureRecordDto (OpenRecordInput)
 * - GET  /api/v1/procedure-records?region=&open=&limit= → records of every procedure
 * - GET  /api/v1/procedure-records/:id → ProcedureRecordDto (events, notice)
 * - POST /api/v1/procedure-records/:id/act → ProcedureRecordDto ({ version, step, action, performedOn, reason?, note? })
 * - POST /api/v1/procedure-records/:id/notice → ProcedureRecordDto (post the notice of a notice step)
 * - GET  /api/v1/procedure-worklist?region=&limit= → ProcedureWorkItemDto[] (every procedure, monitoring cases included)
 * - GET  /api/v1/procedure-overdue?region=&limit= → ProcedureWorkItemDto[] (every overdue item)
 * - GET  /api/v1/notices?region=&status=&subjectKind=&limit= → NoticeDto[]
 * - POST /api/v1/notices → 201 NoticeDto (a notice without a record: fund allocation, post payment, asset income …)
 * - GET  /api/v1/notices/:id → NoticeDto
 * - GET  /api/v1/notices/:id/print.html → text/html, A4 print page (redacted)
 * - POST /api/v1/notices/:id/objections → NoticeDto ({ version, receivedOn, summary })
 * - POST /api/v1/notices/:id/objections/:oid/resolve → NoticeDto ({ version, resolvedOn, upheld, note })
 * - POST /api/v1/notices/:id/close → NoticeDto ({ version, closedOn }; notices without a record)
 * - GET  /api/v1/notice-rules → the period rules of data/notice-rules.json
 */
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { qint } from '../../../shared/strict';
import { noticeListQuery, procedureParams, recordListQuery, recordParams } from '../../../shared/procedure';
import { worklistQuery } from '../../../shared/workflow';
import type { Services } from '../../container';
import { maskWorkItems } from '../../presenters/workflow.presenter';
import { RegionRepository } from '../../repositories/region.repository';
import { unknownRegion } from '../../errors';
import { readNoticeRules } from '../../services/procedure-files';
import { actorOf, requirePermission } from '../scope-of';

const anyBody = z.record(z.string(), z.unknown());

export function procedureRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['procedures'];
  const worker = (req: FastifyRequest) => requirePermission(req, 'procedure.act', '没有办理审批程序和公示的权限');
  /** The user, after refusing a region code that is not in the loaded tree. */
  const reader = async (req: FastifyRequest, region: string | undefined) => {
    if (region && !(await new RegionRepository(s.ctx.db).get(region))) throw unknownRegion(region);
    return actorOf(req);
  };
  const worklist = async (req: FastifyRequest, q: { region?: string; limit: number }, overdueOnly: boolean) => {
    const actor = await reader(req, q.region);
    const cases = maskWorkItems(actor, await s.cases.worklist(actor, { region: q.region, limit: q.limit, overdueOnly }));
    return s.procedures.worklist(actor, { region: q.region, limit: q.limit, overdueOnly }, cases);
  };

  r.get('/api/v1/procedures', { schema: { tags, summary: '全部审批程序(环节、办理层级、时限、公示、依据)' } }, async () => s.procedures.procedures());
  r.get('/api/v1/procedures/:name', { schema: { tags, summary: '审批程序', params: procedureParams } }, async (req) => s.procedures.procedure(req.params.name));
  r.get('/api/v1/procedures/:name/records', { schema: { tags, summary: '程序的记录', params: procedureParams, querystring: recordListQuery } }, async (req) =>
    s.procedures.list(await reader(req, req.query.region), req.params.name, req.query),
  );
  r.post('/api/v1/procedures/:name/records', { schema: { tags, summary: '发起程序记录', params: procedureParams, body: anyBody } }, async (req, reply) =>
    reply.code(201).send(await s.procedures.open(worker(req), req.params.name, req.body)),
  );
  r.get('/api/v1/procedure-records', { schema: { tags, summary: '全部程序的记录', querystring: recordListQuery } }, async (req) => s.procedures.list(await reader(req, req.query.region), null, req.query));
  r.get('/api/v1/procedure-records/:id', { schema: { tags, summary: '程序记录详情', params: recordParams } }, async (req) => s.procedures.get(actorOf(req), req.params.id));
  r.post('/api/v1/procedure-records/:id/act', { schema: { tags, summary: '办理当前环节', params: recordParams, body: anyBody } }, async (req) => s.procedures.act(worker(req), req.params.id, req.body));
  r.post('/api/v1/procedure-records/:id/notice', { schema: { tags, summary: '张贴公示(公示环节)', params: recordParams, body: anyBody } }, async (req) => s.procedures.postRecordNotice(worker(req), req.params.id, req.body));
  r.get('/api/v1/procedure-worklist', { schema: { tags, summary: '全部程序的待办', querystring: worklistQuery } }, async (req) => worklist(req, req.query, false));
  r.get('/api/v1/procedure-overdue', { schema: { tags, summary: '全部程序的逾期事项', querystring: worklistQuery } }, async (req) => worklist(req, req.query, true));

  r.get('/api/v1/notice-rules', { schema: { tags, summary: '公示期限规则' } }, async () => readNoticeRules());
  r.get('/api/v1/notices', { schema: { tags, summary: '公示列表', querystring: noticeListQuery } }, async (req) => s.procedures.notices(await reader(req, req.query.region), req.query));
  r.post('/api/v1/notices', { schema: { tags, summary: '张贴公示(无程序记录的对象)', body: anyBody } }, async (req, reply) => reply.code(201).send(await s.procedures.postNotice(worker(req), req.body)));
  r.get('/api/v1/notices/:id', { schema: { tags, summary: '公示详情', params: recordParams } }, async (req) => s.procedures.notice(actorOf(req), req.params.id));
  r.get('/api/v1/notices/:id/print.html', { schema: { tags, summary: '公示打印页(A4,已脱敏)', params: recordParams } }, async (req, reply) => {
    const actor = requirePermission(req, 'personal.view', '没有查看公示名单的权限');
    return reply.type('text/html; charset=utf-8').send(await s.procedures.noticeHtml(actor, req.params.id));
  });
  r.post('/api/v1/notices/:id/objections', { schema: { tags, summary: '登记异议', params: recordParams, body: anyBody } }, async (req) => s.procedures.addObjection(worker(req), req.params.id, req.body));
  r.post('/api/v1/notices/:id/objections/:oid/resolve', { schema: { tags, summary: '处理异议', params: recordParams.extend({ oid: qint(z.number().int().positive()) }), body: anyBody } }, async (req) =>
    s.procedures.resolveObjection(worker(req), req.params.id, req.params.oid, req.body),
  );
  r.post('/api/v1/notices/:id/close', { schema: { tags, summary: '公示期满结束', params: recordParams, body: anyBody } }, async (req) => s.procedures.closeNotice(worker(req), req.params.id, req.body));
}
