/**
 * Households (户), members (家庭成员) and income records. All SQL of the registry; every method that
 * reads or writes regional data takes the caller's Scope first. Column lists are constants so that the
 * protected ID columns (hash, ciphertext) are never selected by accident.
 */
import { rowsPerInsert } from '../db/batch';
import { sql, type Insertable, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import type { Db } from '../db/connect';
import { bulkRows } from '../db/bulk';
import type { HouseholdTable, IncomeRecordTable, PersonTable } from '../db/schema';
import { HOUSEHOLD_LEVEL_COLUMN, levelOfCode, type Scope } from './scope';
import { flagOf } from '../domain/rules';

/** Person columns safe to read for display (no hash, no ciphertext). */
export const PERSON_PUBLIC_COLUMNS = [
  'id', 'householdId', 'idMasked', 'idStatus', 'name', 'sex', 'birthDate', 'relationToHead', 'ethnicity', 'education',
  'schoolStage', 'healthStatus', 'disabilityGrade', 'labourSkill', 'workPlace', 'residentMedicalInsurance',
  'employeeMedicalInsurance', 'criticalIllnessInsurance', 'medicalAssistance', 'residentPension', 'employeePension', 'dibao', 'tekun',
] as const;

export type HouseholdRow = Omit<HouseholdTable, 'id'> & { id: number };
export type PersonPublicRow = Pick<PersonTable, Exclude<(typeof PERSON_PUBLIC_COLUMNS)[number], 'id'>> & { id: number };
export type IncomeRow = IncomeRecordTable;
export type NewHousehold = Insertable<HouseholdTable>;
export type NewPerson = Omit<Insertable<PersonTable>, 'householdId'>;
export type NewIncome = Omit<IncomeRecordTable, 'householdId'>;

/** Filters of the household list. Money in fen. */
export interface HouseholdFilters {
  year: number;
  householdType?: string;
  monitoredCategory?: string;
  ruleId?: string;
  riskType?: string;
  incomeMinFen?: number;
  incomeMaxFen?: number;
  /** household number (exact or prefix) or head's name (prefix) */
  q?: string;
}

export type HouseholdSort = 'householdNo' | 'perCapitaNetIncomeFen' | 'memberCount';

/** A household list row (household joined with the year's facts and screening result). */
export interface HouseholdListRow {
  id: number;
  householdNo: string;
  villageCode: string;
  townshipCode: string;
  countyCode: string;
  householdType: string;
  monitoredCategory: string | null;
  riskTypes: string;
  headName: string;
  memberCount: number;
  perCapitaNetIncomeFen: number | null;
  /** stored flag bits of the year's screening (null when not screened); see ScreeningRule.bit */
  flags: number | null;
}

const NULL_INCOME_SORT = -1e15;

/** Applies a scope to a query over `household` (aliased h). */
export function scoped<Q extends SelectQueryBuilder<any, any, any>>(q: Q, scope: Scope, alias = 'h'): Q {
  if (scope.regionCode === null) return q;
  const col = HOUSEHOLD_LEVEL_COLUMN[levelOfCode(scope.regionCode) as keyof typeof HOUSEHOLD_LEVEL_COLUMN];
  return q.where(`${alias}.${col}`, '=', scope.regionCode) as Q;
}

export class HouseholdRepository {
  constructor(private readonly db: Db) {}

  /** One household inside the scope, or undefined (outside the scope looks the same as missing). */
  get(scope: Scope, id: number): Promise<HouseholdRow | undefined> {
    return scoped(this.db.selectFrom('household as h').selectAll('h').where('h.id', '=', id), scope).executeTakeFirst() as Promise<HouseholdRow | undefined>;
  }

  /** Household ids by household number, inside the scope. */
  async idsByNo(scope: Scope, householdNos: readonly string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (let i = 0; i < householdNos.length; i += 1000) {
      const rows = await scoped(this.db.selectFrom('household as h').select(['h.id', 'h.householdNo']).where('h.householdNo', 'in', householdNos.slice(i, i + 1000)), scope).execute();
      for (const r of rows) out.set(r.householdNo, r.id);
    }
    return out;
  }

  /**
   * Households by household number inside the scope, all columns, keyed by number. Registry-wide
   * uniqueness checks pass NATIONAL_SCOPE on purpose: a number taken outside the caller's region is
   * still taken.
   */
  async getByNos(scope: Scope, householdNos: readonly string[]): Promise<Map<string, HouseholdRow>> {
    const out = new Map<string, HouseholdRow>();
    for (let i = 0; i < householdNos.length; i += 500) {
      const rows = await scoped(this.db.selectFrom('household as h').selectAll('h').where('h.householdNo', 'in', householdNos.slice(i, i + 500)), scope).execute();
      for (const r of rows as HouseholdRow[]) out.set(r.householdNo, r);
    }
    return out;
  }

  /**
   * The household each ID lookup hash belongs to, across the whole registry (one person cannot belong
   * to two households, wherever the other one is). Reveals only household ids to the service.
   */
  async ownersOfIdHashes(hashes: readonly string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (let i = 0; i < hashes.length; i += 500) {
      const rows = await this.db.selectFrom('person').select(['idHash', 'householdId']).where('idHash', 'in', hashes.slice(i, i + 500)).execute();
      for (const r of rows) out.set(r.idHash, r.householdId);
    }
    return out;
  }

  /**
   * Members of households inside the scope with EVERY column, protected ones included (hash and
   * ciphertext): only for snapshots that must restore rows exactly (import rollback) and for the
   * national-layout export, never for display.
   */
  async membersWithProtectedColumns(scope: Scope, householdIds: readonly number[]): Promise<(PersonTable & { id: number })[]> {
    const out: (PersonTable & { id: number })[] = [];
    for (let i = 0; i < householdIds.length; i += 1000) {
      const rows = await scoped(
        this.db.selectFrom('person as p').innerJoin('household as h', 'h.id', 'p.householdId').selectAll('p').where('p.householdId', 'in', householdIds.slice(i, i + 1000)),
        scope,
      )
        .orderBy('p.householdId')
        .orderBy('p.id')
        .execute();
      out.push(...(rows as (PersonTable & { id: number })[]));
    }
    return out;
  }

  /** A page of members inside the scope for the person export (display columns only), in person id order. */
  async personExportPage(scope: Scope, afterPersonId: number, limit: number, withCipher = false) {
    return scoped(
      this.db
        .selectFrom('person as p')
        .innerJoin('household as h', 'h.id', 'p.householdId')
        .select(['p.id', 'h.householdNo', 'h.villageCode', 'p.name', 'p.idMasked', 'p.relationToHead', 'p.sex', 'p.birthDate', 'p.healthStatus', 'p.labourSkill', 'p.schoolStage'])
        // the ciphertext only for a full-ID export (idNumber.reveal + personal.export + reason, checked by the service)
        .$if(withCipher, (q) => q.select('p.idCipher'))
        .where('p.id', '>', afterPersonId)
        .orderBy('p.id')
        .limit(limit),
      scope,
    ).execute();
  }

  /** Inserts households; returns their ids by household number. */
  async insertHouseholds(rows: readonly NewHousehold[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    const n = rowsPerInsert(rows[0], 500);
    for (let i = 0; i < rows.length; i += n) {
      const inserted = await this.db.insertInto('household').values(rows.slice(i, i + n)).returning(['id', 'householdNo']).execute();
      for (const r of inserted) out.set(r.householdNo, r.id);
    }
    return out;
  }

  /** Inserts new households in bulk (db/bulk.ts); read their ids back with idsByNo. */
  async bulkInsertHouseholds(rows: readonly NewHousehold[]): Promise<void> {
    await bulkRows(this.db, 'household', rows);
  }

  /** Inserts members in bulk (householdId set by the caller). */
  async bulkInsertPersons(rows: readonly Insertable<PersonTable>[]): Promise<void> {
    await bulkRows(this.db, 'person', rows);
  }

  /** Inserts income records of new households in bulk. */
  async bulkInsertIncomes(rows: readonly IncomeRecordTable[]): Promise<void> {
    await bulkRows(this.db, 'income_record', rows);
  }

  /** Inserts members (householdId set by the caller). */
  async insertPersons(rows: readonly Insertable<PersonTable>[]): Promise<void> {
    const n = rowsPerInsert(rows[0]);
    for (let i = 0; i < rows.length; i += n) await this.db.insertInto('person').values(rows.slice(i, i + n)).execute();
  }

  /** Inserts or replaces income records. */
  async upsertIncomes(rows: readonly IncomeRecordTable[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 1000) {
      await this.db
        .insertInto('incomeRecord')
        .values(rows.slice(i, i + 1000))
        .onConflict((oc) =>
          oc.columns(['householdId', 'year']).doUpdateSet((eb) => ({
            wageFen: eb.ref('excluded.wageFen'),
            businessIncomeFen: eb.ref('excluded.businessIncomeFen'),
            businessExpensesFen: eb.ref('excluded.businessExpensesFen'),
            propertyFen: eb.ref('excluded.propertyFen'),
            transferFen: eb.ref('excluded.transferFen'),
            compliantOutOfPocketFen: eb.ref('excluded.compliantOutOfPocketFen'),
          })),
        )
        .execute();
    }
  }

  /** Members of households inside the scope (display columns only). */
  async members(scope: Scope, householdIds: readonly number[]): Promise<PersonPublicRow[]> {
    const out: PersonPublicRow[] = [];
    for (let i = 0; i < householdIds.length; i += 1000) {
      const rows = await scoped(
        this.db
          .selectFrom('person as p')
          .innerJoin('household as h', 'h.id', 'p.householdId')
          .select(PERSON_PUBLIC_COLUMNS.map((c) => `p.${c}` as const))
          .where('p.householdId', 'in', householdIds.slice(i, i + 1000)),
        scope,
      )
        .orderBy('p.householdId')
        .orderBy('p.id')
        .execute();
      out.push(...(rows as PersonPublicRow[]));
    }
    return out;
  }

  /** Income records of households inside the scope, all years, ordered by household then year. */
  async incomes(scope: Scope, householdIds: readonly number[]): Promise<IncomeRow[]> {
    const out: IncomeRow[] = [];
    for (let i = 0; i < householdIds.length; i += 1000) {
      const rows = await scoped(
        this.db
          .selectFrom('incomeRecord as i')
          .innerJoin('household as h', 'h.id', 'i.householdId')
          .selectAll('i')
          .where('i.householdId', 'in', householdIds.slice(i, i + 1000)),
        scope,
      )
        .orderBy('i.householdId')
        .orderBy('i.year')
        .execute();
      out.push(...(rows as IncomeRow[]));
    }
    return out;
  }

  /** Households inside the scope, by id (for fact maintenance), in id order. */
  async getMany(scope: Scope, ids: readonly number[]): Promise<HouseholdRow[]> {
    const out: HouseholdRow[] = [];
    for (let i = 0; i < ids.length; i += 1000) {
      const rows = await scoped(this.db.selectFrom('household as h').selectAll('h').where('h.id', 'in', ids.slice(i, i + 1000)), scope).orderBy('h.id').execute();
      out.push(...(rows as HouseholdRow[]));
    }
    return out;
  }

  /** Ids of households inside the scope, after `afterId`, at most `limit`, in id order (for batch work). */
  async idsPage(scope: Scope, afterId: number, limit: number): Promise<number[]> {
    const rows = await scoped(this.db.selectFrom('household as h').select('h.id').where('h.id', '>', afterId), scope).orderBy('h.id').limit(limit).execute();
    return rows.map((r) => r.id);
  }

  /** Number of households inside the scope. */
  async count(scope: Scope): Promise<number> {
    const r = await scoped(this.db.selectFrom('household as h').select((eb) => eb.fn.countAll<number>().as('n')), scope).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** The filtered household query inside the scope: household ⋈ the year's facts (with their screening). */
  private filtered(scope: Scope, f: HouseholdFilters) {
    let q = scoped(
      this.db
        .selectFrom('household as h')
        .leftJoin('householdFact as f', (j) => j.onRef('f.householdId', '=', 'h.id').on('f.year', '=', f.year)),
      scope,
    );
    if (f.householdType) q = q.where('h.householdType', '=', f.householdType);
    if (f.monitoredCategory) q = q.where('h.monitoredCategory', '=', f.monitoredCategory);
    if (f.riskType) q = q.where('h.riskTypes', 'like', `%${f.riskType}%`);
    if (f.incomeMinFen !== undefined) q = q.where('f.perCapitaNetIncomeFen', '>=', f.incomeMinFen);
    if (f.incomeMaxFen !== undefined) q = q.where('f.perCapitaNetIncomeFen', '<=', f.incomeMaxFen);
    if (f.ruleId) {
      // an unknown rule id matches nothing (bit 0)
      const bit = flagOf(f.ruleId) ?? 0;
      q = q.where(sql<boolean>`(f.flags & ${sql.lit(bit)}) <> 0`);
    }
    if (f.q) {
      const text = f.q;
      // a literal, case-sensitive prefix on both dialects (LIKE would treat % and _ as wildcards and
      // ignore ASCII case on SQLite)
      // substr counts code points on both dialects: so must the length (𠮷 is one character, two UTF-16 units)
      const chars = [...text].length;
      q = q.where(sql<boolean>`(substr(h.household_no, 1, ${chars}) = ${text} or substr(h.head_name, 1, ${chars}) = ${text})`);
    }
    return q;
  }

  /**
   * How many households inside the scope match the filters, counting no further than `cap`: the exact
   * number when it is at most `cap`, else `cap + 1` (the caller shows "more than cap"). Bounded work
   * whatever the region's size.
   */
  async countUpTo(scope: Scope, f: HouseholdFilters, cap: number): Promise<number> {
    const inner = this.filtered(scope, f).select(sql.lit(1).as('one')).limit(cap + 1);
    const r = await this.db.selectFrom(inner.as('x')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /**
   * One page of the household list inside the scope. Keyset pagination on (sort value, id); `after` is
   * the last row's (value, id) of the previous page. The total is the caller's (rollups or countUpTo).
   */
  async list(
    scope: Scope,
    f: HouseholdFilters,
    sort: HouseholdSort,
    order: 'asc' | 'desc',
    after: { value: number | string; id: number } | null,
    limit: number,
  ): Promise<(HouseholdListRow & { sortValue: number | string })[]> {
    const sortExpr: RawBuilder<number | string> =
      sort === 'householdNo' ? sql`h.household_no` : sort === 'memberCount' ? sql`h.member_count` : sql`coalesce(f.per_capita_net_income_fen, ${NULL_INCOME_SORT})`;
    let q = this.filtered(scope, f).select([
      'h.id', 'h.householdNo', 'h.villageCode', 'h.townshipCode', 'h.countyCode', 'h.householdType', 'h.monitoredCategory',
      'h.riskTypes', 'h.headName', 'h.memberCount', 'f.perCapitaNetIncomeFen', 'f.flags', sortExpr.as('sortValue'),
    ]);
    if (after) {
      const cmp = order === 'asc' ? sql.raw('>') : sql.raw('<');
      q = q.where(sql<boolean>`(${sortExpr} ${cmp} ${after.value} or (${sortExpr} = ${after.value} and h.id ${cmp} ${after.id}))`);
    }
    return (await q.orderBy(sortExpr, order).orderBy('h.id', order).limit(limit).execute()) as (HouseholdListRow & { sortValue: number | string })[];
  }

  /**
   * Households inside the scope whose head's or any member's name contains `part` (any part of a name,
   * issue 16), ordered by household number, at most `limit`. `%`, `_` and `\` in `part` are literal.
   */
  async searchByNamePart(scope: Scope, part: string, limit: number): Promise<{ id: number; householdNo: string; headName: string; villageCode: string }[]> {
    const pattern = `%${part.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const like = (col: RawBuilder<unknown>) => sql<boolean>`${col} like ${pattern} escape '\\'`;
    return scoped(
      this.db
        .selectFrom('household as h')
        .select(['h.id', 'h.householdNo', 'h.headName', 'h.villageCode'])
        .where((eb) => eb.or([like(sql.ref('h.headName')), eb.exists(eb.selectFrom('person as p').select('p.id').whereRef('p.householdId', '=', 'h.id').where(like(sql.ref('p.name'))))])),
      scope,
    )
      .orderBy('h.householdNo')
      .limit(limit)
      .execute();
  }
}
