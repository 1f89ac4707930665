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
import { checkIdNumber, ID_ISSUE_ZH, maskIdNumber, normalizeIdNumber } from '../domain/id-number';
import { CERT_ISSUE_ZH, checkDisabilityCertificate, looksLikeCertificate } from '../domain/disability-certificate';
import { maskPhone } from '../domain/masking';
import { MeasureRepository, type MeasureRow } from '../repositories/measure.repository';
import type { AssistanceMeasureTable } from '../db/schema';
import { conflict, notFound, validationError, type FieldIssue } from '../errors';
import { HouseholdRepository, type HouseholdRow, type IncomeRow, type PersonPublicRow } from '../repositories/household.repository';
import { RegionRepository } from '../repositories/region.repository';
import { PlaceService } from './place.service';
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
const nbool = (b: boolean | null) => (b === null ? null : b ? 1 : 0);

/** responsible_unit of a measure recorded in a national export, which names none. */
export const NATIONAL_MEASURE_UNIT = '(全国防返贫监测信息系统记录,未填责任单位)';

/**
 * A household's stored state (all columns, ciphertexts included), kept by imports for rollback. `measures`
 * are the measures recorded in a national export (source `national`); snapshots written before they
 * existed have none.
 */
export interface HouseholdSnapshot {
  household: HouseholdRow;
  persons: (PersonTable & { id: number })[];
  incomes: IncomeRecordTable[];
  measures?: MeasureRow[];
}

/** A measure recorded in a national export, as the registry writes it (household and batch set on insert). */
export type NationalMeasureRow = Omit<Insertable<AssistanceMeasureTable>, 'householdId'>;

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
  const measures = (await new MeasureRepository(db).nationalOf([h.id])).get(h.id) ?? [];
  return { household: h, persons, incomes, measures };
}

/** Household columns compared by upserts (not ids, timestamps, version or the demo mark). */
const COMPARED_HOUSEHOLD = [
  'villageCode', 'householdType', 'monitoredCategory', 'riskTypes', 'identifiedMonth', 'riskEliminated', 'eliminationMode', 'eliminatedMonth', 'farmlandMu', 'forestMu', 'housingAreaM2',
  'dangerousHouse', 'distanceToRoadKm', 'roadHardened', 'electricity', 'safeDrinkingWater', 'sanitaryToilet', 'headName', 'memberCount',
  'returnedFarmlandMu', 'orchardMu', 'grasslandMu', 'waterSurfaceMu', 'memberUninsured', 'fullSupport', 'housingDamagedAfter', 'waterDamagedAfter', 'outOfSchoolAfter',
  'recordedPerCapitaIncomeFen', 'recordedIncomeYear', 'collectorName', 'developmentalMeasures',
] as const;
/** Household ciphertexts compared by their clear text (the IV differs each time). */
const COMPARED_HOUSEHOLD_CIPHERS = ['phoneCipher', 'collectorPhoneCipher'] as const;
/** Person columns compared (not ids, nor the ciphertexts, whose IV differs each time: phones by clear text, certificates by hash). */
const COMPARED_PERSON = [
  'idHash', 'idStatus', 'name', 'sex', 'birthDate', 'relationToHead', 'ethnicity', 'education', 'schoolStage', 'healthStatus', 'disabilityGrade', 'labourSkill', 'workPlace',
  'residentMedicalInsurance', 'employeeMedicalInsurance', 'criticalIllnessInsurance', 'medicalAssistance', 'residentPension', 'employeePension', 'dibao', 'tekun',
  'idType', 'certHash', 'disabilityCategory', 'outOfSchool', 'dropoutReason', 'notEnrolledReason', 'employmentChannel', 'tekunSupportFen', 'workMonths',
] as const;
/** Measure columns compared (national measures only). */
const COMPARED_MEASURE = ['kind', 'subKind', 'note', 'status', 'startDate'] as const;
const COMPARED_INCOME = ['wageFen', 'businessIncomeFen', 'businessExpensesFen', 'propertyFen', 'transferFen', 'compliantOutOfPocketFen'] as const;

const norm = (v: unknown) => (v === undefined ? null : typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v);

