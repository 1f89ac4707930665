/**
 * Use cases of the monitoring workflow (防止返贫动态监测和帮扶, 中农组发〔2021〕7号): opening a case from a
 * risk clue (this system's screening, a department alert, a self-report, a grassroots visit, or directly),
 * recording each step (who, when, findings, attachments), the village notice with its objections, the
 * outcome (enrolled with category and risk types / not enrolled with the reason; eliminated / not),
 * rolling back an elimination mark, and the household timeline. Every write is one transaction that
 * updates the case under its version (a concurrent second edit gets 409 conflict), appends case events
 * and an audit event; household status changes then rebuild the county's screening rollups.
 *
 * Refusals, each with the reason: a step out of order or refused by the state (409 step_refused), a user of
 * the wrong level (403 wrong_level, levels from data/workflow-rules.json), a date in the future or before
 * the previous step, a notice shorter than the rule allows (400 validation_error naming the field), an
 * elimination whose criteria are not met (409 step_refused with every criterion), an attachment too big
 * (413) or of a forbidden type (415).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MonitoredCategory, RiskType } from '../../shared/enums';
import {
  attachmentInput, closeNoticeInput, objectionInput, openCaseInput, openFromScreeningInput, postNoticeInput, resolveObjectionInput, rollbackInput, stepInput,
  WORKFLOW_STEPS, WORKFLOW_STEP_ZH,
  type CaseDto, type CaseEventDto, type CaseKind, type CaseOrigin, type CaseState, type EliminationAssessmentDto, type EliminationMode, type NoticeDto, type WorkflowStep, type WorkItemDto,
} from '../../shared/workflow';
import { AuditRepository } from '../repositories/audit.repository';
import { CaseRepository, HouseholdStatusRepository, type CaseRow, type HouseholdStatusPatch } from '../repositories/case.repository';
import { HouseholdRepository, type HouseholdRow } from '../repositories/household.repository';
import { MeasureRepository } from '../repositories/measure.repository';
import { RegionRepository } from '../repositories/region.repository';
import { ScreeningRepository } from '../repositories/screening.repository';
import { narrow, type Scope } from '../repositories/scope';
import { addCalendarDays, calendarDaysBetween } from '../domain/workflow/calendar';
import { ALLOWED_ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES, sniffType } from '../domain/workflow/attachments';
import { assessElimination } from '../domain/workflow/elimination';
import { inPlace } from '../domain/workflow/measures';
import { renderNotice } from '../domain/workflow/notice';
import { decisionDue, mayPerform, noticeEndsOn, procedureFor, stepDue, type Procedure } from '../domain/workflow/procedure';
import { initialState, isClosed, stepOfState, transition, type CaseAction } from '../domain/workflow/state-machine';
import { attachmentRejected, conflict, notFound, stepRefused, validationError, wrongLevel } from '../errors';
import type { Actor } from './actor';
import { nowIso, today, type ServiceContext } from './context';
import { ScreeningService } from './screening.service';
import { ThresholdService } from './threshold.service';
import { readCalendar, readWorkflowRules } from './workflow-files';
import type { Db } from '../db/connect';
import type { MeasureStatus } from '../../shared/workflow';

type Trx = Db;

/** What a write inside the case transaction produced: household status change to propagate. */
interface WriteResult {
  householdChanged: boolean;
}

const json = (v: unknown) => JSON.stringify(v);
const parseJson = (s: string): Record<string, unknown> => {
  try {
    return JSON.parse(s) as Record<string, unknown>;
  } catch {
    return {};
  }
};

export class CaseService {
  private readonly screening: ScreeningService;
  private readonly thresholds: ThresholdService;

  constructor(private readonly ctx: ServiceContext) {
    this.screening = new ScreeningService(ctx);
    this.thresholds = new ThresholdService(ctx);
  }

  /** The procedure in force in a province (data/workflow-rules.json). */
  procedure(provinceCode: string): Procedure {
    return procedureFor(readWorkflowRules(), provinceCode);
  }

  // ---------------------------------------------------------------- opening

  /**
   * Opens a case for a household inside the actor's scope. Identification: any household without an open
   * case (an eliminated household re-enters through a new case). Elimination: only a monitored household
   * whose risk is not eliminated.
   * @throws validation_error (bad field, clue date in the future), not_found, conflict (an open case exists),
   *   step_refused (elimination of a household that is not monitored)
   */
  async openCase(actor: Actor, raw: unknown): Promise<CaseDto> {
    const input = parseOr(openCaseInput, raw);
    const asOf = today(this.ctx.clock);
    if (input.clueDate > asOf) throw validationError([{ field: 'clueDate', message: `发现日期 ${input.clueDate} 晚于今天 ${asOf}` }]);
    const h = await new HouseholdRepository(this.ctx.db).get(actor.scope, input.householdId);
    if (!h) throw notFound('该农户');
    if (input.kind === 'elimination' && !(h.monitoredCategory && h.riskEliminated === 0)) throw stepRefused('该户不是风险未消除的监测对象,不能发起风险消除');
    const proc = this.procedure(h.provinceCode);
    const cal = readCalendar();
    const state = initialState(input.kind);
    const step = stepOfState(state)!;
    const id = await this.ctx.db.transaction().execute(async (trx) => {
      const cases = new CaseRepository(trx);
      const open = await cases.openOf(actor.scope, h.id);
      if (open) throw conflict(`该户已有在办案件(编号 ${open.id}),请在该案件中办理`, { caseId: open.id });
      const now = nowIso(this.ctx.clock);
      const caseId = await cases.insert(actor.scope, {
        kind: input.kind, householdId: h.id, provinceCode: h.provinceCode, countyCode: h.countyCode, townshipCode: h.townshipCode, villageCode: h.villageCode,
        origin: input.origin, sourceRef: input.sourceRef, note: input.note, state, currentStep: step, clueDate: input.clueDate, stepBaseDate: input.clueDate,
        stepDue: stepDue(proc, cal, step, input.clueDate, input.clueDate).date, decisionDue: decisionDue(proc, cal, input.clueDate, null).date,
        verifiedOn: null, decidedOn: null, firstMeasureOn: null, closedOn: null, category: null, riskTypes: '', reason: null, eliminationMode: null,
        openedBy: actor.username, openedAt: now, updatedAt: now, version: 1,
      });
      await this.event(trx, actor, { caseId, householdId: h.id, countyCode: h.countyCode }, input.clueDate, 'case_opened', null, state, { kind: input.kind, origin: input.origin, sourceRef: input.sourceRef, note: input.note });
      await this.audit(trx, actor, 'case_open', caseId, h.villageCode, { householdId: h.id, kind: input.kind, origin: input.origin, sourceRef: input.sourceRef });
      return caseId;
    });
    return this.get(actor, id);
  }

