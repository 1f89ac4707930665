/**
 * Assistance measures (帮扶措施) of a household: the standard kinds of the national export, each with the
 * responsible unit, dates, amount in fen where there is one, and status; the coverage of each risk type
 * by a measure in place (data/measure-coverage.csv), and the rule that a household able to work needs a
 * development-type measure. Each write is one transaction with a case event and an audit event; the
 * first measure of an enrolled household records the date on its enrolment case (timeliness).
 */
import type { RiskType } from '../../shared/enums';
import { measureInput, measureUpdateInput, type HouseholdMeasuresDto, type MeasureDto, type MeasureKind, type MeasureStatus, type MeasureSubKind } from '../../shared/workflow';
import { AuditRepository } from '../repositories/audit.repository';
import { CaseRepository } from '../repositories/case.repository';
import { HouseholdRepository } from '../repositories/household.repository';
import { MeasureRepository, type MeasureRow } from '../repositories/measure.repository';
import { ScreeningRepository } from '../repositories/screening.repository';
import { coverage, DEVELOPMENT_KINDS, needsDevelopmentMeasure } from '../domain/workflow/measures';
import { conflict, notFound, validationError } from '../errors';
import type { Actor } from './actor';
import { parseOr } from './case.service';
import { nowIso, today, type ServiceContext } from './context';
import { readCoverageRules } from './workflow-files';

const dto = (m: MeasureRow): MeasureDto => ({
  id: m.id, householdId: m.householdId, caseId: m.caseId, kind: m.kind as MeasureKind, subKind: m.subKind as MeasureSubKind | null, responsibleUnit: m.responsibleUnit,
  startDate: m.startDate, endDate: m.endDate, amountFen: m.amountFen === null ? null : Number(m.amountFen), status: m.status as MeasureStatus, note: m.note, version: m.version,
});

export class MeasureService {
  constructor(private readonly ctx: ServiceContext) {}

  /** The measures of a household with risk coverage and the development-measure check. @throws not_found */
  async list(actor: Actor, householdId: number): Promise<HouseholdMeasuresDto> {
    const h = await new HouseholdRepository(this.ctx.db).get(actor.scope, householdId);
    if (!h) throw notFound('该农户');
    const measures = await new MeasureRepository(this.ctx.db).ofHousehold(actor.scope, householdId);
    const facts = (await new ScreeningRepository(this.ctx.db).factsOf(actor.scope, householdId)).sort((a, b) => b.year - a.year)[0];
    const risks = h.riskTypes ? (h.riskTypes.split(',') as RiskType[]) : [];
    const m = measures.map((x) => ({ kind: x.kind as MeasureKind, status: x.status as MeasureStatus }));
    const cov = h.monitoredCategory && h.riskEliminated === 0 ? coverage(readCoverageRules(), risks, m) : [];
    const labour = facts?.labourCount ?? 0;
    return {
      measures: measures.map(dto), coverage: cov, uncoveredRisks: cov.filter((c) => !c.covered).map((c) => c.riskType), ableToWork: labour > 0,
      needsDevelopmentMeasure: h.monitoredCategory !== null && h.riskEliminated === 0 && needsDevelopmentMeasure(labour, m), developmentKinds: [...DEVELOPMENT_KINDS],
    };
  }

