/**
 * Registry use cases: registering households with their members and incomes, reading them, recording a
 * year's income, and maintaining household facts whenever their inputs change (then screening the
 * changed households incrementally).
 *
 * ID numbers are checked against GB 11643-1999 and stored only as an HMAC-SHA-256 lookup hash, an
 * AES-256-GCM ciphertext and a masked form. A number whose only fault is its check character is kept and
 * marked `checkFailed` for verification, never dropped or "corrected".
 */
import { createHash } from 'node:crypto';
import type { Insertable } from 'kysely';
import { householdInput, incomeInput, type HouseholdData, type HouseholdInput, type IncomeInput } from '../../shared/registry';
import { computeHouseholdFacts, type FactsPerson } from '../domain/facts';
import { checkIdNumber, ID_ISSUE_ZH, maskIdNumber } from '../domain/id-number';
import { conflict, notFound, validationError, type FieldIssue } from '../errors';
import { HouseholdRepository, type HouseholdRow, type IncomeRow, type PersonPublicRow } from '../repositories/household.repository';
import { RegionRepository } from '../repositories/region.repository';
import { ScreeningRepository, type FactRow } from '../repositories/screening.repository';
import { inScope, NATIONAL_SCOPE, regionScope, type Scope } from '../repositories/scope';
import type { HouseholdTable, IncomeRecordTable, PersonTable } from '../db/schema';
import { nowIso, today, type ServiceContext } from './context';
import { ScreeningService } from './screening.service';

/** Outcome of registering households. */
export interface RegisterReport {
  households: number;
  persons: number;
  /** persons whose ID number failed the check character: kept and marked for verification */
  idsToVerify: number;
  ids: Map<string, number>;
}

const bool = (b: boolean) => (b ? 1 : 0);

/** A household's stored state (all columns, ciphertexts included), kept by imports for rollback. */
export interface HouseholdSnapshot {
  household: HouseholdRow;
  persons: (PersonTable & { id: number })[];
  incomes: IncomeRecordTable[];
}

/** What upsertHouseholds did to one household. */
export interface UpsertOutcome {
  householdNo: string;
  householdId: number;
  countyCode: string;
  action: 'added' | 'updated' | 'unchanged';
  versionAfter: number;
  /** state before an update, for rollback */
  before: HouseholdSnapshot | null;
}

async function snapshotOf(db: ServiceContext['db'], h: HouseholdRow): Promise<HouseholdSnapshot> {
  const repo = new HouseholdRepository(db);
  const persons = await repo.membersWithProtectedColumns(NATIONAL_SCOPE, [h.id]);
  const incomes = await repo.incomes(NATIONAL_SCOPE, [h.id]);
  return { household: h, persons, incomes };
}

/** Household columns compared by upserts (not ids, timestamps, version or the demo mark). */
const COMPARED_HOUSEHOLD = ['villageCode', 'householdType', 'monitoredCategory', 'riskTypes', 'identifiedMonth', 'riskEliminated', 'eliminationMode', 'eliminatedMonth', 'farmlandMu', 'forestMu', 'housingAreaM2', 'dangerousHouse', 'distanceToRoadKm', 'roadHardened', 'electricity', 'safeDrinkingWater', 'sanitaryToilet', 'headName', 'memberCount'] as const;
/** Person columns compared (not ids, nor the ciphertext, whose IV differs each time). */
const COMPARED_PERSON = ['idHash', 'idStatus', 'name', 'sex', 'birthDate', 'relationToHead', 'ethnicity', 'education', 'schoolStage', 'healthStatus', 'disabilityGrade', 'labourSkill', 'workPlace', 'residentMedicalInsurance', 'employeeMedicalInsurance', 'criticalIllnessInsurance', 'medicalAssistance', 'residentPension', 'employeePension', 'dibao', 'tekun'] as const;
const COMPARED_INCOME = ['wageFen', 'businessIncomeFen', 'businessExpensesFen', 'propertyFen', 'transferFen', 'compliantOutOfPocketFen'] as const;

const norm = (v: unknown) => (v === undefined ? null : typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v);

