/**
 * Screening use cases, set-based (issue 15): for a year and a region, the threshold of each county is
 * resolved once into a screening context (threshold, rule-set version, parameters), and one INSERT …
 * SELECT per county evaluates the SQL form of every rule over the stored facts of the household-years
 * whose inputs changed, writing only their flag bits, context, facts hash and run. A re-run on
 * unchanged inputs finds nothing to write. The rollups of the villages written are then refreshed.
 * Explanations are built on read from the facts and the rules (see presenters/household.presenter.ts).
 */
import { createHash } from 'node:crypto';
import { DEFAULT_RULE_PARAMETERS } from '../domain/rules/parameters';
import { RULESET_VERSION, SCREENING_RULES, type RuleParameters } from '../domain/rules';
import type { ResolvedThreshold } from '../domain/thresholds';
import { RollupRepository, type MetricRow } from '../repositories/rollup.repository';
import { ScreeningRepository, type NewContext } from '../repositories/screening.repository';

export { factsOfRow } from '../repositories/screening.repository';
import { NATIONAL_SCOPE, narrow, type Scope } from '../repositories/scope';
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
  /** household-years examined (mode 'changed': those whose facts changed) */
  households: number;
  /** results written because their inputs changed */
  changed: number;
  /** households flagged by at least one rule among those examined */
  flagged: number;
  usesPlaceholderThreshold: boolean;
  millis: number;
}

/**
 * The screening context of a county-year: the threshold resolved for it, the rule set and the
 * parameters, with the hash that identifies it (a re-run under an identical context writes nothing).
 */
export function contextOf(countyCode: string, year: number, t: ResolvedThreshold, params: RuleParameters, createdAt: string): NewContext {
  const parameters = JSON.stringify(params);
  const contextHash = createHash('sha256')
    .update(JSON.stringify([year, countyCode, RULESET_VERSION, parameters, t.valueFen, t.status, t.source, t.basis]))
    .digest('hex');
  return { year, countyCode, rulesetVersion: RULESET_VERSION, parameters, thresholdFen: t.valueFen, thresholdStatus: t.status, thresholdSource: t.source, thresholdBasis: t.basis, contextHash, createdAt };
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
   * Screens the households with facts for `year` inside `scope`: mode 'full' writes every household-year
   * whose facts or context (threshold, rule set, parameters) changed since its last screening, mode
   * 'changed' only those whose facts changed. One statement per county with work; then refreshes the
   * rollups of the counties written and of every level above.
   */
  async screen(opts: { scope?: Scope; year: number; mode?: 'full' | 'changed'; onProgress?: Progress }): Promise<ScreeningReport> {
    const scope = opts.scope ?? NATIONAL_SCOPE;
    const mode = opts.mode ?? 'full';
    const started = Date.now();
    const repo = new ScreeningRepository(this.ctx.db);
    const runId = await repo.startRun(opts.year, scope.regionCode ?? '', mode, nowIso(this.ctx.clock));
    let done = 0;
    let changed = 0;
    let counts = { households: 0, flagged: 0 };
    try {
      const counties = await repo.countiesWithFacts(scope, opts.year);
      const resolve = await this.thresholds.resolver();
      const createdAt = nowIso(this.ctx.clock);
      const contexts = counties.map((c) => contextOf(c, opts.year, resolve(c, opts.year), this.params, createdAt));
      const placeholder = contexts.some((c) => c.thresholdStatus === 'placeholder');
      const ids = await repo.contextIds(contexts);
      const contextIds = contexts.map((c) => ids.get(c.contextHash)!);
      const villages = await repo.villagesToScreen(scope, opts.year, contextIds, mode === 'changed');
      const perCounty = mode === 'full' ? await repo.countFactsByCounty(scope, opts.year) : new Map<string, { households: number; flagged: number }>();
      const total = [...perCounty.values()].reduce((a, c) => a + c.households, 0);
      const byCounty = new Map<string, string[]>();
      for (const v of villages) byCounty.set(v.slice(0, 6), [...(byCounty.get(v.slice(0, 6)) ?? []), v]);
      for (const county of byCounty.keys()) {
        // the county's part of the scope (or the scope itself when it is narrower than the county)
        const part = narrow(scope, county)!;
        changed += await repo.screen(part, opts.year, [ids.get(contexts[counties.indexOf(county)]!.contextHash)!], this.params, runId, mode === 'changed');
        done += mode === 'full' ? (perCounty.get(county)?.households ?? 0) : 0;
        if (mode === 'full') opts.onProgress?.(done, total);
        else opts.onProgress?.(changed, changed);
      }
      if (changed > 0) await this.rebuildRollups(opts.year, [...byCounty.keys()]);
      if (mode === 'full') {
        counts = changed > 0 ? await repo.countFacts(scope, opts.year) : { households: total, flagged: [...perCounty.values()].reduce((a, c) => a + c.flagged, 0) };
        opts.onProgress?.(counts.households, counts.households);
      } else {
        counts = changed > 0 ? await repo.countWritten(scope, opts.year, runId) : { households: 0, flagged: 0 };
      }
      await repo.finishRun(runId, { households: counts.households, changed, flagged: counts.flagged }, nowIso(this.ctx.clock), 'done');
      return { runId, year: opts.year, regionCode: scope.regionCode ?? '', mode, households: counts.households, changed, flagged: counts.flagged, usesPlaceholderThreshold: placeholder, millis: Date.now() - started };
    } catch (e) {
      await repo.finishRun(runId, { households: done, changed, flagged: counts.flagged }, nowIso(this.ctx.clock), 'failed');
      throw e;
    }
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
