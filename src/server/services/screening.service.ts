/**
 * Screening use cases: running the rule set over the registry or one region for a year (in pages, with
 * progress), incrementally over households whose facts changed, and keeping the region rollups in step
 * with the results. A result stores the rule versions and an input hash (facts + threshold + rule set +
 * parameters): a re-run on unchanged inputs writes nothing.
 */
import { createHash } from 'node:crypto';
import type { HouseholdFacts } from '../domain/facts';
import { DEFAULT_RULE_PARAMETERS } from '../domain/rules/parameters';
import { RULESET_VERSION, SCREENING_RULES, screenHousehold, type RuleParameters } from '../domain/rules';
import type { IncomeIssue } from '../domain/income';
import { RollupRepository, type MetricRow } from '../repositories/rollup.repository';
import { ScreeningRepository, type FactRow, type ResultRow } from '../repositories/screening.repository';
import { NATIONAL_SCOPE, type Scope } from '../repositories/scope';
import { nowIso, type ServiceContext } from './context';
import { ThresholdService } from './threshold.service';

/** Progress callback: households done so far and the total to do. */
export type Progress = (done: number, total: number) => void;

/** Counts of a screening run. */
export interface ScreeningReport {
  runId: number;
  year: number;
  regionCode: string;
  mode: 'full' | 'changed';
  /** household-years examined */
  households: number;
  /** results written because their inputs changed */
  changed: number;
  /** households flagged by at least one rule among those examined */
  flagged: number;
  usesPlaceholderThreshold: boolean;
  millis: number;
}

const PAGE = 2000;

/** Facts row (database) → domain facts. */
export function factsOfRow(r: FactRow): HouseholdFacts {
  return {
    year: r.year,
    memberCount: r.memberCount,
    labourCount: r.labourCount,
    netIncomeFen: r.netIncomeFen,
    perCapitaNetIncomeFen: r.perCapitaNetIncomeFen,
    incomeIssue: r.incomeIssue as IncomeIssue | null,
    prevPerCapitaNetIncomeFen: r.prevPerCapitaNetIncomeFen,
    compliantOutOfPocketFen: r.compliantOutOfPocketFen,
    childrenOutOfSchool: r.childrenOutOfSchool,
    membersWithoutMedicalInsurance: r.membersWithoutMedicalInsurance,
    housingSafe: r.housingSafe === 1,
    safeDrinkingWater: r.safeDrinkingWater === 1,
    seriousIllnessMembers: r.seriousIllnessMembers,
    disabledMembers: r.disabledMembers,
  };
}

export class ScreeningService {
  private readonly params: RuleParameters;
  private readonly thresholds: ThresholdService;

  constructor(private readonly ctx: ServiceContext) {
    const p = ctx.config.ruleParameters;
    this.params = {
      nearThresholdMarginPercent: p.nearThresholdMarginPercent ?? DEFAULT_RULE_PARAMETERS.nearThresholdMarginPercent,
      largeFallPercent: p.largeFallPercent ?? DEFAULT_RULE_PARAMETERS.largeFallPercent,
      medicalSpendingSharePercent: p.medicalSpendingSharePercent ?? DEFAULT_RULE_PARAMETERS.medicalSpendingSharePercent,
    };
    this.thresholds = new ThresholdService(ctx);
  }

  /** The parameters in force. */
  parameters(): RuleParameters {
    return { ...this.params };
  }

  /**
   * Screens every household with facts for `year` inside `scope` (mode 'full'), or only those whose
   * facts changed since their last screening (mode 'changed'); then rebuilds the rollups of the
   * counties examined and of every level above. Pages of 2,000 households, one transaction each.
   */
  /** Years (ascending) for which household facts exist, i.e. years with income data that can be screened. */
  async yearsWithData(): Promise<number[]> {
    return new ScreeningRepository(this.ctx.db).years();
  }

