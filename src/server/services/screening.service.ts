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

  /** Years (ascending) for which household facts exist, i.e. years with income data that can be screened. */
  async yearsWithData(): Promise<number[]> {
    return new ScreeningRepository(this.ctx.db).years();
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
    const onlyChangedFacts = mode === 'changed';
    const started = Date.now();
    const repo = new ScreeningRepository(this.ctx.db);
    const runId = await repo.startRun(opts.year, scope.regionCode ?? '', mode, nowIso(this.ctx.clock));
    let changed = 0;
    let counts = { households: 0, flagged: 0 };
    try {
      const counties = await repo.countiesWithFacts(scope, opts.year);
      const resolve = await this.thresholds.resolver();
      const createdAt = nowIso(this.ctx.clock);
      const contexts = new Map(counties.map((c) => [c, contextOf(c, opts.year, resolve(c, opts.year), this.params, createdAt)]));
      const placeholder = [...contexts.values()].some((c) => c.thresholdStatus === 'placeholder');
      const ids = await repo.contextIds([...contexts.values()]);
      const current = new Map([...contexts].map(([c, ctx]) => [c, { id: ids.get(ctx.contextHash)!, thresholdFen: ctx.thresholdFen }]));
      // one scan: per county, its household-years, flagged ones and those to (re)screen
      const perCounty = await repo.countByCounty(scope, opts.year, [...current.values()].map((c) => c.id), onlyChangedFacts);
      const total = [...perCounty.values()].reduce((a, c) => a + c.households, 0);
      const written: string[] = [];
      let done = 0;
      for (const [county, c] of perCounty) {
        if (c.todo > 0) {
          // the county's part of the scope (or the scope itself when it is narrower than the county)
          changed += await repo.screenCounty(narrow(scope, county)!, opts.year, county, current.get(county)!, this.params, runId, onlyChangedFacts);
          written.push(county);
        }
        done += c.households;
        if (c.todo > 0) opts.onProgress?.(done, total);
      }
      if (written.length) await this.rebuildRollups(opts.year, written);
      if (mode === 'full') counts = written.length ? await repo.countFacts(scope, opts.year) : { households: total, flagged: [...perCounty.values()].reduce((a, c) => a + c.flagged, 0) };
      else counts = written.length ? await repo.countWritten(scope, opts.year, runId) : { households: 0, flagged: 0 };
      opts.onProgress?.(total, total);
      await repo.finishRun(runId, { households: counts.households, changed, flagged: counts.flagged }, nowIso(this.ctx.clock), 'done');
      return { runId, year: opts.year, regionCode: scope.regionCode ?? '', mode, households: counts.households, changed, flagged: counts.flagged, usesPlaceholderThreshold: placeholder, millis: Date.now() - started };
    } catch (e) {
      await repo.finishRun(runId, { households: counts.households, changed, flagged: counts.flagged }, nowIso(this.ctx.clock), 'failed');
      throw e;
    }
  }

  /** Years with facts but no screening result at all (after an upgrade, or a load that did not screen). */
  unscreenedYears(): Promise<number[]> {
    return new ScreeningRepository(this.ctx.db).unscreenedYears();
  }

  /**
   * Rebuilds the rollups of `countyCodes` for the year — each county with its townships and villages,
   * from one aggregation of its households by village — then the prefecture, province and national
   * rollups from all county rollups of the year (national key ''), in one transaction.
   */
  async rebuildRollups(year: number, countyCodes: readonly string[]): Promise<void> {
    const ruleIds = SCREENING_RULES.map((r) => r.id);
    await this.ctx.db.transaction().execute(async (trx) => {
      const rollups = new RollupRepository(trx);
      const updatedAt = nowIso(this.ctx.clock);
      for (let i = 0; i < countyCodes.length; i += 20) {
        const part = countyCodes.slice(i, i + 20);
        const figures = await rollups.villageFigures(part, year, ruleIds);
        // townships and counties: the sums of their villages' vectors
        const sums = new Map<string, number[]>();
        for (const [village, values] of figures.byRegion) {
          for (const code of [village.slice(0, 9), village.slice(0, 6)]) {
            const acc = sums.get(code);
            if (acc) for (let k = 0; k < values.length; k++) acc[k]! += values[k]!;
            else sums.set(code, [...values]);
          }
        }
        for (const [code, values] of sums) figures.byRegion.set(code, values);
        await rollups.replaceCounties(year, part, figures, updatedAt);
      }
      const sums = sumUp(await rollups.readCounties(year), (code) => [code.slice(0, 4), code.slice(0, 2), '']);
      const codes = new Set([...(await rollups.codesAboveCounty(year)), ...sums.map((r) => r.regionCode)]);
      await rollups.replace(year, [...codes], sums, updatedAt);
    });
    // a request between the writes and the commit (PostgreSQL) may have cached the figures before them
    new RollupRepository(this.ctx.db).forget(year);
  }
}

/** Sums metric rows into the regions each row's code belongs to (`parents` of its code), by metric and key. */
function sumUp(rows: readonly MetricRow[], parents: (code: string) => string[]): MetricRow[] {
  const sums = new Map<string, MetricRow>();
  for (const r of rows) {
    for (const code of parents(r.regionCode)) {
      const k = `${code}|${r.metric}|${r.key}`;
      const cur = sums.get(k);
      if (cur) cur.value += r.value;
      else sums.set(k, { regionCode: code, metric: r.metric, key: r.key, value: r.value });
    }
  }
  return [...sums.values()];
}