function sameHousehold(before: HouseholdSnapshot, h: Insertable<HouseholdTable>, persons: Omit<Insertable<PersonTable>, 'householdId'>[], incomes: readonly IncomeInput[]): boolean {
  for (const k of COMPARED_HOUSEHOLD) if (norm(before.household[k]) !== norm((h as Record<string, unknown>)[k])) return false;
  if (before.persons.length !== persons.length) return false;
  const key = (p: Record<string, unknown>) => JSON.stringify(COMPARED_PERSON.map((k) => norm(p[k])));
  const a = before.persons.map((p) => key(p as unknown as Record<string, unknown>)).sort();
  const b = persons.map((p) => key(p as Record<string, unknown>)).sort();
  if (a.some((x, i) => x !== b[i])) return false;
  for (const inc of incomes) {
    const cur = before.incomes.find((r) => r.year === inc.year);
    if (!cur) return false;
    for (const k of COMPARED_INCOME) if (norm(cur[k]) !== norm((inc as Record<string, unknown>)[k] ?? 0)) return false;
  }
  return true;
}

/** Validated rows of households about to be written. */
interface Prepared {
  parsed: HouseholdData[];
  households: Insertable<import('../db/schema').HouseholdTable>[];
  persons: { householdNo: string; row: Omit<Insertable<PersonTable>, 'householdId'> }[];
  idsToVerify: number;
}

export class RegistryService {
  private readonly screening: ScreeningService;

  constructor(private readonly ctx: ServiceContext) {
    this.screening = new ScreeningService(ctx);
  }

  /**
   * Validates inputs and builds the rows to write (ID numbers hashed, encrypted and masked).
   * @throws validation_error as registerHouseholds
   */
  private async prepare(scope: Scope, inputs: readonly HouseholdInput[], opts: { isDemo?: boolean }): Promise<Prepared> {
    const asOf = today(this.ctx.clock);
    const issues: FieldIssue[] = [];
    const parsed: HouseholdData[] = [];
    inputs.forEach((raw, i) => {
      const r = householdInput.safeParse(raw);
      if (!r.success) {
        for (const iss of r.error.issues) issues.push({ field: `[${i}].${iss.path.join('.')}`, message: iss.message });
      } else parsed.push(r.data);
    });
    if (issues.length) throw validationError(issues.slice(0, 200));

    const villages = new Set((await new RegionRepository(this.ctx.db).getMany([...new Set(parsed.map((h) => h.villageCode))])).filter((r) => r.level === 'village').map((r) => r.code));
    const now = nowIso(this.ctx.clock);
    const households: Insertable<import('../db/schema').HouseholdTable>[] = [];
    const persons: { householdNo: string; row: Omit<Insertable<PersonTable>, 'householdId'> }[] = [];
    const seenIds = new Map<string, string>();
    const seenNos = new Set<string>();
    let idsToVerify = 0;
    parsed.forEach((h, i) => {
      if (!villages.has(h.villageCode)) issues.push({ field: `[${i}].villageCode`, message: `村级区划 ${h.villageCode} 未载入` });
      else if (!inScope(scope, h.villageCode)) issues.push({ field: `[${i}].villageCode`, message: `村级区划 ${h.villageCode} 不在您的管辖范围内` });
      if (seenNos.has(h.householdNo)) issues.push({ field: `[${i}].householdNo`, message: `户编号 ${h.householdNo} 重复` });
      seenNos.add(h.householdNo);
      const heads = h.members.filter((m) => m.relationToHead === 'head');
      if (h.members.length > 0 && heads.length !== 1) issues.push({ field: `[${i}].members`, message: `应有且仅有一名户主,实有 ${heads.length} 名` });
      if (h.monitoredCategory === 'unstableLifted' && h.householdType !== 'liftedOutOfPoverty') issues.push({ field: `[${i}].monitoredCategory`, message: '脱贫不稳定户只能是脱贫户' });
      h.members.forEach((m, j) => {
        const check = checkIdNumber(m.idNumber, asOf);
        if (!check.ok) {
          issues.push({ field: `[${i}].members[${j}].idNumber`, message: check.errors.map((e) => ID_ISSUE_ZH[e]).join(';') });
          return;
        }
        const id = check.idNumber!;
        const prev = seenIds.get(id);
        if (prev) issues.push({ field: `[${i}].members[${j}].idNumber`, message: `与 ${prev} 为同一身份证号` });
        seenIds.set(id, `[${i}].members[${j}]`);
        if (check.status === 'checkFailed') idsToVerify++;
        persons.push({
          householdNo: h.householdNo,
          row: {
            idHash: this.ctx.ids.hash(id), idCipher: this.ctx.ids.encrypt(id), idMasked: maskIdNumber(id), idStatus: check.status!,
            name: m.name, sex: m.sex ?? check.sex!, birthDate: check.birthDate!, relationToHead: m.relationToHead, ethnicity: m.ethnicity,
            education: m.education, schoolStage: m.schoolStage, healthStatus: m.healthStatus, disabilityGrade: m.disabilityGrade,
            labourSkill: m.labourSkill, workPlace: m.workPlace, residentMedicalInsurance: bool(m.residentMedicalInsurance),
            employeeMedicalInsurance: bool(m.employeeMedicalInsurance), criticalIllnessInsurance: bool(m.criticalIllnessInsurance),
            medicalAssistance: bool(m.medicalAssistance), residentPension: bool(m.residentPension), employeePension: bool(m.employeePension),
            dibao: bool(m.dibao), tekun: bool(m.tekun),
          },
        });
      });
      households.push({
        householdNo: h.householdNo, provinceCode: h.villageCode.slice(0, 2), prefectureCode: h.villageCode.slice(0, 4), countyCode: h.villageCode.slice(0, 6),
        townshipCode: h.villageCode.slice(0, 9), villageCode: h.villageCode, householdType: h.householdType, monitoredCategory: h.monitoredCategory,
        riskTypes: h.riskTypes.join(','), identifiedMonth: h.identifiedMonth, riskEliminated: bool(h.riskEliminated), eliminationMode: h.eliminationMode,
        eliminatedMonth: h.eliminatedMonth, farmlandMu: h.farmlandMu, forestMu: h.forestMu, housingAreaM2: h.housingAreaM2, dangerousHouse: bool(h.dangerousHouse),
        distanceToRoadKm: h.distanceToRoadKm, roadHardened: bool(h.roadHardened), electricity: bool(h.electricity), safeDrinkingWater: bool(h.safeDrinkingWater),
        sanitaryToilet: bool(h.sanitaryToilet), headName: h.members.find((m) => m.relationToHead === 'head')?.name ?? '', memberCount: h.members.length,
        isDemo: bool(!!opts.isDemo), createdAt: now, updatedAt: now, version: 1,
      });
    });
    if (issues.length) throw validationError(issues.slice(0, 200));
    return { parsed, households, persons, idsToVerify };
  }