  async screen(opts: { scope?: Scope; year: number; mode?: 'full' | 'changed'; onProgress?: Progress }): Promise<ScreeningReport> {
    const scope = opts.scope ?? NATIONAL_SCOPE;
    const mode = opts.mode ?? 'full';
    const started = Date.now();
    const repo = new ScreeningRepository(this.ctx.db);
    const runId = await repo.startRun(opts.year, scope.regionCode ?? '', mode, nowIso(this.ctx.clock));
    const total = await repo.countFacts(scope, opts.year);
    const resolve = await this.thresholds.resolver();
    let done = 0;
    let changed = 0;
    let flagged = 0;
    let placeholder = false;
    const counties = new Set<string>();
    let afterId = 0;
    try {
      for (;;) {
        const page = await repo.pageToScreen(scope, opts.year, afterId, PAGE, mode === 'changed');
        if (page.length === 0) break;
        afterId = page[page.length - 1]!.householdId;
        const results: ResultRow[] = [];
        const screenedAt = nowIso(this.ctx.clock);
        for (const row of page) {
          counties.add(row.countyCode);
          const threshold = resolve(row.countyCode, opts.year);
          if (threshold.status === 'placeholder') placeholder = true;
          const inputHash = createHash('sha256')
            .update(`${row.factsHash}|${threshold.valueFen}|${threshold.status}|${threshold.source}|${RULESET_VERSION}|${JSON.stringify(this.params)}`)
            .digest('hex');
          if (inputHash === row.storedHash) {
            // same facts, threshold, rules and parameters: the stored verdicts stand
            if (row.storedFlaggedRules) flagged++;
            continue;
          }
          const verdicts = screenHousehold(factsOfRow(row), { threshold, params: this.params });
          const flaggedRules = verdicts.filter((v) => v.verdict.outcome === 'flagged');
          if (flaggedRules.length) flagged++;
          results.push({
            householdId: row.householdId,
            year: opts.year,
            countyCode: row.countyCode,
            inputHash,
            factsHash: row.factsHash,
            rulesetVersion: RULESET_VERSION,
            verdicts: JSON.stringify(verdicts),
            flaggedRules: flaggedRules.map((v) => v.ruleId).join(','),
            flaggedRiskTypes: [...new Set(flaggedRules.flatMap((v) => v.verdict.riskTypes))].join(','),
            thresholdFen: threshold.valueFen,
            usesPlaceholder: verdicts.some((v) => v.verdict.usesPlaceholderThreshold) ? 1 : 0,
            screenedAt,
          });
        }
        if (results.length) await this.ctx.db.transaction().execute((trx) => new ScreeningRepository(trx).writeResults(results));
        changed += results.length;
        done += page.length;
        opts.onProgress?.(done, total);
      }
      if (changed > 0 || mode === 'full') await this.rebuildRollups(opts.year, [...counties]);
      await repo.finishRun(runId, { households: done, changed, flagged }, nowIso(this.ctx.clock), 'done');
    } catch (e) {
      await repo.finishRun(runId, { households: done, changed, flagged }, nowIso(this.ctx.clock), 'failed');
      throw e;
    }
    return { runId, year: opts.year, regionCode: scope.regionCode ?? '', mode, households: done, changed, flagged, usesPlaceholderThreshold: placeholder, millis: Date.now() - started };
  }

  /**
   * Rebuilds the county rollups of `countyCodes` for the year from the household-level tables, then the
   * prefecture, province and national rollups from all county rollups of the year (national key ''),
   * in one transaction.
   */
  async rebuildRollups(year: number, countyCodes: readonly string[]): Promise<void> {
    const ruleIds = SCREENING_RULES.map((r) => r.id);
    await this.ctx.db.transaction().execute(async (trx) => {
      const rollups = new RollupRepository(trx);
      const updatedAt = nowIso(this.ctx.clock);
      for (let i = 0; i < countyCodes.length; i += 50) {
        const part = countyCodes.slice(i, i + 50);
        const rows: MetricRow[] = [];
        for (const code of part) rows.push(...(await rollups.aggregate({ regionCode: code }, year, 'county', ruleIds)));
        await rollups.replace(year, part, rows, updatedAt);
      }
      const countyRows = await rollups.readCounties(year);
      const sums = new Map<string, MetricRow>();
      for (const r of countyRows) {
        for (const code of [r.regionCode.slice(0, 4), r.regionCode.slice(0, 2), '']) {
          const k = `${code}|${r.metric}|${r.key}`;
          const cur = sums.get(k);
          if (cur) cur.value += r.value;
          else sums.set(k, { regionCode: code, metric: r.metric, key: r.key, value: r.value });
        }
      }
      const codes = new Set([...(await rollups.codesAboveCounty(year)), ...[...sums.values()].map((r) => r.regionCode)]);
      await rollups.replace(year, [...codes], [...sums.values()], updatedAt);
    });
  }
}
