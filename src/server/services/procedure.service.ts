/**
 * Use cases of the procedure engine and the notice module, for every work area:
 * - records of any procedure of data/procedures/ (open about a subject in a region, do the action of the
 *   step awaited, read with its events and notice, list), each write one transaction that updates the
 *   record under its version (a concurrent second write gets 409 conflict), appends an event and an audit
 *   row;
 * - notices (公示) of any subject: posted for a record awaiting a notice step or on their own (fund
 *   allocation, post payment, asset income), with the period rule of data/notice-rules.json on the
 *   working-day calendar, objections and their outcome, the print page with the village-notice redaction;
 * - the worklist and overdue list of every procedure, monitoring cases included.
 *
 * Refusals, each with the reason in Chinese: unknown procedure (404), a monitoring procedure (its records
 * are cases: /api/v1/cases), a region outside the scope or unknown (404 / 400), a second open record of the
 * same subject (409 conflict), a step out of order or an action the step does not have (409 step_refused),
 * a user of a level or role the step does not name (403 wrong_level), a date in the future or before the
 * previous step or a missing reason (400 validation_error naming the field), a notice shorter than its rule (400), closing a notice before its
 * last day has passed or with an objection still open (409 step_refused).
 */
import { WORKFLOW_STEP_ZH, type WorkItemDto, type WorkflowStep } from '../../shared/workflow';
import {
  actInput, closeNoticeInput, noticeObjectionInput, openRecordInput, postNoticeInput, postRecordNoticeInput, resolveNoticeObjectionInput,
  type NoticeDto, type ProcedureDto, type ProcedureRecordDto, type ProcedureWorkItemDto,
} from '../../shared/procedure';
import type { ProcedureDefinition } from '../domain/procedure/definition';
import { decide, dueOf, isEnd, mayAct, resolveProcedure, stateTitle, stepOf, type ResolvedProcedure, type ResolvedStep } from '../domain/procedure/engine';
import { MONITORING_PROCEDURE } from '../domain/procedure/monitoring';
import { noticePeriod, redactColumns, renderNoticePage, type NoticeColumn, type NoticeRule } from '../domain/notice/notice';
import { addCalendarDays, calendarDaysBetween } from '../domain/workflow/calendar';
import { AuditRepository } from '../repositories/audit.repository';
import { ProcedureRepository, type NoticeRow, type ProcedureRecordRow } from '../repositories/procedure.repository';
import { RegionRepository } from '../repositories/region.repository';
import { inScope, narrow } from '../repositories/scope';
import { conflict, notFound, stepRefused, validationError, wrongLevel } from '../errors';
import type { Actor } from './actor';
import { parseOr, refuseDate } from './case.service';
import { nowIso, today, type ServiceContext } from './context';
import { readNoticeRules, readProcedures } from './procedure-files';
import { readCalendar } from './workflow-files';
import type { Db } from '../db/connect';

