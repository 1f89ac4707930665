/**
 * Household facts (户级事实), screening contexts, results and runs: all their SQL, under a Scope.
 * Screening is set-based (issue 15): one INSERT … SELECT per year and region evaluates the SQL form of
 * every rule over the stored facts and writes the flag bits of the household-years whose inputs changed.
 */
import { sql, type Insertable, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import type { Db } from '../db/connect';
import { bulkRows } from '../db/bulk';
import type { HouseholdFactTable, ScreeningContextTable } from '../db/schema';
import type { HouseholdFacts } from '../domain/facts';
import type { IncomeIssue } from '../domain/income';
import { flagsExpression, ruleIdsOfFlags, type FactColumn, type RuleParameters } from '../domain/rules';
import { levelOfCode, type Scope } from './scope';

export type FactRow = HouseholdFactTable;
export type ContextRow = Omit<ScreeningContextTable, 'id'> & { id: number };
export type NewContext = Omit<Insertable<ScreeningContextTable>, 'id'>;

/**
 * The screening of one household-year as read back: the stored flag bits with the rule ids they stand
 * for (comma-separated, rule-set order; '' when none), the context it was computed under and when.
 */
export interface ScreeningOutcome {
  householdId: number;
  year: number;
  flags: number;
  /** comma-separated rule ids of the flags, e.g. `R01,R03` */
  flaggedRules: string;
  factsHash: string;
  runId: number;
  /** ISO timestamp: the start of the run that wrote it */
  screenedAt: string;
  context: ContextRow;
}

/** Facts row (database) → domain facts (money as numbers: PostgreSQL's bigint arrives as a number, see connect.ts). */
export function factsOfRow(r: FactRow): HouseholdFacts {
  const num = (v: number | null) => (v === null ? null : Number(v));
  return {
    year: r.year,
    memberCount: r.memberCount,
    labourCount: r.labourCount,
    netIncomeFen: num(r.netIncomeFen),
    perCapitaNetIncomeFen: num(r.perCapitaNetIncomeFen),
    incomeIssue: r.incomeIssue as IncomeIssue | null,
    prevPerCapitaNetIncomeFen: num(r.prevPerCapitaNetIncomeFen),
    compliantOutOfPocketFen: Number(r.compliantOutOfPocketFen),
    childrenOutOfSchool: r.childrenOutOfSchool,
    membersWithoutMedicalInsurance: r.membersWithoutMedicalInsurance,
    housingSafe: r.housingSafe === 1,
    safeDrinkingWater: r.safeDrinkingWater === 1,
    seriousIllnessMembers: r.seriousIllnessMembers,
    disabledMembers: r.disabledMembers,
  };
}

/** Applies a scope to a query over a table with county_code and village_code (alias `a`). */
function scopedByCodes<Q extends SelectQueryBuilder<any, any, any>>(q: Q, scope: Scope, alias: string): Q {
  if (scope.regionCode === null) return q;
  const level = levelOfCode(scope.regionCode);
  if (level === 'county') return q.where(`${alias}.countyCode`, '=', scope.regionCode) as Q;
  if (level === 'village') return q.where(`${alias}.villageCode`, '=', scope.regionCode) as Q;
  if (level === 'township') return q.where(`${alias}.villageCode`, 'like', `${scope.regionCode}%`) as Q;
  return q.where(`${alias}.countyCode`, 'like', `${scope.regionCode}%`) as Q;
}

/**
 * A facts row to (re)screen: never screened, facts changed since (the hash it was screened with differs),
 * or `otherContext` (a condition on context_id) holds.
 */
function todoCondition(otherContext: RawBuilder<unknown> | null): RawBuilder<boolean> {
  return sql<boolean>`(screened_facts_hash is null or screened_facts_hash <> facts_hash${otherContext ? sql` or ${otherContext}` : sql``})`;
}

export class ScreeningRepository {
  constructor(private readonly db: Db) {}

  /** Inserts or replaces facts of household-years. */
  async upsertFacts(rows: readonly FactRow[]): Promise<void> {
    if (!rows.length) return;
    const keys = Object.keys(rows[0]!).filter((k) => k !== 'householdId' && k !== 'year') as (keyof FactRow)[];
    // 20 columns a row: 1,500 rows stay under SQLite's 32,766 bound parameters
    for (let i = 0; i < rows.length; i += 1500) {
      await this.db
        .insertInto('householdFact')
        .values(rows.slice(i, i + 1500))
        .onConflict((oc) => oc.columns(['householdId', 'year']).doUpdateSet((eb) => Object.fromEntries(keys.map((k) => [k, eb.ref(`excluded.${k}` as any)]))))
        .execute();
    }
  }

  /** Inserts the facts of new household-years in bulk (db/bulk.ts). */
  async bulkInsertFacts(rows: readonly FactRow[]): Promise<void> {
    await bulkRows(this.db, 'household_fact', rows);
  }

  /** Facts of one household, all years, inside the scope. */
  factsOf(scope: Scope, householdId: number): Promise<FactRow[]> {
    return scopedByCodes(this.db.selectFrom('householdFact as a').selectAll('a').where('a.householdId', '=', householdId), scope, 'a').orderBy('a.year').execute();
  }

  /** Number of household-years with facts inside the scope, and how many of them are flagged by at least one rule. */
  async countFacts(scope: Scope, year: number): Promise<{ households: number; flagged: number }> {
    let households = 0;
    let flagged = 0;
    for (const c of (await this.countByCounty(scope, year, null, false)).values()) {
      households += c.households;
      flagged += c.flagged;
    }
    return { households, flagged };
  }

  /**
   * Per county (6-digit code) inside the scope, in one scan of the year's facts: household-years, how
   * many are flagged, and how many are to (re)screen — never screened, facts changed since, or (when
   * `currentContextIds` is given and `onlyChangedFacts` is false) screened under a context that is no
   * longer current.
   */
  async countByCounty(scope: Scope, year: number, currentContextIds: readonly number[] | null, onlyChangedFacts: boolean): Promise<Map<string, { households: number; flagged: number; todo: number }>> {
    const todo = currentContextIds && currentContextIds.length ? todoCondition(onlyChangedFacts ? null : sql`context_id not in (${sql.join(currentContextIds.map((id) => sql.lit(id)))})`) : todoCondition(null);
    const rows = await scopedByCodes(
      this.db
        .selectFrom('householdFact as a')
        .select((eb) => [
          'a.countyCode',
          eb.fn.countAll<number>().as('n'),
          sql<number>`sum(case when a.flags <> 0 then 1 else 0 end)`.as('flagged'),
          sql<number>`sum(case when ${todo} then 1 else 0 end)`.as('todo'),
        ])
        .where('a.year', '=', year)
        .groupBy('a.countyCode'),
      scope,
      'a',
    ).execute();
    return new Map(rows.map((r) => [r.countyCode, { households: Number(r.n), flagged: Number(r.flagged ?? 0), todo: Number(r.todo ?? 0) }]));
  }

  /**
   * Stores the contexts (one per county-year; an identical one, by hash, is reused) and returns their
   * ids by context hash.
   */
  async contextIds(rows: readonly NewContext[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (let i = 0; i < rows.length; i += 500) {
      const part = rows.slice(i, i + 500);
      await this.db.insertInto('screeningContext').values(part).onConflict((oc) => oc.column('contextHash').doNothing()).execute();
      const got = await this.db.selectFrom('screeningContext').select(['id', 'contextHash']).where('contextHash', 'in', part.map((r) => r.contextHash)).execute();
      for (const g of got) out.set(g.contextHash, g.id);
    }
    return out;
  }

  /**
   * Screens, in one statement, the household-years of one county for the year (inside `scope`, which
   * may be narrower than the county) that are to (re)screen under the county's current context (see
   * countByCounty): evaluates the SQL form of every rule over the stored facts, with the context's
   * threshold as a literal, and stores the flag bits, context, facts hash and run on each row.
   * Returns the number of household-years written.
   */
  async screenCounty(scope: Scope, year: number, countyCode: string, context: { id: number; thresholdFen: number }, params: RuleParameters, runId: number, onlyChangedFacts: boolean): Promise<number> {
    const flags = flagsExpression({ fact: (c: FactColumn) => sql.ref(c), thresholdFen: sql.lit(Number(context.thresholdFen)), params });
    let q = this.db
      .updateTable('householdFact')
      .set((eb) => ({ flags, contextId: context.id, screenedFactsHash: eb.ref('factsHash'), runId }))
      .where('year', '=', year)
      .where('countyCode', '=', countyCode)
      .where(todoCondition(onlyChangedFacts ? null : sql`context_id <> ${sql.lit(context.id)}`));
    if (scope.regionCode !== null && scope.regionCode.length > 6) q = q.where('villageCode', 'like', `${scope.regionCode}%`);
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows ?? 0);
  }

  /** Household-years written by a run inside the scope, and how many of them are flagged. */
  async countWritten(scope: Scope, year: number, runId: number): Promise<{ households: number; flagged: number }> {
    const r = await scopedByCodes(
      this.db
        .selectFrom('householdFact as a')
        .select((eb) => [eb.fn.countAll<number>().as('n'), sql<number>`sum(case when a.flags <> 0 then 1 else 0 end)`.as('flagged')])
        .where('a.year', '=', year)
        .where('a.runId', '=', runId),
      scope,
      'a',
    ).executeTakeFirstOrThrow();
    return { households: Number(r.n), flagged: Number(r.flagged ?? 0) };
  }

  /**
   * The screening of one household-year inside the scope ("flags of a household-year"), with its
   * context and time, or undefined when never screened.
   */
  async resultOf(scope: Scope, householdId: number, year: number): Promise<ScreeningOutcome | undefined> {
    const row = await scopedByCodes(
      this.db
        .selectFrom('householdFact as a')
        .innerJoin('screeningContext as c', 'c.id', 'a.contextId')
        .leftJoin('screeningRun as u', 'u.id', 'a.runId')
        .select([
          'a.householdId', 'a.year', 'a.flags', 'a.screenedFactsHash', 'a.runId', 'u.startedAt as screenedAt',
          'c.id as cId', 'c.year as cYear', 'c.countyCode as cCountyCode', 'c.rulesetVersion as cRulesetVersion', 'c.parameters as cParameters',
          'c.thresholdFen as cThresholdFen', 'c.thresholdStatus as cThresholdStatus', 'c.thresholdSource as cThresholdSource',
          'c.thresholdBasis as cThresholdBasis', 'c.contextHash as cContextHash', 'c.createdAt as cCreatedAt',
        ])
        .where('a.householdId', '=', householdId)
        .where('a.year', '=', year)
        .where('a.flags', 'is not', null),
      scope,
      'a',
    ).executeTakeFirst();
    if (!row) return undefined;
    const context: ContextRow = {
      id: row.cId, year: row.cYear, countyCode: row.cCountyCode, rulesetVersion: row.cRulesetVersion, parameters: row.cParameters, thresholdFen: Number(row.cThresholdFen),
      thresholdStatus: row.cThresholdStatus, thresholdSource: row.cThresholdSource, thresholdBasis: row.cThresholdBasis, contextHash: row.cContextHash, createdAt: row.cCreatedAt,
    };
    const flags = Number(row.flags);
    return { householdId: row.householdId, year: row.year, flags, flaggedRules: ruleIdsOfFlags(flags).join(','), factsHash: row.screenedFactsHash ?? '', runId: Number(row.runId), screenedAt: row.screenedAt ?? context.createdAt, context };
  }

  /** Records the start of a run; returns its id. */
  async startRun(year: number, regionCode: string, mode: string, startedAt: string): Promise<number> {
    const r = await this.db.insertInto('screeningRun').values({ year, regionCode, mode, startedAt, status: 'running', finishedAt: null, households: 0, changed: 0, flagged: 0 }).returning('id').executeTakeFirstOrThrow();
    return r.id;
  }

  /** Records the end of a run with its counts. */
  async finishRun(id: number, counts: { households: number; changed: number; flagged: number }, finishedAt: string, status: 'done' | 'failed'): Promise<void> {
    await this.db.updateTable('screeningRun').set({ ...counts, finishedAt, status }).where('id', '=', id).execute();
  }

  /** Distinct county codes with facts for the year inside the scope. */
  async countiesWithFacts(scope: Scope, year: number): Promise<string[]> {
    const rows = await scopedByCodes(this.db.selectFrom('householdFact as a').select('a.countyCode').distinct().where('a.year', '=', year), scope, 'a').execute();
    return rows.map((r) => r.countyCode).sort();
  }

  /** Years for which facts exist. */
  async years(): Promise<number[]> {
    const rows = await this.db.selectFrom('householdFact').select('year').distinct().orderBy('year').execute();
    return rows.map((r) => r.year);
  }

  /** Years with facts but not a single screened household-year (after an upgrade, or a load with screening off). */
  async unscreenedYears(): Promise<number[]> {
    const out: number[] = [];
    for (const year of await this.years()) {
      const any = await this.db.selectFrom('householdFact').select('householdId').where('year', '=', year).where('flags', 'is not', null).limit(1).executeTakeFirst();
      if (!any) out.push(year);
    }
    return out;
  }
}
