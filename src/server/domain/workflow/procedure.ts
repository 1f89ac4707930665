/**
 * The procedure as data: steps, who may perform each (village, township, county level), the time allowed
 * for each, the minimum notice period, the total from clue to decision and the elimination minimum. Read
 * from data/workflow-rules.json (every entry with its source; national values with province overrides).
 * Source of the steps: 中农组发〔2021〕7号 (入户核实 with 承诺授权 → 信息比对 → 民主评议 → 公示 ≥ 5 days →
 * 乡镇审核 → 县级审定 → 结果公告), summarised in ../shared/formats/national-system-exports.md.
 */
import { z } from 'zod';
import type { RegionLevel } from '../../../shared/enums';
import { WORKFLOW_STEPS, type WorkflowStep } from '../../../shared/workflow';
import { dayNumber, isoOfDay, type DayUnit, type WorkCalendar } from './calendar';
import { PROCEDURE_ORDER } from './state-machine';
import { dueOf, mayAct, resolveProcedure } from '../procedure/engine';
import { monitoringDefinition } from '../procedure/monitoring';
import { noticePeriod } from '../notice/notice';

const unit = z.enum(['calendar', 'working']);
const limit = z.object({ days: z.number().int().min(0).max(90), unit, from: z.enum(['clue', 'previous']) });
const level = z.enum(['village', 'township', 'county']);
const stepRule = z.object({ levels: z.array(level).min(1), limit, source: z.string().min(1) });
const stepOverride = z.object({ levels: z.array(level).min(1).optional(), limit: limit.optional(), source: z.string().min(1) });
const national = z.object({
  source: z.string().min(1),
  /** the order of the steps per kind of case; must match the state machine (PROCEDURE_ORDER) */
  order: z.object({ identification: z.array(z.enum(WORKFLOW_STEPS)), elimination: z.array(z.enum(WORKFLOW_STEPS)), source: z.string().min(1) }),
  steps: z.object(Object.fromEntries(WORKFLOW_STEPS.map((s) => [s, stepRule])) as Record<WorkflowStep, typeof stepRule>),
  noticeMinDays: z.object({ days: z.number().int().min(1), unit, source: z.string().min(1) }),
  clueToDecision: z.object({ days: z.number().int().min(1), unit, noticePausesClock: z.boolean(), source: z.string().min(1) }),
  firstMeasure: z.object({ days: z.number().int().min(1), unit, source: z.string().min(1) }),
  eliminationMinMonths: z.object({ months: z.number().int().min(0), source: z.string().min(1) }),
});
const province = z.object({
  source: z.string().min(1),
  steps: z.object(Object.fromEntries(WORKFLOW_STEPS.map((s) => [s, stepOverride.optional()])) as Record<WorkflowStep, z.ZodOptional<typeof stepOverride>>).optional(),
  noticeMinDays: national.shape.noticeMinDays.optional(),
  clueToDecision: national.shape.clueToDecision.optional(),
  firstMeasure: national.shape.firstMeasure.optional(),
  eliminationMinMonths: national.shape.eliminationMinMonths.optional(),
});
/**
 * Shape of data/workflow-rules.json. The order of the steps is national (a province cannot reorder
 * them) and must be the one the state machine enforces: a file that says otherwise is refused, so that
 * the data and the code cannot drift apart.
 */
export const workflowRulesFile = z
  .object({ national, provinces: z.record(z.string().regex(/^\d{2}$/), province).default({}) })
  .superRefine((f, ctx) => {
    for (const kind of ['identification', 'elimination'] as const) {
      if (f.national.order[kind].join('>') !== PROCEDURE_ORDER[kind].join('>')) {
        ctx.addIssue({ code: 'custom', path: ['national', 'order', kind], message: `步骤顺序应为 ${PROCEDURE_ORDER[kind].join(' → ')}(与状态机一致)` });
      }
    }
  });
export type WorkflowRulesFile = z.infer<typeof workflowRulesFile>;

/** The rule of one step in force in a province. */
export interface StepRule {
  levels: ('village' | 'township' | 'county')[];
  limit: { days: number; unit: DayUnit; from: 'clue' | 'previous' };
  source: string;
}
/** The whole procedure in force in one province. */
export interface Procedure {
  provinceCode: string;
  steps: Record<WorkflowStep, StepRule>;
  noticeMinDays: { days: number; unit: DayUnit; source: string };
  clueToDecision: { days: number; unit: DayUnit; noticePausesClock: boolean; source: string };
  firstMeasure: { days: number; unit: DayUnit; source: string };
  eliminationMinMonths: { months: number; source: string };
}

