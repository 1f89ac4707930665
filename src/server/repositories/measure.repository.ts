/**
 * SQL of assistance measures (帮扶措施). Scope first; updates conditional on the version.
 */
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../db/connect';
import type { AssistanceMeasureTable } from '../db/schema';
import { whereVillageInScope, type Scope } from './scope';
import { inScopeRange } from './case.repository';

export type MeasureRow = Selectable<AssistanceMeasureTable>;

export class MeasureRepository {
  constructor(private readonly db: Db) {}

  /** The measures of a household inside the scope, oldest first. */
  ofHousehold(scope: Scope, householdId: number): Promise<MeasureRow[]> {
    return this.db
      .selectFrom('assistanceMeasure')
      .selectAll()
      .where('householdId', '=', householdId)
      .$call((q) => whereVillageInScope(q, scope, 'villageCode'))
      .orderBy('id')
      .execute();
  }

  /** One measure inside the scope. */
  get(scope: Scope, id: number): Promise<MeasureRow | undefined> {
    return this.db
      .selectFrom('assistanceMeasure')
      .selectAll()
      .where('id', '=', id)
      .$call((q) => whereVillageInScope(q, scope, 'villageCode'))
      .executeTakeFirst();
  }

  /** Inserts a measure (the caller checked the household lies in its scope); returns its id. */
  async insert(_scope: Scope, row: Insertable<AssistanceMeasureTable>): Promise<number> {
    return (await this.db.insertInto('assistanceMeasure').values(row).returning('id').executeTakeFirstOrThrow()).id;
  }

  /** Updates a measure if its version is still `version`; false otherwise. */
  async update(scope: Scope, id: number, version: number, patch: Updateable<AssistanceMeasureTable>): Promise<boolean> {
    const r = await this.db
      .updateTable('assistanceMeasure')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .$call((q) => whereVillageInScope(q, scope, 'villageCode'))
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /**
   * Measures recorded in a national export (source `national`) of the given households, by household,
   * oldest first. Registry-internal (snapshots, upserts): the caller has checked the households' scope.
   */
  async nationalOf(householdIds: readonly number[]): Promise<Map<number, MeasureRow[]>> {
    const out = new Map<number, MeasureRow[]>();
    for (let i = 0; i < householdIds.length; i += 1000) {
      const rows = await this.db.selectFrom('assistanceMeasure').selectAll().where('householdId', 'in', householdIds.slice(i, i + 1000)).where('source', '=', 'national').orderBy('householdId').orderBy('id').execute();
      for (const r of rows) {
        const l = out.get(r.householdId);
        if (l) l.push(r);
        else out.set(r.householdId, [r]);
      }
    }
    return out;
  }

  /** Inserts measures recorded in a national export (household set by the caller). */
  async insertNational(rows: readonly Insertable<AssistanceMeasureTable>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) await this.db.insertInto('assistanceMeasure').values(rows.slice(i, i + 500)).execute();
  }

  /** Deletes a household's measures recorded in a national export (measures entered in this product stay). */
  async deleteNational(householdId: number): Promise<void> {
    await this.db.deleteFrom('assistanceMeasure').where('householdId', '=', householdId).where('source', '=', 'national').execute();
  }

  /** Marks the national measures of the given households that no batch claims yet as written by `batchId`. */
  async tagBatch(batchId: number, householdIds: readonly number[]): Promise<void> {
    for (let i = 0; i < householdIds.length; i += 1000) {
      await this.db.updateTable('assistanceMeasure').set({ batchId }).where('householdId', 'in', householdIds.slice(i, i + 1000)).where('source', '=', 'national').where('batchId', 'is', null).execute();
    }
  }

  /** Kinds of the measures in place (实施中、已完成) per household inside the scope. */
  async kindsInPlace(scope: Scope): Promise<Map<number, Set<string>>> {
    const rows = await this.db
      .selectFrom('assistanceMeasure')
      .select(['householdId', 'kind'])
      .where('status', 'in', ['inProgress', 'completed'])
      .$call((q) => inScopeRange(q, 'villageCode', scope))
      .execute();
    const m = new Map<number, Set<string>>();
    for (const r of rows) {
      let s = m.get(r.householdId);
      if (!s) m.set(r.householdId, (s = new Set()));
      s.add(r.kind);
    }
    return m;
  }

  /** Monitored households (enrolled, risk not eliminated) inside the scope with their risk types. */
  monitored(scope: Scope): Promise<{ id: number; riskTypes: string }[]> {
    return this.db
      .selectFrom('household')
      .select(['id', 'riskTypes'])
      .where('monitoredCategory', 'is not', null)
      .where('riskEliminated', '=', 0)
      .$call((q) => inScopeRange(q, 'villageCode', scope))
      .execute();
  }
}
