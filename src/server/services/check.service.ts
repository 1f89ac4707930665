/**
 * Data-quality checks (数据质量核查, domain/checks/) over the registry for a region: every household inside
 * the scope, page by page (1,000 households, a fixed number of queries per page), with its members, their
 * imported work spells and plans, the household's measures and income record; then every village profile of
 * the scope beside the registry's counts of the village (set-based). Findings carry the values that
 * triggered them, member names masked, and the values of health checks withheld without personal.view.
 * Runs on demand and after each import.
 */
import { notFound, unknownRegion } from '../errors';
import { RegionRepository } from '../repositories/region.repository';
import { findChecks, runChecks, runVillageChecks, type CatalogueFilter } from '../domain/checks/catalogue';
import { CHECK_FAMILY_ZH, type CheckHousehold, type CheckMeasure, type CheckSpell, type Finding } from '../domain/checks/model';
import { maskName } from '../domain/masking';
import { HEALTH_CHECKS, WITHHELD } from '../presenters/intake.presenter';
import { seesPersonalData } from '../presenters/personal-data.presenter';
import { CheckRepository } from '../repositories/check.repository';
import { HouseholdRepository } from '../repositories/household.repository';
import { IntakeRepository } from '../repositories/intake.repository';
import { narrow, type Scope } from '../repositories/scope';
import type { CheckFindingDto, CheckInfoDto, CheckReportDto } from '../../shared/intake';
import type { MeasureKind, MeasureSubKind } from '../../shared/workflow';
import type { Actor } from './actor';
import { today, type ServiceContext } from './context';
import { ThresholdService } from './threshold.service';

/** Result of a run (CheckReportDto): per check its catalogue entry and count, the findings, counts per county and village. */
export type CheckReport = CheckReportDto;

const PAGE = 1000;
const nb = (v: number | null) => (v === null ? null : v === 1);
const num = (v: number | string | null) => (v === null ? null : Number(v));

/** The catalogue entries matching the filter, with the families' Chinese names. */
export function checkCatalogue(f: CatalogueFilter = {}): CheckInfoDto[] {
  return findChecks(f).map((c) => ({ ...c, familyZh: CHECK_FAMILY_ZH[c.family] }));
}

export class CheckService {
  constructor(private readonly ctx: ServiceContext) {}

  /** The catalogue (GET /intake/checks/catalogue), filtered by family, level and text. */
  catalogue(f: CatalogueFilter = {}): CheckInfoDto[] {
    return checkCatalogue(f);
  }

