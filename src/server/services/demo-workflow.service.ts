/**
 * The demo county at work (issue 16 item 13): after the demo population is registered and screened,
 * cases are opened and walked through the ordinary use cases (CaseService, MeasureService, with actors
 * of the village, township and county of each household) so that the worklist, the timeliness figures
 * and dynamic clearance show a county at work: identification cases left at every step (some overdue),
 * enrolled households with measures, and elimination cases of monitored households, some finished.
 * Everything goes through the same validation as a user's request; a step the rules refuse (e.g. an
 * elimination whose criteria are not met) leaves the case where it is. Dates are in the past of the
 * clock, spread so that some deadlines have passed. The households and people are invented (is_demo).
 */
import type { RegionLevel, RiskType } from '../../shared/enums';
import type { CaseDto } from '../../shared/workflow';
import { HouseholdRepository } from '../repositories/household.repository';
import { NATIONAL_SCOPE, regionScope } from '../repositories/scope';
import { SCREENING_RULES } from '../domain/rules';
import { systemActor, type Actor } from './actor';
import { CaseService } from './case.service';
import { today, type ServiceContext } from './context';
import { MeasureService } from './measure.service';

/** Identification cases are left after 0 … 9 steps (9: announced, with two measures). */
const DEMO_CASE_STAGES = 10;

/** What the demo workflow did. */
export interface DemoWorkflowReport {
  identification: number;
  enrolled: number;
  elimination: number;
  eliminated: number;
  measures: number;
  refused: number;
}