  /**
   * Registers new households (with members and income years) inside the caller's scope, in one
   * transaction: either all are written or none. Facts are computed for every income year and the
   * configured default year; results are screened incrementally unless `screen` is false (bulk loads
   * screen once at the end).
   * @throws validation_error listing every problem with its path (`[i].members[j].idNumber`, …): bad
   *   fields, a village outside the scope or not loaded, not exactly one head, an ID number that cannot
   *   be stored, the same person twice; conflict when a household number already exists.
   */
  async registerHouseholds(scope: Scope, inputs: readonly HouseholdInput[], opts: { isDemo?: boolean; screen?: boolean } = {}): Promise<RegisterReport> {
    const { parsed, households, persons, idsToVerify } = await this.prepare(scope, inputs, opts);
    const idHashes = persons.map((p) => p.row.idHash);
    const ids = await this.ctx.db.transaction().execute(async (trx) => {
      const repo = new HouseholdRepository(trx);
      const existing = await repo.idsByNo({ regionCode: null }, households.map((h) => h.householdNo));
      if (existing.size) throw conflict(`户编号已存在:${[...existing.keys()].slice(0, 20).join('、')}`);
      const already = await this.existingIdHashes(trx, idHashes);
      if (already.size) throw conflict(`${already.size} 名成员的身份证号已在其他户登记(同一人不能属于两户)`);
      const idsByNo = await repo.insertHouseholds(households);
      await repo.insertPersons(persons.map((p) => ({ ...p.row, householdId: idsByNo.get(p.householdNo)! })));
      await repo.upsertIncomes(parsed.flatMap((h) => h.incomes.map((inc) => ({ ...inc, householdId: idsByNo.get(h.householdNo)! }))));
      await this.refreshFacts(trx, [...idsByNo.values()]);
      return idsByNo;
    });
    if (opts.screen !== false) await this.screenChanged([...new Set(parsed.map((h) => h.villageCode.slice(0, 6)))]);
    return { households: households.length, persons: persons.length, idsToVerify, ids };
  }