function sameHousehold(
  before: HouseholdSnapshot, h: Insertable<HouseholdTable>, persons: Omit<Insertable<PersonTable>, 'householdId'>[], incomes: readonly IncomeInput[], measures: readonly NationalMeasureRow[],
  clear: (cipher: string | null | undefined) => string | null,
): boolean {
  for (const k of COMPARED_HOUSEHOLD) if (norm(before.household[k]) !== norm((h as Record<string, unknown>)[k])) return false;
  for (const k of COMPARED_HOUSEHOLD_CIPHERS) if (clear(before.household[k]) !== clear((h as Record<string, string | null>)[k])) return false;
  if (before.persons.length !== persons.length) return false;
  const mkey = (m: Record<string, unknown>) => JSON.stringify(COMPARED_MEASURE.map((k) => norm(m[k])));
  const ma = (before.measures ?? []).map((m) => mkey(m as unknown as Record<string, unknown>)).sort();
  const mb = measures.map((m) => mkey(m as Record<string, unknown>)).sort();
  if (ma.length !== mb.length || ma.some((x, i) => x !== mb[i])) return false;
  const key = (p: Record<string, unknown>) => JSON.stringify([...COMPARED_PERSON.map((k) => norm(p[k])), clear(p.phoneCipher as string | null)]);
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
  /** measures recorded in a national export, per household number */
  measures: Map<string, NationalMeasureRow[]>;
  idsToVerify: number;
}

/** The identity of a member: the 18-character ID number, and the disability certificate when 证件类型 is 残疾人证. */
interface Identity {
  id: string;
  status: 'valid' | 'checkFailed';
  birthDate: string;
  sex: 'male' | 'female';
  cert: { number: string; category: number; grade: number } | null;
}

/**
 * Checks a member's ID number, or the disability-certificate number (given as `certificateNumber`, or as
 * an `idNumber` of 20/22 characters), whose first 18 characters must then be the ID number
 * (domain/disability-certificate.ts). Returns the identity or the Chinese messages of what is wrong.
 */
function identify(m: { idNumber: string; certificateNumber: string | null; idType: string }, asOf: string): Identity | { errors: string[] } {
  const idNorm = normalizeIdNumber(m.idNumber).value;
  const certRaw = m.certificateNumber ?? (looksLikeCertificate(idNorm) ? m.idNumber : null);
  if (certRaw === null) {
    if (m.idType === 'disabilityCertificate') return { errors: ['证件类型为残疾人证,但没有残疾人证号'] };
    const c = checkIdNumber(m.idNumber, asOf);
    if (!c.ok) return { errors: c.errors.map((e) => ID_ISSUE_ZH[e]) };
    return { id: c.idNumber!, status: c.status!, birthDate: c.birthDate!, sex: c.sex!, cert: null };
  }
  const c = checkDisabilityCertificate(certRaw, asOf);
  if (!c.ok) return { errors: c.errors.map((e) => (e in CERT_ISSUE_ZH ? CERT_ISSUE_ZH[e as keyof typeof CERT_ISSUE_ZH] : ID_ISSUE_ZH[e as keyof typeof ID_ISSUE_ZH])) };
  if (idNorm !== normalizeIdNumber(certRaw).value && idNorm !== c.idNumber) return { errors: ['证件号码与残疾人证号前18位(身份证号)不一致'] };
  return { id: c.idNumber!, status: c.status!, birthDate: c.birthDate!, sex: c.sex!, cert: { number: c.certificate!, category: c.category!, grade: c.grade! } };
}

/**
 * Marker in the details of the 409 answered when a member's ID number is already registered in another
 * household. The answer is the same whether that household is inside the caller's scope or not, and
 * names neither it nor its region (docs/decisions/0227-national-uniqueness-answer.md).
 */
export const ID_REGISTERED = 'id_registered';

export class RegistryService {
  private readonly screening: ScreeningService;

  constructor(private readonly ctx: ServiceContext) {
    this.screening = new ScreeningService(ctx);
  }

