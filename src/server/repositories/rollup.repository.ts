/**
 * Region figures: the aggregation of household-level tables (household, household_fact,
 * screening_result with its context) by a region level, and the stored rollups (region_rollup) kept for counties and
 * every level above. Figures are never computed from persons.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/connect';
import { HOUSEHOLD_LEVEL_COLUMN, levelOfCode, type Scope } from './scope';
import { MONITORED_CATEGORIES, RISK_TYPES } from '../../shared/enums';
import { flagOf } from '../domain/rules';

/** Metric rows: metric name, key ('' when none) and value (households or persons). */
export interface MetricRow {
  regionCode: string;
  metric: string;
  key: string;
  value: number;
}

/** Income bins relative to the threshold t: their keys, in order. */
export const INCOME_BINS = ['negative', 'below', 'near', 'middle', 'high', 'noData'] as const;

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export class RollupRepository {
  constructor(private readonly db: Db) {}

  /**
   * Aggregates households inside `scope` for `year`, grouped by the codes of `groupLevel`
   * ('county', 'township', 'village', …), into metric rows.
   * @param ruleIds the rule ids to count flags for
   */
  async aggregate(scope: Scope, year: number, groupLevel: keyof typeof HOUSEHOLD_LEVEL_COLUMN, ruleIds: readonly string[]): Promise<MetricRow[]> {
    const groupCol = sql.raw(`h.${snake(HOUSEHOLD_LEVEL_COLUMN[groupLevel])}`);
    const count = (cond: RawBuilder<unknown>) => sql<number>`sum(case when ${cond} then 1 else 0 end)`;
    const cols: [string, string, RawBuilder<number>][] = [
      ['households', '', sql<number>`count(*)`],
      ['persons', '', sql<number>`sum(h.member_count)`],
      ['lifted', '', count(sql`h.household_type = 'liftedOutOfPoverty'`)],
      ['monitored', '', count(sql`h.monitored_category is not null and h.risk_eliminated = 0`)],
      ['eliminated', '', count(sql`h.monitored_category is not null and h.risk_eliminated = 1`)],
      ['flagged', '', count(sql`r.flags <> 0`)],
      ['placeholder', '', count(sql`c.threshold_status = 'placeholder'`)],
      ...MONITORED_CATEGORIES.map((c): [string, string, RawBuilder<number>] => ['category', c, count(sql`h.monitored_category = ${c} and h.risk_eliminated = 0`)]),
      ...ruleIds.map((id): [string, string, RawBuilder<number>] => ['rule', id, count(sql`(r.flags & ${sql.lit(flagOf(id)!)}) <> 0`)]),
      ...RISK_TYPES.map((t): [string, string, RawBuilder<number>] => ['risk', t, count(sql`h.risk_types like ${`%${t}%`}`)]),
      ['income', 'noData', count(sql`f.per_capita_net_income_fen is null or c.threshold_fen is null`)],
      ['income', 'negative', count(sql`f.per_capita_net_income_fen < 0 and c.threshold_fen is not null`)],
      ['income', 'below', count(sql`f.per_capita_net_income_fen >= 0 and f.per_capita_net_income_fen < c.threshold_fen`)],
      ['income', 'near', count(sql`f.per_capita_net_income_fen >= c.threshold_fen and f.per_capita_net_income_fen * 2 < c.threshold_fen * 3`)],
      ['income', 'middle', count(sql`f.per_capita_net_income_fen * 2 >= c.threshold_fen * 3 and f.per_capita_net_income_fen < c.threshold_fen * 3`)],
      ['income', 'high', count(sql`f.per_capita_net_income_fen >= c.threshold_fen * 3`)],
    ];
    let q = this.db
      .selectFrom('household as h')
      .leftJoin('householdFact as f', (j) => j.onRef('f.householdId', '=', 'h.id').on('f.year', '=', year))
      .leftJoin('screeningResult as r', (j) => j.onRef('r.householdId', '=', 'h.id').on('r.year', '=', year))
      .leftJoin('screeningContext as c', 'c.id', 'r.contextId')
      .select(groupCol.as('code') as any)
      .select(cols.map(([, , expr], i) => expr.as(`m${i}`)) as any)
      .groupBy(groupCol as any);
    if (scope.regionCode !== null) {
      const col = sql.raw(`h.${snake(HOUSEHOLD_LEVEL_COLUMN[levelOfCode(scope.regionCode) as keyof typeof HOUSEHOLD_LEVEL_COLUMN])}`);
      q = q.where(sql<boolean>`${col} = ${scope.regionCode}`);
    }
    const rows = (await q.execute()) as Record<string, unknown>[];
    const out: MetricRow[] = [];
    for (const row of rows) {
      cols.forEach(([metric, key], i) => out.push({ regionCode: String(row.code), metric, key, value: Number(row[`m${i}`] ?? 0) }));
    }
    return out;
  }

  /** Replaces the stored rollups of the given regions for the year. */
  async replace(year: number, regionCodes: readonly string[], rows: readonly MetricRow[], updatedAt: string): Promise<void> {
    for (let i = 0; i < regionCodes.length; i += 500) {
      await this.db.deleteFrom('regionRollup').where('year', '=', year).where('regionCode', 'in', regionCodes.slice(i, i + 500)).execute();
    }
    const values = rows.map((r) => ({ ...r, year, updatedAt }));
    for (let i = 0; i < values.length; i += 1000) await this.db.insertInto('regionRollup').values(values.slice(i, i + 1000)).execute();
  }

  /** Stored rollups of regions for the year (a region code '' is the nation). */
  async read(year: number, regionCodes: readonly string[]): Promise<(MetricRow & { updatedAt: string })[]> {
    const out: (MetricRow & { updatedAt: string })[] = [];
    for (let i = 0; i < regionCodes.length; i += 500) {
      out.push(
        ...(await this.db
          .selectFrom('regionRollup')
          .select(['regionCode', 'metric', 'key', 'value', 'updatedAt'])
          .where('year', '=', year)
          .where('regionCode', 'in', regionCodes.slice(i, i + 500))
          .execute()),
      );
    }
    return out;
  }

  /** Stored county-level rollups of a year (6-digit codes), for summing up to higher levels. */
  readCounties(year: number): Promise<MetricRow[]> {
    return this.db
      .selectFrom('regionRollup')
      .select(['regionCode', 'metric', 'key', 'value'])
      .where('year', '=', year)
      .where(sql<boolean>`length(region_code) = 6`)
      .execute();
  }

  /** Codes of every region (other than counties) with rollups for the year. */
  async codesAboveCounty(year: number): Promise<string[]> {
    const rows = await this.db.selectFrom('regionRollup').select('regionCode').distinct().where('year', '=', year).where(sql<boolean>`length(region_code) <> 6`).execute();
    return rows.map((r) => r.regionCode);
  }
}
