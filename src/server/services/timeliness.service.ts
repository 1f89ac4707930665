/**
 * Timeliness and dynamic clearance (早发现、早干预、早帮扶; 动态清零) of a region: calendar days from clue to
 * verification, to decision (county approval) and to the first measure of identification cases (median and
 * 90th percentile, nearest rank), open cases overdue at each step, monitored households with a risk not
 * covered by a measure in place, and the dynamic-clearance figure: the share of monitored households
 * (enrolled, risk not eliminated) with at least one measure in place, every risk covered, and no overdue case.
 */
import type { RiskType } from '../../shared/enums';
import type { TimelinessDto, TimelinessRowDto, WorkflowStep } from '../../shared/workflow';
import { coverage } from '../domain/workflow/measures';
import { distributionOfHistogram } from '../domain/workflow/stats';
import { CaseRepository } from '../repositories/case.repository';
import { MeasureRepository } from '../repositories/measure.repository';
import { inScope, narrow } from '../repositories/scope';
import { RegionRepository } from '../repositories/region.repository';
import type { Actor } from './actor';
import { today, type ServiceContext } from './context';
import { readCoverageRules } from './workflow-files';
import type { MeasureKind } from '../../shared/workflow';

export class TimelinessService {
  constructor(private readonly ctx: ServiceContext) {}

  /** The figures of a region inside the actor's scope (the scope itself when `region` is omitted). */
  async figures(actor: Actor, region?: string): Promise<TimelinessDto> {
    const asOf = today(this.ctx.clock);
    const scope = narrow(actor.scope, region);
    // a region outside the actor's scope answers like a region without data (nothing is queried)
    if (!scope) return emptyFigures(region ?? null, asOf);
    const cases = new CaseRepository(this.ctx.db);
    const measures = new MeasureRepository(this.ctx.db);
    const [spans, overdue, open, monitored, kinds, overdueHouseholds] = await Promise.all([
      cases.spanCounts(scope), cases.overdueByStep(scope, asOf), cases.countOpen(scope), measures.monitored(scope), measures.kindsInPlace(scope), cases.householdsOverdue(scope, asOf),
    ]);
    const histogram = (key: 'verified' | 'decided' | 'measured') => spans.filter((s) => s[key] !== null).map((s) => ({ value: s[key]!, n: s.n }));
    const rules = readCoverageRules();
    let withUncovered = 0;
    let uncovered = 0;
    let cleared = 0;
    for (const h of monitored) {
      const risks = h.riskTypes ? (h.riskTypes.split(',') as RiskType[]) : [];
      const placed = [...(kinds.get(h.id) ?? [])].map((k) => ({ kind: k as MeasureKind, status: 'inProgress' as const }));
      const miss = coverage(rules, risks, placed).filter((c) => !c.covered).length;
      if (miss > 0) {
        withUncovered++;
        uncovered += miss;
      } else if (placed.length > 0 && !overdueHouseholds.has(h.id)) cleared++;
    }
    const overdueByStep: Partial<Record<WorkflowStep, number>> = {};
    for (const o of overdue) overdueByStep[o.step as WorkflowStep] = o.n;
    return {
      // the region the figures are of: a filter above the actor's region narrows to the actor's region
      regionCode: scope.regionCode, asOf,
      clueToVerification: distributionOfHistogram(histogram('verified')),
      clueToDecision: distributionOfHistogram(histogram('decided')),
      clueToFirstMeasure: distributionOfHistogram(histogram('measured')),
      openCases: open, overdueByStep, overdueTotal: overdue.reduce((s, o) => s + o.n, 0),
      monitoredHouseholds: monitored.length, householdsWithUncoveredRisk: withUncovered, uncoveredRisks: uncovered,
      dynamicClearance: monitored.length ? cleared / monitored.length : null,
    };
  }

  /**
   * The figures of each child region of `region` (provinces when omitted) inside the actor's scope that
   * has at least one case or monitored household, by code.
   */
  async childFigures(actor: Actor, region?: string): Promise<TimelinessRowDto[]> {
    const children = (await new RegionRepository(this.ctx.db).children(region ?? null)).filter((c) => inScope(actor.scope, c.code) || (actor.scope.regionCode ?? '').startsWith(c.code));
    const out: TimelinessRowDto[] = [];
    for (const c of children) {
      const f = await this.figures(actor, c.code);
      if (f.openCases === 0 && f.monitoredHouseholds === 0 && f.clueToDecision.n === 0) continue;
      out.push({ regionCode: c.code, name: c.name, figures: f });
    }
    return out;
  }
}

/** The figures of a region without cases or monitored households. */
function emptyFigures(regionCode: string | null, asOf: string): TimelinessDto {
  const none = distributionOfHistogram([]);
  return {
    regionCode, asOf, clueToVerification: none, clueToDecision: none, clueToFirstMeasure: none,
    openCases: 0, overdueByStep: {}, overdueTotal: 0, monitoredHouseholds: 0, householdsWithUncoveredRisk: 0, uncoveredRisks: 0, dynamicClearance: null,
  };
}