  /**
   * Opens an identification case from this system's screening: the household must be flagged by at least
   * one rule in `year`; origin `screening`, source reference `screening:<rule ids>:<year>`.
   * @throws not_found, step_refused (not flagged), conflict (an open case exists)
   */
  async openFromScreening(actor: Actor, raw: unknown): Promise<CaseDto> {
    const input = parseOr(openFromScreeningInput, raw);
    const result = await new ScreeningRepository(this.ctx.db).resultOf(actor.scope, input.householdId, input.year);
    if (!result) throw notFound(`该农户 ${input.year} 年的筛查结果`);
    if (!result.flaggedRules) throw stepRefused(`该户在 ${input.year} 年筛查中未被任何规则标记`);
    return this.openCase(actor, {
      householdId: input.householdId, kind: 'identification', origin: 'screening' satisfies CaseOrigin,
      sourceRef: `screening:${result.flaggedRules}:${input.year}`, clueDate: input.clueDate ?? today(this.ctx.clock),
      note: `筛查标记规则 ${result.flaggedRules}`,
    });
  }

  // ---------------------------------------------------------------- steps

  /**
   * Records a step (verification visit, information comparison, elimination assessment, village
   * deliberation, township review, county approval, announcement). The body names the step; the server
   * checks it is the step awaited, the actor's level, the dates and the case version.
   */
  async recordStep(actor: Actor, caseId: number, raw: unknown): Promise<CaseDto> {
    const input = parseOr(stepInput, raw);
    const c = await this.load(actor, caseId, input.version);
    const proc = this.procedure(c.provinceCode);
    const cal = readCalendar();
    this.checkLevel(actor, proc, input.step);
    this.checkDate('performedOn', input.performedOn, c.stepBaseDate);
    const h = (await new HouseholdRepository(this.ctx.db).get(actor.scope, c.householdId))!;
    const patch: Partial<CaseRow> = {};
    let action: CaseAction;
    let outcome = '';
    const findings: Record<string, unknown> = { findings: input.findings };
    let assessment: EliminationAssessmentDto | null = null;
    switch (input.step) {
      case 'verificationVisit':
        action = { type: 'verify', consentSigned: input.consentSigned, riskFound: input.riskFound };
        if (!input.riskFound && !input.reason) throw validationError([{ field: 'reason', message: '未发现风险时须说明理由' }]);
        Object.assign(findings, { consentSigned: input.consentSigned, riskFound: input.riskFound, reason: input.reason });
        outcome = input.riskFound ? '核实存在风险' : `未发现风险:${input.reason}`;
        patch.verifiedOn = input.performedOn;
        if (!input.riskFound) patch.reason = input.reason;
        break;
      case 'informationComparison':
        action = { type: 'compare' };
        Object.assign(findings, { deposits: input.deposits, vehicles: input.vehicles, housing: input.housing, businessRegistration: input.businessRegistration });
        outcome = '信息比对完成';
        break;
      case 'eliminationAssessment': {
        assessment = await this.assess(actor, h, input.mode, input.performedOn);
        if (!assessment.eligible) {
          throw stepRefused(`风险消除条件未满足:${assessment.criteria.filter((x) => !x.met).map((x) => `${x.label}(${x.evidence})`).join(';')}`, { criteria: assessment.criteria });
        }
        action = { type: 'assess', criteriaMet: true };
        Object.assign(findings, { mode: input.mode, criteria: assessment.criteria });
        outcome = `评估满足风险消除条件(${input.mode === 'assistance' ? '帮扶消除' : '自然消除'})`;
        patch.eliminationMode = input.mode;
        break;
      }
      case 'villageReview':
        if (!input.agreed && !input.reason) throw validationError([{ field: 'reason', message: '评议未通过时须说明理由' }]);
        action = { type: 'villageReview', agreed: input.agreed };
        Object.assign(findings, { agreed: input.agreed, reason: input.reason });
        outcome = input.agreed ? '民主评议通过' : `民主评议未通过:${input.reason}`;
        if (!input.agreed) patch.reason = input.reason;
        break;
      case 'townshipReview':
        if (!input.approved && !input.reason) throw validationError([{ field: 'reason', message: '审核不通过时须说明理由' }]);
        action = { type: 'townshipReview', approved: input.approved };
        Object.assign(findings, { approved: input.approved, reason: input.reason });
        outcome = input.approved ? '乡镇审核通过' : `乡镇审核不通过:${input.reason}`;
        if (!input.approved) patch.reason = input.reason;
        break;
      case 'countyApproval':
        if (!input.approved && !input.reason) throw validationError([{ field: 'reason', message: '审定不通过时须说明理由' }]);
        if (input.approved && c.kind === 'identification') {
          const issues = [];
          if (!input.category) issues.push({ field: 'category', message: '纳入监测须确定监测对象类别' });
          if (!input.riskTypes?.length) issues.push({ field: 'riskTypes', message: '纳入监测须确定至少一项风险类型' });
          if (input.category === 'unstableLifted' && h.householdType !== 'liftedOutOfPoverty') issues.push({ field: 'category', message: '脱贫不稳定户只能是脱贫户' });
          if (issues.length) throw validationError(issues);
          patch.category = input.category!;
          patch.riskTypes = [...new Set(input.riskTypes)].join(',');
        }
        action = { type: 'countyApproval', approved: input.approved };
        Object.assign(findings, { approved: input.approved, reason: input.reason, category: input.category ?? null, riskTypes: input.riskTypes ?? [] });
        outcome = input.approved ? '县级审定通过' : `县级审定不通过:${input.reason}`;
        patch.decidedOn = input.performedOn;
        if (!input.approved) patch.reason = input.reason;
        break;
      case 'announcement':
        action = { type: 'announce' };
        outcome = '结果已公告';
        break;
      default: {
        const never: never = input;
        throw new RangeError(`unknown step ${JSON.stringify(never)}`);
      }
    }
    const t = transition(c.kind as CaseKind, c.state as CaseState, action);
    if (!t.ok) throw stepRefused(t.reason, { state: c.state, step: input.step });
    const next = t.next;
    if (isClosed(next) && !patch.decidedOn) patch.decidedOn = c.decidedOn ?? input.performedOn;
    Object.assign(patch, this.advance(proc, c, next, input.performedOn));
    const attachmentIds = await this.checkAttachments(actor, caseId, input.attachmentIds);
    const status = next === 'enrolled' || next === 'eliminated' ? this.statusAfter(c, patch, h, next, input.performedOn) : null;
    const res = await this.ctx.db.transaction().execute(async (trx): Promise<WriteResult> => {
      const cases = new CaseRepository(trx);
      if (!(await cases.update(actor.scope, c.id, c.version, { ...patch, updatedAt: nowIso(this.ctx.clock) }))) throw this.changed(c.id);
      await cases.insertStep(actor.scope, { caseId: c.id, step: input.step, actor: actor.username, actorLevel: actor.level, performedOn: input.performedOn, recordedAt: nowIso(this.ctx.clock), outcome, findings: json(findings), attachmentIds: attachmentIds.join(',') });
      await this.event(trx, actor, c, input.performedOn, 'step_recorded', c.state, next, { step: input.step, outcome });
      if (status) await this.setStatus(trx, actor, c, h, status, input.performedOn, next === 'enrolled' ? 'household_enrolled' : 'household_eliminated');
      await this.audit(trx, actor, 'case_step', c.id, c.villageCode, { step: input.step, from: c.state, to: next, outcome });
      return { householdChanged: !!status };
    });
    if (res.householdChanged) await this.rebuild(actor, c.countyCode);
    return this.get(actor, caseId);
  }