  /**
   * Validates inputs and builds the rows to write (ID numbers hashed, encrypted and masked).
   * @throws validation_error as registerHouseholds
   */
  private async prepare(scope: Scope, inputs: readonly HouseholdInput[], opts: { isDemo?: boolean; by?: string }): Promise<Prepared> {
    const issues: FieldIssue[] = [];
    const parsed: HouseholdData[] = [];
    inputs.forEach((raw, i) => {
      const r = householdInput.safeParse(raw);
      if (!r.success) {
        for (const iss of r.error.issues) issues.push({ field: `[${i}].${iss.path.join('.')}`, message: iss.message });
      } else parsed.push(r.data);
    });
    if (issues.length) throw validationError(issues.slice(0, 200));
    return this.prepareParsed(scope, parsed, opts);
  }

  /**
   * prepare() for households already in their parsed shape (the seed's generator): the same checks but
   * the schema parse. ID numbers are hashed and encrypted in bulk.
   * @throws validation_error as registerHouseholds
   */
  private async prepareParsed(scope: Scope, parsed: readonly HouseholdData[], opts: { isDemo?: boolean; by?: string }): Promise<Prepared> {
    const asOf = today(this.ctx.clock);
    const issues: FieldIssue[] = [];

    const codes = [...new Set(parsed.map((h) => h.villageCode))];
    const loaded = async () => new Set((await new RegionRepository(this.ctx.db).getMany(codes)).filter((r) => r.level === 'village').map((r) => r.code));
    let villages = await loaded();
    // any county of the shipped code list: its villages load on first use (decision 0161)
    const unloaded = [...new Set(codes.filter((c) => !villages.has(c) && /^\d{12}$/.test(c)).map((c) => c.slice(0, 6)))];
    if (unloaded.length) {
      let added = 0;
      for (const county of unloaded) added += await new PlaceService(this.ctx).ensureCountyPlaces(county);
      if (added) villages = await loaded();
    }
    const now = nowIso(this.ctx.clock);
    const households: Insertable<import('../db/schema').HouseholdTable>[] = [];
    const persons: { householdNo: string; row: Omit<Insertable<PersonTable>, 'householdId'> }[] = [];
    const measures = new Map<string, NationalMeasureRow[]>();
    const protect = (v: string | null) => (v === null || v.trim() === '' ? { cipher: null, masked: null } : { cipher: this.ctx.ids.encrypt(v.trim()), masked: maskPhone(v.trim()) });
    const seenIds = new Map<string, string>();
    const seenNos = new Set<string>();
    const clear: string[] = [];
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
        const check = identify(m, asOf);
        if ('errors' in check) {
          issues.push({ field: `[${i}].members[${j}].idNumber`, message: check.errors.join(';') });
          return;
        }
        const id = check.id;
        const phone = protect(m.phone);
        const prev = seenIds.get(id);
        if (prev) issues.push({ field: `[${i}].members[${j}].idNumber`, message: `与 ${prev} 为同一身份证号` });
        seenIds.set(id, `[${i}].members[${j}]`);
        if (check.status === 'checkFailed') idsToVerify++;
        clear.push(id);
        persons.push({
          householdNo: h.householdNo,
          row: {
            idHash: '', idCipher: '', idMasked: maskIdNumber(id), idStatus: check.status,
            name: m.name, sex: m.sex ?? check.sex, birthDate: check.birthDate, relationToHead: m.relationToHead, ethnicity: m.ethnicity,
            education: m.education, schoolStage: m.schoolStage, healthStatus: m.healthStatus, disabilityGrade: check.cert?.grade ?? m.disabilityGrade,
            labourSkill: m.labourSkill, workPlace: m.workPlace, residentMedicalInsurance: bool(m.residentMedicalInsurance),
            employeeMedicalInsurance: bool(m.employeeMedicalInsurance), criticalIllnessInsurance: bool(m.criticalIllnessInsurance),
            medicalAssistance: bool(m.medicalAssistance), residentPension: bool(m.residentPension), employeePension: bool(m.employeePension),
            dibao: bool(m.dibao), tekun: bool(m.tekun),
            idType: check.cert ? 'disabilityCertificate' : 'residentId',
            certHash: check.cert ? this.ctx.ids.hash(check.cert.number) : null, certCipher: check.cert ? this.ctx.ids.encrypt(check.cert.number) : null,
            certMasked: check.cert ? maskIdNumber(check.cert.number) : null, disabilityCategory: check.cert?.category ?? m.disabilityCategory,
            outOfSchool: nbool(m.outOfSchool), dropoutReason: m.dropoutReason, notEnrolledReason: m.notEnrolledReason, employmentChannel: m.employmentChannel,
            tekunSupportFen: m.tekunSupportFen, workMonths: m.workMonths, phoneCipher: phone.cipher, phoneMasked: phone.masked,
          },
        });
      });
      const hp = protect(h.phone);
      const cp = protect(h.collectorPhone);
      // measures recorded in the national system: in place while the risk is not eliminated, completed after;
      // the export gives no dates, so they start with the identification month (or the income year)
      const start = h.identifiedMonth ? `${h.identifiedMonth}-01` : `${h.recordedIncomeYear ?? this.ctx.config.defaultYear}-01-01`;
      measures.set(h.householdNo, h.recordedMeasures.map((x) => ({
        caseId: null, countyCode: h.villageCode.slice(0, 6), villageCode: h.villageCode, kind: x.kind, subKind: x.subKind, responsibleUnit: NATIONAL_MEASURE_UNIT,
        startDate: start, endDate: null, amountFen: null, status: h.riskEliminated ? 'completed' : 'inProgress', note: x.text, createdBy: opts.by ?? 'system',
        createdAt: now, updatedAt: now, version: 1, source: 'national', batchId: null,
      })));
      households.push({
        householdNo: h.householdNo, provinceCode: h.villageCode.slice(0, 2), prefectureCode: h.villageCode.slice(0, 4), countyCode: h.villageCode.slice(0, 6),
        townshipCode: h.villageCode.slice(0, 9), villageCode: h.villageCode, householdType: h.householdType, monitoredCategory: h.monitoredCategory,
        riskTypes: h.riskTypes.join(','), identifiedMonth: h.identifiedMonth, riskEliminated: bool(h.riskEliminated), eliminationMode: h.eliminationMode,
        eliminatedMonth: h.eliminatedMonth, farmlandMu: h.farmlandMu, forestMu: h.forestMu, housingAreaM2: h.housingAreaM2, dangerousHouse: bool(h.dangerousHouse),
        distanceToRoadKm: h.distanceToRoadKm, roadHardened: bool(h.roadHardened), electricity: bool(h.electricity), safeDrinkingWater: bool(h.safeDrinkingWater),
        sanitaryToilet: bool(h.sanitaryToilet), headName: h.members.find((m) => m.relationToHead === 'head')?.name ?? '', memberCount: h.members.length,
        isDemo: bool(!!opts.isDemo), createdAt: now, updatedAt: now, version: 1,
        returnedFarmlandMu: h.returnedFarmlandMu, orchardMu: h.orchardMu, grasslandMu: h.grasslandMu, waterSurfaceMu: h.waterSurfaceMu,
        memberUninsured: nbool(h.memberUninsured), fullSupport: nbool(h.fullSupport), housingDamagedAfter: nbool(h.housingDamagedAfter), waterDamagedAfter: nbool(h.waterDamagedAfter),
        outOfSchoolAfter: nbool(h.outOfSchoolAfter), recordedPerCapitaIncomeFen: h.recordedPerCapitaIncomeFen, recordedIncomeYear: h.recordedIncomeYear,
        phoneCipher: hp.cipher, phoneMasked: hp.masked, collectorName: h.collectorName, collectorPhoneCipher: cp.cipher, collectorPhoneMasked: cp.masked,
        developmentalMeasures: h.developmentalMeasures,
      });
    });
    if (issues.length) throw validationError(issues.slice(0, 200));
    const hashes = this.ctx.ids.hashMany(clear);
    const ciphers = this.ctx.ids.encryptMany(clear);
    persons.forEach((p, i) => {
      p.row.idHash = hashes[i]!;
      p.row.idCipher = ciphers[i]!;
    });
    return { parsed: [...parsed], households, persons, measures, idsToVerify };
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
  async registerHouseholds(scope: Scope, inputs: readonly HouseholdInput[], opts: { isDemo?: boolean; screen?: boolean; by?: string } = {}): Promise<RegisterReport> {
    return this.registerPrepared(await this.prepare(scope, inputs, opts), opts);
  }

  /**
   * registerHouseholds for households already in their parsed shape, as the seed's generator makes them
   * (the same checks, hashing and encryption; no schema parse). Bulk loads pass `screen: false` and
   * screen once at the end.
   * @throws as registerHouseholds
   */
  async registerGenerated(scope: Scope, households: readonly HouseholdData[], opts: { isDemo?: boolean; screen?: boolean; by?: string } = {}): Promise<RegisterReport> {
    return this.registerPrepared(await this.prepareParsed(scope, households, opts), opts);
  }

  /**
   * Writes prepared new households in one transaction, in bulk (db/bulk.ts): households, members,
   * recorded measures, incomes, and their facts computed from the rows in hand (no read back).
   */
  private async registerPrepared(prepared: Prepared, opts: { screen?: boolean }): Promise<RegisterReport> {
    const { parsed, households, persons, measures, idsToVerify } = prepared;
    const idHashes = persons.map((p) => p.row.idHash);
    const ids = await this.ctx.db.transaction().execute(async (trx) => {
      const repo = new HouseholdRepository(trx);
      const existing = await repo.idsByNo({ regionCode: null }, households.map((h) => h.householdNo));
      if (existing.size) throw conflict(`户编号已存在:${[...existing.keys()].slice(0, 20).join('、')}`);
      const already = await this.existingIdHashes(trx, idHashes);
      if (already.size) throw conflict(`${already.size} 名成员的身份证号已在其他户登记(同一人不能属于两户)`, { reason: ID_REGISTERED, persons: already.size });
      await repo.bulkInsertHouseholds(households);
      const idsByNo = await repo.idsByNo({ regionCode: null }, households.map((h) => h.householdNo));
      const personRows = persons.map((p) => ({ ...p.row, householdId: idsByNo.get(p.householdNo)! }));
      await repo.bulkInsertPersons(personRows);
      await new MeasureRepository(trx).insertNational([...measures].flatMap(([no, ms]) => ms.map((m) => ({ ...m, householdId: idsByNo.get(no)! }))));
      const incomeRows = parsed.flatMap((h) => h.incomes.map((inc) => ({ ...inc, householdId: idsByNo.get(h.householdNo)! })));
      await repo.bulkInsertIncomes(incomeRows);
      const now = nowIso(this.ctx.clock);
      const membersOf = groupBy(personRows, (p) => p.householdId);
      const incomesOf = groupBy(incomeRows, (r) => r.householdId);
      const facts: FactRow[] = [];
      for (const h of households) {
        const id = idsByNo.get(h.householdNo)!;
        const house = { id, countyCode: h.countyCode, villageCode: h.villageCode, dangerousHouse: Number(h.dangerousHouse), safeDrinkingWater: Number(h.safeDrinkingWater) };
        facts.push(...factRowsOf(house, (membersOf.get(id) ?? []).map(toFactsPerson), incomesOf.get(id) ?? [], this.ctx.config.defaultYear, now));
      }
      await new ScreeningRepository(trx).bulkInsertFacts(facts);
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
    opts: { screen?: boolean; by?: string; within?: (trx: ServiceContext['db'], outcomes: UpsertOutcome[]) => Promise<void> } = {},
  ): Promise<UpsertOutcome[]> {
    const { parsed, households, persons, measures } = inputs.length ? await this.prepare(scope, inputs, { by: opts.by }) : { parsed: [], households: [], persons: [], measures: new Map<string, NationalMeasureRow[]>() };
    const clear = (c: string | null | undefined) => (c ? this.ctx.ids.decrypt(c) : null);
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
      const measureRepo = new MeasureRepository(trx);
      await measureRepo.insertNational(toInsert.flatMap((h) => (measures.get(h.householdNo) ?? []).map((m) => ({ ...m, householdId: newIds.get(h.householdNo)! }))));
      const parsedByNo = new Map(parsed.map((h) => [h.householdNo, h]));
      for (const h of toInsert) out.push({ householdNo: h.householdNo, householdId: newIds.get(h.householdNo)!, countyCode: h.countyCode, action: 'added', versionAfter: 1, before: null });
      for (const h of households) {
        const cur = existing.get(h.householdNo);
        if (!cur) continue;
        const before = await snapshotOf(trx, cur);
        const incoming = personsByNo.get(h.householdNo) ?? [];
        const incomes = parsedByNo.get(h.householdNo)!.incomes;
        const incomingMeasures = measures.get(h.householdNo) ?? [];
        if (sameHousehold(before, h, incoming.map((p) => p.row), incomes, incomingMeasures, clear)) {
          out.push({ householdNo: h.householdNo, householdId: cur.id, countyCode: cur.countyCode, action: 'unchanged', versionAfter: cur.version, before: null });
          continue;
        }
        const { createdAt: _c, version: _v, isDemo: _d, ...fields } = h;
        await trx.updateTable('household').set({ ...fields, updatedAt: now, version: cur.version + 1 }).where('id', '=', cur.id).execute();
        await trx.deleteFrom('person').where('householdId', '=', cur.id).execute();
        if (incoming.length) await repo.insertPersons(incoming.map((p) => ({ ...p.row, householdId: cur.id })));
        await measureRepo.deleteNational(cur.id);
        await measureRepo.insertNational(incomingMeasures.map((m) => ({ ...m, householdId: cur.id })));
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
      const mrepo = new MeasureRepository(trx);
      await mrepo.deleteNational(c.householdId);
      await mrepo.insertNational((b.measures ?? []).map(({ id: _m, ...m }) => ({ ...m, householdId: c.householdId })));
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

  /**
   * Screens, for the default year and the year before, the households of the counties whose facts
   * changed, and refreshes those counties' rollups even when no verdict changed (a household added,
   * removed or moved changes the figures by itself).
   */
  private async screenChanged(countyCodes: readonly string[]): Promise<void> {
    const year = this.ctx.config.defaultYear;
    for (const c of countyCodes) {
      for (const y of [year - 1, year]) {
        const r = await this.screening.screen({ scope: regionScope(c), year: y, mode: 'changed' });
        if (r.changed === 0) await this.screening.rebuildRollups(y, [c]);
      }
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
    for (const h of households) rows.push(...factRowsOf(h, (members.get(h.id) ?? []).map(toFactsPerson), incomes.get(h.id) ?? [], this.ctx.config.defaultYear, now));
    await new ScreeningRepository(db).upsertFacts(rows);
    return rows.length;
  }
}

/**
 * Facts rows of one household for every year with an income record and the default year (facts with
 * INCOME_MISSING), each with the previous year's income for R02.
 */
function factRowsOf(h: FactsHouseholdRow, members: FactsPerson[], incomes: readonly IncomeRow[], defaultYear: number, now: string): FactRow[] {
  const inc = new Map(incomes.map((r) => [r.year, r]));
  const years = new Set([...inc.keys(), defaultYear]);
  return [...years].map((year) => factRow(h, year, members, inc.get(year) ?? null, inc.get(year - 1) ?? null, now));
}

/** What the facts need of a household row. */
type FactsHouseholdRow = Pick<HouseholdRow, 'id' | 'countyCode' | 'villageCode' | 'dangerousHouse' | 'safeDrinkingWater'>;

function toFactsPerson(m: Pick<PersonPublicRow, 'birthDate' | 'labourSkill' | 'healthStatus' | 'schoolStage' | 'residentMedicalInsurance' | 'employeeMedicalInsurance'>): FactsPerson {
  return {
    birthDate: m.birthDate, labourSkill: m.labourSkill as FactsPerson['labourSkill'], healthStatus: m.healthStatus as FactsPerson['healthStatus'],
    schoolStage: m.schoolStage as FactsPerson['schoolStage'], residentMedicalInsurance: m.residentMedicalInsurance === 1, employeeMedicalInsurance: m.employeeMedicalInsurance === 1,
  };
}

function factRow(h: FactsHouseholdRow, year: number, members: FactsPerson[], income: IncomeRow | null, prev: IncomeRow | null, now: string): FactRow {
  const f = computeHouseholdFacts(year, { dangerousHouse: h.dangerousHouse === 1, safeDrinkingWater: h.safeDrinkingWater === 1 }, members, income, prev);
  // 64 bits of sha-256 of the facts and the county (a household that moves county is screened again
  // under its new county's threshold): enough to tell a change, and 16 bytes a row instead of 64
  const factsHash = createHash('sha256').update(`${h.countyCode}|${JSON.stringify(f)}`).digest('hex').slice(0, 16);
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