  /**
   * Runs the checks inside the actor's scope, narrowed to `regionCode` when given.
   * @throws unknown_region when the region code is not in the code list; not_found when it lies outside the scope
   */
  async run(actor: Actor, opts: { regionCode?: string; year?: number } = {}): Promise<CheckReport> {
    if (opts.regionCode && !(await new RegionRepository(this.ctx.db).get(opts.regionCode))) throw unknownRegion(opts.regionCode);
    const narrowed = narrow(actor.scope, opts.regionCode);
    if (!narrowed) throw notFound('该区域');
    const scope: Scope = narrowed;
    const year = opts.year ?? this.ctx.config.defaultYear;
    const asOf = today(this.ctx.clock);
    const hrepo = new HouseholdRepository(this.ctx.db);
    const irepo = new IntakeRepository(this.ctx.db);
    const crepo = new CheckRepository(this.ctx.db);
    const threshold = await new ThresholdService(this.ctx).resolver();
    const findings: Finding[] = [];
    const perVillage = new Map<string, { findings: number; households: number }>();
    const countyNames = new Map<string, string | null>();
    let households = 0;
    let after = 0;
    for (;;) {
      const ids = await hrepo.idsPage(scope, after, PAGE);
      if (!ids.length) break;
      after = ids[ids.length - 1]!;
      const models = await this.models(scope, ids, year, threshold, countyNames, hrepo, irepo, crepo);
      for (const model of models) {
        households++;
        const f = runChecks(model, asOf);
        const v = perVillage.get(model.villageCode) ?? { findings: 0, households: 0 };
        v.households++;
        v.findings += f.length;
        perVillage.set(model.villageCode, v);
        findings.push(...f);
      }
    }
    // one person in several households (across households, so outside the per-household run)
    const several = await irepo.personsInSeveralHouseholds(scope);
    for (const ids of several.values()) {
      const hs = await hrepo.getMany(scope, ids);
      for (const h of hs) {
        const values = { 同一证件号码所在户: hs.filter((x) => x.id !== h.id).map((x) => x.householdNo).join('、') };
        findings.push({ checkId: 'Q01', householdId: h.id, householdNo: h.householdNo, countyCode: h.countyCode, villageCode: h.villageCode, member: null, sourceRow: null, values, facts: `同一身份证号还登记在户 ${values.同一证件号码所在户}` });
      }
    }
    // village profiles beside the registry's counts
    const profiles = await crepo.latestProfiles(scope);
    const counts = await crepo.villageCounts(profiles.map((p) => p.villageCode));
    for (const p of profiles) {
      const c = counts.get(p.villageCode);
      const f = runVillageChecks({
        villageCode: p.villageCode, countyCode: p.countyCode, sourceRow: p.sourceRow, collectiveIncomeFen: p.collectiveIncomeFen, figures: JSON.parse(p.figuresJson) as Record<string, number | boolean | null>,
        registry: { households: c?.households ?? 0, persons: c?.persons ?? 0, dibaoPersons: c?.dibaoPersons ?? 0, tekunPersons: c?.tekunPersons ?? 0, disabledPersons: c?.disabledPersons ?? 0, dangerousHouses: c?.dangerousHouses ?? 0, unsafeWaterHouseholds: c?.unsafeWaterHouseholds ?? 0 },
      });
      findings.push(...f);
      const v = perVillage.get(p.villageCode) ?? { findings: 0, households: 0 };
      v.findings += f.length;
      perVillage.set(p.villageCode, v);
    }
    findings.sort((a, b) => a.checkId.localeCompare(b.checkId) || a.householdNo.localeCompare(b.householdNo) || a.villageCode.localeCompare(b.villageCode));
    const byRegion = new Map<string, { findings: number; households: number }>();
    for (const [code, v] of perVillage) {
      for (const key of [code.slice(0, 6), code]) {
        const r = byRegion.get(key) ?? { findings: 0, households: 0 };
        r.findings += v.findings;
        r.households += v.households;
        byRegion.set(key, r);
      }
    }
    const perCheck = new Map<string, number>();
    for (const f of findings) perCheck.set(f.checkId, (perCheck.get(f.checkId) ?? 0) + 1);
    const health = seesPersonalData(actor);
    return {
      asOf, year, regionCode: scope.regionCode, households, villages: profiles.length,
      checks: checkCatalogue().map((c) => ({ ...c, findings: perCheck.get(c.id) ?? 0 })),
      findings: findings.map((x): CheckFindingDto => ({
        ...x, member: x.member ? maskName(x.member) : null,
        ...(!health && HEALTH_CHECKS.has(x.checkId) ? { facts: WITHHELD, values: {} } : {}),
      })),
      byRegion: [...byRegion.entries()].map(([regionCode, v]) => ({ regionCode, ...v })).sort((a, b) => a.regionCode.localeCompare(b.regionCode)),
    };
  }