/** The date `days` days after `iso` (YYYY-MM-DD, calendar days). */
export function daysAfter(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
const daysBefore = (iso: string, days: number) => daysAfter(iso, -days);

const actorOf = (level: RegionLevel, regionCode: string): Actor => ({
  ...systemActor(`demo-${level}`), level, regionCode, scope: regionScope(regionCode),
  roles: [level === 'village' ? 'villageCadre' : level === 'township' ? 'townshipReviewer' : 'countyApprover', 'dataEntry'],
});

export class DemoWorkflowService {
  constructor(private readonly ctx: ServiceContext) {}

  /**
   * Walks demo cases over the demo population, in household-number order (so they gather in the first
   * counties and villages): `identification` households flagged in `year` by any rule get an
   * identification case each, the i-th walked through i mod 10 steps (9 = announced, with measures);
   * `elimination` monitored households get an elimination case, every other one taken to the end.
   * Refusals by the rules are counted, not raised.
   */
  async run(year: number, opts: { identification: number; elimination: number }): Promise<DemoWorkflowReport> {
    const report: DemoWorkflowReport = { identification: 0, enrolled: 0, elimination: 0, eliminated: 0, measures: 0, refused: 0 };
    const households = new HouseholdRepository(this.ctx.db);
    const scope = NATIONAL_SCOPE;
    const cases = new CaseService(this.ctx);
    const measures = new MeasureService(this.ctx);
    const now = today(this.ctx.clock);
    const byId = new Map<number, Awaited<ReturnType<HouseholdRepository['list']>>[number]>();
    for (const ruleId of SCREENING_RULES.map((r) => r.id)) {
      for (const h of await households.list(scope, { year, ruleId }, 'householdNo', 'asc', null, opts.identification * 2)) if (h.monitoredCategory === null) byId.set(h.id, h);
    }
    const flagged = [...byId.values()].sort((a, b) => a.householdNo.localeCompare(b.householdNo)).slice(0, opts.identification);
    for (const [i, h] of flagged.entries()) {
      const stage = i % DEMO_CASE_STAGES;
      // clue dates from 2 to 61 days back: the later stages started earlier, a few early stages are overdue
      const clue = daysBefore(now, 2 + stage * 5 + (i % 7) * 2);
      const v = actorOf('village', h.villageCode);
      const t = actorOf('township', h.townshipCode);
      const c = actorOf('county', h.countyCode);
      let day = 0;
      // one step a day after the clue, never after today
      const on = () => {
        const d = daysAfter(clue, ++day);
        return d < now ? d : now;
      };
      try {
        let k = await cases.openFromScreening(v, { householdId: h.id, year, clueDate: clue });
        report.identification++;
        const steps: ((k: CaseDto) => Promise<CaseDto>)[] = [
          (k) => cases.recordStep(v, k.id, { step: 'verificationVisit', version: k.version, performedOn: on(), consentSigned: true, riskFound: true, findings: '入户核实:收入低于监测范围(演示数据)' }),
          (k) => cases.recordStep(t, k.id, { step: 'informationComparison', version: k.version, performedOn: on(), deposits: '无异常', vehicles: '无', housing: '无', businessRegistration: '无' }),
          (k) => cases.recordStep(v, k.id, { step: 'villageReview', version: k.version, performedOn: on(), agreed: true }),
          (k) => cases.postNotice(v, k.id, { version: k.version, postedOn: on(), days: 5 }),
          (k) => { day += 5; return cases.closeNotice(v, k.id, { version: k.version, closedOn: on() }); },
          (k) => cases.recordStep(t, k.id, { step: 'townshipReview', version: k.version, performedOn: on(), approved: true }),
          (k) => cases.recordStep(c, k.id, {
            step: 'countyApproval', version: k.version, performedOn: on(), approved: true,
            category: h.householdType === 'liftedOutOfPoverty' ? 'unstableLifted' : 'marginalVulnerable',
            riskTypes: (h.riskTypes ? (h.riskTypes.split(',') as RiskType[]) : ['other']).slice(0, 5),
          }),
          (k) => cases.recordStep(c, k.id, { step: 'announcement', version: k.version, performedOn: on() }),
          async (k) => {
            await measures.add(v, h.id, { caseId: k.id, kind: 'employment', responsibleUnit: '县人力资源和社会保障局(演示)', startDate: on(), note: '推荐就近务工(演示数据)' });
            await measures.add(v, h.id, { caseId: k.id, kind: 'industry', responsibleUnit: '县农业农村局(演示)', startDate: on(), amountFen: 300_000, note: '产业奖补(演示数据)' });
            report.measures += 2;
            report.enrolled++;
            return k;
          },
        ];
        for (const step of steps.slice(0, stage)) k = await step(k);
      } catch (e) {
        if (process.env.ZX_DEBUG_DEMO) console.error(e);
        report.refused++;
      }
    }
    // elimination cases of households monitored in the registry whose risk is not yet eliminated
    const monitored: { id: number; villageCode: string; townshipCode: string; countyCode: string }[] = [];
    for (const category of ['marginalVulnerable', 'unstableLifted', 'suddenHardship']) {
      monitored.push(...(await households.list(scope, { year, monitoredCategory: category }, 'householdNo', 'asc', null, opts.elimination * 4)));
    }
    monitored.sort((a, b) => a.id - b.id);
    for (const h of monitored) {
      if (report.elimination >= opts.elimination) break;
      const v = actorOf('village', h.villageCode);
      const t = actorOf('township', h.townshipCode);
      const c = actorOf('county', h.countyCode);
      const i = report.elimination;
      const clue = daysBefore(now, 30 + (i % 5) * 3);
      let day = 0;
      const on = () => daysAfter(clue, ++day);
      let k: CaseDto;
      try {
        k = await cases.openCase(v, { householdId: h.id, kind: 'elimination', origin: 'grassrootsScreening', clueDate: clue, note: '收入稳定超过监测范围,申请风险消除(演示数据)' });
      } catch {
        continue; // already eliminated, or a case is open
      }
      report.elimination++;
      if (i % 2 === 1) continue; // left awaiting the assessment
      try {
        await measures.add(v, h.id, { caseId: k.id, kind: 'employment', responsibleUnit: '县人力资源和社会保障局(演示)', startDate: daysBefore(clue, 120), status: 'completed', endDate: clue, note: '稳定务工(演示数据)' });
        report.measures++;
        k = await cases.recordStep(v, k.id, { step: 'eliminationAssessment', version: k.version, performedOn: on(), mode: 'assistance' });
        k = await cases.recordStep(v, k.id, { step: 'villageReview', version: k.version, performedOn: on(), agreed: true });
        k = await cases.postNotice(v, k.id, { version: k.version, postedOn: on(), days: 5 });
        day += 5;
        k = await cases.closeNotice(v, k.id, { version: k.version, closedOn: on() });
        k = await cases.recordStep(t, k.id, { step: 'townshipReview', version: k.version, performedOn: on(), approved: true });
        k = await cases.recordStep(c, k.id, { step: 'countyApproval', version: k.version, performedOn: on(), approved: true });
        k = await cases.recordStep(c, k.id, { step: 'announcement', version: k.version, performedOn: on() });
        if (k.state === 'eliminated') report.eliminated++;
      } catch (e) {
        if (process.env.ZX_DEBUG_DEMO) console.error(e);
        report.refused++;
      }
    }
    return report;
  }
}
