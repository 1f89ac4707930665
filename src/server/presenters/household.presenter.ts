/**
 * Rows → DTOs of the registry. ID numbers leave only in their stored masked form (`522633**********1X`);
 * the protected columns are never selected by the repositories' public column lists.
 */
import type { HouseholdDetailDto, IncomeDto, PersonDto, VerdictDto } from '../../shared/api';
import type { HealthStatus, HouseholdType, ThresholdStatus, LabourSkill, MonitoredCategory, RelationToHead, RiskType, SchoolStage, Sex, IdNumberStatus, EducationLevel } from '../../shared/enums';
import { ageOn } from '../domain/id-number';
import { netIncomeFen, perCapitaNetIncome } from '../domain/income';
import { SCREENING_RULES, screenHousehold, type RuleParameters } from '../domain/rules';
import type { ResolvedThreshold } from '../domain/thresholds';
import type { HouseholdRow, IncomeRow, PersonPublicRow } from '../repositories/household.repository';
import { factsOfRow, type FactRow, type ScreeningOutcome } from '../repositories/screening.repository';

/** Splits a stored comma list of risk types. */
export const riskTypesOf = (s: string | null): RiskType[] => (s ? (s.split(',').filter(Boolean) as RiskType[]) : []);

/** One member for display; `asOf` (ISO date) gives the age. */
export function presentPerson(p: PersonPublicRow, asOf: string): PersonDto {
  return {
    id: p.id, name: p.name, idNumberMasked: p.idMasked, idNumberStatus: p.idStatus as IdNumberStatus, sex: p.sex as Sex, birthDate: p.birthDate,
    age: ageOn(p.birthDate, asOf), relationToHead: p.relationToHead as RelationToHead, ethnicity: p.ethnicity, education: p.education as EducationLevel | null,
    schoolStage: p.schoolStage as SchoolStage, healthStatus: p.healthStatus as HealthStatus, disabilityGrade: p.disabilityGrade,
    labourSkill: p.labourSkill as LabourSkill, workPlace: p.workPlace, residentMedicalInsurance: p.residentMedicalInsurance === 1,
    employeeMedicalInsurance: p.employeeMedicalInsurance === 1, dibao: p.dibao === 1, tekun: p.tekun === 1,
  };
}

/** One income year with net and per-capita figures (fen). */
export function presentIncome(r: IncomeRow, memberCount: number): IncomeDto {
  const pc = perCapitaNetIncome(r, memberCount);
  return {
    year: r.year, wageFen: r.wageFen, businessIncomeFen: r.businessIncomeFen, businessExpensesFen: r.businessExpensesFen, propertyFen: r.propertyFen,
    transferFen: r.transferFen, compliantOutOfPocketFen: r.compliantOutOfPocketFen, netIncomeFen: netIncomeFen(r), perCapitaNetIncomeFen: pc.perCapitaNetIncomeFen,
  };
}

/**
 * The verdicts of a household-year with their explanations, built on read (issue 15): every rule is
 * evaluated on the stored facts under the context the household-year was screened with (threshold,
 * parameters, rule-set version), which gives exactly the verdicts that screening stored as flag bits. When
 * the facts changed after the screening (`factsHash` differs, a re-screening is pending), the verdicts
 * are those of the current facts and carry `pendingRescreen`.
 */
export function presentVerdicts(result: ScreeningOutcome | undefined, fact: FactRow | undefined): VerdictDto[] {
  if (!result || !fact) return [];
  const c = result.context;
  const threshold: ResolvedThreshold = {
    valueFen: Number(c.thresholdFen), status: c.thresholdStatus as ThresholdStatus, source: c.thresholdSource, basis: c.thresholdBasis as ResolvedThreshold['basis'],
    provinceCode: c.countyCode.slice(0, 2), countyCode: c.countyCode, year: c.year,
  };
  const versions = new Map(c.rulesetVersion.split(',').map((rv) => rv.split('@') as [string, string]));
  const pending = result.factsHash !== fact.factsHash;
  return screenHousehold(factsOfRow(fact), { threshold, params: JSON.parse(c.parameters) as RuleParameters }).map((s) => {
    const rule = SCREENING_RULES.find((r) => r.id === s.ruleId);
    return {
      ruleId: s.ruleId, ruleName: rule?.name ?? s.ruleId, ruleVersion: versions.get(s.ruleId) ?? s.ruleVersion, source: rule?.source ?? '', outcome: s.verdict.outcome,
      riskTypes: s.verdict.riskTypes,
      explanation: { summary: s.verdict.summary, inputs: s.verdict.inputs, threshold: s.verdict.threshold, clearIf: s.verdict.clearIf },
      usesPlaceholderThreshold: s.verdict.usesPlaceholderThreshold, screenedAt: result.screenedAt,
      ...(pending ? { pendingRescreen: true } : {}),
    };
  });
}

/** The household page. */
export function presentHousehold(
  h: HouseholdRow,
  regionPath: HouseholdDetailDto['regionPath'],
  members: PersonPublicRow[],
  incomes: IncomeRow[],
  fact: FactRow | undefined,
  result: ScreeningOutcome | undefined,
  asOf: string,
): HouseholdDetailDto {
  return {
    id: h.id, householdNo: h.householdNo, regionPath, householdType: h.householdType as HouseholdType, monitoredCategory: h.monitoredCategory as MonitoredCategory | null,
    riskTypes: riskTypesOf(h.riskTypes), identifiedMonth: h.identifiedMonth, riskEliminated: h.riskEliminated === 1,
    eliminationMode: h.eliminationMode as 'assistance' | 'natural' | null, eliminatedMonth: h.eliminatedMonth, farmlandMu: h.farmlandMu, forestMu: h.forestMu,
    housingAreaM2: h.housingAreaM2, dangerousHouse: h.dangerousHouse === 1, safeDrinkingWater: h.safeDrinkingWater === 1, sanitaryToilet: h.sanitaryToilet === 1,
    members: members.map((m) => presentPerson(m, asOf)),
    incomes: incomes.map((r) => presentIncome(r, members.length)),
    facts: fact ? { year: fact.year, memberCount: fact.memberCount, labourCount: fact.labourCount, perCapitaNetIncomeFen: fact.perCapitaNetIncomeFen } : null,
    verdicts: presentVerdicts(result, fact),
    isDemo: h.isDemo === 1,
  };
}
