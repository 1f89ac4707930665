/**
 * Three analyses beyond reporting (issue 10 item 6), all read-only:
 * (a) threshold what-if: another monitoring threshold or rule parameters for a region and year, and
 *     which households would enter or leave the flagged set, per township, with the cadre workload
 *     (the identification steps the procedure gives the village and township, data/workflow-rules.json,
 *     for every household entering); nothing is written (the rules' SQL form over the stored facts);
 * (b) clue triage feedback: per clue source (screening rule, department list, self-report, grassroots
 *     visit) and township, the share of clues that ended in enrolment;
 * (c) cross-level reconciliation: a county's figures now against what the levels above hold for it
 *     (its submitted report's snapshot, the latest province and national snapshots), every difference
 *     with the households changed since that snapshot was taken.
 */
import { SCREENING_RULES, ruleIdsOfFlags, type RuleParameters } from '../../domain/rules';
import { procedureFor } from '../../domain/workflow/procedure';
import { forbidden, validationError } from '../../errors';
import { AnalysisRepository } from '../../repositories/evaluation/analysis.repository';
import { IndicatorRepository } from '../../repositories/indicators/indicator.repository';
import { ReportingRepository } from '../../repositories/indicators/reporting.repository';
import { RegionRepository } from '../../repositories/region.repository';
import { ScreeningRepository } from '../../repositories/screening.repository';
import { inScope, narrow, NATIONAL_SCOPE } from '../../repositories/scope';
import { CASE_ORIGIN_ZH, WORKFLOW_STEP_ZH, type CaseOrigin } from '../../../shared/workflow';
import type { Actor } from '../actor';
import type { ServiceContext } from '../context';
import { IndicatorService } from '../indicators/indicator.service';
import { ScreeningService } from '../screening.service';
import { ThresholdService } from '../threshold.service';
import { readWorkflowRules } from '../workflow-files';

/** A household entering or leaving the flagged set under the what-if. */
export interface WhatIfHousehold {
  householdId: number;
  householdNo: string;
  townshipCode: string;
  villageCode: string;
  change: 'enter' | 'leave';
  rulesNow: string[];
  rulesThen: string[];
}

/** One township's what-if: households entering and leaving, and the grassroots steps the entering ones mean. */
export interface WhatIfTownship {
  townshipCode: string;
  townshipName: string;
  entering: number;
  leaving: number;
  /** entering × identification steps at village or township level (人次) */
  workload: number;
}

/**
 * A household behind a difference between levels: `rules` — flagged then (under the snapshot's threshold
 * and parameters, on today's facts) and now differ; `data` — its record or facts changed after the snapshot.
 */
export interface BehindHousehold {
  householdId: number;
  householdNo: string;
  villageCode: string;
  cause: 'rules' | 'data';
  rulesNow: string[];
  /** the rules that flagged it under the snapshot's context (null for data changes: not recomputable) */
  rulesThen: string[] | null;
}

const ruleLabel = (id: string) => `规则 ${id} ${SCREENING_RULES.find((r) => r.id === id)?.name ?? ''}`;

export class AnalysisService {
  private readonly indicators: IndicatorService;

  constructor(private readonly ctx: ServiceContext) {
    this.indicators = new IndicatorService(ctx);
  }

  private async names(codes: readonly string[]): Promise<Map<string, string>> {
    return new Map((await new RegionRepository(this.ctx.db).getMany([...new Set(codes)])).map((r) => [r.code, r.name]));
  }

