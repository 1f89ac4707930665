/**
 * Evaluation rounds, entered items, results and sample households (issue 10 item 5): all their SQL.
 * Results and samples are read under the caller's Scope (a county reads its own line only); the strata
 * of the sample are read from the registry here.
 */
import { sql, type Insertable, type Selectable } from 'kysely';
import type { Db } from '../../db/connect';
import type { EvaluationEntryTable, EvaluationResultTable, EvaluationRoundTable, EvaluationSampleTable } from '../../db/schema';
import { inScope, type Scope } from '../scope';

export type RoundRow = Selectable<EvaluationRoundTable>;
export type EntryRow = Selectable<EvaluationEntryTable>;
export type ResultRow = Selectable<EvaluationResultTable>;
export type SampleRow = Selectable<EvaluationSampleTable> & { householdNo: string; villageCode: string };

/** The strata a round may name: disjoint, in this order (monitored first). */
export type StratumId = 'monitored' | 'liftedWithLabour' | 'liftedNoLabour' | 'other';

export class EvaluationRepository {
  constructor(private readonly db: Db) {}

  async createRound(r: Omit<Insertable<EvaluationRoundTable>, 'id'>): Promise<number> {
    return (await this.db.insertInto('evaluationRound').values(r).returning('id').executeTakeFirstOrThrow()).id;
  }

  async getRound(id: number): Promise<RoundRow | undefined> {
    const r = await this.db.selectFrom('evaluationRound').selectAll().where('id', '=', id).executeTakeFirst();
    return r && { ...r, total: Number(r.total) };
  }

  /** Rounds whose evaluating region contains the scope or lies inside it, newest first. */
  async listRounds(scope: Scope): Promise<RoundRow[]> {
    const rows = await this.db.selectFrom('evaluationRound').selectAll().orderBy('id', 'desc').limit(500).execute();
    return rows.filter((r) => scope.regionCode === null || r.regionCode.startsWith(scope.regionCode) || scope.regionCode.startsWith(r.regionCode)).map((r) => ({ ...r, total: Number(r.total) }));
  }

  async setComputed(id: number, at: string, snapshotId: number | null): Promise<void> {
    await this.db.updateTable('evaluationRound').set({ computedAt: at, snapshotId }).where('id', '=', id).execute();
  }

  async upsertEntry(e: EvaluationEntryTable): Promise<void> {
    await this.db
      .insertInto('evaluationEntry')
      .values(e)
      .onConflict((oc) => oc.columns(['roundId', 'countyCode', 'itemId']).doUpdateSet({ value: e.value, enteredBy: e.enteredBy, enteredAt: e.enteredAt }))
      .execute();
  }

  async entries(roundId: number): Promise<EntryRow[]> {
    return (await this.db.selectFrom('evaluationEntry').selectAll().where('roundId', '=', roundId).execute()).map((r) => ({ ...r, value: Number(r.value) }));
  }

  async replaceResults(roundId: number, rows: readonly EvaluationResultTable[]): Promise<void> {
    await this.db.deleteFrom('evaluationResult').where('roundId', '=', roundId).execute();
    for (let i = 0; i < rows.length; i += 500) await this.db.insertInto('evaluationResult').values(rows.slice(i, i + 500)).execute();
  }

  /** Results inside the scope, by rank. */
  async results(scope: Scope, roundId: number): Promise<ResultRow[]> {
    const rows = await this.db.selectFrom('evaluationResult').selectAll().where('roundId', '=', roundId).orderBy('rank').orderBy('countyCode').execute();
    return rows.filter((r) => inScope(scope, r.countyCode)).map((r) => ({ ...r, score: Number(r.score) }));
  }

  async replaceSamples(roundId: number, rows: readonly EvaluationSampleTable[]): Promise<void> {
    await this.db.deleteFrom('evaluationSample').where('roundId', '=', roundId).execute();
    for (let i = 0; i < rows.length; i += 1000) await this.db.insertInto('evaluationSample').values(rows.slice(i, i + 1000)).execute();
  }

  /** Sample households inside the scope, with their household number and village. */
  async samples(scope: Scope, roundId: number, countyCode?: string): Promise<SampleRow[]> {
    return this.db
      .selectFrom('evaluationSample as s')
      .innerJoin('household as h', 'h.id', 's.householdId')
      .select(['s.roundId', 's.countyCode', 's.stratum', 's.drawOrder', 's.householdId', 'h.householdNo', 'h.villageCode'])
      .where('s.roundId', '=', roundId)
      .$if(scope.regionCode !== null, (q) => q.where('s.countyCode', 'like', `${scope.regionCode}%`))
      .$if(!!countyCode, (q) => q.where('s.countyCode', '=', countyCode!))
      .orderBy('s.countyCode')
      .orderBy('s.stratum')
      .orderBy('s.drawOrder')
      .execute();
  }

  /**
   * Household ids of a county by stratum for a year: monitored (a monitored category, risk not
   * eliminated); else lifted with labour (labour count of the year's facts > 0) or without; else other.
   */
  async strata(countyCode: string, year: number): Promise<Map<StratumId, number[]>> {
    const rows = await this.db
      .selectFrom('household as h')
      .leftJoin('householdFact as f', (j) => j.onRef('f.householdId', '=', 'h.id').on('f.year', '=', year))
      .select(['h.id', sql<string>`case when h.monitored_category is not null and h.risk_eliminated = 0 then 'monitored'
        when h.household_type = 'liftedOutOfPoverty' and coalesce(f.labour_count, 0) > 0 then 'liftedWithLabour'
        when h.household_type = 'liftedOutOfPoverty' then 'liftedNoLabour' else 'other' end`.as('stratum')])
      .where('h.countyCode', '=', countyCode)
      .execute();
    const out = new Map<StratumId, number[]>();
    for (const r of rows) {
      const s = r.stratum as StratumId;
      if (!out.has(s)) out.set(s, []);
      out.get(s)!.push(r.id);
    }
    return out;
  }
}