  /**
   * Adds or updates households by household number inside the caller's scope, in one transaction (the
   * use case behind imports). A household whose fields, members and given income years are all equal
   * to the stored ones is left alone (`unchanged`: re-importing the same file changes nothing); an
   * updated household gets its fields replaced, its members replaced and the given income years upserted,
   * and its state before is returned for rollback. `within` runs inside the same transaction (the import
   * records itself there), so that the batch and its record are written together or not at all.
   * @throws validation_error as registerHouseholds; conflict when a household number belongs to a
   *   household outside the scope, or a member is registered in another household
   */
  async upsertHouseholds(
    scope: Scope,
    inputs: readonly HouseholdInput[],
    opts: { screen?: boolean; within?: (trx: ServiceContext['db'], outcomes: UpsertOutcome[]) => Promise<void> } = {},
  ): Promise<UpsertOutcome[]> {
    const { parsed, households, persons } = inputs.length ? await this.prepare(scope, inputs, {}) : { parsed: [], households: [], persons: [] };
    const personsByNo = groupBy(persons, (p) => p.householdNo);
    const outcomes = await this.ctx.db.transaction().execute(async (trx) => {
      const repo = new HouseholdRepository(trx);
      // registry-wide on purpose: a household number is unique across the nation
      const existing = await repo.getByNos(NATIONAL_SCOPE, households.map((h) => h.householdNo));
      const outside = [...existing.values()].filter((h) => !inScope(scope, h.villageCode)).map((h) => h.householdNo);
      if (outside.length) throw conflict(`户编号已被管辖范围以外的农户使用:${outside.slice(0, 20).join('、')}`);
      const owner = await repo.ownersOfIdHashes(persons.map((p) => p.row.idHash));
      const elsewhere = persons.filter((p) => {
        const o = owner.get(p.row.idHash);
        return o !== undefined && o !== existing.get(p.householdNo)?.id;
      });
      if (elsewhere.length) throw conflict(`${elsewhere.length} 名成员的身份证号已在其他户登记(同一人不能属于两户):户编号 ${[...new Set(elsewhere.map((p) => p.householdNo))].slice(0, 20).join('、')}`, { householdNos: [...new Set(elsewhere.map((p) => p.householdNo))] });

      const out: UpsertOutcome[] = [];
      const now = nowIso(this.ctx.clock);
      const toInsert = households.filter((h) => !existing.has(h.householdNo));
      const newIds = toInsert.length ? await repo.insertHouseholds(toInsert) : new Map<string, number>();
      const changed: number[] = [...newIds.values()];
      const newPersons = toInsert.flatMap((h) => (personsByNo.get(h.householdNo) ?? []).map((p) => ({ ...p.row, householdId: newIds.get(h.householdNo)! })));
      for (let i = 0; i < newPersons.length; i += 2000) await repo.insertPersons(newPersons.slice(i, i + 2000));
      const parsedByNo = new Map(parsed.map((h) => [h.householdNo, h]));
      for (const h of toInsert) out.push({ householdNo: h.householdNo, householdId: newIds.get(h.householdNo)!, countyCode: h.countyCode, action: 'added', versionAfter: 1, before: null });
      for (const h of households) {
        const cur = existing.get(h.householdNo);
        if (!cur) continue;
        const before = await snapshotOf(trx, cur);
        const incoming = personsByNo.get(h.householdNo) ?? [];
        const incomes = parsedByNo.get(h.householdNo)!.incomes;
        if (sameHousehold(before, h, incoming.map((p) => p.row), incomes)) {
          out.push({ householdNo: h.householdNo, householdId: cur.id, countyCode: cur.countyCode, action: 'unchanged', versionAfter: cur.version, before: null });
          continue;
        }
        const { createdAt: _c, version: _v, isDemo: _d, ...fields } = h;
        await trx.updateTable('household').set({ ...fields, updatedAt: now, version: cur.version + 1 }).where('id', '=', cur.id).execute();
        await trx.deleteFrom('person').where('householdId', '=', cur.id).execute();
        if (incoming.length) await repo.insertPersons(incoming.map((p) => ({ ...p.row, householdId: cur.id })));
        changed.push(cur.id);
        out.push({ householdNo: h.householdNo, householdId: cur.id, countyCode: cur.countyCode, action: 'updated', versionAfter: cur.version + 1, before });
      }
      const incomeRows = parsed.flatMap((h) => {
        const o = out.find((x) => x.householdNo === h.householdNo)!;
        return o.action === 'unchanged' ? [] : h.incomes.map((inc) => ({ ...inc, householdId: o.householdId }));
      });
      for (let i = 0; i < incomeRows.length; i += 2000) await repo.upsertIncomes(incomeRows.slice(i, i + 2000));
      for (let i = 0; i < changed.length; i += 2000) await this.refreshFacts(trx, changed.slice(i, i + 2000));
      await opts.within?.(trx, out);
      return out;
    });
    const counties = [...new Set(outcomes.filter((o) => o.action !== 'unchanged').map((o) => o.countyCode))];
    if (opts.screen !== false && counties.length) await this.screenChanged(counties);
    return outcomes;
  }

