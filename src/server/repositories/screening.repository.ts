/**
 * Household facts (户级事实), screening results and runs: all their SQL, under a Scope.
 */
import type { SelectQueryBuilder } from 'kysely';
import type { Db } from '../db/connect';
import type { HouseholdFactTable, ScreeningResultTable } from '../db/schema';
import { levelOfCode, type Scope } from './scope';
import { scoped } from './household.repository';

export type FactRow = HouseholdFactTable;
export type ResultRow = ScreeningResultTable;

/** Applies a scope to a query over a table with county_code and village_code (alias `a`). */
function scopedByCodes<Q extends SelectQueryBuilder<any, any, any>>(q: Q, scope: Scope, alias: string): Q {
  if (scope.regionCode === null) return q;
  const level = levelOfCode(scope.regionCode);
  if (level === 'county') return q.where(`${alias}.countyCode`, '=', scope.regionCode) as Q;
  if (level === 'village') return q.where(`${alias}.villageCode`, '=', scope.regionCode) as Q;
  if (level === 'township') return q.where(`${alias}.villageCode`, 'like', `${scope.regionCode}%`) as Q;
  return q.where(`${alias}.countyCode`, 'like', `${scope.regionCode}%`) as Q;
}

export class ScreeningRepository {
  constructor(private readonly db: Db) {}

  /** Inserts or replaces facts of household-years. */
  async upsertFacts(rows: readonly FactRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) {
      await this.db
        .insertInto('householdFact')
        .values(rows.slice(i, i + 500))
        .onConflict((oc) =>
          oc.columns(['householdId', 'year']).doUpdateSet((eb) => {
            const keys = Object.keys(rows[0]!).filter((k) => k !== 'householdId' && k !== 'year') as (keyof FactRow)[];
            return Object.fromEntries(keys.map((k) => [k, eb.ref(`excluded.${k}` as any)]));
          }),
        )
        .execute();
    }
  }

  /** Facts of one household, all years, inside the scope. */
  factsOf(scope: Scope, householdId: number): Promise<FactRow[]> {
    return scopedByCodes(this.db.selectFrom('householdFact as a').selectAll('a').where('a.householdId', '=', householdId), scope, 'a').orderBy('a.year').execute();
  }

  /**
   * A page of facts to screen, in household id order, with the stored input hash (null when never
   * screened). `onlyChanged` keeps households whose facts changed after their last screening.
   */
  async pageToScreen(scope: Scope, year: number, afterId: number, limit: number, onlyChanged: boolean): Promise<(FactRow & { storedHash: string | null; storedFlaggedRules: string | null })[]> {
    const rows = await scopedByCodes(
      this.db
        .selectFrom('householdFact as a')
        .leftJoin('screeningResult as r', (j) => j.onRef('r.householdId', '=', 'a.householdId').onRef('r.year', '=', 'a.year'))
        .selectAll('a')
        .select(['r.inputHash as storedHash', 'r.flaggedRules as storedFlaggedRules'])
        .where('a.year', '=', year)
        .where('a.householdId', '>', afterId)
        .$if(onlyChanged, (q) => q.where((eb) => eb.or([eb('r.inputHash', 'is', null), eb('a.factsHash', '<>', eb.ref('r.factsHash'))]))),
      scope,
      'a',
    )
      .orderBy('a.householdId')
      .limit(limit)
      .execute();
    return rows as (FactRow & { storedHash: string | null; storedFlaggedRules: string | null })[];
  }

  /** Number of household-years with facts inside the scope. */
  async countFacts(scope: Scope, year: number): Promise<number> {
    const r = await scopedByCodes(this.db.selectFrom('householdFact as a').select((eb) => eb.fn.countAll<number>().as('n')).where('a.year', '=', year), scope, 'a').executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** Replaces the results (and flag rows) of the given household-years. */
  async writeResults(rows: readonly ResultRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) {
      const part = rows.slice(i, i + 500);
      await this.db
        .insertInto('screeningResult')
        .values(part)
        .onConflict((oc) =>
          oc.columns(['householdId', 'year']).doUpdateSet((eb) => ({
            countyCode: eb.ref('excluded.countyCode'),
            inputHash: eb.ref('excluded.inputHash'),
            factsHash: eb.ref('excluded.factsHash'),
            rulesetVersion: eb.ref('excluded.rulesetVersion'),
            verdicts: eb.ref('excluded.verdicts'),
            flaggedRules: eb.ref('excluded.flaggedRules'),
            flaggedRiskTypes: eb.ref('excluded.flaggedRiskTypes'),
            thresholdFen: eb.ref('excluded.thresholdFen'),
            usesPlaceholder: eb.ref('excluded.usesPlaceholder'),
            screenedAt: eb.ref('excluded.screenedAt'),
          })),
        )
        .execute();
      const byYear = new Map<number, number[]>();
      for (const r of part) byYear.set(r.year, [...(byYear.get(r.year) ?? []), r.householdId]);
      for (const [year, ids] of byYear) await this.db.deleteFrom('screeningFlag').where('year', '=', year).where('householdId', 'in', ids).execute();
      const flags = part.flatMap((r) => (r.flaggedRules ? r.flaggedRules.split(',').map((ruleId) => ({ householdId: r.householdId, year: r.year, ruleId, countyCode: r.countyCode })) : []));
      for (let j = 0; j < flags.length; j += 1000) await this.db.insertInto('screeningFlag').values(flags.slice(j, j + 1000)).execute();
    }
  }

  /** The stored result of one household-year inside the scope. */
  resultOf(scope: Scope, householdId: number, year: number): Promise<ResultRow | undefined> {
    // screening_result has no village column: scope through the household (township and village users)
    return scoped(this.db.selectFrom('screeningResult as a').innerJoin('household as h', 'h.id', 'a.householdId').selectAll('a').where('a.householdId', '=', householdId).where('a.year', '=', year), scope).executeTakeFirst() as Promise<ResultRow | undefined>;
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

  /** Distinct county codes with results for the year inside the scope. */
  async countiesWithFacts(scope: Scope, year: number): Promise<string[]> {
    const rows = await scopedByCodes(this.db.selectFrom('householdFact as a').select('a.countyCode').distinct().where('a.year', '=', year), scope, 'a').execute();
    return rows.map((r) => r.countyCode).sort();
  }

  /** Years for which facts exist. */
  async years(): Promise<number[]> {
    const rows = await this.db.selectFrom('householdFact').select('year').distinct().orderBy('year').execute();
    return rows.map((r) => r.year);
  }
}
