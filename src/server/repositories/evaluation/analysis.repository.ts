/**
 * The SQL of the three analyses beyond reporting (issue 10 item 6), read-only: the threshold what-if
 * (the SQL form of every rule evaluated over the stored facts with another threshold or parameters,
 * compared with the stored flag bits: nothing is written), the outcome of clues per source and township,
 * and the households of a county changed after a time (behind a difference between levels).
 */
import { sql } from 'kysely';
import type { Db } from '../../db/connect';
import { flagsExpression, SCREENING_RULES, type FactColumn, type RuleParameters } from '../../domain/rules';
import type { Scope } from '../scope';

/** A household whose membership of the flagged set would change. */
export interface WhatIfRow {
  householdId: number;
  householdNo: string;
  townshipCode: string;
  villageCode: string;
  oldFlags: number;
  newFlags: number;
}

/** Clues of one source in one township: how many, how many ended in enrolment, how many are still open. */
export interface ClueOutcomeRow {
  source: string;
  townshipCode: string;
  clues: number;
  enrolled: number;
  open: number;
}

/** A household changed after a time, with its state now. */
export interface ChangedHouseholdRow {
  householdId: number;
  householdNo: string;
  villageCode: string;
  updatedAt: string;
  factsUpdatedAt: string | null;
  flags: number | null;
  monitoredCategory: string | null;
}

const villageFilter = (scope: Scope) => (scope.regionCode !== null && scope.regionCode.length > 6 ? scope.regionCode : null);

export class AnalysisRepository {
  constructor(private readonly db: Db) {}

  /**
   * Household-years of a county (inside the scope) whose flagged-or-not would change if screened with
   * `thresholdFen` and `params`: the stored flags against the flags the rules' SQL form gives now.
   * A household never screened counts as not flagged.
   */
  async whatIf(scope: Scope, countyCode: string, year: number, thresholdFen: number, params: RuleParameters): Promise<WhatIfRow[]> {
    const next = flagsExpression({ fact: (c: FactColumn) => sql.ref(`f.${c}`), thresholdFen: sql.lit(thresholdFen), params });
    const v = villageFilter(scope);
    const rows = await this.db
      .selectFrom('householdFact as f')
      .innerJoin('household as h', 'h.id', 'f.householdId')
      .select(['f.householdId', 'h.householdNo', 'h.townshipCode', 'h.villageCode', sql<number>`coalesce(f.flags, 0)`.as('oldFlags'), next.as('newFlags')])
      .where('f.year', '=', year)
      .where('f.countyCode', '=', countyCode)
      .$if(v !== null, (q) => q.where('f.villageCode', 'like', `${v}%`))
      .where(sql<boolean>`(case when coalesce(f.flags, 0) <> 0 then 1 else 0 end) <> (case when ${next} <> 0 then 1 else 0 end)`)
      .orderBy('h.townshipCode')
      .orderBy('h.householdNo')
      .execute();
    return rows.map((r) => ({ ...r, oldFlags: Number(r.oldFlags), newFlags: Number(r.newFlags) }));
  }