  /**
   * Undoes upserts inside the caller's transaction: added households are deleted (members, incomes,
   * facts and results go with them), updated ones get back their state before. Facts are refreshed;
   * the caller screens the counties again after the commit (see screenCounties).
   */
  async revertUpserts(trx: ServiceContext['db'], changes: readonly { householdId: number; action: 'added' | 'updated'; before: HouseholdSnapshot | null }[]): Promise<void> {
    const restored: number[] = [];
    for (const c of changes) {
      if (c.action === 'added') {
        await trx.deleteFrom('household').where('id', '=', c.householdId).execute();
        continue;
      }
      const b = c.before!;
      const { id: _id, ...fields } = b.household;
      await trx.updateTable('household').set({ ...fields, version: b.household.version + 2, updatedAt: nowIso(this.ctx.clock) }).where('id', '=', c.householdId).execute();
      await trx.deleteFrom('person').where('householdId', '=', c.householdId).execute();
      if (b.persons.length) await trx.insertInto('person').values(b.persons.map(({ id: _p, ...p }) => ({ ...p, householdId: c.householdId }))).execute();
      await trx.deleteFrom('incomeRecord').where('householdId', '=', c.householdId).execute();
      if (b.incomes.length) await trx.insertInto('incomeRecord').values(b.incomes.map((r) => ({ ...r, householdId: c.householdId }))).execute();
      restored.push(c.householdId);
    }
    if (restored.length) await this.refreshFacts(trx, restored);
  }

  /** Screens the default year and the year before for the households of the counties whose facts changed. */
  async screenCounties(countyCodes: readonly string[]): Promise<void> {
    await this.screenChanged(countyCodes);
  }

  private async existingIdHashes(db: ServiceContext['db'], hashes: readonly string[]): Promise<Set<string>> {
    return new Set((await new HouseholdRepository(db).ownersOfIdHashes(hashes)).keys());
  }

  /**
   * Records (or replaces) one year's income of a household inside the scope, then refreshes its facts
   * and screens it again. Money in fen.
   * @throws not_found outside the scope; validation_error on bad amounts; conflict when `version` is
   *   given and the household changed since it was read
   */
  async recordIncome(scope: Scope, householdId: number, raw: IncomeInput, version?: number): Promise<void> {
    const r = incomeInput.safeParse(raw);
    if (!r.success) throw validationError(r.error.issues.map((i) => ({ field: i.path.join('.') || 'income', message: i.message })));
    const h = await new HouseholdRepository(this.ctx.db).get(scope, householdId);
    if (!h) throw notFound('该农户');
    await this.ctx.db.transaction().execute(async (trx) => {
      if (version !== undefined) {
        const res = await trx.updateTable('household').set({ version: version + 1, updatedAt: nowIso(this.ctx.clock) }).where('id', '=', householdId).where('version', '=', version).executeTakeFirst();
        if (Number(res.numUpdatedRows) === 0) throw conflict('该农户已被他人修改,请刷新后重试');
      } else {
        await trx.updateTable('household').set((eb) => ({ version: eb('version', '+', 1), updatedAt: nowIso(this.ctx.clock) })).where('id', '=', householdId).execute();
      }
      await new HouseholdRepository(trx).upsertIncomes([{ ...r.data, householdId }]);
      await this.refreshFacts(trx, [householdId]);
    });
    await this.screenChanged([h.countyCode]);
  }