  // ---------------------------------------------------------------- notice

  /**
   * Posts the village notice: `days` at least the rule's minimum (5 calendar days nationally,
   * 中农组发〔2021〕7号); the notice runs from the posting day for `days` days and may be closed the day after.
   * @throws validation_error (days too few, date in the future), step_refused (not awaiting the notice, already posted)
   */
  async postNotice(actor: Actor, caseId: number, raw: unknown): Promise<CaseDto> {
    const input = parseOr(postNoticeInput, raw);
    const c = await this.load(actor, caseId, input.version);
    const proc = this.procedure(c.provinceCode);
    const cal = readCalendar();
    this.checkLevel(actor, proc, 'publicNotice');
    if (c.state !== 'notice') throw stepRefused(`当前应办理“${this.stepLabel(c)}”,不能张贴公示`);
    const cases = new CaseRepository(this.ctx.db);
    const existing = await cases.notice(actor.scope, c.id);
    if (existing && existing.status === 'posted') throw stepRefused(`公示已于 ${existing.postedOn} 张贴,至 ${existing.endsOn} 止`);
    this.checkDate('postedOn', input.postedOn, c.stepBaseDate);
    const min = proc.noticeMinDays;
    if (input.days < min.days) throw validationError([{ field: 'days', message: `公示期不得少于 ${min.days} 天(${min.source})` }]);
    const endsOn = noticeEndsOn(cal, input.postedOn, input.days, min.unit);
    await this.ctx.db.transaction().execute(async (trx) => {
      const repo = new CaseRepository(trx);
      const patch = { stepBaseDate: input.postedOn, stepDue: addCalendarDays(endsOn, 1), decisionDue: decisionDue(proc, cal, c.clueDate, { from: input.postedOn, to: endsOn }).date, updatedAt: nowIso(this.ctx.clock) };
      if (!(await repo.update(actor.scope, c.id, c.version, patch))) throw this.changed(c.id);
      await repo.insertNotice(actor.scope, { caseId: c.id, villageCode: c.villageCode, postedOn: input.postedOn, days: input.days, endsOn, status: 'posted', closedOn: null, postedBy: actor.username });
      await this.event(trx, actor, c, input.postedOn, 'notice_posted', c.state, c.state, { days: input.days, endsOn });
      await this.audit(trx, actor, 'notice_post', c.id, c.villageCode, { postedOn: input.postedOn, days: input.days, endsOn });
    });
    return this.get(actor, caseId);
  }

  /** Records an objection received during the notice period. @throws step_refused outside the period */
  async recordObjection(actor: Actor, caseId: number, raw: unknown): Promise<CaseDto> {
    const input = parseOr(objectionInput, raw);
    const c = await this.load(actor, caseId, input.version);
    const proc = this.procedure(c.provinceCode);
    this.checkLevel(actor, proc, 'publicNotice', 'townshipReview');
    const notice = await this.postedNotice(actor, c);
    this.checkDate('receivedOn', input.receivedOn, notice.postedOn);
    if (input.receivedOn > notice.endsOn) throw stepRefused(`异议收到日期 ${input.receivedOn} 不在公示期(${notice.postedOn} 至 ${notice.endsOn})内`);
    await this.ctx.db.transaction().execute(async (trx) => {
      const repo = new CaseRepository(trx);
      if (!(await repo.update(actor.scope, c.id, c.version, { updatedAt: nowIso(this.ctx.clock) }))) throw this.changed(c.id);
      const id = await repo.insertObjection(actor.scope, { noticeId: notice.id, caseId: c.id, receivedOn: input.receivedOn, summary: input.summary, resolution: null, resolvedOn: null, note: null, recordedBy: actor.username });
      await this.event(trx, actor, c, input.receivedOn, 'objection_recorded', c.state, c.state, { objectionId: id, summary: input.summary });
      await this.audit(trx, actor, 'notice_objection', c.id, c.villageCode, { objectionId: id });
    });
    return this.get(actor, caseId);
  }

