/**
 * Household facts (户级事实), screening contexts, results and runs: all their SQL, under a Scope.
 * Screening is set-based (issue 15): one INSERT … SELECT per year and region evaluates the SQL form of
 * every rule over the stored facts and writes the flag bits of the household-years whose inputs changed.
 */
import { sql, type Insertable, type SelectQueryBuilder } from 'kysely';
import type { Db } from '../db/connect';
import type { HouseholdFactTable, ScreeningContextTable, ScreeningResultTable } from '../db/schema';
import type { HouseholdFacts } from '../domain/facts';
import type { IncomeIssue } from '../domain/income';
import { flagsExpression, ruleIdsOfFlags, type FactColumn, type RuleParameters } from '../domain/rules';
import { levelOfCode, type Scope } from './scope';
import { scoped } from './household.repository';

export type FactRow = HouseholdFactTable;
export type ResultRow = ScreeningResultTable;
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

/** The rules' SQL context over facts aliased `f` and a screening context aliased `c`. */
function ruleSqlContext(params: RuleParameters) {
  return { fact: (c: FactColumn) => sql.ref(`f.${c}`), thresholdFen: sql.ref('c.thresholdFen'), params };
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

  /** Facts of one household, all years, inside the scope. */
  factsOf(scope: Scope, householdId: number): Promise<FactRow[]> {
    return scopedByCodes(this.db.selectFrom('householdFact as a').selectAll('a').where('a.householdId', '=', householdId), scope, 'a').orderBy('a.year').execute();
  }

  /** Number of household-years with facts inside the scope, and how many of them are flagged by at least one rule. */
  async countFacts(scope: Scope, year: number): Promise<{ households: number; flagged: number }> {
    let households = 0;
    let flagged = 0;
    for (const c of (await this.countFactsByCounty(scope, year)).values()) {
      households += c.households;
      flagged += c.flagged;
    }
    return { households, flagged };
  }

  /** countFacts per county (6-digit code). */
  async countFactsByCounty(scope: Scope, year: number): Promise<Map<string, { households: number; flagged: number }>> {
    const rows = await scopedByCodes(
      this.db
        .selectFrom('householdFact as a')
        .leftJoin('screeningResult as r', (j) => j.onRef('r.householdId', '=', 'a.householdId').onRef('r.year', '=', 'a.year'))
        .select((eb) => ['a.countyCode', eb.fn.countAll<number>().as('n'), sql<number>`sum(case when r.flags <> 0 then 1 else 0 end)`.as('flagged')])
        .where('a.year', '=', year)
        .groupBy('a.countyCode'),
      scope,
      'a',
    ).execute();
    return new Map(rows.map((r) => [r.countyCode, { households: Number(r.n), flagged: Number(r.flagged ?? 0) }]));
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
   * Villages (12-digit codes) with household-years to (re)write for the year inside the scope under the
   * given current contexts (one per county): never screened, facts changed since, or (unless
   * `onlyChangedFacts`) screened under another context.
   */
  async villagesToScreen(scope: Scope, year: number, contextIds: readonly number[], onlyChangedFacts: boolean): Promise<string[]> {
    if (!contextIds.length) return [];
    const rows = await this.toScreen(scope, year, contextIds, onlyChangedFacts).select('f.villageCode').distinct().execute();
    return rows.map((r) => r.villageCode).sort();
  }

  private toScreen(scope: Scope, year: number, contextIds: readonly number[], onlyChangedFacts: boolean) {
    return scopedByCodes(
      this.db
        .selectFrom('householdFact as f')
        .innerJoin('screeningContext as c', (j) => j.onRef('c.year', '=', 'f.year').onRef('c.countyCode', '=', 'f.countyCode'))
        .leftJoin('screeningResult as r', (j) => j.onRef('r.householdId', '=', 'f.householdId').onRef('r.year', '=', 'f.year'))
        .where('f.year', '=', year)
        .where('c.id', 'in', [...contextIds])
        .where((eb) =>
          eb.or([
            eb('r.householdId', 'is', null),
            eb('r.factsHash', '<>', eb.ref('f.factsHash')),
            ...(onlyChangedFacts ? [] : [eb('r.contextId', '<>', eb.ref('c.id'))]),
          ]),
        ),
      scope,
      'f',
    );
  }

  /**
   * Screens, in one statement, the household-years of the year inside the scope (optionally only those
   * of `villageCodes`) whose inputs changed (see villagesToScreen): evaluates the SQL form of every rule
   * over the stored facts and the threshold of the county's current context, and writes the flag bits,
   * context, facts hash and run. Returns the number of household-years written.
   */
  async screen(scope: Scope, year: number, contextIds: readonly number[], params: RuleParameters, runId: number, onlyChangedFacts: boolean, villageCodes?: readonly string[]): Promise<number> {
    if (!contextIds.length) return 0;
    let select = this.toScreen(scope, year, contextIds, onlyChangedFacts).select([
      'f.householdId',
      'f.year',
      flagsExpression(ruleSqlContext(params)).as('flags'),
      'c.id as contextId',
      'f.factsHash',
      sql.lit(runId).as('runId'),
    ]);
    if (villageCodes) select = select.where('f.villageCode', 'in', [...villageCodes]);
    const r = await this.db
      .insertInto('screeningResult')
      .columns(['householdId', 'year', 'flags', 'contextId', 'factsHash', 'runId'])
      .expression(select as any)
      .onConflict((oc) =>
        oc.columns(['householdId', 'year']).doUpdateSet((eb) => ({
          flags: eb.ref('excluded.flags'),
          contextId: eb.ref('excluded.contextId'),
          factsHash: eb.ref('excluded.factsHash'),
          runId: eb.ref('excluded.runId'),
        })),
      )
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0);
  }

  /** Household-years written by a run inside the scope, and how many of them are flagged. */
  async countWritten(scope: Scope, year: number, runId: number): Promise<{ households: number; flagged: number }> {
    const r = await scopedByCodes(
      this.db
        .selectFrom('screeningResult as r')
        .innerJoin('householdFact as a', (j) => j.onRef('a.householdId', '=', 'r.householdId').onRef('a.year', '=', 'r.year'))
        .select((eb) => [eb.fn.countAll<number>().as('n'), sql<number>`sum(case when r.flags <> 0 then 1 else 0 end)`.as('flagged')])
        .where('r.year', '=', year)
        .where('r.runId', '=', runId),
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
    // screening_result has no region column: scope through the household (township and village users)
    const row = await scoped(
      this.db
        .selectFrom('screeningResult as r')
        .innerJoin('household as h', 'h.id', 'r.householdId')
        .innerJoin('screeningContext as c', 'c.id', 'r.contextId')
        .leftJoin('screeningRun as u', 'u.id', 'r.runId')
        .select([
          'r.householdId', 'r.year', 'r.flags', 'r.factsHash', 'r.runId', 'u.startedAt as screenedAt',
          'c.id as cId', 'c.year as cYear', 'c.countyCode as cCountyCode', 'c.rulesetVersion as cRulesetVersion', 'c.parameters as cParameters',
          'c.thresholdFen as cThresholdFen', 'c.thresholdStatus as cThresholdStatus', 'c.thresholdSource as cThresholdSource',
          'c.thresholdBasis as cThresholdBasis', 'c.contextHash as cContextHash', 'c.createdAt as cCreatedAt',
        ])
        .where('r.householdId', '=', householdId)
        .where('r.year', '=', year),
      scope,
    ).executeTakeFirst();
    if (!row) return undefined;
    const context: ContextRow = {
      id: row.cId, year: row.cYear, countyCode: row.cCountyCode, rulesetVersion: row.cRulesetVersion, parameters: row.cParameters, thresholdFen: Number(row.cThresholdFen),
      thresholdStatus: row.cThresholdStatus, thresholdSource: row.cThresholdSource, thresholdBasis: row.cThresholdBasis, contextHash: row.cContextHash, createdAt: row.cCreatedAt,
    };
    return { householdId: row.householdId, year: row.year, flags: row.flags, flaggedRules: ruleIdsOfFlags(row.flags).join(','), factsHash: row.factsHash, runId: row.runId, screenedAt: row.screenedAt ?? context.createdAt, context };
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

  /** Years with facts but not a single screening result (after an upgrade, or a load with screening off). */
  async unscreenedYears(): Promise<number[]> {
    const out: number[] = [];
    for (const year of await this.years()) {
      const any = await this.db.selectFrom('screeningResult').select('householdId').where('year', '=', year).limit(1).executeTakeFirst();
      if (!any) out.push(year);
    }
    return out;
  }
}
