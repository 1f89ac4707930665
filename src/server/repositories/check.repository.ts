/**
 * SQL of the data-quality checks (数据质量核查): what the checks read beside the household and person rows,
 * a page of households at a time (ids already inside the caller's scope, from HouseholdRepository.idsPage),
 * and per village set-based: the latest profile (（自定义）行政村信息) of each village in the scope and the
 * registry's counts of the village in one GROUP BY.
 */
import { sql } from 'kysely';
import type { Db } from '../db/connect';
import type { IncomeRecordTable, WorkSpellTable } from '../db/schema';
import type { VillageCounts } from '../domain/checks/model';
import { whereVillageInScope, type Scope } from './scope';

const CHUNK = 1000;
/** Person columns the checks read. */
const MEMBER_COLUMNS = [
  'householdId', 'idHash', 'idMasked', 'idStatus', 'idType', 'certCipher', 'name', 'sex', 'birthDate', 'relationToHead', 'ethnicity', 'education', 'schoolStage', 'healthStatus',
  'disabilityGrade', 'disabilityCategory', 'labourSkill', 'workPlace', 'residentMedicalInsurance', 'employeeMedicalInsurance', 'criticalIllnessInsurance', 'medicalAssistance',
  'residentPension', 'employeePension', 'dibao', 'tekun', 'outOfSchool', 'dropoutReason', 'notEnrolledReason', 'employmentChannel', 'tekunSupportFen', 'workMonths', 'phoneMasked',
] as const;

/** The registry's counts of one village (persons and households it holds). */
export type VillageCountsRow = VillageCounts & { villageCode: string };

/** The latest profile of a village. */
export interface VillageProfileRow {
  villageCode: string;
  countyCode: string;
  sourceRow: number;
  figuresJson: string;
  collectiveIncomeFen: number | null;
}

export class CheckRepository {
  constructor(private readonly db: Db) {}

  /**
   * The members of the households (ids inside the caller's scope) with the columns the checks read: no ID
   * ciphertext or phone ciphertext (the certificate's is kept: its category and grade characters are checked).
   */
  async members(householdIds: readonly number[]) {
    const out = [];
    for (let i = 0; i < householdIds.length; i += CHUNK) {
      out.push(...(await this.db.selectFrom('person').select(MEMBER_COLUMNS).where('householdId', 'in', householdIds.slice(i, i + CHUNK)).orderBy('householdId').orderBy('id').execute()));
    }
    return out;
  }

  /** Income records of the households for a year, by household. */
  async incomes(householdIds: readonly number[], year: number): Promise<Map<number, IncomeRecordTable>> {
    const out = new Map<number, IncomeRecordTable>();
    for (let i = 0; i < householdIds.length; i += CHUNK) {
      for (const r of await this.db.selectFrom('incomeRecord').selectAll().where('householdId', 'in', householdIds.slice(i, i + CHUNK)).where('year', '=', year).execute()) {
        out.set(r.householdId, { ...r, wageFen: Number(r.wageFen), businessIncomeFen: Number(r.businessIncomeFen), businessExpensesFen: Number(r.businessExpensesFen), propertyFen: Number(r.propertyFen), transferFen: Number(r.transferFen), compliantOutOfPocketFen: Number(r.compliantOutOfPocketFen) });
      }
    }
    return out;
  }

  /** Imported work spells and plans of the households, in file order. */
  async spells(householdIds: readonly number[]): Promise<Omit<WorkSpellTable, 'id'>[]> {
    const out: Omit<WorkSpellTable, 'id'>[] = [];
    for (let i = 0; i < householdIds.length; i += CHUNK) {
      const rows = await this.db.selectFrom('workSpell').selectAll().where('householdId', 'in', householdIds.slice(i, i + CHUNK)).orderBy('householdId').orderBy('id').execute();
      out.push(...rows.map((r) => ({ ...r, monthlyWageFen: r.monthlyWageFen === null ? null : Number(r.monthlyWageFen), transportSubsidyFen: r.transportSubsidyFen === null ? null : Number(r.transportSubsidyFen) })));
    }
    return out;
  }