  /**
   * Resolves an objection after verification: dismissed (the notice continues) or upheld (the notice is
   * withdrawn and the case goes back to village deliberation).
   */
  async resolveObjection(actor: Actor, caseId: number, objectionId: number, raw: unknown): Promise<CaseDto> {
    const input = parseOr(resolveObjectionInput, raw);
    const c = await this.load(actor, caseId, input.version);
    const proc = this.procedure(c.provinceCode);
    const cal = readCalendar();
    this.checkLevel(actor, proc, 'publicNotice', 'townshipReview');
    const notice = await this.postedNotice(actor, c);
    const objection = (await new CaseRepository(this.ctx.db).objections(actor.scope, notice.id)).find((o) => o.id === objectionId);
    if (!objection) throw notFound('该异议');
    if (objection.resolution) throw stepRefused('该异议已处理');
    this.checkDate('resolvedOn', input.resolvedOn, objection.receivedOn);
    let next = c.state as CaseState;
    const patch: Partial<CaseRow> = { updatedAt: nowIso(this.ctx.clock) };
    if (input.upheld) {
      const t = transition(c.kind as CaseKind, c.state as CaseState, { type: 'objectionUpheld' });
      if (!t.ok) throw stepRefused(t.reason);
      next = t.next;
      Object.assign(patch, this.advance(proc, c, next, input.resolvedOn), { decisionDue: decisionDue(proc, cal, c.clueDate, null).date });
    }
    await this.ctx.db.transaction().execute(async (trx) => {
      const repo = new CaseRepository(trx);
      if (!(await repo.update(actor.scope, c.id, c.version, patch))) throw this.changed(c.id);
      await repo.resolveObjection(actor.scope, objectionId, { resolution: input.upheld ? 'upheld' : 'dismissed', resolvedOn: input.resolvedOn, note: input.note });
      if (input.upheld) await repo.updateNotice(actor.scope, notice.id, { status: 'withdrawn', closedOn: input.resolvedOn });
      await this.event(trx, actor, c, input.resolvedOn, 'objection_resolved', c.state, next, { objectionId, upheld: input.upheld, note: input.note });
      await this.audit(trx, actor, 'notice_objection_resolve', c.id, c.villageCode, { objectionId, upheld: input.upheld });
    });
    return this.get(actor, caseId);
  }

  /**
   * Closes a notice whose period has passed (closing day after the last day) and that has no open
   * objection; the case moves to township review.
   * @throws step_refused (period not over, open objections)
   */
  async closeNotice(actor: Actor, caseId: number, raw: unknown): Promise<CaseDto> {
    const input = parseOr(closeNoticeInput, raw);
    const c = await this.load(actor, caseId, input.version);
    const proc = this.procedure(c.provinceCode);
    this.checkLevel(actor, proc, 'publicNotice');
    const notice = await this.postedNotice(actor, c);
    this.checkDate('closedOn', input.closedOn, notice.postedOn);
    if (input.closedOn <= notice.endsOn) throw stepRefused(`公示期至 ${notice.endsOn} 止,${input.closedOn} 尚未期满,不能结束公示`);
    const open = (await new CaseRepository(this.ctx.db).objections(actor.scope, notice.id)).filter((o) => !o.resolution);
    if (open.length) throw stepRefused(`公示期间收到的 ${open.length} 条异议尚未处理,不能结束公示`);
    const t = transition(c.kind as CaseKind, c.state as CaseState, { type: 'closeNotice' });
    if (!t.ok) throw stepRefused(t.reason);
    const patch = { ...this.advance(proc, c, t.next, input.closedOn), updatedAt: nowIso(this.ctx.clock) };
    await this.ctx.db.transaction().execute(async (trx) => {
      const repo = new CaseRepository(trx);
      if (!(await repo.update(actor.scope, c.id, c.version, patch))) throw this.changed(c.id);
      await repo.updateNotice(actor.scope, notice.id, { status: 'closed', closedOn: input.closedOn });
      await this.event(trx, actor, c, input.closedOn, 'notice_closed', c.state, t.next, { noticeId: notice.id, postedOn: notice.postedOn, endsOn: notice.endsOn });
      await this.audit(trx, actor, 'notice_close', c.id, c.villageCode, { noticeId: notice.id });
    });
    return this.get(actor, caseId);
  }

  /**
   * Batch (CLI `zhenxing cases close-notices`): closes every posted notice inside the actor's scope whose
   * period ended before today; notices with open objections are left, with the reason.
   */
  async closeEndedNotices(actor: Actor): Promise<{ closed: number[]; skipped: { caseId: number; reason: string }[] }> {
    const asOf = today(this.ctx.clock);
    const ended = await new CaseRepository(this.ctx.db).noticesEnded(actor.scope, asOf);
    const closed: number[] = [];
    const skipped: { caseId: number; reason: string }[] = [];
    for (const n of ended) {
      try {
        const c = await this.closeNotice(actor, n.caseId, { version: n.version, closedOn: asOf });
        closed.push(c.id);
      } catch (e) {
        skipped.push({ caseId: n.caseId, reason: (e as Error).message });
      }
    }
    return { closed, skipped };
  }

