/**
 * SQL of the national layouts' export (issue 8 item 4): the header of the latest import of a kind, the
 * rows kept per imported row (national_row), the work spells and village profiles, each under a Scope.
 */
import { sql } from 'kysely';
import type { Db } from '../db/connect';
import type { NationalRowTable, VillageProfileTable, WorkSpellTable } from '../db/schema';
import { scoped } from './household.repository';
import type { Scope } from './scope';

export type NationalRowRow = NationalRowTable & { id: number };
export type WorkSpellRow = WorkSpellTable & { id: number };
export type VillageProfileRow = VillageProfileTable & { id: number };

/** A region-code filter on a column that holds 12-digit village codes. */
const villageLike = (scope: Scope) => (scope.regionCode === null ? null : `${scope.regionCode}%`);

export class NationalRepository {
  constructor(private readonly db: Db) {}

  /** header_json of the newest committed import of a kind inside the scope that wrote rows (a file whose rows were all held or refused does not count), or null. */
  async latestHeader(scope: Scope, kind: string): Promise<string | null> {
    const s = scope.regionCode;
    const r = await this.db
      .selectFrom('importBatch')
      .select('headerJson')
      .where('kind', '=', kind)
      .where('status', '=', 'committed')
      .where('headerJson', 'is not', null)
      .where((eb) => eb(eb('added', '+', eb('updated', '+', eb.ref('unchanged'))), '>', 0))
      .$if(s !== null, (q) => q.where('scopeCode', 'like', `${s}%`))
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return r?.headerJson ?? null;
  }

  /**
   * The kept rows of a kind for households inside the scope, newest batch first (the first of a person or
   * household is its current one).
   */
  async rowsOf(scope: Scope, kind: string, householdIds: readonly number[]): Promise<NationalRowRow[]> {
    const out: NationalRowRow[] = [];
    for (let i = 0; i < householdIds.length; i += 1000) {
      const rows = await scoped(
        this.db.selectFrom('nationalRow as n').innerJoin('household as h', 'h.id', 'n.householdId').selectAll('n').where('n.kind', '=', kind).where('n.householdId', 'in', householdIds.slice(i, i + 1000)),
        scope,
      )
        .orderBy('n.batchId', 'desc')
        .execute();
      out.push(...(rows as NationalRowRow[]));
    }
    return out;
  }

  /** Work spells (kind workSpell | workPlan) inside the scope, in import order (batch, then row). */
  async spells(scope: Scope, kind: 'workSpell' | 'workPlan'): Promise<WorkSpellRow[]> {
    const like = villageLike(scope);
    return this.db
      .selectFrom('workSpell')
      .selectAll()
      .where('kind', '=', kind)
      .$if(like !== null, (q) => q.where('villageCode', 'like', like!))
      .orderBy('batchId')
      .orderBy('sourceRow')
      .execute() as Promise<WorkSpellRow[]>;
  }

  /** The current profile of every village inside the scope (the newest batch's), in the order of that batch's rows. */
  async currentProfiles(scope: Scope): Promise<VillageProfileRow[]> {
    const like = villageLike(scope);
    return this.db
      .selectFrom('villageProfile as v')
      .selectAll('v')
      .$if(like !== null, (q) => q.where('v.villageCode', 'like', like!))
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('villageProfile as w').select(sql<number>`1`.as('one')).whereRef('w.villageCode', '=', 'v.villageCode').whereRef('w.batchId', '>', 'v.batchId'))))
      .orderBy('v.batchId')
      .orderBy('v.sourceRow')
      .execute() as Promise<VillageProfileRow[]>;
  }

  /** Persons by ID lookup hash inside the scope: household, ID ciphertext and certificate ciphertext. */
  async personsByHash(scope: Scope, hashes: readonly string[]): Promise<Map<string, { householdNo: string; idCipher: string; certCipher: string | null }>> {
    const out = new Map<string, { householdNo: string; idCipher: string; certCipher: string | null }>();
    for (let i = 0; i < hashes.length; i += 1000) {
      const rows = await scoped(
        this.db.selectFrom('person as p').innerJoin('household as h', 'h.id', 'p.householdId').select(['p.idHash', 'p.idCipher', 'p.certCipher', 'h.householdNo']).where('p.idHash', 'in', hashes.slice(i, i + 1000)),
        scope,
      ).execute();
      for (const r of rows) out.set(r.idHash, { householdNo: r.householdNo, idCipher: r.idCipher, certCipher: r.certCipher });
    }
    return out;
  }
}