  /** The check models of a page of households (ids inside the scope). */
  private async models(
    scope: Scope, ids: number[], year: number, threshold: Awaited<ReturnType<ThresholdService['resolver']>>, countyNames: Map<string, string | null>,
    hrepo: HouseholdRepository, irepo: IntakeRepository, crepo: CheckRepository,
  ): Promise<CheckHousehold[]> {
    const hs = await hrepo.getMany(scope, ids);
    const members = await crepo.members(ids);
    const facts = await irepo.facts(ids, year);
    const incomes = await crepo.incomes(ids, year);
    const spells = await crepo.spells(ids);
    const measures = await crepo.measures(ids);
    const national = await crepo.fromNational(ids);
    const missing = [...new Set(hs.map((h) => h.countyCode))].filter((c) => !countyNames.has(c));
    const names = await crepo.names(missing);
    for (const c of missing) countyNames.set(c, names.get(c) ?? null);
    const spellsOf = new Map<string, { spells: CheckSpell[]; plans: CheckSpell[] }>();
    for (const w of spells) {
      const key = `${w.householdId}:${w.idHash}`;
      const e = spellsOf.get(key) ?? { spells: [], plans: [] };
      const extra = w.extraJson ? (JSON.parse(w.extraJson) as Record<string, string>) : {};
      const s: CheckSpell = {
        kind: w.kind === 'workPlan' ? 'workPlan' : 'workSpell', sourceRow: w.sourceRow, working: nb(w.working), startMonth: w.startMonth, endMonth: w.endMonth, workCounty: w.workCounty,
        monthlyWageFen: num(w.monthlyWageFen), channel: w.channel, industry: w.industry, employer: w.employer, transportSubsidyFen: num(w.transportSubsidyFen), serviceNeed: w.serviceNeed,
        ...('是否点对点输送' in extra ? { pointToPoint: extra['是否点对点输送'] ?? null } : {}),
      };
      (s.kind === 'workPlan' ? e.plans : e.spells).push(s);
      spellsOf.set(key, e);
    }
    const measuresOf = new Map<number, CheckMeasure[]>();
    for (const x of measures) measuresOf.set(x.householdId, [...(measuresOf.get(x.householdId) ?? []), { kind: x.kind as MeasureKind, subKind: x.subKind as MeasureSubKind | null, text: x.note }]);
    const byH = new Map<number, typeof members>();
    for (const m of members) byH.set(m.householdId, [...(byH.get(m.householdId) ?? []), m]);
    return hs.map((h): CheckHousehold => ({
        householdId: h.id, householdNo: h.householdNo, countyCode: h.countyCode, countyName: countyNames.get(h.countyCode) ?? null, villageCode: h.villageCode, fromNational: national.has(h.id),
        householdType: h.householdType, monitoredCategory: h.monitoredCategory, riskTypes: h.riskTypes ? h.riskTypes.split(',') : [], identifiedMonth: h.identifiedMonth,
        riskEliminated: h.riskEliminated === 1, eliminationMode: h.eliminationMode, eliminatedMonth: h.eliminatedMonth, farmlandMu: Number(h.farmlandMu), forestMu: Number(h.forestMu),
        returnedFarmlandMu: num(h.returnedFarmlandMu), orchardMu: num(h.orchardMu), grasslandMu: num(h.grasslandMu), waterSurfaceMu: num(h.waterSurfaceMu), housingAreaM2: num(h.housingAreaM2),
        dangerousHouse: h.dangerousHouse === 1, distanceToRoadKm: num(h.distanceToRoadKm), roadHardened: h.roadHardened === 1, electricity: h.electricity === 1, safeDrinkingWater: h.safeDrinkingWater === 1,
        sanitaryToilet: h.sanitaryToilet === 1, memberUninsured: nb(h.memberUninsured), fullSupport: nb(h.fullSupport), housingDamagedAfter: nb(h.housingDamagedAfter), waterDamagedAfter: nb(h.waterDamagedAfter),
        outOfSchoolAfter: nb(h.outOfSchoolAfter), recordedPerCapitaIncomeFen: num(h.recordedPerCapitaIncomeFen), phoneMasked: h.phoneMasked, collectorName: h.collectorName,
        collectorPhoneMasked: h.collectorPhoneMasked, developmentalMeasures: h.developmentalMeasures, memberCount: h.memberCount,
        members: (byH.get(h.id) ?? []).map((m) => ({
          name: m.name, idMasked: m.idMasked, idStatus: m.idStatus, idType: m.idType, certificate: m.certCipher ? this.ctx.ids.decrypt(m.certCipher) : null, birthDate: m.birthDate, sex: m.sex,
          relationToHead: m.relationToHead, ethnicity: m.ethnicity, education: m.education, healthStatus: m.healthStatus, disabilityGrade: m.disabilityGrade, disabilityCategory: m.disabilityCategory,
          labourSkill: m.labourSkill, schoolStage: m.schoolStage, workPlace: m.workPlace, residentMedicalInsurance: m.residentMedicalInsurance, employeeMedicalInsurance: m.employeeMedicalInsurance,
          criticalIllnessInsurance: m.criticalIllnessInsurance, medicalAssistance: m.medicalAssistance, residentPension: m.residentPension, employeePension: m.employeePension, dibao: m.dibao, tekun: m.tekun,
          outOfSchool: nb(m.outOfSchool), dropoutReason: m.dropoutReason, notEnrolledReason: m.notEnrolledReason, employmentChannel: m.employmentChannel, tekunSupportFen: num(m.tekunSupportFen),
          workMonths: num(m.workMonths), phoneMasked: m.phoneMasked, ...(spellsOf.get(`${h.id}:${m.idHash}`) ?? { spells: [], plans: [] }),
        })),
        perCapitaNetIncomeFen: facts.get(h.id)?.perCapitaNetIncomeFen ?? null,
        income: incomes.get(h.id) ?? null,
        thresholdFen: threshold(h.countyCode, year).valueFen,
        // measures: the national export lists them (none = none); a household entered here says so only once it has any
        measures: national.has(h.id) || measuresOf.has(h.id) ? (measuresOf.get(h.id) ?? []) : null,
    }));
  }
}