  /**
   * Rolls back an elimination mark (county level): the household is monitored again with its category
   * and risk types; the case becomes `rolledBack`. @throws step_refused unless the case is `eliminated`
   */
  async rollback(actor: Actor, caseId: number, raw: unknown): Promise<CaseDto> {
    const input = parseOr(rollbackInput, raw);
    const c = await this.load(actor, caseId, input.version);
    const proc = this.procedure(c.provinceCode);
    this.checkLevel(actor, proc, 'countyApproval');
    const t = transition(c.kind as CaseKind, c.state as CaseState, { type: 'rollback' });
    if (!t.ok) throw stepRefused(t.reason);
    this.checkDate('performedOn', input.performedOn, c.closedOn ?? c.clueDate);
    const h = (await new HouseholdRepository(this.ctx.db).get(actor.scope, c.householdId))!;
    const status: HouseholdStatusPatch = { monitoredCategory: h.monitoredCategory, riskTypes: h.riskTypes, identifiedMonth: h.identifiedMonth, riskEliminated: 0, eliminationMode: null, eliminatedMonth: null };
    await this.ctx.db.transaction().execute(async (trx) => {
      const repo = new CaseRepository(trx);
      if (!(await repo.update(actor.scope, c.id, c.version, { state: t.next, reason: input.reason, updatedAt: nowIso(this.ctx.clock) }))) throw this.changed(c.id);
      await repo.insertStep(actor.scope, { caseId: c.id, step: 'countyApproval', actor: actor.username, actorLevel: actor.level, performedOn: input.performedOn, recordedAt: nowIso(this.ctx.clock), outcome: `回退风险消除标注:${input.reason}`, findings: json({ rollback: true, reason: input.reason }), attachmentIds: '' });
      await this.event(trx, actor, c, input.performedOn, 'step_recorded', c.state, t.next, { step: 'rollback', reason: input.reason });
      await this.setStatus(trx, actor, c, h, status, input.performedOn, 'elimination_rolled_back');
      await this.audit(trx, actor, 'case_rollback', c.id, c.villageCode, { reason: input.reason });
    });
    await this.rebuild(actor, c.countyCode);
    return this.get(actor, caseId);
  }

  // ---------------------------------------------------------------- attachments