  /** Screens, for the default year and the year before, the households of the counties whose facts changed. */
  private async screenChanged(countyCodes: readonly string[]): Promise<void> {
    const year = this.ctx.config.defaultYear;
    for (const c of countyCodes) {
      for (const y of [year - 1, year]) await this.screening.screen({ scope: regionScope(c), year: y, mode: 'changed' });
    }
  }

  /**
   * Recomputes and stores the facts of the given households for every year that has an income record,
   * plus the default year (facts with INCOME_MISSING). Runs inside the caller's transaction.
   */
  async refreshFacts(db: ServiceContext['db'], householdIds: readonly number[]): Promise<number> {
    const all = { regionCode: null };
    const repo = new HouseholdRepository(db);
    const households = await repo.getMany(all, householdIds);
    const members = groupBy(await repo.members(all, householdIds), (m) => m.householdId);
    const incomes = groupBy(await repo.incomes(all, householdIds), (r) => r.householdId);
    const now = nowIso(this.ctx.clock);
    const rows: FactRow[] = [];
    for (const h of households) {
      const ms = (members.get(h.id) ?? []).map(toFactsPerson);
      const inc = new Map((incomes.get(h.id) ?? []).map((r) => [r.year, r]));
      const years = new Set([...inc.keys(), this.ctx.config.defaultYear]);
      for (const year of years) rows.push(factRow(h, year, ms, inc.get(year) ?? null, inc.get(year - 1) ?? null, now));
    }
    await new ScreeningRepository(db).upsertFacts(rows);
    return rows.length;
  }
}

function toFactsPerson(m: PersonPublicRow): FactsPerson {
  return {
    birthDate: m.birthDate, labourSkill: m.labourSkill as FactsPerson['labourSkill'], healthStatus: m.healthStatus as FactsPerson['healthStatus'],
    schoolStage: m.schoolStage as FactsPerson['schoolStage'], residentMedicalInsurance: m.residentMedicalInsurance === 1, employeeMedicalInsurance: m.employeeMedicalInsurance === 1,
  };
}

function factRow(h: HouseholdRow, year: number, members: FactsPerson[], income: IncomeRow | null, prev: IncomeRow | null, now: string): FactRow {
  const f = computeHouseholdFacts(year, { dangerousHouse: h.dangerousHouse === 1, safeDrinkingWater: h.safeDrinkingWater === 1 }, members, income, prev);
  const factsHash = createHash('sha256').update(JSON.stringify(f)).digest('hex');
  return {
    householdId: h.id, year, countyCode: h.countyCode, villageCode: h.villageCode, memberCount: f.memberCount, labourCount: f.labourCount,
    netIncomeFen: f.netIncomeFen, perCapitaNetIncomeFen: f.perCapitaNetIncomeFen, incomeIssue: f.incomeIssue, prevPerCapitaNetIncomeFen: f.prevPerCapitaNetIncomeFen,
    compliantOutOfPocketFen: f.compliantOutOfPocketFen, childrenOutOfSchool: f.childrenOutOfSchool, membersWithoutMedicalInsurance: f.membersWithoutMedicalInsurance,
    housingSafe: bool(f.housingSafe), safeDrinkingWater: bool(f.safeDrinkingWater), seriousIllnessMembers: f.seriousIllnessMembers, disabledMembers: f.disabledMembers,
    factsHash, updatedAt: now,
  };
}

function groupBy<T, K>(items: readonly T[], key: (t: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const it of items) {
    const k = key(it);
    const arr = m.get(k);
    if (arr) arr.push(it);
    else m.set(k, [it]);
  }
  return m;
}