  /**
   * Adds a measure to a household inside the scope. The start date may not be in the future unless the
   * measure is only planned; the end date may not precede the start.
   * @throws validation_error, not_found
   */
  async add(actor: Actor, householdId: number, raw: unknown): Promise<MeasureDto> {
    const input = parseOr(measureInput, raw);
    const h = await new HouseholdRepository(this.ctx.db).get(actor.scope, householdId);
    if (!h) throw notFound('该农户');
    const asOf = today(this.ctx.clock);
    const issues = [];
    if (input.status !== 'planned' && input.startDate > asOf) issues.push({ field: 'startDate', message: `开始日期 ${input.startDate} 晚于今天 ${asOf}(未开始的措施请标为“计划中”)` });
    if (input.endDate && input.endDate < input.startDate) issues.push({ field: 'endDate', message: '结束日期早于开始日期' });
    if (input.subKind === 'yuluPlan' && input.kind !== 'education') issues.push({ field: 'subKind', message: '雨露计划属于教育帮扶' });
    if (input.subKind && input.subKind !== 'yuluPlan' && input.kind !== 'socialSecurity') issues.push({ field: 'subKind', message: '低保、特困供养、残疾人补贴属于综合保障' });
    if (issues.length) throw validationError(issues);
    const cases = new CaseRepository(this.ctx.db);
    const enrolment = (await cases.ofHousehold(actor.scope, householdId)).find((c) => c.kind === 'identification' && c.state === 'enrolled');
    if (input.caseId !== null && !(await cases.get(actor.scope, input.caseId))) throw validationError([{ field: 'caseId', message: `案件 ${input.caseId} 不存在` }]);
    const id = await this.ctx.db.transaction().execute(async (trx) => {
      const now = nowIso(this.ctx.clock);
      const mid = await new MeasureRepository(trx).insert(actor.scope, {
        householdId, caseId: input.caseId ?? enrolment?.id ?? null, countyCode: h.countyCode, villageCode: h.villageCode, kind: input.kind, subKind: input.subKind,
        responsibleUnit: input.responsibleUnit, startDate: input.startDate, endDate: input.endDate, amountFen: input.amountFen, status: input.status, note: input.note,
        createdBy: actor.username, createdAt: now, updatedAt: now, version: 1,
      });
      const repo = new CaseRepository(trx);
      if (enrolment && input.status !== 'planned') await repo.setFirstMeasure(actor.scope, enrolment.id, input.startDate);
      await repo.appendEvent(actor.scope, { caseId: enrolment?.id ?? null, householdId, countyCode: h.countyCode, at: now, onDate: input.startDate, actor: actor.username, type: 'measure_added', fromState: null, toState: input.status, details: JSON.stringify({ measureId: mid, kind: input.kind, subKind: input.subKind, responsibleUnit: input.responsibleUnit, amountFen: input.amountFen }) });
      await new AuditRepository(trx).append({ at: now, actor: actor.username, action: 'measure_add', targetType: 'household', targetId: String(householdId), regionCode: h.villageCode, outcome: 'ok', details: JSON.stringify({ measureId: mid, kind: input.kind }) });
      return mid;
    });
    return dto((await new MeasureRepository(this.ctx.db).get(actor.scope, id))!);
  }

  /** Changes a measure's status (and end date) under its version. @throws not_found, conflict, validation_error */
  async update(actor: Actor, measureId: number, raw: unknown): Promise<MeasureDto> {
    const input = parseOr(measureUpdateInput, raw);
    const repo = new MeasureRepository(this.ctx.db);
    const m = await repo.get(actor.scope, measureId);
    if (!m) throw notFound('该帮扶措施');
    if (m.version !== input.version) throw conflict(`帮扶措施 ${measureId} 已被他人修改,请刷新后重试`, { currentVersion: m.version });
    const endDate = input.endDate === undefined ? m.endDate : input.endDate;
    if (endDate && endDate < m.startDate) throw validationError([{ field: 'endDate', message: '结束日期早于开始日期' }]);
    await this.ctx.db.transaction().execute(async (trx) => {
      const now = nowIso(this.ctx.clock);
      if (!(await new MeasureRepository(trx).update(actor.scope, measureId, m.version, { status: input.status, endDate, updatedAt: now }))) throw conflict(`帮扶措施 ${measureId} 已被他人修改,请刷新后重试`);
      if (m.caseId && m.status === 'planned' && input.status !== 'planned') await new CaseRepository(trx).setFirstMeasure(actor.scope, m.caseId, m.startDate);
      await new CaseRepository(trx).appendEvent(actor.scope, { caseId: m.caseId, householdId: m.householdId, countyCode: m.countyCode, at: now, onDate: today(this.ctx.clock), actor: actor.username, type: 'measure_updated', fromState: m.status, toState: input.status, details: JSON.stringify({ measureId, endDate }) });
      await new AuditRepository(trx).append({ at: now, actor: actor.username, action: 'measure_update', targetType: 'household', targetId: String(m.householdId), regionCode: m.villageCode, outcome: 'ok', details: JSON.stringify({ measureId, from: m.status, to: input.status }) });
    });
    return dto((await repo.get(actor.scope, measureId))!);
  }
}
