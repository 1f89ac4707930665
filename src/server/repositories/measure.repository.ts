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