  /**
   * What-if of a threshold (yuan per person and year; default each county's current one) and/or rule
   * parameters (percent, whole numbers) for the counties of `regionCode` (inside the actor's region) and
   * the year. Nothing is written.
   * @throws validation_error for a parameter out of range; forbidden for a region outside the actor's
   */
  async whatIf(actor: Actor, input: { regionCode?: string | null; year: number; thresholdYuan?: number; params?: Partial<RuleParameters> }) {
    const scope = narrow(actor.scope, input.regionCode ?? null);
    if (!scope) throw forbidden('只能模拟本人所在区域及其下级区域');
    const current = new ScreeningService(this.ctx).parameters();
    const issues = [];
    if (input.thresholdYuan !== undefined && !(Number.isInteger(input.thresholdYuan) && input.thresholdYuan > 0 && input.thresholdYuan < 100000)) issues.push({ field: 'thresholdYuan', message: '监测范围应为 1 至 99999 之间的整数(元/人·年)' });
    for (const [k, v] of Object.entries(input.params ?? {})) {
      if (!(k in current)) issues.push({ field: `params.${k}`, message: '未知参数' });
      else if (!(Number.isInteger(v) && v! >= 0 && v! <= 1000)) issues.push({ field: `params.${k}`, message: '应为 0 至 1000 之间的整数(百分比)' });
    }
    if (issues.length) throw validationError(issues, '模拟参数有误');
    const params: RuleParameters = { ...current, ...input.params } as RuleParameters;
    const resolve = await new ThresholdService(this.ctx).resolver();
    const counties = await new ScreeningRepository(this.ctx.db).countiesWithFacts(scope, input.year);
    const repo = new AnalysisRepository(this.ctx.db);
    const rules = readWorkflowRules();
    const households: WhatIfHousehold[] = [];
    const perTownship = new Map<string, { entering: number; leaving: number; steps: number }>();
    const thresholds: { countyCode: string; nowFen: number; thenFen: number }[] = [];
    for (const c of counties) {
      const now = resolve(c, input.year).valueFen;
      const then = input.thresholdYuan !== undefined ? input.thresholdYuan * 100 : now;
      thresholds.push({ countyCode: c, nowFen: now, thenFen: then });
      const proc = procedureFor(rules, c.slice(0, 2));
      const steps = rules.national.order.identification.filter((s) => proc.steps[s].levels[0] !== 'county').length;
      for (const r of await repo.whatIf(scope, c, input.year, then, params)) {
        const change = r.newFlags !== 0 ? 'enter' : 'leave';
        households.push({ householdId: r.householdId, householdNo: r.householdNo, townshipCode: r.townshipCode, villageCode: r.villageCode, change, rulesNow: ruleIdsOfFlags(r.oldFlags), rulesThen: ruleIdsOfFlags(r.newFlags) });
        const t = perTownship.get(r.townshipCode) ?? { entering: 0, leaving: 0, steps };
        if (change === 'enter') t.entering++;
        else t.leaving++;
        perTownship.set(r.townshipCode, t);
      }
    }
    const names = await this.names([...perTownship.keys()]);
    const townships: WhatIfTownship[] = [...perTownship].sort(([a], [b]) => a.localeCompare(b)).map(([code, t]) => ({ townshipCode: code, townshipName: names.get(code) ?? code, entering: t.entering, leaving: t.leaving, workload: t.entering * t.steps }));
    const grassrootsSteps = rules.national.order.identification.filter((s) => rules.national.steps[s].levels[0] !== 'county').map((s) => WORKFLOW_STEP_ZH[s]);
    return {
      year: input.year, params, thresholds, grassrootsSteps, townships, households,
      totals: { entering: households.filter((h) => h.change === 'enter').length, leaving: households.filter((h) => h.change === 'leave').length, workload: townships.reduce((a, t) => a + t.workload, 0) },
      written: false as const,
    };
  }

  /**
   * Clue outcomes of a county (inside the actor's region) for a year, per source and township, with the
   * share ended in enrolment (null when there was no clue).
   */
  async triage(actor: Actor, input: { countyCode: string; year: number }) {
    if (!inScope(actor.scope, input.countyCode) && !(actor.scope.regionCode ?? '').startsWith(input.countyCode)) throw forbidden('只能查看本人所在区域的线索');
    const rows = await new AnalysisRepository(this.ctx.db).clueOutcomes(actor.scope, input.countyCode, input.year);
    const names = await this.names(rows.map((r) => r.townshipCode));
    const label = (s: string) => {
      const [kind, rest] = [s.slice(0, s.indexOf(':')), s.slice(s.indexOf(':') + 1)];
      if (kind === 'rule') return `筛查${ruleLabel(rest)}`;
      if (kind === 'department') return `部门名单:${rest}`;
      return CASE_ORIGIN_ZH[rest as CaseOrigin] ?? rest;
    };
    const share = (e: number, n: number) => (n ? Math.round((e / n) * 10000) / 100 : null);
    const lines = rows.map((r) => ({ ...r, sourceLabel: label(r.source), townshipName: names.get(r.townshipCode) ?? r.townshipCode, enrolledPercent: share(r.enrolled, r.clues) }));
    const bySource = new Map<string, { source: string; sourceLabel: string; clues: number; enrolled: number; open: number }>();
    for (const l of lines) {
      const s = bySource.get(l.source) ?? { source: l.source, sourceLabel: l.sourceLabel, clues: 0, enrolled: 0, open: 0 };
      s.clues += l.clues;
      s.enrolled += l.enrolled;
      s.open += l.open;
      bySource.set(l.source, s);
    }
    return { countyCode: input.countyCode, year: input.year, lines, sources: [...bySource.values()].map((s) => ({ ...s, enrolledPercent: share(s.enrolled, s.clues) })) };
  }