const json = (v: unknown) => JSON.stringify(v);
const parseObject = (s: string): Record<string, unknown> => {
  try {
    const v = JSON.parse(s) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};
/** `row` when it exists and still has `version`. @throws not_found, the `changed` conflict */
function versioned<T extends { id: number; version: number }>(row: T | undefined, what: string, version: number, changed: (id: number, current: number) => Error): T {
  if (!row) throw notFound(what);
  if (row.version !== version) throw changed(row.id, row.version);
  return row;
}
const LEVEL_ZH: Record<string, string> = { national: '全国', province: '省', prefecture: '市', county: '县', township: '乡镇', village: '村' };
const MONITORING = new Set(Object.values(MONITORING_PROCEDURE));

export class ProcedureService {
  constructor(private readonly ctx: ServiceContext) {}

  // ---------------------------------------------------------------- definitions

  /** Every procedure (monitoring ones included), as in force nationally. */
  procedures(): ProcedureDto[] {
    return [...readProcedures().values()].map((d) => this.definitionDto(d));
  }

  /** One procedure. @throws not_found */
  procedure(name: string): ProcedureDto {
    return this.definitionDto(this.definition(name));
  }

  // ---------------------------------------------------------------- records

  /**
   * Opens a record of procedure `name` about a subject, in a region inside the actor's scope, awaiting the
   * first step; the actor must be one who may do the first step. Its due date counts from `startedOn`.
   * @throws not_found (procedure, region), validation_error, conflict (an open record of the subject), wrong_level
   */
  async open(actor: Actor, name: string, raw: unknown): Promise<ProcedureRecordDto> {
    const def = this.definition(name);
    if (MONITORING.has(name)) throw validationError([{ field: 'procedure', message: '防返贫监测案件请通过“监测帮扶”发起(/api/v1/cases)' }]);
    const input = parseOr(openRecordInput, raw);
    if (json(input.data).length > 20_000) throw validationError([{ field: 'data', message: '附带数据不得超过 20000 个字符' }]);
    if (!inScope(actor.scope, input.regionCode) || !(await new RegionRepository(this.ctx.db).get(input.regionCode))) throw notFound(`区划 ${input.regionCode}(或不在您的管辖范围内)`);
    this.checkDate('startedOn', input.startedOn, null);
    const proc = resolveProcedure(def, input.regionCode.slice(0, 2));
    const first = proc.steps[0]!;
    this.checkActor(actor, first);
    const id = await this.ctx.db.transaction().execute(async (trx) => {
      const repo = new ProcedureRepository(trx);
      const open = await repo.openOf(actor.scope, name, def.subjectKind, input.subjectId);
      if (open) throw conflict(`该对象已有在办的“${def.title}”记录(编号 ${open.id})`, { recordId: open.id });
      const now = nowIso(this.ctx.clock);
      const recordId = await repo.insert(actor.scope, {
        procedure: name, procedureVersion: def.version, subjectKind: def.subjectKind, subjectId: input.subjectId, title: input.title, provinceCode: input.regionCode.slice(0, 2),
        regionCode: input.regionCode, state: first.id, currentStep: first.id, startedOn: input.startedOn, stepBaseDate: input.startedOn,
        stepDue: dueOf(first.limit, readCalendar(), input.startedOn, input.startedOn)?.date ?? null, closedOn: null, data: json(input.data),
        createdBy: actor.username, createdAt: now, updatedAt: now, version: 1,
      });
      await this.event(trx, actor, recordId, input.startedOn, null, 'opened', null, first.id, null, { subjectId: input.subjectId, title: input.title });
      await this.audit(trx, actor, 'procedure_open', 'procedure_record', recordId, input.regionCode, { procedure: name, subjectKind: def.subjectKind, subjectId: input.subjectId });
      return recordId;
    });
    return this.get(actor, id);
  }

  /**
   * Does action `action` of step `step` on a record: the step must be the one awaited, the actor one the
   * step names, the date not in the future nor before the previous step, a reason given when the action
   * needs one. On a notice step, a forward action needs the notice posted, its last day passed and no
   * objection open (the notice is then closed); a `back` action needs an upheld objection (the notice is
   * then withdrawn).
   * @throws not_found, conflict (stale version), wrong_level, validation_error, step_refused
   */
  async act(actor: Actor, id: number, raw: unknown): Promise<ProcedureRecordDto> {
    const input = parseOr(actInput, raw);
    const r = await this.load(actor, id, input.version);
    const proc = this.resolved(r);
    const step = proc.steps.find((s) => s.id === input.step);
    if (step && r.currentStep === step.id) this.checkActor(actor, step);
    this.checkDate('performedOn', input.performedOn, r.stepBaseDate);
    const d = decide(proc, r.state, input.step, input.action, input.reason);
    if (!d.ok) {
      // a missing reason is bad input naming the field; anything else is a refusal of the procedure
      const wanted = step?.actions.find((x) => x.id === input.action);
      if (wanted?.reasonRequired && r.currentStep === step?.id && !input.reason?.trim()) throw validationError([{ field: 'reason', message: d.reason }]);
      throw stepRefused(d.reason, { state: r.state, step: input.step, action: input.action });
    }
    const repo = new ProcedureRepository(this.ctx.db);
    let notice: NoticeRow | undefined;
    let noticePatch: Partial<NoticeRow> | null = null;
    if (step!.notice) {
      notice = await repo.noticeOfRecord(actor.scope, r.id);
      const posted = notice?.status === 'posted' ? notice : undefined;
      const objections = posted ? await repo.objections(actor.scope, posted.id) : [];
      if (d.action.back) {
        if (!objections.some((o) => o.outcome === 'upheld')) throw stepRefused(`“${d.action.title}”须有成立的异议`);
        noticePatch = { status: 'withdrawn', closedOn: input.performedOn };
      } else {
        if (!posted) throw stepRefused('公示尚未张贴');
        const closable = noticePeriod(this.rule(posted.rule), readCalendar(), posted.postedOn, posted.days);
        if ('refused' in closable) throw stepRefused(closable.refused);
        if (input.performedOn < closable.closableFrom) throw stepRefused(`公示期至 ${posted.endsOn},${closable.closableFrom} 起方可结束`);
        if (objections.some((o) => o.outcome === null)) throw stepRefused('公示有未处理的异议,须先处理');
        if (objections.some((o) => o.outcome === 'upheld')) throw stepRefused('公示有成立的异议,应退回重新办理');
        noticePatch = { status: 'closed', closedOn: input.performedOn };
      }
    }
    const next = d.next;
    const nextStep = d.ended ? null : stepOf(proc, next);
    const patch = {
      state: next, currentStep: nextStep?.id ?? null, stepBaseDate: input.performedOn,
      stepDue: nextStep ? (dueOf(nextStep.limit, readCalendar(), r.startedOn, input.performedOn)?.date ?? null) : null,
      closedOn: d.ended ? input.performedOn : null, updatedAt: nowIso(this.ctx.clock),
    };
    await this.ctx.db.transaction().execute(async (trx) => {
      const tx = new ProcedureRepository(trx);
      if (!(await tx.update(actor.scope, r.id, r.version, patch))) throw this.changed(r.id);
      if (notice && noticePatch && !(await tx.updateNotice(actor.scope, notice.id, notice.version, noticePatch))) throw conflict(`公示 ${notice.id} 已被他人修改,请刷新后重试`);
      await this.event(trx, actor, r.id, input.performedOn, input.step, input.action, r.state, next, input.reason, { note: input.note, actionTitle: d.action.title });
      await this.audit(trx, actor, 'procedure_act', 'procedure_record', r.id, r.regionCode, { procedure: r.procedure, step: input.step, action: input.action, from: r.state, to: next });
    });
    return this.get(actor, id);
  }

  /** One record with its events and latest notice. @throws not_found */
  async get(actor: Actor, id: number): Promise<ProcedureRecordDto> {
    const repo = new ProcedureRepository(this.ctx.db);
    const r = await repo.get(actor.scope, id);
    if (!r) throw notFound('该记录');
    const [events, notice] = await Promise.all([repo.events(actor.scope, id), repo.noticeOfRecord(actor.scope, id)]);
    const proc = this.resolved(r);
    return {
      ...this.recordDto(r),
      notice: notice ? await this.noticeDto(actor, notice) : null,
      events: events.map((e) => ({
        id: e.id, at: e.at, onDate: e.onDate, actor: e.actor, actorLevel: e.actorLevel, step: e.step, action: e.action, fromState: e.fromState, toState: e.toState,
        toStateTitle: stateTitle(proc, e.toState), reason: e.reason, details: parseObject(e.details),
      })),
    };
  }

  /** Records of a procedure (or of every procedure when `name` is null) inside the scope, narrowed by `region`. */
  async list(actor: Actor, name: string | null, q: { region?: string; subjectKind?: string; subjectId?: string; open?: 'true' | 'false'; limit: number }): Promise<Omit<ProcedureRecordDto, 'notice' | 'events'>[]> {
    if (name) this.definition(name);
    const scope = narrow(actor.scope, q.region);
    if (!scope) return [];
    const open = q.open === undefined ? undefined : q.open === 'true';
    const rows = await new ProcedureRepository(this.ctx.db).list(scope, { procedure: name ?? undefined, subjectKind: q.subjectKind, subjectId: q.subjectId, open }, q.limit);
    return rows.map((r) => this.recordDto(r));
  }

  // ---------------------------------------------------------------- notices

  /**
   * Posts the notice of a record awaiting a notice step: the step's rule gives the minimum period; the
   * record's version is bumped so that two posts cannot both succeed. Columns naming ID, phone, bank or
   * health data are dropped (their titles come back in `content.dropped`).
   * @throws step_refused (not at a notice step, a notice already posted), validation_error, wrong_level, conflict
   */
  async postRecordNotice(actor: Actor, id: number, raw: unknown): Promise<ProcedureRecordDto> {
    const input = parseOr(postRecordNoticeInput, raw);
    const r = await this.load(actor, id, input.version);
    const proc = this.resolved(r);
    const step = r.currentStep ? (proc.steps.find((x) => x.id === r.currentStep) ?? null) : null;
    if (!step?.notice) throw stepRefused(`当前环节“${stateTitle(proc, r.state)}”不是公示环节`);
    this.checkActor(actor, step);
    this.checkDate('postedOn', input.postedOn, r.stepBaseDate);
    const repo = new ProcedureRepository(this.ctx.db);
    const prior = await repo.noticeOfRecord(actor.scope, r.id);
    if (prior?.status === 'posted') throw stepRefused(`公示已于 ${prior.postedOn} 张贴`);
    const rule = this.rule(step.notice);
    const row = this.noticeRow(actor, rule, input, { subjectKind: r.subjectKind, subjectId: r.subjectId, recordId: r.id, regionCode: r.regionCode });
    await this.ctx.db.transaction().execute(async (trx) => {
      const tx = new ProcedureRepository(trx);
      if (!(await tx.update(actor.scope, r.id, r.version, { updatedAt: nowIso(this.ctx.clock) }))) throw this.changed(r.id);
      const noticeId = await tx.insertNotice(actor.scope, row);
      await this.event(trx, actor, r.id, input.postedOn, step.id, 'noticePosted', r.state, r.state, null, { noticeId, days: input.days, endsOn: row.endsOn });
      await this.audit(trx, actor, 'notice_post', 'notice', noticeId, r.regionCode, { recordId: r.id, rule: rule.id, days: input.days });
    });
    return this.get(actor, id);
  }

  /**
   * Posts a notice of a subject without a procedure record (fund allocation, post payment, asset income …):
   * the rule is the one of data/notice-rules.json that names the subject kind.
   * @throws validation_error (unknown subject kind, too few days, date in the future), not_found (region)
   */
  async postNotice(actor: Actor, raw: unknown): Promise<NoticeDto> {
    const input = parseOr(postNoticeInput, raw);
    const rules = readNoticeRules();
    const rule = rules.find((x) => x.subjectKinds.includes(input.subjectKind));
    if (!rule) throw validationError([{ field: 'subjectKind', message: `公示对象“${input.subjectKind}”没有公示规则(可选:${rules.flatMap((x) => x.subjectKinds).join('、')})` }]);
    if (!inScope(actor.scope, input.regionCode) || !(await new RegionRepository(this.ctx.db).get(input.regionCode))) throw notFound(`区划 ${input.regionCode}(或不在您的管辖范围内)`);
    this.checkDate('postedOn', input.postedOn, null);
    const row = this.noticeRow(actor, rule, input, { subjectKind: input.subjectKind, subjectId: input.subjectId, recordId: null, regionCode: input.regionCode });
    const id = await this.ctx.db.transaction().execute(async (trx) => {
      const noticeId = await new ProcedureRepository(trx).insertNotice(actor.scope, row);
      await this.audit(trx, actor, 'notice_post', 'notice', noticeId, input.regionCode, { subjectKind: input.subjectKind, subjectId: input.subjectId, rule: rule.id, days: input.days });
      return noticeId;
    });
    return this.notice(actor, id);
  }

  /** One notice with its objections. @throws not_found */
  async notice(actor: Actor, id: number): Promise<NoticeDto> {
    const n = await new ProcedureRepository(this.ctx.db).notice(actor.scope, id);
    if (!n) throw notFound('该公示');
    return this.noticeDto(actor, n);
  }

  /**
   * Notices inside the scope (narrowed by `region`), newest first: those of this module and the monitoring
   * cases' village notices (subject kind `monitoringCase`, `caseId` set; read-only here, titles without names).
   */
  async notices(actor: Actor, q: { region?: string; status?: string; subjectKind?: string; limit: number }): Promise<NoticeDto[]> {
    const scope = narrow(actor.scope, q.region);
    if (!scope) return [];
    const repo = new ProcedureRepository(this.ctx.db);
    const rows = q.subjectKind === 'monitoringCase' ? [] : await repo.notices(scope, q, q.limit);
    const own = await Promise.all(rows.map((n) => this.noticeDto(actor, n)));
    if (q.subjectKind && q.subjectKind !== 'monitoringCase') return own;
    const rule = this.rule('monitoring');
    const cases: NoticeDto[] = (await repo.caseNotices(scope, q.status, q.limit)).map((n) => ({
      id: n.id, subjectKind: 'monitoringCase', subjectId: String(n.caseId), recordId: null, caseId: n.caseId,
      rule: { id: rule.id, title: rule.title, minDays: rule.minDays, unit: rule.unit, source: rule.source, projectChoice: rule.projectChoice },
      title: `${rule.title}(案件 #${n.caseId})`, regionCode: n.villageCode, postedOn: n.postedOn, days: n.days, endsOn: n.endsOn,
      closableFrom: addCalendarDays(n.endsOn, 1), status: n.status as NoticeDto['status'], closedOn: n.closedOn,
      content: { intro: '', columns: [], rows: [], issuer: '', objectionsTo: '', dropped: [] },
      objections: n.objections.map((o) => ({ id: o.id, receivedOn: o.receivedOn, summary: o.summary, outcome: o.resolution as 'upheld' | 'dismissed' | null, resolvedOn: o.resolvedOn, note: o.note, recordedBy: o.recordedBy })),
      version: 1, postedBy: n.postedBy,
    }));
    return [...own, ...cases].sort((a, b) => b.postedOn.localeCompare(a.postedOn) || b.id - a.id).slice(0, q.limit);
  }

  /** Records an objection to a posted notice, received during its period. @throws not_found, step_refused, validation_error, conflict */
  async addObjection(actor: Actor, noticeId: number, raw: unknown): Promise<NoticeDto> {
    const input = parseOr(noticeObjectionInput, raw);
    const n = await this.loadNotice(actor, noticeId, input.version);
    if (n.status !== 'posted') throw stepRefused('公示已结束,不能再登记异议');
    this.checkDate('receivedOn', input.receivedOn, n.postedOn);
    if (input.receivedOn > n.endsOn) throw validationError([{ field: 'receivedOn', message: `异议日期 ${input.receivedOn} 在公示期(${n.postedOn} 至 ${n.endsOn})之外` }]);
    const rec = n.recordId ? await new ProcedureRepository(this.ctx.db).get(actor.scope, n.recordId) : undefined;
    await this.ctx.db.transaction().execute(async (trx) => {
      const tx = new ProcedureRepository(trx);
      if (!(await tx.updateNotice(actor.scope, n.id, n.version, {}))) throw this.noticeChanged(n.id);
      const oid = await tx.insertObjection(actor.scope, { noticeId: n.id, receivedOn: input.receivedOn, summary: input.summary, outcome: null, resolvedOn: null, note: null, recordedBy: actor.username });
      if (rec) await this.event(trx, actor, rec.id, input.receivedOn, rec.currentStep, 'objectionReceived', rec.state, rec.state, null, { noticeId: n.id, objectionId: oid, summary: input.summary });
      await this.audit(trx, actor, 'notice_objection', 'notice', n.id, n.regionCode, { objectionId: oid });
    });
    return this.notice(actor, noticeId);
  }

  /**
   * Records the outcome of an objection (upheld or dismissed, with a note). An upheld objection on a notice
   * without a record withdraws the notice (to be corrected and posted again); on a record's notice the step's
   * `back` action follows. @throws not_found, step_refused (already resolved), validation_error, conflict
   */
  async resolveObjection(actor: Actor, noticeId: number, objectionId: number, raw: unknown): Promise<NoticeDto> {
    const input = parseOr(resolveNoticeObjectionInput, raw);
    const n = await this.loadNotice(actor, noticeId, input.version);
    const o = (await new ProcedureRepository(this.ctx.db).objections(actor.scope, n.id)).find((x) => x.id === objectionId);
    if (!o) throw notFound('该异议');
    if (o.outcome !== null) throw stepRefused('该异议已处理');
    this.checkDate('resolvedOn', input.resolvedOn, o.receivedOn);
    const rec = n.recordId ? await new ProcedureRepository(this.ctx.db).get(actor.scope, n.recordId) : undefined;
    await this.ctx.db.transaction().execute(async (trx) => {
      const tx = new ProcedureRepository(trx);
      const withdraw = input.upheld && n.recordId === null && n.status === 'posted';
      if (!(await tx.updateNotice(actor.scope, n.id, n.version, withdraw ? { status: 'withdrawn', closedOn: input.resolvedOn } : {}))) throw this.noticeChanged(n.id);
      if (!(await tx.resolveObjection(actor.scope, n.id, o.id, { outcome: input.upheld ? 'upheld' : 'dismissed', resolvedOn: input.resolvedOn, note: input.note }))) throw stepRefused('该异议已处理');
      if (rec) await this.event(trx, actor, rec.id, input.resolvedOn, rec.currentStep, input.upheld ? 'objectionUpheld' : 'objectionDismissed', rec.state, rec.state, input.note, { noticeId: n.id, objectionId: o.id });
      await this.audit(trx, actor, 'notice_objection_resolve', 'notice', n.id, n.regionCode, { objectionId: o.id, upheld: input.upheld });
    });
    return this.notice(actor, noticeId);
  }

  /** Closes a notice without a record once its last day has passed and no objection is open. @throws step_refused, validation_error, conflict */
  async closeNotice(actor: Actor, noticeId: number, raw: unknown): Promise<NoticeDto> {
    const input = parseOr(closeNoticeInput, raw);
    const n = await this.loadNotice(actor, noticeId, input.version);
    if (n.recordId) throw stepRefused(`该公示属于程序记录 ${n.recordId},请在记录中办理公示环节`);
    if (n.status !== 'posted') throw stepRefused('公示已结束');
    this.checkDate('closedOn', input.closedOn, n.postedOn);
    const p = noticePeriod(this.rule(n.rule), readCalendar(), n.postedOn, n.days);
    if (!('refused' in p) && input.closedOn < p.closableFrom) throw stepRefused(`公示期至 ${n.endsOn},${p.closableFrom} 起方可结束`);
    if ((await new ProcedureRepository(this.ctx.db).objections(actor.scope, n.id)).some((o) => o.outcome === null)) throw stepRefused('公示有未处理的异议,须先处理');
    await this.ctx.db.transaction().execute(async (trx) => {
      if (!(await new ProcedureRepository(trx).updateNotice(actor.scope, n.id, n.version, { status: 'closed', closedOn: input.closedOn }))) throw this.noticeChanged(n.id);
      await this.audit(trx, actor, 'notice_close', 'notice', n.id, n.regionCode, { closedOn: input.closedOn });
    });
    return this.notice(actor, noticeId);
  }

  /** The print page of a notice (A4; redacted: no ID, phone, bank or health data). @throws not_found */
  async noticeHtml(actor: Actor, noticeId: number): Promise<string> {
    const n = await this.notice(actor, noticeId);
    return renderNoticePage({
      title: n.title, intro: n.content.intro, columns: n.content.columns, rows: n.content.rows, postedOn: n.postedOn, endsOn: n.endsOn, days: n.days, unit: n.rule.unit,
      issuer: n.content.issuer, objectionsTo: n.content.objectionsTo, source: n.rule.source,
    });
  }

  // ---------------------------------------------------------------- worklist

  /**
   * The worklist of every procedure: open records inside the scope (narrowed by `region`) awaiting a step
   * the actor may do (every step for the national operator), with the monitoring cases' items (`caseItems`,
   * from CaseService.worklist, already masked), earliest due first (records without a due date last).
   * `overdueOnly`: every overdue item whatever the level.
   */
  async worklist(actor: Actor, q: { region?: string; limit: number; overdueOnly?: boolean }, caseItems: readonly WorkItemDto[]): Promise<ProcedureWorkItemDto[]> {
    const scope = narrow(actor.scope, q.region);
    if (!scope) return [];
    const asOf = today(this.ctx.clock);
    const isAdmin = actor.level === 'national' && actor.roles.includes('admin');
    const province = actor.regionCode?.slice(0, 2) ?? '00';
    const awaiting = isAdmin || q.overdueOnly ? null : [...readProcedures().values()].filter((d) => !MONITORING.has(d.name)).flatMap((d) =>
      resolveProcedure(d, province).steps.filter((s) => mayAct(s, actor.level, actor.roles, false)).map((s) => `${d.name}:${s.id}`),
    );
    const rows = await new ProcedureRepository(this.ctx.db).list(scope, { open: true, awaiting, dueBefore: q.overdueOnly ? asOf : undefined }, q.limit);
    const items: ProcedureWorkItemDto[] = rows.map((r) => {
      const proc = this.resolved(r);
      const step = proc.steps.find((x) => x.id === r.currentStep);
      return this.workItem({
        procedure: r.procedure, procedureTitle: proc.title, recordId: r.id, subjectKind: r.subjectKind, subjectId: r.subjectId, title: r.title, regionCode: r.regionCode,
        step: r.currentStep, stepTitle: step?.title ?? `${r.currentStep}(现行第 ${proc.version} 版已无此环节)`, levels: step?.levels ?? [], due: r.stepDue, link: `/procedures/records/${r.id}`,
      }, asOf);
    });
    const defs = readProcedures();
    for (const c of caseItems) {
      const name = MONITORING_PROCEDURE[c.kind];
      items.push({
        ...this.workItem({
          procedure: name, procedureTitle: defs.get(name)!.title, recordId: c.caseId, subjectKind: 'household', subjectId: String(c.householdId), title: `${c.headName}(${c.householdNo})`,
          regionCode: c.villageCode, step: c.step, stepTitle: c.step ? WORKFLOW_STEP_ZH[c.step as WorkflowStep] : '落实首项帮扶措施', levels: c.levels, due: c.due, link: `/workflow/cases/${c.caseId}`,
        }, asOf),
        why: c.why,
      });
    }
    return items.sort((a, b) => (a.due ?? '9999').localeCompare(b.due ?? '9999') || a.procedure.localeCompare(b.procedure) || a.recordId - b.recordId).slice(0, q.limit);
  }

  // ---------------------------------------------------------------- helpers

  private definition(name: string): ProcedureDefinition {
    const d = readProcedures().get(name);
    if (!d) throw notFound(`程序“${name}”`);
    return d;
  }

  /** The procedure of a record, in its province. */
  private resolved(r: ProcedureRecordRow): ResolvedProcedure {
    return resolveProcedure(this.definition(r.procedure), r.provinceCode);
  }

  private rule(id: string): NoticeRule {
    const r = readNoticeRules().find((x) => x.id === id);
    if (!r) throw notFound(`公示规则“${id}”`);
    return r;
  }

  private workItem(b: Omit<ProcedureWorkItemDto, 'overdue' | 'daysOverdue' | 'why'>, asOf: string): ProcedureWorkItemDto {
    const overdue = !!b.due && b.due < asOf;
    const daysOverdue = overdue ? calendarDaysBetween(b.due!, asOf) : 0;
    const why = !b.due ? `${b.stepTitle}(无规定时限)` : overdue ? `${b.stepTitle}已逾期 ${daysOverdue} 天(应于 ${b.due} 前完成)` : `${b.stepTitle}应于 ${b.due} 前完成`;
    return { ...b, overdue, daysOverdue, why };
  }

  /** Refuses an actor whose level or role the step does not name. */
  private checkActor(actor: Actor, step: ResolvedStep): void {
    if (mayAct(step, actor.level, actor.roles, actor.roles.includes('admin'))) return;
    const who = `${step.levels.map((l) => LEVEL_ZH[l] ?? l).join('或')}级${step.roles.length ? `(${step.roles.join('、')})` : ''}`;
    throw wrongLevel(`“${step.title}”应由${who}办理,您是${LEVEL_ZH[actor.level] ?? actor.level}级用户(${step.source})`, { levels: step.levels, roles: step.roles, actorLevel: actor.level });
  }

  /** Refuses a date in the future or before `notBefore`. */
  private checkDate(field: string, date: string, notBefore: string | null): void {
    refuseDate(today(this.ctx.clock), field, date, notBefore);
  }

  /** A record read under the scope, refused when missing (404) or changed since the caller read `version` (409). */
  private async load(actor: Actor, id: number, version: number): Promise<ProcedureRecordRow> {
    return versioned(await new ProcedureRepository(this.ctx.db).get(actor.scope, id), '该记录', version, (i, c) => this.changed(i, c));
  }

  /** A notice read under the scope, refused when missing (404) or changed since the caller read `version` (409). */
  private async loadNotice(actor: Actor, id: number, version: number): Promise<NoticeRow> {
    return versioned(await new ProcedureRepository(this.ctx.db).notice(actor.scope, id), '该公示', version, (i, c) => this.noticeChanged(i, c));
  }

  private changed(id: number, current?: number) {
    return conflict(`记录 ${id} 已被他人修改,请刷新后重试`, { recordId: id, currentVersion: current });
  }

  private noticeChanged(id: number, current?: number) {
    return conflict(`公示 ${id} 已被他人修改,请刷新后重试`, { noticeId: id, currentVersion: current });
  }

  /** The row of a new notice: period by the rule (refused below its minimum), content redacted. */
  private noticeRow(actor: Actor, rule: NoticeRule, input: { title: string; intro: string; columns: NoticeColumn[]; rows: Record<string, string | number | null>[]; issuer: string; objectionsTo: string; postedOn: string; days: number }, at: { subjectKind: string; subjectId: string; recordId: number | null; regionCode: string }) {
    const p = noticePeriod(rule, readCalendar(), input.postedOn, input.days);
    if ('refused' in p) throw validationError([{ field: 'days', message: p.refused }]);
    const { kept, dropped } = redactColumns(input.columns);
    const rows = input.rows.map((r) => Object.fromEntries(kept.map((c) => [c.key, r[c.key] ?? null])));
    return {
      ...at, rule: rule.id, title: input.title, postedOn: p.postedOn, days: p.days, unit: rule.unit, endsOn: p.endsOn, status: 'posted', closedOn: null,
      content: json({ intro: input.intro, columns: kept, rows, issuer: input.issuer, objectionsTo: input.objectionsTo, dropped }), postedBy: actor.username, createdAt: nowIso(this.ctx.clock), version: 1,
    };
  }

  private async noticeDto(actor: Actor, n: NoticeRow): Promise<NoticeDto> {
    const rule = this.rule(n.rule);
    const objections = await new ProcedureRepository(this.ctx.db).objections(actor.scope, n.id);
    const c = parseObject(n.content) as NoticeDto['content'];
    const p = noticePeriod({ ...rule, minDays: null }, readCalendar(), n.postedOn, n.days);
    return {
      id: n.id, subjectKind: n.subjectKind, subjectId: n.subjectId, recordId: n.recordId, caseId: null,
      rule: { id: rule.id, title: rule.title, minDays: rule.minDays, unit: rule.unit, source: rule.source, projectChoice: rule.projectChoice },
      title: n.title, regionCode: n.regionCode, postedOn: n.postedOn, days: n.days, endsOn: n.endsOn, closableFrom: 'refused' in p ? n.endsOn : p.closableFrom,
      status: n.status as NoticeDto['status'], closedOn: n.closedOn,
      content: { intro: c.intro ?? '', columns: c.columns ?? [], rows: c.rows ?? [], issuer: c.issuer ?? '', objectionsTo: c.objectionsTo ?? '', dropped: c.dropped ?? [] },
      objections: objections.map((o) => ({ id: o.id, receivedOn: o.receivedOn, summary: o.summary, outcome: o.outcome as 'upheld' | 'dismissed' | null, resolvedOn: o.resolvedOn, note: o.note, recordedBy: o.recordedBy })),
      version: n.version, postedBy: n.postedBy,
    };
  }

  private recordDto(r: ProcedureRecordRow): Omit<ProcedureRecordDto, 'notice' | 'events'> {
    const proc = this.resolved(r);
    // a step removed by a later version of the file: the record shows its state, with nothing to do
    const step = r.currentStep ? (proc.steps.find((x) => x.id === r.currentStep) ?? null) : null;
    return {
      id: r.id, procedure: r.procedure, procedureVersion: r.procedureVersion, procedureTitle: proc.title, subjectKind: r.subjectKind, subjectId: r.subjectId, title: r.title,
      provinceCode: r.provinceCode, regionCode: r.regionCode, state: r.state, stateTitle: stateTitle(proc, r.state),
      outcome: isEnd(proc, r.state) ? proc.ends.find((e) => e.id === r.state)!.outcome : null, currentStep: r.currentStep,
      awaiting: step ? { id: step.id, title: step.title, levels: step.levels, roles: step.roles, source: step.source, notice: step.notice, actions: step.actions.map((a) => ({ id: a.id, title: a.title, reasonRequired: a.reasonRequired })) } : null,
      startedOn: r.startedOn, stepDue: r.stepDue, overdue: !!r.stepDue && r.stepDue < today(this.ctx.clock), closedOn: r.closedOn, data: parseObject(r.data),
      version: r.version, createdBy: r.createdBy, createdAt: r.createdAt,
    };
  }

  private definitionDto(d: ProcedureDefinition): ProcedureDto {
    const rules = readNoticeRules();
    return {
      name: d.name, version: d.version, title: d.title, subjectKind: d.subjectKind, source: d.source, projectChoices: d.projectChoices,
      steps: d.steps.map((s) => {
        const rule = s.notice ? rules.find((x) => x.id === s.notice)! : null;
        return {
          id: s.id, title: s.title, levels: s.levels, roles: s.roles, limit: s.limit, source: s.source, actions: s.actions,
          notice: rule ? { rule: rule.id, title: rule.title, minDays: rule.minDays, unit: rule.unit, source: rule.source, projectChoice: rule.projectChoice } : null,
        };
      }),
      ends: d.ends,
      provinces: Object.entries(d.provinces).map(([code, o]) => ({ code, source: o.source, steps: Object.keys(o.steps) })),
    };
  }

  private async event(trx: Db, actor: Actor, recordId: number, onDate: string, step: string | null, action: string, fromState: string | null, toState: string, reason: string | null, details: Record<string, unknown>): Promise<void> {
    await new ProcedureRepository(trx).appendEvent(actor.scope, { recordId, at: nowIso(this.ctx.clock), onDate, actor: actor.username, actorLevel: actor.level, step, action, fromState, toState, reason, details: json(details) });
  }

  private async audit(trx: Db, actor: Actor, action: string, targetType: string, targetId: number, regionCode: string, details: Record<string, unknown>): Promise<void> {
    await new AuditRepository(trx).append({ at: nowIso(this.ctx.clock), actor: actor.username, action, targetType, targetId: String(targetId), regionCode, outcome: 'ok', details: json(details) });
  }
}