  /** Measures of the households that are not stopped (national and entered here): kind, sub-kind, note. */
  async measures(householdIds: readonly number[]): Promise<{ householdId: number; kind: string; subKind: string | null; note: string }[]> {
    const out: { householdId: number; kind: string; subKind: string | null; note: string }[] = [];
    for (let i = 0; i < householdIds.length; i += CHUNK) {
      out.push(...(await this.db.selectFrom('assistanceMeasure').select(['householdId', 'kind', 'subKind', 'note']).where('householdId', 'in', householdIds.slice(i, i + CHUNK)).where('status', '!=', 'stopped').orderBy('id').execute()));
    }
    return out;
  }

  /** Which of the households have a row of a national person export (national_row kind national-person). */
  async fromNational(householdIds: readonly number[]): Promise<Set<number>> {
    const out = new Set<number>();
    for (let i = 0; i < householdIds.length; i += CHUNK) {
      for (const r of await this.db.selectFrom('nationalRow').select('householdId').distinct().where('householdId', 'in', householdIds.slice(i, i + CHUNK)).where('kind', '=', 'national-person').execute()) if (r.householdId !== null) out.add(r.householdId);
    }
    return out;
  }

  /** Names of regions by code. */
  async names(codes: readonly string[]): Promise<Map<string, string>> {
    if (!codes.length) return new Map();
    const rows = await this.db.selectFrom('region').select(['code', 'name']).where('code', 'in', [...codes]).execute();
    return new Map(rows.map((r) => [r.code, r.name]));
  }

  /** The latest profile (highest batch) of each village inside the scope. */
  async latestProfiles(scope: Scope): Promise<VillageProfileRow[]> {
    const latest = whereVillageInScope(this.db.selectFrom('villageProfile').select(['villageCode', (eb) => eb.fn.max('batchId').as('batchId')]), scope, 'villageCode').groupBy('villageCode');
    const rows = await this.db
      .selectFrom('villageProfile as v')
      .innerJoin(latest.as('l'), (j) => j.onRef('l.villageCode', '=', 'v.villageCode').onRef('l.batchId', '=', 'v.batchId'))
      .select(['v.villageCode', 'v.countyCode', 'v.sourceRow', 'v.figuresJson', 'v.collectiveIncomeFen'])
      .orderBy('v.villageCode')
      .execute();
    return rows.map((r) => ({ ...r, collectiveIncomeFen: r.collectiveIncomeFen === null ? null : Number(r.collectiveIncomeFen) }));
  }

  /** The registry's counts per village of the given villages, set-based (one query per 1,000 villages). */
  async villageCounts(villageCodes: readonly string[]): Promise<Map<string, VillageCountsRow>> {
    const out = new Map<string, VillageCountsRow>();
    for (let i = 0; i < villageCodes.length; i += CHUNK) {
      const codes = villageCodes.slice(i, i + CHUNK);
      const hs = await this.db
        .selectFrom('household')
        .select(['villageCode', (eb) => eb.fn.countAll<number>().as('households'), sql<number>`sum(dangerous_house)`.as('dangerous'), sql<number>`sum(1 - safe_drinking_water)`.as('unsafe')])
        .where('villageCode', 'in', codes)
        .groupBy('villageCode')
        .execute();
      const ps = await this.db
        .selectFrom('person as p')
        .innerJoin('household as h', 'h.id', 'p.householdId')
        .select([
          'h.villageCode', (eb) => eb.fn.countAll<number>().as('persons'), sql<number>`sum(p.dibao)`.as('dibao'), sql<number>`sum(p.tekun)`.as('tekun'),
          sql<number>`sum(case when p.health_status = 'disabled' or p.id_type = 'disabilityCertificate' then 1 else 0 end)`.as('disabled'),
        ])
        .where('h.villageCode', 'in', codes)
        .groupBy('h.villageCode')
        .execute();
      for (const r of hs) out.set(r.villageCode, { villageCode: r.villageCode, households: Number(r.households), persons: 0, dibaoPersons: 0, tekunPersons: 0, disabledPersons: 0, dangerousHouses: Number(r.dangerous ?? 0), unsafeWaterHouseholds: Number(r.unsafe ?? 0) });
      for (const r of ps) {
        const v = out.get(r.villageCode);
        if (v) Object.assign(v, { persons: Number(r.persons), dibaoPersons: Number(r.dibao ?? 0), tekunPersons: Number(r.tekun ?? 0), disabledPersons: Number(r.disabled ?? 0) });
      }
    }
    return out;
  }
}