/**
 * The procedure of a province: national entries, each replaced by the province's entry where it has one.
 * The steps are resolved by the procedure engine (domain/procedure: the same override rule as every other
 * procedure) from the two monitoring definitions built out of this file.
 */
export function procedureFor(rules: WorkflowRulesFile, provinceCode: string): Procedure {
  const p = rules.provinces[provinceCode];
  const steps = {} as Record<WorkflowStep, StepRule>;
  for (const kind of ['identification', 'elimination'] as const) {
    for (const s of resolveProcedure(monitoringDefinition(rules, kind), provinceCode).steps) {
      const l = s.limit!;
      steps[s.id as WorkflowStep] = { levels: s.levels as StepRule['levels'], limit: { days: l.days, unit: l.unit, from: l.from === 'start' ? 'clue' : 'previous' }, source: s.source };
    }
  }
  return {
    provinceCode,
    steps,
    noticeMinDays: p?.noticeMinDays ?? rules.national.noticeMinDays,
    clueToDecision: p?.clueToDecision ?? rules.national.clueToDecision,
    firstMeasure: p?.firstMeasure ?? rules.national.firstMeasure,
    eliminationMinMonths: p?.eliminationMinMonths ?? rules.national.eliminationMinMonths,
  };
}

/**
 * Whether an actor of `actorLevel` may perform a step: the step's levels (village, township, county).
 * The national system operator (level `national` with the admin role) may record any step on behalf of
 * the level concerned (补录); the record names the operator. Province and prefecture staff may not.
 */
export function mayPerform(rule: StepRule, actorLevel: RegionLevel, isAdmin: boolean): boolean {
  return mayAct({ levels: rule.levels, roles: [] }, actorLevel, [], isAdmin);
}

/**
 * The due date of a step: the step's allowance counted from the clue date or from the date the previous
 * step was performed, in the rule's unit on the working-day calendar.
 */
export function stepDue(proc: Procedure, cal: WorkCalendar, step: WorkflowStep, clueDate: string, previousOn: string): { date: string; provisional: boolean } {
  const r = proc.steps[step].limit;
  return dueOf({ days: r.days, unit: r.unit, from: r.from === 'clue' ? 'start' : 'previous' }, cal, clueDate, previousOn)!;
}

/**
 * The last day of a notice posted on `postedOn` for `days` days in the rule's unit: the posting day
 * counts as the first day (calendar: posted 03-01 for 5 days runs 03-01 … 03-05). It may be closed from
 * the next day on. The notice module's rule (domain/notice: noticePeriod).
 */
export function noticeEndsOn(cal: WorkCalendar, postedOn: string, days: number, u: DayUnit): string {
  const p = noticePeriod({ minDays: null, unit: u, source: '' }, cal, postedOn, days);
  if ('refused' in p) throw new RangeError(p.refused);
  return p.endsOn;
}

/** A span of days (inclusive) during which the clock stands still: the notice period when the rule says so. */
export interface Pause {
  from: string;
  to: string;
}

/**
 * The decision due date (clue → county approval): the allowance counted day by day from the day after
 * the clue, in the rule's unit; when the rule says the notice period stops the clock, the days of the
 * notice (`pause`, inclusive) are not counted.
 */
export function decisionDue(proc: Procedure, cal: WorkCalendar, clueDate: string, pause: Pause | null): { date: string; provisional: boolean } {
  const r = proc.clueToDecision;
  const skip = r.noticePausesClock ? pause : null;
  let d = dayNumber(clueDate);
  let left = r.days;
  let provisional = false;
  while (left > 0) {
    d++;
    const day = isoOfDay(d);
    if (skip && day >= skip.from && day <= skip.to) continue;
    if (r.unit === 'working') {
      if (!cal.covers(day)) provisional = true;
      if (!cal.isWorkingDay(day)) continue;
    }
    left--;
  }
  return { date: isoOfDay(d), provisional };
}

/** Days on the clock from `from` to `to` in the rule's unit, not counting the days of `pause` when the rule stops the clock. */
export function clockDays(proc: Procedure, cal: WorkCalendar, from: string, to: string, pause: Pause | null): number {
  const r = proc.clueToDecision;
  const skip = r.noticePausesClock ? pause : null;
  let n = 0;
  for (let d = dayNumber(from) + 1; d <= dayNumber(to); d++) {
    const day = isoOfDay(d);
    if (skip && day >= skip.from && day <= skip.to) continue;
    if (r.unit === 'working' && !cal.isWorkingDay(day)) continue;
    n++;
  }
  return n;
}