  /**
   * Stores an attachment (base64 body) under ZX_DATA_DIR/attachments/<case id>/<sha-256>.<ext>.
   * @throws attachment_too_large (> 3 MiB), attachment_type (not JPEG/PNG/PDF, or not what it claims)
   */
  async addAttachment(actor: Actor, caseId: number, raw: unknown): Promise<{ id: number; sizeBytes: number; sha256: string }> {
    const input = parseOr(attachmentInput, raw);
    const c = await new CaseRepository(this.ctx.db).get(actor.scope, caseId);
    if (!c) throw notFound('该案件');
    if (!/^[A-Za-z0-9+/=\s]+$/.test(input.contentBase64)) throw validationError([{ field: 'contentBase64', message: '不是有效的 base64 内容' }]);
    const bytes = Buffer.from(input.contentBase64, 'base64');
    if (bytes.length > MAX_ATTACHMENT_BYTES) throw attachmentRejected('attachment_too_large', `附件 ${input.fileName} 大小 ${bytes.length} 字节,超过上限 ${MAX_ATTACHMENT_BYTES} 字节(3 MiB)`);
    const sniffed = sniffType(bytes);
    if (!sniffed || sniffed !== input.mimeType) {
      throw attachmentRejected('attachment_type', `附件 ${input.fileName} 的类型不允许:只接受 ${Object.keys(ALLOWED_ATTACHMENT_TYPES).join('、')},且内容须与声明的类型(${input.mimeType})一致`);
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const rel = join('attachments', String(caseId), `${sha256}.${ALLOWED_ATTACHMENT_TYPES[sniffed]}`);
    mkdirSync(join(this.ctx.config.dataDir, 'attachments', String(caseId)), { recursive: true });
    writeFileSync(join(this.ctx.config.dataDir, rel), bytes);
    const id = await this.ctx.db.transaction().execute(async (trx) => {
      const repo = new CaseRepository(trx);
      const now = nowIso(this.ctx.clock);
      const aid = await repo.insertAttachment(actor.scope, { caseId, fileName: input.fileName, mimeType: sniffed, sizeBytes: bytes.length, sha256, storedPath: rel, uploadedBy: actor.username, uploadedAt: now });
      await this.event(trx, actor, c, today(this.ctx.clock), 'attachment_added', c.state, c.state, { attachmentId: aid, fileName: input.fileName, sizeBytes: bytes.length });
      await this.audit(trx, actor, 'case_attachment', c.id, c.villageCode, { attachmentId: aid, sha256 });
      return aid;
    });
    return { id, sizeBytes: bytes.length, sha256 };
  }

  /** An attachment's bytes and type. @throws not_found */
  async readAttachment(actor: Actor, caseId: number, id: number): Promise<{ fileName: string; mimeType: string; bytes: Buffer }> {
    const repo = new CaseRepository(this.ctx.db);
    if (!(await repo.get(actor.scope, caseId))) throw notFound('该案件');
    const a = await repo.attachment(actor.scope, caseId, id);
    if (!a) throw notFound('该附件');
    return { fileName: a.fileName, mimeType: a.mimeType, bytes: readFileSync(join(this.ctx.config.dataDir, a.storedPath)) };
  }

  // ---------------------------------------------------------------- reading

  /** A case with its steps, notice, attachments, events and (elimination) assessment. @throws not_found */
  async get(actor: Actor, id: number): Promise<CaseDto> {
    const repo = new CaseRepository(this.ctx.db);
    const c = await repo.get(actor.scope, id);
    if (!c) throw notFound('该案件');
    const h = (await new HouseholdRepository(this.ctx.db).get(actor.scope, c.householdId))!;
    const [steps, notice, attachments, events, village] = await Promise.all([
      repo.steps(actor.scope, id), repo.notice(actor.scope, id), repo.attachments(actor.scope, id), repo.eventsOfCase(actor.scope, id), new RegionRepository(this.ctx.db).get(c.villageCode),
    ]);
    let noticeDto: NoticeDto | null = null;
    if (notice) {
      const objections = await repo.objections(actor.scope, notice.id);
      noticeDto = {
        id: notice.id, postedOn: notice.postedOn, days: notice.days, endsOn: notice.endsOn, status: notice.status as NoticeDto['status'], closedOn: notice.closedOn,
        objections: objections.map((o) => ({ id: o.id, receivedOn: o.receivedOn, summary: o.summary, resolution: o.resolution as 'upheld' | 'dismissed' | null, resolvedOn: o.resolvedOn, note: o.note })),
      };
    }
    const proc = this.procedure(c.provinceCode);
    const asOf = today(this.ctx.clock);
    const step = c.currentStep as WorkflowStep | null;
    const assessment = c.state === 'assessment' ? await this.assess(actor, h, 'assistance', asOf) : null;
    return {
      id: c.id, kind: c.kind as CaseKind, householdId: c.householdId, householdNo: h.householdNo, headName: h.headName, villageCode: c.villageCode, villageName: village?.name ?? '',
      origin: c.origin as CaseOrigin, sourceRef: c.sourceRef, state: c.state as CaseState, currentStep: step, currentLevels: step ? [...proc.steps[step].levels] : [],
      clueDate: c.clueDate, stepDue: c.stepDue, decisionDue: c.decisionDue, overdue: !!c.stepDue && c.stepDue < asOf, verifiedOn: c.verifiedOn, decidedOn: c.decidedOn, firstMeasureOn: c.firstMeasureOn,
      category: c.category as MonitoredCategory | null, riskTypes: c.riskTypes ? (c.riskTypes.split(',') as RiskType[]) : [], reason: c.reason,
      eliminationMode: c.eliminationMode as EliminationMode | null, version: c.version, openedBy: c.openedBy, openedAt: c.openedAt,
      steps: steps.map((s) => ({ id: s.id, step: s.step as WorkflowStep, actor: s.actor, actorLevel: s.actorLevel, performedOn: s.performedOn, recordedAt: s.recordedAt, outcome: s.outcome, findings: parseJson(s.findings), attachmentIds: s.attachmentIds ? s.attachmentIds.split(',').map(Number) : [] })),
      notice: noticeDto,
      attachments: attachments.map((a) => ({ id: a.id, fileName: a.fileName, mimeType: a.mimeType, sizeBytes: a.sizeBytes, sha256: a.sha256, uploadedBy: a.uploadedBy, uploadedAt: a.uploadedAt })),
      events: events.map(eventDto),
      assessment,
    };
  }

  /** The household's cases (newest first) and its timeline of events (oldest first). @throws not_found */
  async timeline(actor: Actor, householdId: number): Promise<{ cases: { id: number; kind: CaseKind; state: CaseState; clueDate: string; decidedOn: string | null }[]; events: CaseEventDto[] }> {
    if (!(await new HouseholdRepository(this.ctx.db).get(actor.scope, householdId))) throw notFound('该农户');
    const repo = new CaseRepository(this.ctx.db);
    const [cases, events] = await Promise.all([repo.ofHousehold(actor.scope, householdId), repo.eventsOfHousehold(actor.scope, householdId)]);
    return { cases: cases.map((c) => ({ id: c.id, kind: c.kind as CaseKind, state: c.state as CaseState, clueDate: c.clueDate, decidedOn: c.decidedOn })), events: events.map(eventDto) };
  }

  /** The village notice of a case as a printable HTML page (names and village only). @throws not_found, step_refused (no notice yet) */
  async noticeHtml(actor: Actor, caseId: number, template?: string): Promise<string> {
    const repo = new CaseRepository(this.ctx.db);
    const c = await repo.get(actor.scope, caseId);
    if (!c) throw notFound('该案件');
    const notice = await repo.notice(actor.scope, caseId);
    const h = (await new HouseholdRepository(this.ctx.db).get(actor.scope, c.householdId))!;
    const proc = this.procedure(c.provinceCode);
    let postedOn: string;
    let days: number;
    let endsOn: string;
    if (notice) ({ postedOn, days, endsOn } = notice);
    else if (c.state === 'notice') {
      postedOn = today(this.ctx.clock);
      days = proc.noticeMinDays.days;
      endsOn = noticeEndsOn(readCalendar(), postedOn, days, proc.noticeMinDays.unit);
    } else throw stepRefused('该案件尚未到公示环节');
    const names = await new RegionRepository(this.ctx.db).getMany([c.countyCode, c.townshipCode, c.villageCode]);
    const name = (code: string) => names.find((r) => r.code === code)?.name ?? '';
    return renderNotice({ kind: c.kind as CaseKind, countyName: name(c.countyCode), townshipName: name(c.townshipCode), villageName: name(c.villageCode), names: [h.headName], postedOn, endsOn, days }, template);
  }

  /** Preview of the elimination assessment of a monitored household (every criterion with its evidence). */
  async assessment(actor: Actor, householdId: number, mode: EliminationMode): Promise<EliminationAssessmentDto> {
    const h = await new HouseholdRepository(this.ctx.db).get(actor.scope, householdId);
    if (!h) throw notFound('该农户');
    return this.assess(actor, h, mode, today(this.ctx.clock));
  }

  /**
   * The worklist of an actor: open cases inside the scope (narrowed by `region`) awaiting a step the
   * actor's level may perform (every step for the national operator), and enrolled households still
   * without a measure in place (due `firstMeasure` after the decision, data/workflow-rules.json), earliest
   * due first, with why. `overdueOnly`: every overdue item whatever the level.
   */
  async worklist(actor: Actor, q: { region?: string; limit: number; overdueOnly?: boolean }): Promise<WorkItemDto[]> {
    const scope = narrow(actor.scope, q.region);
    if (!scope) return [];
    const rules = this.procedure('00');
    const steps = actor.level === 'national' && actor.roles.includes('admin') ? null : WORKFLOW_STEPS.filter((s) => mayPerform(rules.steps[s], actor.level, false));
    const asOf = today(this.ctx.clock);
    const repo = new CaseRepository(this.ctx.db);
    const rows = await repo.worklist(scope, q.overdueOnly ? null : steps, q.limit, q.overdueOnly ? asOf : undefined);
    const items: WorkItemDto[] = rows.map((r) => {
      const step = r.currentStep as WorkflowStep | null;
      const overdue = !!r.stepDue && r.stepDue < asOf;
      const daysOverdue = overdue ? calendarDaysBetween(r.stepDue!, asOf) : 0;
      const label = step ? WORKFLOW_STEP_ZH[step] : '';
      const what = r.state === 'notice' ? '公示(张贴、期满后结束)' : label;
      return {
        caseId: r.id, kind: r.kind as CaseKind, householdId: r.householdId, householdNo: r.householdNo, headName: r.headName, villageCode: r.villageCode,
        state: r.state as CaseState, step, levels: step ? [...this.procedure(r.villageCode.slice(0, 2)).steps[step].levels] : [], due: r.stepDue, overdue, daysOverdue,
        why: overdue ? `${what}已逾期 ${daysOverdue} 天(应于 ${r.stepDue} 前完成)` : `${what}应于 ${r.stepDue} 前完成`,
      };
    });
    // enrolled households still without a measure in place: due the rule's allowance after the decision
    const cal = readCalendar();
    for (const r of await repo.awaitingFirstMeasure(scope, q.limit)) {
      const rule = this.procedure(r.villageCode.slice(0, 2)).firstMeasure;
      const due = cal.add(r.decidedOn ?? asOf, rule.days, rule.unit).date;
      const overdue = due < asOf;
      if (q.overdueOnly && !overdue) continue;
      const daysOverdue = overdue ? calendarDaysBetween(due, asOf) : 0;
      items.push({
        caseId: r.id, kind: r.kind as CaseKind, householdId: r.householdId, householdNo: r.householdNo, headName: r.headName, villageCode: r.villageCode,
        state: r.state as CaseState, step: null, levels: [], due, overdue, daysOverdue,
        why: `${overdue ? `落实首项帮扶措施已逾期 ${daysOverdue} 天(应于 ${due} 前)` : `落实首项帮扶措施应于 ${due} 前`}(${rule.source})`,
      });
    }
    return items.sort((a, b) => (a.due ?? '').localeCompare(b.due ?? '') || a.caseId - b.caseId).slice(0, q.limit);
  }

  // ---------------------------------------------------------------- helpers

  private async assess(actor: Actor, h: HouseholdRow, mode: EliminationMode, asOf: string): Promise<EliminationAssessmentDto> {
    const facts = (await new ScreeningRepository(this.ctx.db).factsOf(actor.scope, h.id)).filter((f) => f.perCapitaNetIncomeFen !== null).sort((a, b) => b.year - a.year)[0];
    const measures = await new MeasureRepository(this.ctx.db).ofHousehold(actor.scope, h.id);
    const resolve = await this.thresholds.resolver();
    const threshold = resolve(h.countyCode, facts?.year ?? this.ctx.config.defaultYear);
    const proc = this.procedure(h.provinceCode);
    const r = assessElimination({
      mode, identifiedMonth: h.identifiedMonth, asOf, minMonths: proc.eliminationMinMonths.months,
      measuresInPlace: measures.filter((m) => inPlace(m.status as MeasureStatus)).length, labourCount: facts?.labourCount ?? 0,
      factsYear: facts?.year ?? null, perCapitaNetIncomeFen: facts?.perCapitaNetIncomeFen ?? null, thresholdFen: threshold.valueFen,
      thresholdIsPlaceholder: threshold.status === 'placeholder', thresholdSource: threshold.source, netIncomeFen: facts?.netIncomeFen ?? null,
      compliantOutOfPocketFen: facts?.compliantOutOfPocketFen ?? 0, medicalSharePercent: this.screening.parameters().medicalSpendingSharePercent,
      childrenOutOfSchool: facts?.childrenOutOfSchool ?? 0, membersWithoutMedicalInsurance: facts?.membersWithoutMedicalInsurance ?? 0,
      housingSafe: (facts?.housingSafe ?? 0) === 1, safeDrinkingWater: (facts?.safeDrinkingWater ?? 0) === 1,
    });
    return { mode, eligible: r.eligible, criteria: r.criteria };
  }

  /** Loads a case inside the scope and checks the version the caller read. */
  private async load(actor: Actor, caseId: number, version: number): Promise<CaseRow> {
    const c = await new CaseRepository(this.ctx.db).get(actor.scope, caseId);
    if (!c) throw notFound('该案件');
    if (c.version !== version) throw this.changed(c.id, c.version);
    return c;
  }

  private changed(id: number, current?: number) {
    return conflict(`案件 ${id} 已被他人修改,请刷新后重试`, { caseId: id, currentVersion: current });
  }

  private stepLabel(c: CaseRow): string {
    return c.currentStep ? WORKFLOW_STEP_ZH[c.currentStep as WorkflowStep] : '已办结';
  }

  /** Refuses a user whose level may not perform any of the steps. */
  private checkLevel(actor: Actor, proc: Procedure, ...steps: WorkflowStep[]): void {
    if (steps.some((s) => mayPerform(proc.steps[s], actor.level, actor.roles.includes('admin')))) return;
    const levels = [...new Set(steps.flatMap((s) => proc.steps[s].levels))];
    throw wrongLevel(`“${steps.map((s) => WORKFLOW_STEP_ZH[s]).join('/')}”应由${levels.map((l) => LEVEL_ZH[l]).join('或')}级办理,您是${LEVEL_ZH[actor.level] ?? actor.level}级用户(${proc.steps[steps[0]!].source})`, { levels, actorLevel: actor.level });
  }

  /** Refuses a date in the future or before the previous step. */
  private checkDate(field: string, date: string, notBefore: string): void {
    refuseDate(today(this.ctx.clock), field, date, notBefore);
  }

  /** Checks that attachment ids belong to the case. */
  private async checkAttachments(actor: Actor, caseId: number, ids: readonly number[]): Promise<number[]> {
    if (!ids.length) return [];
    const have = new Set((await new CaseRepository(this.ctx.db).attachments(actor.scope, caseId)).map((a) => a.id));
    const bad = ids.filter((i) => !have.has(i));
    if (bad.length) throw validationError([{ field: 'attachmentIds', message: `附件 ${bad.join('、')} 不属于该案件` }]);
    return [...ids];
  }

  /** The case columns that follow a transition to `next` performed on `on`. */
  private advance(proc: Procedure, c: CaseRow, next: CaseState, on: string): Partial<CaseRow> {
    const step = stepOfState(next);
    if (!step) return { state: next, currentStep: null, stepBaseDate: on, stepDue: null, closedOn: on };
    return { state: next, currentStep: step, stepBaseDate: on, stepDue: stepDue(proc, readCalendar(), step, c.clueDate, on).date };
  }

  /**
   * Household status after an enrolment (a new or re-entering household takes the decision month; one still
   * monitored keeps its month and adds the new risk types) or an elimination.
   */
  private statusAfter(c: CaseRow, patch: Partial<CaseRow>, h: HouseholdRow, next: 'enrolled' | 'eliminated', on: string): HouseholdStatusPatch {
    if (next === 'enrolled') {
      const decided = patch.decidedOn ?? c.decidedOn ?? on;
      // a household already monitored (risk not eliminated) keeps its identification month and adds the new risk types
      const stillMonitored = h.monitoredCategory !== null && h.riskEliminated === 0;
      const risks = stillMonitored ? [...new Set([...h.riskTypes.split(','), ...c.riskTypes.split(',')].filter(Boolean))].join(',') : c.riskTypes;
      return { monitoredCategory: c.category, riskTypes: risks, identifiedMonth: stillMonitored ? h.identifiedMonth : decided.slice(0, 7), riskEliminated: 0, eliminationMode: null, eliminatedMonth: null };
    }
    return { monitoredCategory: h.monitoredCategory, riskTypes: h.riskTypes, identifiedMonth: h.identifiedMonth, riskEliminated: 1, eliminationMode: c.eliminationMode, eliminatedMonth: on.slice(0, 7) };
  }

  private async setStatus(trx: Trx, actor: Actor, c: CaseRow, h: HouseholdRow, s: HouseholdStatusPatch, on: string, type: string): Promise<void> {
    await new HouseholdStatusRepository(trx).set(actor.scope, h.id, s, nowIso(this.ctx.clock));
    const before = { monitoredCategory: h.monitoredCategory, riskTypes: h.riskTypes, identifiedMonth: h.identifiedMonth, riskEliminated: h.riskEliminated, eliminationMode: h.eliminationMode, eliminatedMonth: h.eliminatedMonth };
    await this.event(trx, actor, c, on, type, null, null, { before, after: s, reentry: type === 'household_enrolled' && h.riskEliminated === 1 });
    await this.audit(trx, actor, 'household_status', h.id, h.villageCode, { type, caseId: c.id });
  }

  /** Rebuilds the screening rollups of a county for every year it has rollups (status feeds them). */
  private async rebuild(actor: Actor, countyCode: string): Promise<void> {
    const years = await new HouseholdStatusRepository(this.ctx.db).rollupYears(actor.scope, countyCode);
    for (const y of years.length ? years : [this.ctx.config.defaultYear]) await this.screening.rebuildRollups(y, [countyCode]);
  }

  private async postedNotice(actor: Actor, c: CaseRow) {
    if (c.state !== 'notice') throw stepRefused(`当前应办理“${this.stepLabel(c)}”,不在公示期`);
    const n = await new CaseRepository(this.ctx.db).notice(actor.scope, c.id);
    if (!n || n.status !== 'posted') throw stepRefused('公示尚未张贴');
    return n;
  }

  private async event(trx: Trx, actor: Actor, c: { caseId?: number; id?: number; householdId: number; countyCode: string }, onDate: string, type: string, fromState: string | null, toState: string | null, details: Record<string, unknown>): Promise<void> {
    await new CaseRepository(trx).appendEvent(actor.scope, { caseId: c.caseId ?? c.id ?? null, householdId: c.householdId, countyCode: c.countyCode, at: nowIso(this.ctx.clock), onDate, actor: actor.username, type, fromState, toState, details: json(details) });
  }

  private async audit(trx: Trx, actor: Actor, action: string, targetId: number, regionCode: string, details: Record<string, unknown>): Promise<void> {
    await new AuditRepository(trx).append({ at: nowIso(this.ctx.clock), actor: actor.username, action, targetType: action === 'household_status' ? 'household' : 'case', targetId: String(targetId), regionCode, outcome: 'ok', details: json(details) });
  }
}

const LEVEL_ZH: Record<string, string> = { national: '全国', province: '省', prefecture: '市', county: '县', township: '乡镇', village: '村' };

/** Case event row → DTO. */
export function eventDto(e: { id: number; caseId: number | null; householdId: number; at: string; onDate: string; actor: string; type: string; fromState: string | null; toState: string | null; details: string }): CaseEventDto {
  return { id: e.id, caseId: e.caseId, householdId: e.householdId, at: e.at, onDate: e.onDate, actor: e.actor, type: e.type, fromState: e.fromState, toState: e.toState, details: parseJson(e.details) };
}

/**
 * Refuses (400 validation_error naming `field`) a date after `asOf` (today) or before `notBefore` (the
 * previous step's date; null: no lower bound).
 */
export function refuseDate(asOf: string, field: string, date: string, notBefore: string | null): void {
  if (date > asOf) throw validationError([{ field, message: `日期 ${date} 晚于今天 ${asOf}` }]);
  if (notBefore && date < notBefore) throw validationError([{ field, message: `日期 ${date} 早于上一环节日期 ${notBefore}` }]);
}

/** Parses with a zod schema; a failure becomes 400 validation_error naming each field. */
export function parseOr<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, raw: unknown): T {
  const r = schema.safeParse(raw);
  if (!r.success) throw validationError(r.error.issues.map((i) => ({ field: i.path.map(String).join('.') || '(body)', message: i.message })));
  return r.data;
}