  /**
   * A county's figures now against what the levels above hold for it: the snapshot of its submitted
   * report of the period, and the latest snapshots taken by its province and by the nation that include
   * it. Every indicator whose value differs is listed, with the households changed since that snapshot.
   */
  async reconcile(actor: Actor, input: { countyCode: string; setId: string; period: string }) {
    if (!inScope(actor.scope, input.countyCode)) throw forbidden('只能核对本人所在区域的县');
    const year = this.indicators.checkPeriod(this.indicators.set(input.setId), input.period).year;
    const live = (await this.indicators.compute(NATIONAL_SCOPE, input.setId, input.period, input.countyCode)).filter((v) => v.regionCode === input.countyCode);
    const named = await this.indicators.named(input.setId, live);
    const repo = new IndicatorRepository(this.ctx.db);
    const holders: { holder: string; label: string; snapshotId: number; takenAt: string }[] = [];
    const period = await new ReportingRepository(this.ctx.db).getPeriodBy(input.setId, input.period);
    const sub = period ? await new ReportingRepository(this.ctx.db).submission(NATIONAL_SCOPE, period.id, input.countyCode) : undefined;
    const snaps = await repo.listSnapshots(NATIONAL_SCOPE, input.setId, input.period);
    if (sub?.snapshotId) {
      const s = snaps.find((x) => x.id === sub.snapshotId);
      if (s) holders.push({ holder: 'report', label: `县级报送(${sub.state})`, snapshotId: s.id, takenAt: s.takenAt });
    }
    const province = snaps.find((s) => s.scopeCode === input.countyCode.slice(0, 2) || s.scopeCode === input.countyCode.slice(0, 4));
    if (province) holders.push({ holder: 'province', label: `省市快照 #${province.id}`, snapshotId: province.id, takenAt: province.takenAt });
    const nation = snaps.find((s) => s.scopeCode === '');
    if (nation) holders.push({ holder: 'national', label: `国家快照 #${nation.id}`, snapshotId: nation.id, takenAt: nation.takenAt });
    const analysis = new AnalysisRepository(this.ctx.db);
    const out = [];
    for (const h of holders) {
      const held = new Map((await repo.values(NATIONAL_SCOPE, h.snapshotId, [input.countyCode])).map((v) => [v.indicatorId, v.value]));
      const differences = named
        .filter((v) => held.has(v.indicatorId) && held.get(v.indicatorId) !== v.value)
        .map((v) => ({ indicatorId: v.indicatorId, indicatorName: v.indicatorName, unit: v.unit, now: v.value, held: held.get(v.indicatorId) ?? null }));
      const households: BehindHousehold[] = [];
      if (differences.length) {
        // flagged then and now differ under the snapshot's threshold and parameters: the rules changed
        const snap = snaps.find((x) => x.id === h.snapshotId)!;
        const ctx = JSON.parse(snap.ruleParameters) as { parameters?: RuleParameters; thresholds?: Record<string, { fen: number }> };
        const then = ctx.thresholds?.[input.countyCode]?.fen;
        if (then !== undefined && ctx.parameters) {
          for (const r of await analysis.whatIf(actor.scope, input.countyCode, year, then, ctx.parameters)) {
            households.push({ householdId: r.householdId, householdNo: r.householdNo, villageCode: r.villageCode, cause: 'rules', rulesNow: ruleIdsOfFlags(r.oldFlags), rulesThen: ruleIdsOfFlags(r.newFlags) });
          }
        }
        // the household's record or facts changed after the snapshot: the data changed
        for (const x of await analysis.changedSince(actor.scope, input.countyCode, year, h.takenAt)) {
          if (!households.some((y) => y.householdId === x.householdId)) households.push({ householdId: x.householdId, householdNo: x.householdNo, villageCode: x.villageCode, cause: 'data', rulesNow: x.flags === null ? [] : ruleIdsOfFlags(x.flags), rulesThen: null });
        }
      }
      out.push({ ...h, differences, households });
    }
    return { countyCode: input.countyCode, period: input.period, now: named, holders: out };
  }
}
