/**
 * The procedure engine and the notice module through the API, on both dialects:
 * - a 项目库 record (data/procedures/project-library.json) from 村级申报 to 已入库: wrong level, out of order,
 *   missing reason, stale version, a notice shorter than 10 days, a notice closed before its last day or
 *   with an objection open, an objection dismissed, the print page redacted, the events in order;
 * - the worklist and overdue list of every procedure, with a monitoring case next to the records;
 * - notices without a record (资金分配 ≥ 10 days; 公益性岗位补贴 with no minimum found), an upheld objection
 *   that withdraws the notice, an unknown subject kind; permissions and scope.
 *
 * Clock: TEST_NOW = 2026-03-15 (Sunday). Region: 从江县 522633, 丙妹镇 522633100, 岜沙村 522633100207.
 * Periods by hand: 10 calendar days posted 02-06 run 02-06 … 02-15, closable from 02-16; posted 03-02 they
 * run to 03-11; 3 days posted 03-02 run to 03-04. The monitoring case's clue of 03-10 makes 入户核实 due
 * 03-12 (2 calendar days, data/workflow-rules.json), 3 days overdue on 03-15.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect, newTestApp, newTestServices, testAuthHeaders } from '../../../../test/harness';
import { head, household, income, VILLAGES } from '../../../../test/fixtures/registry';
import type { Services } from '../../container';
import { NATIONAL_SCOPE } from '../../repositories/scope';
import type { NoticeDto, ProcedureRecordDto, ProcedureWorkItemDto } from '../../../shared/procedure';

const TOWNSHIP = VILLAGES.basha.slice(0, 9);
const COUNTY = VILLAGES.basha.slice(0, 6);

forEachDialect('procedure and notice routes', (dialect) => {
  let services: Services;
  let app: FastifyInstance;
  let drop: () => Promise<void>;
  let householdId = 0;
  const h: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    ({ services, drop } = await newTestServices(dialect));
    await services.regions.ensureReferenceData();
    const report = await services.registry.registerHouseholds(NATIONAL_SCOPE, [household('PR-A', VILLAGES.basha, [head({ name: '吴测试' })], [income(2025, 2_000_000)])]);
    householdId = report.ids.get('PR-A')!;
    app = await newTestApp(services);
    h.village = await testAuthHeaders(app, services, { regionCode: VILLAGES.basha, roles: ['villageCadre'] });
    h.township = await testAuthHeaders(app, services, { regionCode: TOWNSHIP, roles: ['townshipReviewer'] });
    h.county = await testAuthHeaders(app, services, { regionCode: COUNTY, roles: ['countyApprover'] });
    h.readOnly = await testAuthHeaders(app, services, { regionCode: COUNTY, roles: ['readOnly'] });
    h.otherVillage = await testAuthHeaders(app, services, { regionCode: VILLAGES.darong, roles: ['villageCadre'] });
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  async function call(who: string, method: 'GET' | 'POST', url: string, body?: unknown) {
    const res = await app.inject({ method, url, payload: body as object | undefined, headers: h[who] });
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(500);
    return res;
  }
  async function ok<T>(who: string, method: 'GET' | 'POST', url: string, body?: unknown): Promise<T> {
    const res = await call(who, method, url, body);
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json() as T;
  }
  async function refused(who: string, url: string, body: unknown, status: number, code: string): Promise<string> {
    const res = await call(who, 'POST', url, body);
    expect(res.statusCode, res.body).toBe(status);
    const e = res.json() as { error: { code: string; message: string } };
    expect(e.error.code).toBe(code);
    return e.error.message;
  }
  const act = (who: string, r: ProcedureRecordDto, step: string, action: string, performedOn: string, reason: string | null = null) =>
    ok<ProcedureRecordDto>(who, 'POST', `/api/v1/procedure-records/${r.id}/act`, { version: r.version, step, action, performedOn, reason });

  describe('项目库 record from 申报 to 入库', () => {
    let rec: ProcedureRecordDto;

    it('opens at the village and refuses the wrong level, out of order, no reason and a stale version', async () => {
      rec = await ok<ProcedureRecordDto>('village', 'POST', '/api/v1/procedures/project-library/records', { subjectId: 'P-001', title: '岜沙村产业路硬化', regionCode: VILLAGES.basha, startedOn: '2026-02-02' });
      expect(rec).toMatchObject({ procedure: 'project-library', subjectKind: 'project', state: 'declaration', stateTitle: '村级申报', stepDue: null, version: 1, provinceCode: '52' });
      expect(await refused('village', '/api/v1/procedures/project-library/records', { subjectId: 'P-001', title: 'x', regionCode: VILLAGES.basha, startedOn: '2026-02-02' }, 409, 'conflict')).toContain(`编号 ${rec.id}`);
      const wrong = await refused('township', `/api/v1/procedure-records/${rec.id}/act`, { version: 1, step: 'declaration', action: 'submit', performedOn: '2026-02-03' }, 403, 'wrong_level');
      expect(wrong).toContain('“村级申报”应由村级办理,您是乡镇级用户');
      rec = await act('village', rec, 'declaration', 'submit', '2026-02-03');
      expect(rec.state).toBe('townshipReview');
      expect(await refused('county', `/api/v1/procedure-records/${rec.id}/act`, { version: rec.version, step: 'countyApproval', action: 'approve', performedOn: '2026-02-04' }, 409, 'step_refused')).toBe('当前应办理“乡镇审核”,不能办理“县级审定入库”');
      const noReason = await call('township', 'POST', `/api/v1/procedure-records/${rec.id}/act`, { version: rec.version, step: 'townshipReview', action: 'return', performedOn: '2026-02-04' });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json().error.details.issues).toEqual([{ field: 'reason', message: '“退回补正”须说明理由' }]);
      expect(await refused('township', `/api/v1/procedure-records/${rec.id}/act`, { version: rec.version, step: 'townshipReview', action: 'approve', performedOn: '2026-02-02' }, 400, 'validation_error')).toBeTruthy();
      rec = await act('township', rec, 'townshipReview', 'return', '2026-02-04', '缺联农带农机制');
      expect(rec.state).toBe('declaration');
      expect(await refused('village', `/api/v1/procedure-records/${rec.id}/act`, { version: rec.version - 1, step: 'declaration', action: 'submit', performedOn: '2026-02-04' }, 409, 'conflict')).toContain('已被他人修改');
      rec = await act('village', rec, 'declaration', 'submit', '2026-02-04');
      rec = await act('township', rec, 'townshipReview', 'approve', '2026-02-04');
      rec = await act('county', rec, 'countyAssessment', 'pass', '2026-02-05');
      expect(rec.awaiting).toMatchObject({ id: 'publicNotice', notice: 'project', levels: ['county'] });
    });

    it('posts the notice for at least 10 days, drops ID and phone columns, and closes only after its last day with objections resolved', async () => {
      const body = {
        version: rec.version, postedOn: '2026-02-06', title: '从江县2026年项目库入库项目公示', intro: '经村级申报、乡镇审核、县级论证,现将拟入库项目公示如下:',
        columns: [{ key: 'name', title: '项目名称' }, { key: 'idNumber', title: '负责人身份证号' }, { key: 'contact', title: '联系电话' }, { key: 'amountYuan', title: '投资(万元)' }, { key: 'note', title: '备注' }],
        rows: [{ name: '岜沙村产业路硬化', idNumber: '522633199001011234', contact: '13800001111', amountYuan: 120, note: '负责人 522633199001011234' }],
        issuer: '从江县乡村振兴局', objectionsTo: '县乡村振兴局(监督电话12317)',
      };
      expect(await refused('county', `/api/v1/procedure-records/${rec.id}/notice`, { ...body, days: 9 }, 400, 'validation_error')).toBeTruthy();
      rec = await ok<ProcedureRecordDto>('county', 'POST', `/api/v1/procedure-records/${rec.id}/notice`, { ...body, days: 10 });
      const n = rec.notice!;
      expect(n).toMatchObject({ postedOn: '2026-02-06', days: 10, endsOn: '2026-02-15', closableFrom: '2026-02-16', status: 'posted', rule: { id: 'project', minDays: 10 } });
      expect(n.content.columns.map((c) => c.key)).toEqual(['name', 'amountYuan', 'note']);
      expect(n.content.dropped).toEqual(['负责人身份证号', '联系电话']);
      expect(JSON.stringify(n.content.rows)).not.toContain('13800001111');

      const html = (await call('county', 'GET', `/api/v1/notices/${n.id}/print.html`)).body;
      expect(html).toContain('@page { size: A4 portrait');
      expect(html).toContain('岜沙村产业路硬化');
      expect(html).toContain('12317');
      expect(html).not.toContain('522633199001011234');
      expect(html).not.toContain('13800001111');
      expect(html).toContain('负责人 ***');

      expect(await refused('county', `/api/v1/procedure-records/${rec.id}/act`, { version: rec.version, step: 'publicNotice', action: 'close', performedOn: '2026-02-15' }, 409, 'step_refused')).toBe('公示期至 2026-02-15,2026-02-16 起方可结束');
      let notice = await ok<NoticeDto>('village', 'POST', `/api/v1/notices/${n.id}/objections`, { version: n.version, receivedOn: '2026-02-10', summary: '村民反映线路经过耕地' });
      expect(notice.objections).toHaveLength(1);
      expect(await refused('county', `/api/v1/procedure-records/${rec.id}/act`, { version: rec.version, step: 'publicNotice', action: 'close', performedOn: '2026-02-16' }, 409, 'step_refused')).toBe('公示有未处理的异议,须先处理');
      expect(await refused('county', `/api/v1/procedure-records/${rec.id}/act`, { version: rec.version, step: 'publicNotice', action: 'objectionUpheld', performedOn: '2026-02-16', reason: 'x' }, 409, 'step_refused')).toBe('“异议成立,重新论证”须有成立的异议');
      notice = await ok<NoticeDto>('county', 'POST', `/api/v1/notices/${n.id}/objections/${notice.objections[0]!.id}/resolve`, { version: notice.version, resolvedOn: '2026-02-12', upheld: false, note: '线路已避开基本农田' });
      expect(notice.objections[0]).toMatchObject({ outcome: 'dismissed', resolvedOn: '2026-02-12' });
      rec = await ok<ProcedureRecordDto>('county', 'GET', `/api/v1/procedure-records/${rec.id}`);
      rec = await act('county', rec, 'publicNotice', 'close', '2026-02-16');
      expect(rec.state).toBe('countyApproval');
      expect(rec.notice).toMatchObject({ status: 'closed', closedOn: '2026-02-16' });
      rec = await act('county', rec, 'countyApproval', 'approve', '2026-02-20');
      expect(rec).toMatchObject({ state: 'stored', stateTitle: '已入库', outcome: 'positive', currentStep: null, closedOn: '2026-02-20', awaiting: null });
      expect(rec.events.map((e) => e.action)).toEqual(['opened', 'submit', 'return', 'submit', 'approve', 'pass', 'noticePosted', 'objectionReceived', 'objectionDismissed', 'close', 'approve']);
      expect(rec.events.at(-1)).toMatchObject({ fromState: 'countyApproval', toState: 'stored', toStateTitle: '已入库', onDate: '2026-02-20', actorLevel: 'county' });
      expect(await refused('county', `/api/v1/procedure-records/${rec.id}/act`, { version: rec.version, step: 'countyApproval', action: 'approve', performedOn: '2026-02-21' }, 409, 'step_refused')).toBe('已办结(已入库),不能再办理环节');
    });

    it('keeps the record inside its scope and the writes behind procedure.act', async () => {
      expect((await call('otherVillage', 'GET', `/api/v1/procedure-records/${rec.id}`)).statusCode).toBe(404);
      expect(await ok<unknown[]>('otherVillage', 'GET', '/api/v1/procedures/project-library/records')).toEqual([]);
      expect((await ok<ProcedureRecordDto[]>('readOnly', 'GET', '/api/v1/procedures/project-library/records')).map((r) => r.id)).toEqual([rec.id]);
      expect((await ok<ProcedureRecordDto[]>('readOnly', 'GET', '/api/v1/procedure-records?open=false')).map((r) => r.id)).toEqual([rec.id]);
      expect(await ok<ProcedureRecordDto[]>('readOnly', 'GET', '/api/v1/procedure-records?open=true')).toEqual([]);
      await refused('readOnly', '/api/v1/procedures/asset-disposal/records', { subjectId: 'A-1', title: 'x', regionCode: VILLAGES.basha, startedOn: '2026-03-01' }, 403, 'forbidden');
      await refused('otherVillage', '/api/v1/procedures/asset-disposal/records', { subjectId: 'A-1', title: 'x', regionCode: VILLAGES.basha, startedOn: '2026-03-01' }, 404, 'not_found');
      expect(await refused('village', '/api/v1/procedures/monitoring-identification/records', { subjectId: '1', title: 'x', regionCode: VILLAGES.basha, startedOn: '2026-03-01' }, 400, 'validation_error')).toBeTruthy();
      expect((await call('village', 'POST', '/api/v1/procedures/no-such/records', {})).statusCode).toBe(404);
    });
  });

  it('worklist and overdue list cover every procedure, monitoring cases included', async () => {
    const yulu = await ok<ProcedureRecordDto>('township', 'POST', '/api/v1/procedures/yulu-subsidy/records', { subjectId: 'S-7', title: '学生 石同学 中职一年级 秋季', regionCode: TOWNSHIP, startedOn: '2026-03-09' });
    const c = await ok<{ id: number; stepDue: string }>('village', 'POST', '/api/v1/cases', { householdId, kind: 'identification', origin: 'grassrootsScreening', clueDate: '2026-03-10', note: '' });
    expect(c.stepDue).toBe('2026-03-12');
    const village = await ok<ProcedureWorkItemDto[]>('village', 'GET', '/api/v1/procedure-worklist');
    expect(village.map((w) => [w.procedure, w.recordId])).toEqual([['monitoring-identification', c.id]]);
    expect(village[0]).toMatchObject({ step: 'verificationVisit', stepTitle: '入户核实', due: '2026-03-12', overdue: true, daysOverdue: 3, link: `/workflow/cases/${c.id}` });
    const township = await ok<ProcedureWorkItemDto[]>('township', 'GET', '/api/v1/procedure-worklist');
    // 入户核实 may be done by the village or the township (data/workflow-rules.json); due dates first, none last
    expect(township.map((w) => [w.procedure, w.step, w.due])).toEqual([['monitoring-identification', 'verificationVisit', '2026-03-12'], ['yulu-subsidy', 'survey', null]]);
    expect(township[1]).toMatchObject({ recordId: yulu.id, why: '摸底登记(无规定时限)', link: `/procedures/records/${yulu.id}` });
    const overdue = await ok<ProcedureWorkItemDto[]>('county', 'GET', '/api/v1/procedure-overdue');
    expect(overdue.map((w) => [w.procedure, w.recordId, w.daysOverdue])).toEqual([['monitoring-identification', c.id, 3]]);

    // the case's village notice is listed with every other notice (5 days from 03-13 run to 03-17)
    type Case = { id: number; version: number };
    let k = await ok<Case>('village', 'POST', `/api/v1/cases/${c.id}/steps/verificationVisit`, { version: (c as unknown as Case).version, performedOn: '2026-03-11', consentSigned: true, riskFound: true });
    k = await ok<Case>('township', 'POST', `/api/v1/cases/${c.id}/steps/informationComparison`, { version: k.version, performedOn: '2026-03-12' });
    k = await ok<Case>('village', 'POST', `/api/v1/cases/${c.id}/steps/villageReview`, { version: k.version, performedOn: '2026-03-13', agreed: true });
    await ok<Case>('village', 'POST', `/api/v1/cases/${c.id}/notice`, { version: k.version, postedOn: '2026-03-13', days: 5 });
    const caseNotices = await ok<NoticeDto[]>('readOnly', 'GET', '/api/v1/notices?subjectKind=monitoringCase');
    expect(caseNotices.map((n) => ({ caseId: n.caseId, endsOn: n.endsOn, closableFrom: n.closableFrom, status: n.status, rule: n.rule.id }))).toEqual([{ caseId: c.id, endsOn: '2026-03-17', closableFrom: '2026-03-18', status: 'posted', rule: 'monitoring' }]);
    expect(JSON.stringify(caseNotices)).not.toContain('吴测试');
  });

  it('notices without a record: period rules, an upheld objection withdraws, unknown subject refused', async () => {
    const base = { subjectId: 'F-2026-01', regionCode: COUNTY, postedOn: '2026-03-02', title: '2026年衔接资金分配结果公示', intro: '', columns: [{ key: 'item', title: '项目' }, { key: 'fen', title: '金额(元)' }], rows: [{ item: '产业发展', fen: '1200000.00' }], issuer: '从江县财政局', objectionsTo: '县财政局' };
    const msg = await refused('county', '/api/v1/notices', { ...base, subjectKind: 'fundAllocation', days: 5 }, 400, 'validation_error');
    expect(msg).toBeTruthy();
    const fund = await ok<NoticeDto>('county', 'POST', '/api/v1/notices', { ...base, subjectKind: 'fundAllocation', days: 10 });
    expect(fund).toMatchObject({ endsOn: '2026-03-11', closableFrom: '2026-03-12', recordId: null, rule: { id: 'funds', minDays: 10, unit: 'calendar' } });
    const pay = await ok<NoticeDto>('county', 'POST', '/api/v1/notices', { ...base, subjectKind: 'postPayment', subjectId: '2026-02', days: 3, title: '2026年2月公益性岗位补贴发放公示' });
    expect(pay).toMatchObject({ endsOn: '2026-03-04', rule: { id: 'postPayment', minDays: null } });
    expect(await refused('county', `/api/v1/notices/${fund.id}/close`, { version: fund.version, closedOn: '2026-03-11' }, 409, 'step_refused')).toBe('公示期至 2026-03-11,2026-03-12 起方可结束');
    let f = await ok<NoticeDto>('county', 'POST', `/api/v1/notices/${fund.id}/close`, { version: fund.version, closedOn: '2026-03-12' });
    expect(f).toMatchObject({ status: 'closed', closedOn: '2026-03-12' });
    f = await ok<NoticeDto>('county', 'POST', `/api/v1/notices/${pay.id}/objections`, { version: pay.version, receivedOn: '2026-03-03', summary: '出勤天数有误' });
    expect(await refused('county', `/api/v1/notices/${pay.id}/objections`, { version: f.version, receivedOn: '2026-03-05', summary: '期外' }, 400, 'validation_error')).toBeTruthy();
    f = await ok<NoticeDto>('county', 'POST', `/api/v1/notices/${pay.id}/objections/${f.objections[0]!.id}/resolve`, { version: f.version, resolvedOn: '2026-03-05', upheld: true, note: '更正出勤天数后重新公示' });
    expect(f).toMatchObject({ status: 'withdrawn', objections: [{ outcome: 'upheld' }] });
    expect(await refused('county', '/api/v1/notices', { ...base, subjectKind: 'nonsense', days: 10 }, 400, 'validation_error')).toBeTruthy();
    const list = await ok<NoticeDto[]>('readOnly', 'GET', '/api/v1/notices?status=withdrawn');
    expect(list.map((n) => n.id)).toEqual([pay.id]);
    expect(await ok<unknown[]>('otherVillage', 'GET', '/api/v1/notices')).toEqual([]);
  });
});