  /**
   * Clue outcomes inside a county (and the scope), per source and township: every screening rule's flags
   * of the year (source `rule:<id>`), every department list's risk clues (`department:<name>`), and the
   * identification cases opened from a self-report, a grassroots visit or directly (`case:<origin>`).
   * A rule's or department's clue ended in enrolment when its household is (or was) a monitoring object;
   * a case when it reached `enrolled`. Open: a household flagged or a clue not yet handled without a
   * category; a case still under way.
   */
  async clueOutcomes(scope: Scope, countyCode: string, year: number): Promise<ClueOutcomeRow[]> {
    const v = villageFilter(scope);
    const out: ClueOutcomeRow[] = [];
    const enrolledHh = sql<number>`sum(case when h.monitored_category is not null then 1 else 0 end)`;
    for (const rule of SCREENING_RULES) {
      const rows = await this.db
        .selectFrom('householdFact as f')
        .innerJoin('household as h', 'h.id', 'f.householdId')
        .select((eb) => ['h.townshipCode', eb.fn.countAll<number>().as('n'), enrolledHh.as('enrolled')])
        .where('f.year', '=', year)
        .where('f.countyCode', '=', countyCode)
        .$if(v !== null, (q) => q.where('f.villageCode', 'like', `${v}%`))
        .where(sql<boolean>`(coalesce(f.flags, 0) & ${sql.lit(2 ** rule.bit)}) <> 0`)
        .groupBy('h.townshipCode')
        .execute();
      for (const r of rows) out.push({ source: `rule:${rule.id}`, townshipCode: r.townshipCode, clues: Number(r.n), enrolled: Number(r.enrolled ?? 0), open: Number(r.n) - Number(r.enrolled ?? 0) });
    }
    const clues = await this.db
      .selectFrom('riskClue as c')
      .innerJoin('household as h', 'h.id', 'c.householdId')
      .select((eb) => ['c.sourceDepartment', 'h.townshipCode', eb.fn.countAll<number>().as('n'), enrolledHh.as('enrolled'),
        sql<number>`sum(case when c.status = 'open' and h.monitored_category is null then 1 else 0 end)`.as('open')])
      .where('c.countyCode', '=', countyCode)
      .$if(v !== null, (q) => q.where('c.villageCode', 'like', `${v}%`))
      .groupBy(['c.sourceDepartment', 'h.townshipCode'])
      .execute();
    for (const r of clues) out.push({ source: `department:${r.sourceDepartment}`, townshipCode: r.townshipCode, clues: Number(r.n), enrolled: Number(r.enrolled ?? 0), open: Number(r.open ?? 0) });
    const cases = await this.db
      .selectFrom('monitoringCase as m')
      .select((eb) => ['m.origin', 'm.townshipCode', eb.fn.countAll<number>().as('n'),
        sql<number>`sum(case when m.state = 'enrolled' then 1 else 0 end)`.as('enrolled'),
        sql<number>`sum(case when m.state not in ('enrolled', 'notEnrolled') then 1 else 0 end)`.as('open')])
      .where('m.countyCode', '=', countyCode)
      .where('m.kind', '=', 'identification')
      .where('m.origin', 'in', ['selfReport', 'grassrootsScreening', 'direct'])
      .$if(v !== null, (q) => q.where('m.villageCode', 'like', `${v}%`))
      .groupBy(['m.origin', 'm.townshipCode'])
      .execute();
    for (const r of cases) out.push({ source: `case:${r.origin}`, townshipCode: r.townshipCode, clues: Number(r.n), enrolled: Number(r.enrolled ?? 0), open: Number(r.open ?? 0) });
    return out;
  }

  /** Households of a county (inside the scope) whose record or facts of the year changed after `since` (ISO), at most `limit`. */
  async changedSince(scope: Scope, countyCode: string, year: number, since: string, limit = 1000): Promise<ChangedHouseholdRow[]> {
    const v = villageFilter(scope);
    const rows = await this.db
      .selectFrom('household as h')
      .leftJoin('householdFact as f', (j) => j.onRef('f.householdId', '=', 'h.id').on('f.year', '=', year))
      .select(['h.id as householdId', 'h.householdNo', 'h.villageCode', 'h.updatedAt', 'f.updatedAt as factsUpdatedAt', 'f.flags', 'h.monitoredCategory'])
      .where('h.countyCode', '=', countyCode)
      .$if(v !== null, (q) => q.where('h.villageCode', 'like', `${v}%`))
      .where((eb) => eb.or([eb('h.updatedAt', '>', since), eb('f.updatedAt', '>', since)]))
      .orderBy('h.householdNo')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ ...r, flags: r.flags === null || r.flags === undefined ? null : Number(r.flags), factsUpdatedAt: r.factsUpdatedAt ?? null }));
  }
}
